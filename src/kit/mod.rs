//! The parts every panel is built from: live lists, tables with their row actions, paging,
//! forms and deletes.

pub mod delete;
pub mod form;
pub mod live;
pub mod paging;
pub mod refusal;
pub mod table;
pub mod window;
