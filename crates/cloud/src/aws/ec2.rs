//! EC2 over its Query API: regions and zones, instances, EBS volumes and snapshots, AMIs, tags.
//! Field names follow the EC2 model's XML member names; every list call pages with
//! `MaxResults`/`NextToken`.

use serde::{Deserialize, Serialize};

use super::{Account, Page, Permission, errors, query::Params, xml};
use crate::{
    Resource,
    error::{CloudError, ErrorKind, Service},
    transport::{Method, Request},
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    #[serde(default)]
    pub value: String,
}

impl Tag {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

impl Tag {
    /// Keys starting with `aws:` belong to AWS (DLM marks its snapshots so); users can neither
    /// set nor remove them.
    pub fn is_reserved(&self) -> bool {
        self.key.starts_with("aws:")
    }
}

/// What turns the tags `before` into `after`: the tags to set (new keys and changed values,
/// for CreateTags) and the keys to remove (for DeleteTags). Reserved keys are left alone.
pub fn tag_changes(before: &[Tag], after: &[Tag]) -> (Vec<Tag>, Vec<String>) {
    let set = after
        .iter()
        .filter(|t| !t.is_reserved() && !before.contains(t))
        .cloned()
        .collect();
    let removed = before
        .iter()
        .filter(|t| !t.is_reserved() && !after.iter().any(|a| a.key == t.key))
        .map(|t| t.key.clone())
        .collect();
    (set, removed)
}

fn tag<'a>(tags: &'a [Tag], key: &str) -> Option<&'a str> {
    tags.iter().find(|t| t.key == key).map(|t| t.value.as_str())
}

/// A list filter such as `tag:Name = web-*` or `attachment.instance-id = i-…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

impl Filter {
    pub fn new<S: Into<String>>(
        name: impl Into<String>,
        values: impl IntoIterator<Item = S>,
    ) -> Self {
        Self {
            name: name.into(),
            values: values.into_iter().map(Into::into).collect(),
        }
    }
}

/// What a list call asks for. EC2 refuses ids together with `MaxResults`, so ids win.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub ids: Vec<String>,
    pub filters: Vec<Filter>,
    pub max_results: Option<u32>,
    pub next_token: Option<String>,
}

impl Query {
    pub fn ids<S: Into<String>>(ids: impl IntoIterator<Item = S>) -> Self {
        Self {
            ids: ids.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }

    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    pub fn page_size(mut self, size: u32) -> Self {
        self.max_results = Some(size);
        self
    }

    pub fn after(mut self, token: Option<String>) -> Self {
        self.next_token = token;
        self
    }

    fn apply(&self, params: Params, id_name: &str, min_page: u32) -> Params {
        let params = params.list(id_name, &self.ids).filters(&self.filters);
        if !self.ids.is_empty() {
            return params;
        }
        params
            .opt("MaxResults", self.max_results.map(|n| n.max(min_page)))
            .opt("NextToken", self.next_token.as_deref())
    }
}

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
    #[serde(rename = "storageTier")]
    pub storage_tier: Option<String>,
    #[serde(rename = "tagSet", default, deserialize_with = "xml::items")]
    pub tags: Vec<Tag>,
}

impl Snapshot {
    pub fn tag(&self, key: &str) -> Option<&str> {
        tag(&self.tags, key)
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

/// CreateVolume; with a snapshot it is the restore.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewVolume {
    pub availability_zone: String,
    pub snapshot_id: Option<String>,
    /// GiB; from a snapshot, at least its size (the snapshot's when absent).
    pub size: Option<u32>,
    /// gp3, gp2, io1, io2, st1, sc1, standard; EC2's default (gp2) when absent.
    pub volume_type: Option<String>,
    pub iops: Option<u32>,
    pub throughput: Option<u32>,
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSnapshot {
    pub volume_id: String,
    pub description: Option<String>,
    /// The guide's `Name` and `Owner`, and any others.
    pub tags: Vec<Tag>,
}

/// CreateSnapshots: one crash-consistent snapshot of every EBS volume of an instance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstanceSnapshots {
    pub instance_id: String,
    pub description: Option<String>,
    pub exclude_boot_volume: bool,
    /// Each snapshot gets its volume's tags (`CopyTagsFromSource=volume`).
    pub copy_tags_from_volume: bool,
    pub tags: Vec<Tag>,
}

/// CopySnapshot, sent to the destination region's client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotCopy {
    pub source_region: String,
    pub source_snapshot_id: String,
    pub description: Option<String>,
    pub tags: Vec<Tag>,
}

/// CreateImage: an AMI of an instance, with a snapshot of each of its volumes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewImage {
    pub instance_id: String,
    pub name: String,
    pub description: Option<String>,
    /// Without a reboot the file systems may not be consistent.
    pub no_reboot: bool,
    pub tags: Vec<Tag>,
    /// Tags for the snapshots the AMI is made of. (moto fails with HTTP 500 when given any.)
    pub snapshot_tags: Vec<Tag>,
}

#[derive(Deserialize)]
struct RegionsAnswer {
    #[serde(rename = "regionInfo", default, deserialize_with = "xml::items")]
    regions: Vec<Region>,
}

#[derive(Deserialize)]
struct ZonesAnswer {
    #[serde(
        rename = "availabilityZoneInfo",
        default,
        deserialize_with = "xml::items"
    )]
    zones: Vec<AvailabilityZone>,
}

#[derive(Deserialize)]
struct Reservation {
    #[serde(rename = "instancesSet", default, deserialize_with = "xml::items")]
    instances: Vec<Instance>,
}

#[derive(Deserialize)]
struct InstancesAnswer {
    #[serde(rename = "reservationSet", default, deserialize_with = "xml::items")]
    reservations: Vec<Reservation>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    next_token: Option<String>,
}

#[derive(Deserialize)]
struct StateChangesAnswer {
    #[serde(rename = "instancesSet", default, deserialize_with = "xml::items")]
    changes: Vec<InstanceStateChange>,
}

#[derive(Deserialize)]
struct VolumesAnswer {
    #[serde(rename = "volumeSet", default, deserialize_with = "xml::items")]
    volumes: Vec<Volume>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    next_token: Option<String>,
}

#[derive(Deserialize)]
struct SnapshotsAnswer {
    #[serde(rename = "snapshotSet", default, deserialize_with = "xml::items")]
    snapshots: Vec<Snapshot>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    next_token: Option<String>,
}

#[derive(Deserialize)]
struct ImagesAnswer {
    #[serde(rename = "imagesSet", default, deserialize_with = "xml::items")]
    images: Vec<Image>,
    #[serde(rename = "nextToken", default, deserialize_with = "xml::token")]
    next_token: Option<String>,
}

#[derive(Deserialize)]
struct SnapshotIdAnswer {
    #[serde(rename = "snapshotId")]
    snapshot_id: String,
}

#[derive(Deserialize)]
struct ImageIdAnswer {
    #[serde(rename = "imageId")]
    image_id: String,
}

/// Every answer without data of its own (`<return>true</return>`) is read as this, so a
/// `false` is an error rather than silently nothing.
#[derive(Deserialize)]
struct ReturnAnswer {
    #[serde(rename = "return")]
    ok: Option<bool>,
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

/// EC2 in one region of an account.
#[derive(Debug, Clone)]
pub struct Ec2 {
    account: Account,
    region: String,
}

impl Ec2 {
    pub fn new(account: Account, region: &str) -> Self {
        Self {
            account,
            region: region.to_owned(),
        }
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// Sends one action and returns the raw answer when it succeeded. Describe calls are
    /// retried while EC2 throttles them; actions that change something never are.
    async fn send(&self, params: &Params) -> Result<crate::transport::Response, CloudError> {
        let url = format!("{}/", self.account.endpoint("ec2", &self.region));
        let mut request = Request::new(Method::Post, url).header(
            "content-type",
            "application/x-www-form-urlencoded; charset=utf-8",
        );
        request.body = Some(params.encode().into_bytes());
        let read = params.action.starts_with("Describe");
        let response = self
            .account
            .send(Service::Ec2, "ec2", &self.region, request, read)
            .await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(errors::decode(Service::Ec2, &response))
        }
    }

    async fn call<T: serde::de::DeserializeOwned>(&self, params: Params) -> Result<T, CloudError> {
        let response = self.send(&params).await?;
        xml::parse(Service::Ec2, &response)
    }

    async fn call_ok(&self, params: Params) -> Result<(), CloudError> {
        let answer: ReturnAnswer = self.call(params).await?;
        match answer.ok {
            Some(false) => Err(CloudError::new(
                ErrorKind::Unexpected,
                Service::Ec2,
                "EC2 answered false and gave no reason",
            )),
            _ => Ok(()),
        }
    }

    /// Asks with `DryRun=true` whether the call would be allowed; nothing is changed.
    async fn dry_run(&self, params: Params) -> Result<Permission, CloudError> {
        match self.send(&params.set("DryRun", "true")).await {
            Err(error) if error.kind == ErrorKind::DryRunOk => Ok(Permission::Allowed),
            Err(error) if error.kind == ErrorKind::Forbidden => Ok(Permission::Denied(error)),
            Err(error) => Err(error),
            Ok(_) => Err(CloudError::new(
                ErrorKind::Unexpected,
                Service::Ec2,
                "EC2 carried out a DryRun call instead of answering DryRunOperation",
            )),
        }
    }

    /// The regions enabled for the account.
    pub async fn regions(&self) -> Result<Vec<Region>, CloudError> {
        let answer: RegionsAnswer = self.call(Params::new("DescribeRegions")).await?;
        Ok(answer.regions)
    }

    pub async fn availability_zones(&self) -> Result<Vec<AvailabilityZone>, CloudError> {
        let answer: ZonesAnswer = self.call(Params::new("DescribeAvailabilityZones")).await?;
        Ok(answer.zones)
    }

    /// Instances of every reservation on the page, each with its block device mapping.
    pub async fn instances(&self, query: &Query) -> Result<Page<Instance>, CloudError> {
        let params = query.apply(Params::new("DescribeInstances"), "InstanceId", 5);
        let answer: InstancesAnswer = self.call(params).await?;
        Ok(Page {
            items: answer
                .reservations
                .into_iter()
                .flat_map(|r| r.instances)
                .collect(),
            next_token: answer.next_token,
        })
    }

    pub async fn stop_instances(
        &self,
        ids: &[&str],
    ) -> Result<Vec<InstanceStateChange>, CloudError> {
        let answer: StateChangesAnswer = self
            .call(Params::new("StopInstances").list("InstanceId", ids))
            .await?;
        Ok(answer.changes)
    }

    pub async fn start_instances(
        &self,
        ids: &[&str],
    ) -> Result<Vec<InstanceStateChange>, CloudError> {
        let answer: StateChangesAnswer = self
            .call(Params::new("StartInstances").list("InstanceId", ids))
            .await?;
        Ok(answer.changes)
    }

    pub async fn volumes(&self, query: &Query) -> Result<Page<Volume>, CloudError> {
        let params = query.apply(Params::new("DescribeVolumes"), "VolumeId", 5);
        let answer: VolumesAnswer = self.call(params).await?;
        Ok(Page {
            items: answer.volumes,
            next_token: answer.next_token,
        })
    }

    /// Deletes a volume that is not attached (EC2 answers `VolumeInUse` otherwise).
    pub async fn delete_volume(&self, id: &str) -> Result<(), CloudError> {
        self.call_ok(Params::new("DeleteVolume").set("VolumeId", id))
            .await
    }

    fn create_volume_params(volume: &NewVolume) -> Params {
        Params::new("CreateVolume")
            .set("AvailabilityZone", &volume.availability_zone)
            .opt("SnapshotId", volume.snapshot_id.as_deref())
            .opt("Size", volume.size)
            .opt("VolumeType", volume.volume_type.as_deref())
            .opt("Iops", volume.iops)
            .opt("Throughput", volume.throughput)
            .tag_specifications(&[("volume", &volume.tags)])
    }

    /// A new volume; from a snapshot, this is the restore.
    pub async fn create_volume(&self, volume: &NewVolume) -> Result<Volume, CloudError> {
        self.call(Self::create_volume_params(volume)).await
    }

    /// Whether [`Ec2::create_volume`] would be allowed, so a page can say so before the user
    /// fills in the form.
    pub async fn may_create_volume(&self, volume: &NewVolume) -> Result<Permission, CloudError> {
        self.dry_run(Self::create_volume_params(volume)).await
    }

    pub async fn create_snapshot(&self, snapshot: &NewSnapshot) -> Result<Snapshot, CloudError> {
        let params = Params::new("CreateSnapshot")
            .set("VolumeId", &snapshot.volume_id)
            .opt("Description", snapshot.description.as_deref())
            .tag_specifications(&[("snapshot", &snapshot.tags)]);
        self.call(params).await
    }

    /// One snapshot per EBS volume of the instance, taken at the same moment.
    pub async fn create_snapshots(
        &self,
        spec: &InstanceSnapshots,
    ) -> Result<Vec<Snapshot>, CloudError> {
        let params = Params::new("CreateSnapshots")
            .set("InstanceSpecification.InstanceId", &spec.instance_id)
            .flag(
                "InstanceSpecification.ExcludeBootVolume",
                spec.exclude_boot_volume,
            )
            .opt("Description", spec.description.as_deref())
            .opt(
                "CopyTagsFromSource",
                spec.copy_tags_from_volume.then_some("volume"),
            )
            .tag_specifications(&[("snapshot", &spec.tags)]);
        let answer: SnapshotsAnswer = self.call(params).await?;
        Ok(answer.snapshots)
    }

    /// The account's own snapshots (`Owner=self`; without it EC2 lists every public one too).
    pub async fn snapshots(&self, query: &Query) -> Result<Page<Snapshot>, CloudError> {
        let params = Params::new("DescribeSnapshots").list("Owner", &["self"]);
        let answer: SnapshotsAnswer = self.call(query.apply(params, "SnapshotId", 5)).await?;
        Ok(Page {
            items: answer.snapshots,
            next_token: answer.next_token,
        })
    }

    pub async fn delete_snapshot(&self, id: &str) -> Result<(), CloudError> {
        self.call_ok(Params::new("DeleteSnapshot").set("SnapshotId", id))
            .await
    }

    pub async fn may_delete_snapshot(&self, id: &str) -> Result<Permission, CloudError> {
        self.dry_run(Params::new("DeleteSnapshot").set("SnapshotId", id))
            .await
    }

    /// Copies a snapshot of `copy.source_region` into this client's region; returns the new
    /// snapshot's id.
    pub async fn copy_snapshot(&self, copy: &SnapshotCopy) -> Result<String, CloudError> {
        let params = Params::new("CopySnapshot")
            .set("SourceRegion", &copy.source_region)
            .set("SourceSnapshotId", &copy.source_snapshot_id)
            .opt("Description", copy.description.as_deref())
            .tag_specifications(&[("snapshot", &copy.tags)]);
        let answer: SnapshotIdAnswer = self.call(params).await?;
        Ok(answer.snapshot_id)
    }

    pub async fn create_tags(&self, resource_ids: &[&str], tags: &[Tag]) -> Result<(), CloudError> {
        self.call_ok(
            Params::new("CreateTags")
                .list("ResourceId", resource_ids)
                .tags("Tag", tags),
        )
        .await
    }

    /// Removes the tags with these keys, whatever their values.
    pub async fn delete_tags(
        &self,
        resource_ids: &[&str],
        keys: &[&str],
    ) -> Result<(), CloudError> {
        let mut params = Params::new("DeleteTags").list("ResourceId", resource_ids);
        for (i, key) in keys.iter().enumerate() {
            params = params.set(&format!("Tag.{}.Key", i + 1), key);
        }
        self.call_ok(params).await
    }

    /// An AMI of the instance; returns its id.
    pub async fn create_image(&self, image: &NewImage) -> Result<String, CloudError> {
        let params = Params::new("CreateImage")
            .set("InstanceId", &image.instance_id)
            .set("Name", &image.name)
            .opt("Description", image.description.as_deref())
            .flag("NoReboot", image.no_reboot)
            .tag_specifications(&[("image", &image.tags), ("snapshot", &image.snapshot_tags)]);
        let answer: ImageIdAnswer = self.call(params).await?;
        Ok(answer.image_id)
    }

    /// The account's own AMIs.
    pub async fn images(&self, query: &Query) -> Result<Page<Image>, CloudError> {
        let params = Params::new("DescribeImages").list("Owner", &["self"]);
        let answer: ImagesAnswer = self.call(query.apply(params, "ImageId", 1)).await?;
        Ok(Page {
            items: answer.images,
            next_token: answer.next_token,
        })
    }

    /// Deregisters an AMI; with `delete_snapshots`, EC2 deletes the snapshots behind it too.
    pub async fn deregister_image(
        &self,
        id: &str,
        delete_snapshots: bool,
    ) -> Result<(), CloudError> {
        self.call_ok(
            Params::new("DeregisterImage")
                .set("ImageId", id)
                .flag("DeleteAssociatedSnapshots", delete_snapshots),
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_changes_set_new_and_changed_values_and_remove_missing_keys() {
        let before = [
            Tag::new("Name", "db"),
            Tag::new("Owner", "ana"),
            Tag::new("Team", "ops"),
            Tag::new("aws:dlm:lifecycle-policy-id", "policy-1"),
        ];
        let after = [
            Tag::new("Name", "db"),
            Tag::new("Owner", "bea"),
            Tag::new("Backup", "daily"),
        ];
        let (set, removed) = tag_changes(&before, &after);
        assert_eq!(set, [Tag::new("Owner", "bea"), Tag::new("Backup", "daily")]);
        assert_eq!(removed, ["Team"]);
        assert_eq!(tag_changes(&before, &before), (vec![], vec![]));
    }

    #[test]
    fn reserved_tags_are_never_set_or_removed() {
        let (set, removed) = tag_changes(&[Tag::new("aws:x", "1")], &[Tag::new("aws:y", "2")]);
        assert!(set.is_empty() && removed.is_empty());
    }
}
