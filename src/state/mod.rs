//! The app's state, below the pages and above the cloud clients: configuration, where the user
//! is, the sessions and accounts signed in, what the browser stores, polling.

pub mod accounts;
pub mod aws_keys;
pub mod config;
pub mod entry;
pub mod poll;
pub mod scope;
pub mod session;
pub mod storage;
pub mod vault;
