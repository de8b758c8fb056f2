//! Pieces of the console that every page shares.

pub mod notifications;
pub mod shell;
pub mod side_nav;
pub mod top_bar;
