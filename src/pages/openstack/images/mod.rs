pub mod actions;
pub mod list;
