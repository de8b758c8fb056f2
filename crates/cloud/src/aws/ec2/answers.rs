//! The XML answer of each action, as read before the client hands its content on.

use serde::Deserialize;

use super::models::*;
use crate::{
    aws::xml,
    error::{CloudError, Service},
};

#[derive(Deserialize)]
pub(super) struct RegionsAnswer {
    #[serde(rename = "regionInfo", default, deserialize_with = "xml::items")]
    pub(super) regions: Vec<Region>,
}

#[derive(Deserialize)]
pub(super) struct ZonesAnswer {
    #[serde(
        rename = "availabilityZoneInfo",
        default,
        deserialize_with = "xml::items"
    )]
    pub(super) zones: Vec<AvailabilityZone>,
}

#[derive(Deserialize)]
pub(super) struct Reservation {
    #[serde(rename = "instancesSet", default, deserialize_with = "xml::items")]
    pub(super) instances: Vec<Instance>,
}

#[derive(Deserialize)]
pub(super) struct InstancesAnswer {
    #[serde(rename = "reservationSet", default, deserialize_with = "xml::items")]
    pub(super) reservations: Vec<Reservation>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    pub(super) next_token: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct StateChangesAnswer {
    #[serde(rename = "instancesSet", default, deserialize_with = "xml::items")]
    pub(super) changes: Vec<InstanceStateChange>,
}

#[derive(Deserialize)]
pub(super) struct VolumesAnswer {
    #[serde(rename = "volumeSet", default, deserialize_with = "xml::items")]
    pub(super) volumes: Vec<Volume>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    pub(super) next_token: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct SnapshotsAnswer {
    #[serde(rename = "snapshotSet", default, deserialize_with = "xml::items")]
    pub(super) snapshots: Vec<Snapshot>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    pub(super) next_token: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct ImagesAnswer {
    #[serde(rename = "imagesSet", default, deserialize_with = "xml::items")]
    pub(super) images: Vec<Image>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    pub(super) next_token: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct SnapshotIdAnswer {
    #[serde(rename = "snapshotId")]
    pub(super) snapshot_id: String,
}

#[derive(Deserialize)]
pub(super) struct ImageIdAnswer {
    #[serde(rename = "imageId")]
    pub(super) image_id: String,
}

/// Every answer without data of its own (`<return>true</return>`) is read as this, so a
/// `false` is an error rather than silently nothing.
#[derive(Deserialize)]
pub(super) struct ReturnAnswer {
    #[serde(rename = "return")]
    pub(super) ok: Option<bool>,
}

#[doc(hidden)]
/// The parsers of every EC2 answer, by action, for tests that feed them real and broken
/// answers. Each returns what the client would: a value or a [`CloudError`], never a panic.
pub fn parse_answer(action: &str, response: &crate::transport::Response) -> Result<(), CloudError> {
    fn check<T: serde::de::DeserializeOwned>(
        response: &crate::transport::Response,
    ) -> Result<(), CloudError> {
        xml::parse::<T>(Service::Ec2, response).map(drop)
    }
    match action {
        "DescribeRegions" => check::<RegionsAnswer>(response),
        "DescribeAvailabilityZones" => check::<ZonesAnswer>(response),
        "DescribeInstances" => check::<InstancesAnswer>(response),
        "StopInstances" | "StartInstances" => check::<StateChangesAnswer>(response),
        "DescribeVolumes" => check::<VolumesAnswer>(response),
        "CreateVolume" => check::<Volume>(response),
        "CreateSnapshot" => check::<Snapshot>(response),
        "CreateSnapshots" | "DescribeSnapshots" => check::<SnapshotsAnswer>(response),
        "CopySnapshot" => check::<SnapshotIdAnswer>(response),
        "CreateImage" => check::<ImageIdAnswer>(response),
        "DescribeImages" => check::<ImagesAnswer>(response),
        "DeleteSnapshot" | "DeleteVolume" | "CreateTags" | "DeleteTags" | "DeregisterImage" => {
            check::<ReturnAnswer>(response)
        }
        _ => Ok(()),
    }
}

#[derive(Deserialize)]
pub(super) struct ReplaceRootVolumeTaskAnswer {
    #[serde(rename = "replaceRootVolumeTask")]
    pub(super) task: ReplaceRootVolumeTask,
}

#[derive(Deserialize)]
pub(super) struct ReplaceRootVolumeTasksAnswer {
    #[serde(
        rename = "replaceRootVolumeTaskSet",
        default,
        deserialize_with = "xml::items"
    )]
    pub(super) tasks: Vec<ReplaceRootVolumeTask>,
}
