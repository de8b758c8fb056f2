pub mod copy;
pub mod list;
pub mod restore;
