//! Widgets any page may use: they know nothing of clouds, sessions or routes.

pub mod cli;
pub mod confirm;
pub mod dialog;
pub mod status;
pub mod tags;
