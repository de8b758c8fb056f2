pub mod list;
pub mod snapshot;
