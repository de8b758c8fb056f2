//! The console around the pages: frame, top bar, side navigation, notices, sign-in and re-login,
//! language.

pub mod aws_login;
pub mod crash;
pub mod expiry;
pub mod frame;
pub mod language;
pub mod login;
pub mod nav;
pub mod notifications;
pub mod relogin;
pub mod side_nav;
pub mod sign_in;
pub mod top_bar;
