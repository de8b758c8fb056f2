//! The app's decisions that need no browser: where a URL leads, the command line a form
//! stands for, the query a list page sends, and when a row action is allowed. The Leptos app
//! reads them; here they compile natively and `cargo test` covers them.

pub mod allowed;
pub mod cli;
pub mod device;
pub mod input;
pub mod listing;
pub mod route;
pub mod status;
