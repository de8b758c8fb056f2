//! Glance v2: images, and among them instance snapshots (Nova marks them with
//! `image_type = snapshot` and the `instance_uuid` they were taken from).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{
    paging::{Page, Query, marker_of},
    session::{Session, segment},
};
use crate::{
    error::{CloudError, Service},
    transport::Method,
};

const GLANCE: Service = Service::Glance;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Image {
    pub id: String,
    /// Glance allows images without a name.
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    #[serde(default)]
    pub visibility: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub virtual_size: Option<u64>,
    #[serde(default)]
    pub disk_format: Option<String>,
    #[serde(default)]
    pub container_format: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub protected: bool,
    #[serde(default)]
    pub min_disk: Option<u64>,
    #[serde(default)]
    pub min_ram: Option<u64>,
    #[serde(default)]
    pub checksum: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// `snapshot` for images Nova made from an instance.
    #[serde(default)]
    pub image_type: Option<String>,
    /// The instance a snapshot was taken from.
    #[serde(default)]
    pub instance_uuid: Option<String>,
    /// A snapshot of a server that boots from a volume: the Cinder snapshots it stands for.
    /// Nova writes them as a JSON list in a string; read once, here. None for an image with
    /// data of its own, or a mapping nubo cannot read (the image is then shown as plain).
    #[serde(
        default,
        rename = "block_device_mapping",
        deserialize_with = "json_in_string"
    )]
    pub block_devices: Vec<ImageBlockDevice>,
    /// Every other property, as Glance gives it (its own, Nova's, the user's).
    #[serde(flatten)]
    pub properties: BTreeMap<String, Value>,
}

/// One entry of a volume-backed snapshot's `block_device_mapping`: a volume Nova makes from a
/// Cinder snapshot when the image is launched.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ImageBlockDevice {
    #[serde(default)]
    pub source_type: Option<String>,
    #[serde(default)]
    pub destination_type: Option<String>,
    #[serde(default)]
    pub snapshot_id: Option<String>,
    #[serde(default)]
    pub volume_id: Option<String>,
    #[serde(default)]
    pub device_name: Option<String>,
    /// 0 for the root disk.
    #[serde(default)]
    pub boot_index: Option<i64>,
    #[serde(default)]
    pub volume_size: Option<u64>,
}

impl Image {
    /// An instance snapshot: Nova marks an image-backed one with `image_type`; a volume-backed
    /// one carries only its block device mapping.
    pub fn is_snapshot(&self) -> bool {
        self.image_type.as_deref() == Some("snapshot") || self.is_volume_backed()
    }

    /// A snapshot of a server booted from a volume: zero bytes in Glance, its data in Cinder
    /// snapshots.
    pub fn is_volume_backed(&self) -> bool {
        self.block_devices
            .iter()
            .any(|d| d.destination_type.as_deref() == Some("volume"))
    }

    /// The Cinder snapshots a volume-backed snapshot stands for, root disk first.
    pub fn volume_snapshot_ids(&self) -> Vec<String> {
        let mut devices = self.block_devices.clone();
        devices.sort_by_key(|d| {
            d.boot_index
                .map_or(i64::MAX, |i| if i < 0 { i64::MAX } else { i })
        });
        devices.into_iter().filter_map(|d| d.snapshot_id).collect()
    }
}

/// A JSON document inside a string property; what cannot be read is taken as none.
fn json_in_string<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let text = Option::<String>::deserialize(deserializer)?;
    Ok(text
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

#[derive(Debug, Deserialize)]
pub struct ImageList {
    pub images: Vec<Image>,
    #[serde(default)]
    pub next: Option<String>,
}

pub struct Glance<'a>(&'a Session);

impl Session {
    pub fn glance(&self) -> Glance<'_> {
        Glance(self)
    }
}

impl Glance<'_> {
    /// `GET /v2/images` with `limit`, `marker` and filters (`owner`, `visibility`, `status`,
    /// and any image property, e.g. `image_type=snapshot`).
    pub async fn images(&self, query: &Query) -> Result<Page<Image>, CloudError> {
        let path = format!("{}/images{}", self.v2()?, query.to_query_string());
        let list: ImageList = self
            .0
            .request_json(GLANCE, Method::Get, &path, None)
            .await?;
        Ok(Page {
            next_marker: list.next.as_deref().and_then(marker_of),
            items: list.images,
        })
    }

    /// Instance snapshots only.
    pub async fn snapshots(&self, query: &Query) -> Result<Page<Image>, CloudError> {
        self.images(&query.clone().filter("image_type", "snapshot"))
            .await
    }

    pub async fn image(&self, id: &str) -> Result<Image, CloudError> {
        let path = format!("{}/images/{}", self.v2()?, segment(id));
        self.0.request_json(GLANCE, Method::Get, &path, None).await
    }

    /// Deletes an image; Glance refuses protected ones (403, with its own message).
    pub async fn delete_image(&self, id: &str) -> Result<(), CloudError> {
        let path = format!("{}/images/{}", self.v2()?, segment(id));
        self.0
            .request(GLANCE, Method::Delete, &path, None)
            .await
            .map(drop)
    }

    /// Glance's catalog URL usually has no version; some clouds add `/v2`.
    fn v2(&self) -> Result<&'static str, CloudError> {
        let endpoint = self.0.endpoint(GLANCE)?;
        Ok(if endpoint.ends_with("/v2") { "" } else { "/v2" })
    }
}
