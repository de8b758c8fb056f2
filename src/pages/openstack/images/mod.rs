pub mod launch;
pub mod list;
pub mod rebuild;
pub mod volume;
