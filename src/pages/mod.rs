//! The routes: the home page, and every panel under the cloud it belongs to.

pub mod ec2;
pub mod home;
pub mod not_found;
pub mod openstack;
pub mod panels;
pub mod resource;
pub mod scoped;
