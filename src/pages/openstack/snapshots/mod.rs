pub mod list;
pub mod volume;
