//! Pieces of the console that every page shares.

pub mod aws_login;
pub mod cli;
pub mod confirm;
pub mod dialog;
pub mod expiry;
pub mod language;
pub mod login;
pub mod notifications;
pub mod relogin;
pub mod shell;
pub mod side_nav;
pub mod status;
pub mod tags;
pub mod top_bar;
pub mod window;
