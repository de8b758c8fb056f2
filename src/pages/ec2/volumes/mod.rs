pub mod attach;
pub mod list;
pub mod snapshot;
