//! The parts every panel is built from: live lists, tables, forms, deletes.

pub mod list;
pub mod window;
