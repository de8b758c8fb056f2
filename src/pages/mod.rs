//! One module per route.

pub mod backups;
pub mod detail;
pub mod home;
pub mod image_actions;
pub mod images;
pub mod instances;
pub mod list;
pub mod not_found;
pub mod resource;
pub mod scoped;
pub mod volume_snapshots;
pub mod volumes;
