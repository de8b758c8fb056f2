pub mod extend;
pub mod list;
pub mod snapshot;
