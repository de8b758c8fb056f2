//! What EC2 answers about its resources: regions and zones, instances, volumes, snapshots, AMIs.

use serde::Deserialize;

use super::tags::*;
use crate::{Resource, aws::xml};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Region {
    #[serde(rename = "regionName")]
    pub name: String,
    #[serde(rename = "regionEndpoint")]
    pub endpoint: Option<String>,
    #[serde(rename = "optInStatus")]
    pub opt_in_status: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AvailabilityZone {
    #[serde(rename = "zoneName")]
    pub name: String,
    #[serde(rename = "zoneId")]
    pub id: Option<String>,
    #[serde(rename = "zoneState")]
    pub state: Option<String>,
    #[serde(rename = "regionName")]
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InstanceState {
    pub code: Option<i32>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Placement {
    #[serde(rename = "availabilityZone")]
    pub availability_zone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InstanceBlockDevice {
    #[serde(rename = "deviceName")]
    pub device_name: String,
    pub ebs: Option<AttachedEbs>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AttachedEbs {
    #[serde(rename = "volumeId")]
    pub volume_id: String,
    pub status: Option<String>,
    #[serde(rename = "attachTime")]
    pub attach_time: Option<String>,
    #[serde(rename = "deleteOnTermination")]
    pub delete_on_termination: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Instance {
    #[serde(rename = "instanceId")]
    pub id: String,
    #[serde(rename = "imageId")]
    pub image_id: Option<String>,
    #[serde(rename = "instanceState")]
    pub state: InstanceState,
    #[serde(rename = "instanceType")]
    pub instance_type: Option<String>,
    pub placement: Option<Placement>,
    #[serde(rename = "launchTime")]
    pub launch_time: Option<String>,
    #[serde(rename = "rootDeviceName")]
    pub root_device_name: Option<String>,
    #[serde(rename = "rootDeviceType")]
    pub root_device_type: Option<String>,
    #[serde(rename = "privateIpAddress")]
    pub private_ip: Option<String>,
    #[serde(rename = "ipAddress")]
    pub public_ip: Option<String>,
    pub platform: Option<String>,
    #[serde(
        rename = "blockDeviceMapping",
        default,
        deserialize_with = "xml::items"
    )]
    pub block_devices: Vec<InstanceBlockDevice>,
    #[serde(rename = "tagSet", default, deserialize_with = "xml::items")]
    pub tags: Vec<Tag>,
}

impl Instance {
    pub fn tag(&self, key: &str) -> Option<&str> {
        tag(&self.tags, key)
    }

    pub fn availability_zone(&self) -> Option<&str> {
        self.placement.as_ref()?.availability_zone.as_deref()
    }

    /// The EBS volume on its root device, which a root volume replacement replaces.
    pub fn root_volume_id(&self) -> Option<&str> {
        let root = self.root_device_name.as_deref()?;
        self.block_devices
            .iter()
            .find(|d| d.device_name == root)?
            .ebs
            .as_ref()
            .map(|ebs| ebs.volume_id.as_str())
    }

    /// The EBS volumes attached to it, as its block device mapping lists them.
    pub fn volume_ids(&self) -> impl Iterator<Item = &str> {
        self.block_devices
            .iter()
            .filter_map(|d| d.ebs.as_ref())
            .map(|ebs| ebs.volume_id.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct VolumeAttachment {
    #[serde(rename = "volumeId")]
    pub volume_id: Option<String>,
    #[serde(rename = "instanceId")]
    pub instance_id: Option<String>,
    pub device: Option<String>,
    pub status: Option<String>,
    #[serde(rename = "attachTime")]
    pub attach_time: Option<String>,
    #[serde(rename = "deleteOnTermination")]
    pub delete_on_termination: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Volume {
    #[serde(rename = "volumeId")]
    pub id: String,
    /// GiB.
    pub size: Option<u32>,
    #[serde(rename = "snapshotId")]
    pub snapshot_id: Option<String>,
    #[serde(rename = "availabilityZone")]
    pub availability_zone: Option<String>,
    /// creating, available, in-use, deleting, deleted, error
    #[serde(rename = "status")]
    pub state: String,
    #[serde(rename = "createTime")]
    pub create_time: Option<String>,
    #[serde(rename = "attachmentSet", default, deserialize_with = "xml::items")]
    pub attachments: Vec<VolumeAttachment>,
    #[serde(rename = "volumeType")]
    pub volume_type: Option<String>,
    pub iops: Option<u32>,
    pub throughput: Option<u32>,
    pub encrypted: Option<bool>,
    #[serde(rename = "kmsKeyId")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "multiAttachEnabled")]
    pub multi_attach: Option<bool>,
    #[serde(rename = "tagSet", default, deserialize_with = "xml::items")]
    pub tags: Vec<Tag>,
}

impl Volume {
    pub fn tag(&self, key: &str) -> Option<&str> {
        tag(&self.tags, key)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Snapshot {
    #[serde(rename = "snapshotId")]
    pub id: String,
    #[serde(rename = "volumeId")]
    pub volume_id: Option<String>,
    /// pending, completed, error, recoverable, recovering. DescribeSnapshots says `status`,
    /// CreateSnapshots `state`.
    #[serde(rename = "status", alias = "state", default)]
    pub state: String,
    #[serde(rename = "statusMessage")]
    pub state_message: Option<String>,
    #[serde(rename = "startTime")]
    pub start_time: Option<String>,
    /// `"74%"`, see [`Snapshot::percent`].
    pub progress: Option<String>,
    #[serde(rename = "ownerId")]
    pub owner_id: Option<String>,
    #[serde(rename = "ownerAlias")]
    pub owner_alias: Option<String>,
    pub description: Option<String>,
    /// GiB: the size of the volume it was taken of.
    #[serde(rename = "volumeSize")]
    pub volume_size: Option<u32>,
    pub encrypted: Option<bool>,
    /// The key an encrypted snapshot is encrypted with (AWS gives its ARN).
    #[serde(rename = "kmsKeyId")]
    pub kms_key_id: Option<String>,
    #[serde(rename = "storageTier")]
    pub storage_tier: Option<String>,
    #[serde(rename = "tagSet", default, deserialize_with = "xml::items")]
    pub tags: Vec<Tag>,
}

/// A root volume replacement (CreateReplaceRootVolumeTask): EC2 restores an instance's root
/// volume from a snapshot (or to its launch state) without stopping it for long.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ReplaceRootVolumeTask {
    #[serde(rename = "replaceRootVolumeTaskId")]
    pub id: String,
    #[serde(rename = "instanceId")]
    pub instance_id: Option<String>,
    /// pending, in-progress, failing, succeeded, failed, failed-detached.
    #[serde(rename = "taskState", default)]
    pub state: String,
    #[serde(rename = "startTime")]
    pub start_time: Option<String>,
    #[serde(rename = "completeTime")]
    pub complete_time: Option<String>,
    #[serde(rename = "snapshotId")]
    pub snapshot_id: Option<String>,
    #[serde(rename = "imageId")]
    pub image_id: Option<String>,
    #[serde(rename = "deleteReplacedRootVolume")]
    pub delete_replaced_root_volume: Option<bool>,
    #[serde(rename = "tagSet", default, deserialize_with = "xml::items")]
    pub tags: Vec<Tag>,
}

impl ReplaceRootVolumeTask {
    /// Whether EC2 is done with it, either way.
    pub fn is_over(&self) -> bool {
        matches!(
            self.state.as_str(),
            "succeeded" | "failed" | "failed-detached"
        )
    }
}

/// The tag Data Lifecycle Manager puts on each snapshot a policy makes.
pub const DLM_POLICY_TAG: &str = "aws:dlm:lifecycle-policy-id";

impl Snapshot {
    pub fn tag(&self, key: &str) -> Option<&str> {
        tag(&self.tags, key)
    }

    /// The DLM policy that made this snapshot, if a schedule made it.
    pub fn made_by_policy(&self) -> Option<&str> {
        self.tag(DLM_POLICY_TAG)
    }

    /// The progress as a number from 0 to 100, when EC2 gave one.
    pub fn percent(&self) -> Option<u8> {
        let progress = self.progress.as_deref()?.trim().trim_end_matches('%');
        progress.parse::<u8>().ok().filter(|p| *p <= 100)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BlockDeviceMapping {
    #[serde(rename = "deviceName")]
    pub device_name: Option<String>,
    pub ebs: Option<EbsBlockDevice>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EbsBlockDevice {
    #[serde(rename = "snapshotId")]
    pub snapshot_id: Option<String>,
    #[serde(rename = "volumeSize")]
    pub volume_size: Option<u32>,
    #[serde(rename = "volumeType")]
    pub volume_type: Option<String>,
    #[serde(rename = "deleteOnTermination")]
    pub delete_on_termination: Option<bool>,
    pub encrypted: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Image {
    #[serde(rename = "imageId")]
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    /// pending, available, invalid, deregistered, transient, failed, error, disabled
    #[serde(rename = "imageState", default)]
    pub state: String,
    #[serde(rename = "imageOwnerId")]
    pub owner_id: Option<String>,
    #[serde(rename = "creationDate")]
    pub creation_date: Option<String>,
    #[serde(rename = "isPublic")]
    pub public: Option<bool>,
    pub architecture: Option<String>,
    #[serde(rename = "rootDeviceName")]
    pub root_device_name: Option<String>,
    #[serde(rename = "sourceInstanceId")]
    pub source_instance_id: Option<String>,
    #[serde(
        rename = "blockDeviceMapping",
        default,
        deserialize_with = "xml::items"
    )]
    pub block_devices: Vec<BlockDeviceMapping>,
    #[serde(rename = "tagSet", default, deserialize_with = "xml::items")]
    pub tags: Vec<Tag>,
}

impl Image {
    pub fn tag(&self, key: &str) -> Option<&str> {
        tag(&self.tags, key)
    }

    /// The EBS snapshots behind it: what deregistering leaves behind unless they are deleted.
    pub fn snapshot_ids(&self) -> impl Iterator<Item = &str> {
        self.block_devices
            .iter()
            .filter_map(|d| d.ebs.as_ref()?.snapshot_id.as_deref())
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InstanceStateChange {
    #[serde(rename = "instanceId")]
    pub instance_id: String,
    #[serde(rename = "currentState")]
    pub current: InstanceState,
    #[serde(rename = "previousState")]
    pub previous: Option<InstanceState>,
}

macro_rules! tagged_resource {
    ($type:ty, $it:ident => $state:expr) => {
        impl Resource for $type {
            fn id(&self) -> &str {
                &self.id
            }
            /// The `Name` tag, as the AWS console shows it.
            fn name(&self) -> &str {
                self.tag("Name").unwrap_or_default()
            }
            fn status(&self) -> &str {
                let $it = self;
                $state
            }
        }
    };
}

tagged_resource!(Instance, i => &i.state.name);
tagged_resource!(Volume, v => &v.state);
tagged_resource!(Snapshot, s => &s.state);
tagged_resource!(Image, i => &i.state);
