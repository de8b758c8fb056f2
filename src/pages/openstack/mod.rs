//! The OpenStack panels: Nova, Glance and Cinder through the scope's Keystone session.

pub mod backups;
pub mod detail;
pub mod edit;
pub mod images;
pub mod instances;
pub mod quota;
pub mod snapshots;
pub mod volumes;
