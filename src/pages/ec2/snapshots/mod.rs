pub mod forms;
pub mod list;
