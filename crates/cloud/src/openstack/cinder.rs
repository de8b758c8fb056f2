//! Cinder v3 (block storage): volumes, volume snapshots, backups (including a backup of a
//! snapshot: `openstack volume backup create --snapshot SNAP VOLUME`), restores, and limits.

use std::collections::BTreeMap;

use serde::{Deserialize, de::DeserializeOwned};
use serde_json::{Value, json};

use super::{
    paging::{Link, Page, Query, next_marker},
    session::{Session, parse, segment},
};
use crate::{
    error::{CloudError, Service},
    transport::Method,
};

const CINDER: Service = Service::Cinder;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Volume {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    pub size: u64,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub availability_zone: Option<String>,
    #[serde(default)]
    pub volume_type: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub snapshot_id: Option<String>,
    #[serde(default)]
    pub source_volid: Option<String>,
    /// Cinder sends `"true"`/`"false"` as strings.
    #[serde(default)]
    pub bootable: Option<String>,
    #[serde(default)]
    pub encrypted: Option<bool>,
    #[serde(default)]
    pub multiattach: Option<bool>,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Attachment {
    #[serde(default)]
    pub server_id: Option<String>,
    #[serde(default)]
    pub attachment_id: Option<String>,
    #[serde(default)]
    pub device: Option<String>,
    #[serde(default)]
    pub attached_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Snapshot {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    pub size: u64,
    pub volume_id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    #[serde(default, rename = "os-extended-snapshot-attributes:progress")]
    pub progress: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Backup {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub volume_id: Option<String>,
    #[serde(default)]
    pub snapshot_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub container: Option<String>,
    #[serde(default)]
    pub availability_zone: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub data_timestamp: Option<String>,
    /// Why a backup went to `error`, in Cinder's words.
    #[serde(default)]
    pub fail_reason: Option<String>,
    #[serde(default)]
    pub is_incremental: Option<bool>,
    #[serde(default)]
    pub has_dependent_backups: Option<bool>,
    #[serde(default)]
    pub object_count: Option<u64>,
}

pub use super::limits::{Limits, LimitsBody};

/// A snapshot of a volume; `force` allows snapshotting a volume that is in use (needed before
/// microversion 3.66 only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSnapshot {
    pub volume_id: String,
    pub name: String,
    pub description: Option<String>,
    pub force: bool,
}

/// A backup; with `snapshot_id`, of that snapshot of `volume_id`. An empty container lets
/// Cinder choose its default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewBackup {
    pub volume_id: String,
    pub snapshot_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub container: Option<String>,
    pub incremental: bool,
    pub force: bool,
}

impl NewBackup {
    pub fn body(&self) -> Value {
        let mut backup = json!({
            "volume_id": self.volume_id,
            "name": self.name,
            "incremental": self.incremental,
            "force": self.force,
        });
        if let Some(snapshot) = &self.snapshot_id {
            backup["snapshot_id"] = json!(snapshot);
        }
        if let Some(description) = self.description.as_ref().filter(|d| !d.is_empty()) {
            backup["description"] = json!(description);
        }
        if let Some(container) = self.container.as_ref().filter(|c| !c.is_empty()) {
            backup["container"] = json!(container);
        }
        json!({ "backup": backup })
    }
}

/// A new volume made from a snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolumeFromSnapshot {
    pub snapshot_id: String,
    pub name: String,
    /// At least the snapshot's size; `None` for exactly that.
    pub size: Option<u64>,
    pub description: Option<String>,
}

/// A new volume made from a Glance image (bootable when the image is).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolumeFromImage {
    pub image_id: String,
    pub name: String,
    /// In GiB: at least the image's size and its `min_disk`.
    pub size: u64,
    pub description: Option<String>,
    pub availability_zone: Option<String>,
}

/// What Edit changes on a volume, a snapshot or a backup: its name and description (an empty
/// description clears it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Renamed {
    pub name: String,
    pub description: String,
}

/// The kinds of Cinder resource that Edit renames, each under its own path and body key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Volume,
    Snapshot,
    Backup,
}

impl Kind {
    fn key(self) -> &'static str {
        match self {
            Self::Volume => "volume",
            Self::Snapshot => "snapshot",
            Self::Backup => "backup",
        }
    }
}

/// Where a backup is restored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreTarget {
    /// A new volume, with this name.
    NewVolume { name: String },
    /// Overwrites an existing, available volume at least as large as the backup.
    Existing { volume_id: String },
}

/// `POST /backups/{id}/restore` answers with the volume being restored into.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Restore {
    pub backup_id: String,
    pub volume_id: String,
    #[serde(default)]
    pub volume_name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RestoreBody {
    restore: Restore,
}

#[derive(Debug, Deserialize)]
struct Created {
    #[serde(alias = "volume", alias = "snapshot", alias = "backup")]
    resource: CreatedId,
}

#[derive(Debug, Deserialize)]
struct CreatedId {
    id: String,
}

/// One page of `GET /{kind}/detail`: `{"volumes": […], "volumes_links": […]}`.
#[derive(Debug, Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
pub struct List<T> {
    #[serde(alias = "volumes", alias = "snapshots", alias = "backups")]
    pub items: Vec<T>,
    #[serde(
        default,
        alias = "volumes_links",
        alias = "snapshots_links",
        alias = "backups_links"
    )]
    pub links: Vec<Link>,
}

pub struct Cinder<'a>(&'a Session);

impl Session {
    pub fn cinder(&self) -> Cinder<'_> {
        Cinder(self)
    }
}

impl Cinder<'_> {
    pub async fn volumes(&self, query: &Query) -> Result<Page<Volume>, CloudError> {
        self.list("volumes", query).await
    }

    pub async fn volume(&self, id: &str) -> Result<Volume, CloudError> {
        self.show("volume", id).await
    }

    pub async fn snapshots(&self, query: &Query) -> Result<Page<Snapshot>, CloudError> {
        self.list("snapshots", query).await
    }

    pub async fn snapshot(&self, id: &str) -> Result<Snapshot, CloudError> {
        self.show("snapshot", id).await
    }

    pub async fn backups(&self, query: &Query) -> Result<Page<Backup>, CloudError> {
        self.list("backups", query).await
    }

    pub async fn backup(&self, id: &str) -> Result<Backup, CloudError> {
        self.show("backup", id).await
    }

    pub async fn limits(&self) -> Result<Limits, CloudError> {
        let body: LimitsBody = self
            .0
            .request_json(CINDER, Method::Get, "/limits", None)
            .await?;
        Ok(body.limits)
    }

    /// Returns the new snapshot's id.
    pub async fn create_snapshot(&self, snapshot: &NewSnapshot) -> Result<String, CloudError> {
        let mut body = json!({ "volume_id": snapshot.volume_id, "name": snapshot.name });
        // Since 3.66 Cinder snapshots in-use volumes without it and refuses `"force": false`.
        if snapshot.force {
            body["force"] = json!(true);
        }
        if let Some(description) = snapshot.description.as_ref().filter(|d| !d.is_empty()) {
            body["description"] = json!(description);
        }
        self.create("/snapshots", json!({ "snapshot": body })).await
    }

    /// Returns the new volume's id.
    pub async fn create_volume_from_snapshot(
        &self,
        volume: &VolumeFromSnapshot,
    ) -> Result<String, CloudError> {
        let mut body = json!({ "snapshot_id": volume.snapshot_id, "name": volume.name });
        // Cinder requires a size; without one, the snapshot's.
        let size = match volume.size {
            Some(size) => size,
            None => self.snapshot(&volume.snapshot_id).await?.size,
        };
        body["size"] = json!(size);
        if let Some(description) = volume.description.as_ref().filter(|d| !d.is_empty()) {
            body["description"] = json!(description);
        }
        self.create("/volumes", json!({ "volume": body })).await
    }

    /// Returns the new volume's id; it starts `creating`, then `downloading` the image.
    pub async fn create_volume_from_image(
        &self,
        volume: &VolumeFromImage,
    ) -> Result<String, CloudError> {
        let mut body =
            json!({ "imageRef": volume.image_id, "name": volume.name, "size": volume.size });
        if let Some(description) = volume.description.as_ref().filter(|d| !d.is_empty()) {
            body["description"] = json!(description);
        }
        if let Some(zone) = volume.availability_zone.as_ref().filter(|z| !z.is_empty()) {
            body["availability_zone"] = json!(zone);
        }
        self.create("/volumes", json!({ "volume": body })).await
    }

    /// Grows a volume to `new_size` GiB (an in-use one too, from microversion 3.42); Cinder
    /// refuses a size that is not larger.
    pub async fn extend_volume(&self, id: &str, new_size: u64) -> Result<(), CloudError> {
        let path = format!("/volumes/{}/action", segment(id));
        let body = json!({ "os-extend": { "new_size": new_size } });
        self.0
            .request(CINDER, Method::Post, &path, Some(&body))
            .await
            .map(drop)
    }

    /// Sets the name and description of a volume, snapshot or backup (backups from
    /// microversion 3.9).
    pub async fn rename(&self, kind: Kind, id: &str, renamed: &Renamed) -> Result<(), CloudError> {
        let key = kind.key();
        let path = format!("/{key}s/{}", segment(id));
        let body = json!({ key: { "name": renamed.name, "description": renamed.description } });
        self.0
            .request(CINDER, Method::Put, &path, Some(&body))
            .await
            .map(drop)
    }

    /// Returns the new backup's id; it starts `creating` and becomes `available`.
    pub async fn create_backup(&self, backup: &NewBackup) -> Result<String, CloudError> {
        self.create("/backups", backup.body()).await
    }

    pub async fn restore_backup(
        &self,
        backup_id: &str,
        target: &RestoreTarget,
    ) -> Result<Restore, CloudError> {
        let restore = match target {
            RestoreTarget::NewVolume { name } => json!({ "name": name }),
            RestoreTarget::Existing { volume_id } => json!({ "volume_id": volume_id }),
        };
        let path = format!("/backups/{}/restore", segment(backup_id));
        let body: RestoreBody = self
            .0
            .request_json(
                CINDER,
                Method::Post,
                &path,
                Some(&json!({ "restore": restore })),
            )
            .await?;
        Ok(body.restore)
    }

    pub async fn delete_volume(&self, id: &str) -> Result<(), CloudError> {
        self.delete("volumes", id).await
    }

    pub async fn delete_snapshot(&self, id: &str) -> Result<(), CloudError> {
        self.delete("snapshots", id).await
    }

    pub async fn delete_backup(&self, id: &str) -> Result<(), CloudError> {
        self.delete("backups", id).await
    }

    async fn list<T: DeserializeOwned>(
        &self,
        kind: &str,
        query: &Query,
    ) -> Result<Page<T>, CloudError> {
        let path = format!("/{kind}/detail{}", query.to_query_string());
        let list: List<T> = self
            .0
            .request_json(CINDER, Method::Get, &path, None)
            .await?;
        Ok(Page {
            next_marker: next_marker(&list.links),
            items: list.items,
        })
    }

    async fn show<T: DeserializeOwned>(&self, kind: &str, id: &str) -> Result<T, CloudError> {
        let path = format!("/{kind}s/{}", segment(id));
        let response = self.0.request(CINDER, Method::Get, &path, None).await?;
        // `{"volume": {…}}`: the one entry, named for its kind.
        let mut body: BTreeMap<String, T> = parse(CINDER, &response)?;
        body.remove(kind).ok_or_else(|| {
            CloudError::unreadable(CINDER, &response, format!("no \"{kind}\" in the answer"))
        })
    }

    async fn create(&self, path: &str, body: Value) -> Result<String, CloudError> {
        let created: Created = self
            .0
            .request_json(CINDER, Method::Post, path, Some(&body))
            .await?;
        Ok(created.resource.id)
    }

    async fn delete(&self, kind: &str, id: &str) -> Result<(), CloudError> {
        let path = format!("/{kind}/{}", segment(id));
        self.0
            .request(CINDER, Method::Delete, &path, None)
            .await
            .map(drop)
    }
}
