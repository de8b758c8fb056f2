pub mod deregister;
pub mod list;
