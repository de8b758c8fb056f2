//! EC2 in one region of an account: one method per action.

use std::time::{Duration, SystemTime};

use time::OffsetDateTime;

use super::{answers::*, models::*, requests::*, tags::*};
use crate::{
    aws::{Account, Page, Permission, errors, query::Params, xml},
    error::{CloudError, ErrorKind, Service},
    transport::{Method, Request},
};

/// How long a copy's presigned URL stays valid: AWS calls it when the copy starts, and the CLI
/// gives it this long.
const PRESIGNED_URL_LIFETIME: Duration = Duration::from_secs(3600);

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

    /// Replaces the instance's root volume with a new one made from `snapshot_id` (one of
    /// the root volume's lineage), or from its launch state when `None`. EC2 answers at once
    /// with a pending task; [`Ec2::replace_root_volume_task`] follows it.
    pub async fn create_replace_root_volume_task(
        &self,
        instance_id: &str,
        snapshot_id: Option<&str>,
        delete_replaced: bool,
    ) -> Result<ReplaceRootVolumeTask, CloudError> {
        let answer: ReplaceRootVolumeTaskAnswer = self
            .call(
                Params::new("CreateReplaceRootVolumeTask")
                    .set("InstanceId", instance_id)
                    .opt("SnapshotId", snapshot_id)
                    .set("DeleteReplacedRootVolume", delete_replaced),
            )
            .await?;
        Ok(answer.task)
    }

    /// One replacement task as EC2 sees it now.
    pub async fn replace_root_volume_task(
        &self,
        task_id: &str,
    ) -> Result<ReplaceRootVolumeTask, CloudError> {
        let answer: ReplaceRootVolumeTasksAnswer = self
            .call(
                Params::new("DescribeReplaceRootVolumeTasks")
                    .list("ReplaceRootVolumeTaskId", &[task_id]),
            )
            .await?;
        answer.tasks.into_iter().next().ok_or_else(|| {
            CloudError::new(
                crate::ErrorKind::NotFound,
                crate::Service::Ec2,
                format!("EC2 has no replace root volume task {task_id}"),
            )
        })
    }

    /// Attaches an available volume to an instance of its zone, as `device`.
    pub async fn attach_volume(
        &self,
        volume_id: &str,
        instance_id: &str,
        device: &str,
    ) -> Result<(), CloudError> {
        self.call_ok(
            Params::new("AttachVolume")
                .set("VolumeId", volume_id)
                .set("InstanceId", instance_id)
                .set("Device", device),
        )
        .await
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
            .flag("Encrypted", volume.encrypted)
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
        let params = self.copy_params(copy, OffsetDateTime::now_utc().into())?;
        let answer: SnapshotIdAnswer = self.call(params).await?;
        Ok(answer.snapshot_id)
    }

    /// CopySnapshot with what AWS requires to copy an encrypted snapshot through the Query API:
    /// the same call presigned for the source region, with `DestinationRegion`. It is sent for
    /// every copy, as the AWS CLI does, so the request does not depend on knowing the source's
    /// encryption.
    pub(crate) fn copy_params(
        &self,
        copy: &SnapshotCopy,
        time: SystemTime,
    ) -> Result<Params, CloudError> {
        let params = Params::new("CopySnapshot")
            .set("SourceRegion", &copy.source_region)
            .set("SourceSnapshotId", &copy.source_snapshot_id)
            .opt("Description", copy.description.as_deref())
            .flag("Encrypted", copy.encrypted)
            .opt("KmsKeyId", copy.kms_key_id.as_deref())
            .tag_specifications(&[("snapshot", &copy.tags)])
            .set("DestinationRegion", &self.region);
        let source = self.account.endpoint("ec2", &copy.source_region);
        let url = format!("{source}/?{}", params.encode_query());
        let presigned = self.account.presign(
            Service::Ec2,
            "ec2",
            &copy.source_region,
            &url,
            time,
            PRESIGNED_URL_LIFETIME,
        )?;
        Ok(params.set("PresignedUrl", presigned))
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
    use crate::{
        aws::Credentials,
        transport::{Http, Proxy},
    };

    /// Name/value pairs, sorted; a `PresignedUrl` is opened up into its own pairs, so the
    /// order the signers put parameters in does not matter and their signatures still must
    /// agree.
    fn pairs(form: &str) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(form.as_bytes())
            .flat_map(|(name, value)| {
                if name == "PresignedUrl" {
                    let (base, query) = value.split_once('?').unwrap();
                    let mut inner = vec![("PresignedUrl".to_owned(), base.to_owned())];
                    inner.extend(
                        pairs(query)
                            .into_iter()
                            .map(|(n, v)| (format!("PresignedUrl.{n}"), v)),
                    );
                    inner
                } else {
                    vec![(name.into_owned(), value.into_owned())]
                }
            })
            .collect();
        pairs.sort();
        pairs
    }

    /// botocore's body for the same copy, at the same time, with the same keys (recorded by
    /// `tests/samples/ec2/botocore/record_copy_snapshot.py`).
    #[test]
    fn an_encrypted_copy_carries_the_presigned_url_botocore_makes() {
        let account = crate::aws::Account::new(
            Http::new(),
            Proxy("/proxy/".into()),
            Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        );
        let copy = SnapshotCopy {
            source_region: "us-east-1".into(),
            source_snapshot_id: "snap-0123456789abcdef0".into(),
            description: Some("[Copied snap-0123456789abcdef0 from us-east-1] db weekly".into()),
            encrypted: true,
            kms_key_id: Some("arn:aws:kms:eu-central-1:123456789012:alias/backup".into()),
            tags: vec![Tag::new("Name", "db copy")],
        };
        // 2015-08-30T12:36:00Z
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        let ours = account
            .ec2("eu-central-1")
            .copy_params(&copy, time)
            .unwrap()
            .encode();
        let botocore = include_str!("../../../tests/samples/ec2/botocore/CopySnapshot-request.txt");
        assert_eq!(pairs(&ours), pairs(botocore.trim()));
        assert!(ours.contains("PresignedUrl=https%3A%2F%2Fec2.us-east-1.amazonaws.com%2F%3F"));
    }

    #[test]
    fn a_copy_is_refused_before_sending_once_the_keys_expired() {
        let expired_at = time::macros::datetime!(2015-08-30 12:00 UTC);
        let account = crate::aws::Account::new(
            Http::new(),
            Proxy("/proxy/".into()),
            Credentials::new("ASIAEXAMPLE", "secret")
                .with_session_token("token")
                .with_expiry(expired_at),
        );
        let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
        let copy = SnapshotCopy {
            source_region: "us-east-1".into(),
            source_snapshot_id: "snap-1".into(),
            ..SnapshotCopy::default()
        };
        let error = account
            .ec2("eu-central-1")
            .copy_params(&copy, time)
            .unwrap_err();
        assert_eq!(error.kind, ErrorKind::Expired);
    }
}
