//! The parts every panel is built from: live lists, tables with their row actions, paging,
//! forms and deletes.

pub mod actions;
pub mod columns;
pub mod delete;
pub mod failure;
pub mod fields;
pub mod form;
pub mod keyed;
pub mod list_view;
pub mod live;
pub mod paging;
pub mod refusal;
pub mod row;
pub mod table;
pub mod window;
