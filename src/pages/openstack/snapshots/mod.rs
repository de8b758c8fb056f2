pub mod backup;
pub mod list;
pub mod volume;
