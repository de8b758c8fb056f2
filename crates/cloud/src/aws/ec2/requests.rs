//! What the client asks EC2: list queries and filters, and the calls that create.

use super::tags::*;
use crate::aws::query::Params;

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

    pub(super) fn apply(&self, params: Params, id_name: &str, min_page: u32) -> Params {
        let params = params.list(id_name, &self.ids).filters(&self.filters);
        if !self.ids.is_empty() {
            return params;
        }
        params
            .opt("MaxResults", self.max_results.map(|n| n.max(min_page)))
            .opt("NextToken", self.next_token.as_deref())
    }
}

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
    /// With EBS's default key; a volume from an encrypted snapshot is encrypted anyway.
    pub encrypted: bool,
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
    /// Encrypts the copy of an unencrypted snapshot; a copy of an encrypted one always is.
    pub encrypted: bool,
    /// The KMS key of the destination region the copy is encrypted with (key id, ARN, alias
    /// name or alias ARN); EBS's default key when `None`.
    pub kms_key_id: Option<String>,
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
