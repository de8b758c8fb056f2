//! One module per route.

pub mod aws_scoped;
pub mod backups;
pub mod detail;
pub mod ec2;
pub mod ec2_amis;
pub mod ec2_detail;
pub mod ec2_instances;
pub mod ec2_schedules;
pub mod ec2_snapshot_forms;
pub mod ec2_snapshots;
pub mod ec2_tags;
pub mod ec2_volumes;
pub mod home;
pub mod image_actions;
pub mod images;
pub mod instances;
pub mod list;
pub mod not_found;
pub mod resource;
pub mod scoped;
pub mod volume_snapshots;
pub mod volumes;
