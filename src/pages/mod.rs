//! One module per route.

pub mod home;
pub mod images;
pub mod instances;
pub mod not_found;
pub mod resource;
pub mod scoped;
