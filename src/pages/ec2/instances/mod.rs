pub mod image;
pub mod list;
pub mod replace_root;
pub mod snapshots;
