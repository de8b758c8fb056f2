pub mod launch;
pub mod list;
pub mod rebuild;
