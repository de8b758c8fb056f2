//! EC2 over its Query API: regions and zones, instances, EBS volumes and snapshots, AMIs, tags.
//! Field names follow the EC2 model's XML member names; every list call pages with
//! `MaxResults`/`NextToken`.

mod answers;
mod client;
mod models;
mod requests;
mod tags;

pub use answers::parse_answer;
pub use client::Ec2;
pub use models::*;
pub use requests::*;
pub use tags::*;
