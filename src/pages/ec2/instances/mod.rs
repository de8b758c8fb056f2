pub mod image;
pub mod list;
pub mod snapshots;
