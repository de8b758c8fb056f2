//! Nova (compute): servers, flavors, and the actions the portal's workflows need — snapshot an
//! instance (`createImage`), stop/start, rebuild from an image, launch a copy from an image.

use std::{collections::BTreeMap, sync::Arc};

use serde::{Deserialize, Deserializer};
use serde_json::{Value, json};

use super::{
    paging::{Link, Page, Query, next_marker},
    session::{Session, segment},
};
use crate::{
    error::{CloudError, Service},
    transport::Method,
};

const NOVA: Service = Service::Nova;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Server {
    pub id: String,
    /// Empty for servers in a cell that is down (2.69+ lists them with id and status only).
    #[serde(default)]
    pub name: String,
    pub status: String,
    #[serde(default, rename = "OS-EXT-STS:task_state")]
    pub task_state: Option<String>,
    #[serde(default, rename = "OS-EXT-STS:vm_state")]
    pub vm_state: Option<String>,
    #[serde(default, rename = "OS-EXT-STS:power_state")]
    pub power_state: Option<i64>,
    #[serde(default)]
    pub flavor: Option<ServerFlavor>,
    /// `None` for servers booted from a volume (Nova sends `""`).
    #[serde(default, deserialize_with = "image_ref")]
    pub image: Option<IdRef>,
    #[serde(default)]
    pub addresses: BTreeMap<String, Vec<Address>>,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub tenant_id: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub key_name: Option<String>,
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    #[serde(default, rename = "OS-EXT-AZ:availability_zone")]
    pub availability_zone: Option<String>,
    #[serde(default, rename = "os-extended-volumes:volumes_attached")]
    pub volumes_attached: Vec<IdRef>,
    /// By name, one entry per port that has it (a group on two ports is listed twice); absent
    /// for a server with no port.
    #[serde(default)]
    pub security_groups: Vec<NameRef>,
    /// Microversion 2.9 and later.
    #[serde(default)]
    pub locked: Option<bool>,
    /// Microversion 2.19 and later.
    #[serde(default)]
    pub description: Option<String>,
    /// Microversion 2.26 and later.
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    pub fault: Option<Fault>,
}

/// Before 2.47 a reference to a flavor; since, a copy of what it was at boot.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ServerFlavor {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub original_name: Option<String>,
    #[serde(default)]
    pub vcpus: Option<u32>,
    #[serde(default)]
    pub ram: Option<u64>,
    #[serde(default)]
    pub disk: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct IdRef {
    pub id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NameRef {
    pub name: String,
}

/// One of the project's key pairs (`GET /os-keypairs` wraps each in `{"keypair": …}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct KeyPair {
    pub name: String,
    #[serde(default)]
    pub fingerprint: Option<String>,
    /// `ssh` or `x509`, from microversion 2.2.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct KeyPairEntry {
    keypair: KeyPair,
}

#[derive(Debug, Deserialize)]
struct KeyPairList {
    keypairs: Vec<KeyPairEntry>,
}

#[derive(Debug, Deserialize)]
struct ZoneList {
    #[serde(rename = "availabilityZoneInfo")]
    zones: Vec<Zone>,
}

#[derive(Debug, Deserialize)]
struct Zone {
    #[serde(rename = "zoneName")]
    name: String,
    #[serde(rename = "zoneState")]
    state: ZoneState,
}

#[derive(Debug, Deserialize)]
struct ZoneState {
    available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Address {
    pub addr: String,
    #[serde(default)]
    pub version: Option<u8>,
    #[serde(default, rename = "OS-EXT-IPS:type")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Fault {
    #[serde(default)]
    pub code: Option<u16>,
    #[serde(default)]
    pub message: String,
}

fn image_ref<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<IdRef>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Image {
        Ref(IdRef),
        // `""` for a server booted from a volume.
        Other(#[allow(dead_code)] serde::de::IgnoredAny),
    }
    Ok(match Image::deserialize(deserializer)? {
        Image::Ref(reference) => Some(reference),
        Image::Other(_) => None,
    })
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Flavor {
    pub id: String,
    pub name: String,
    pub vcpus: u32,
    pub ram: u64,
    pub disk: u64,
    #[serde(default, rename = "OS-FLV-EXT-DATA:ephemeral")]
    pub ephemeral: Option<u64>,
    #[serde(default, rename = "os-flavor-access:is_public")]
    pub is_public: Option<bool>,
    /// Microversion 2.55 and later.
    #[serde(default)]
    pub description: Option<String>,
    /// Microversion 2.61 and later.
    #[serde(default)]
    pub extra_specs: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Deserialize)]
pub struct ServerList {
    pub servers: Vec<Server>,
    #[serde(default)]
    pub servers_links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
pub struct ServerBody {
    pub server: Server,
}

#[derive(Debug, Deserialize)]
pub struct FlavorList {
    pub flavors: Vec<Flavor>,
}

/// A new server's networks (required since microversion 2.37).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Networks {
    /// Let Nova pick or create the project's network.
    Auto,
    None,
    /// These networks, by id.
    Ids(Vec<String>),
}

/// What a new server boots from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Boot {
    /// A Glance image (an instance snapshot; a volume-backed one makes its volumes itself).
    Image(String),
    /// A new volume of `size` GiB that Cinder makes from a volume snapshot.
    VolumeFromSnapshot {
        snapshot_id: String,
        size: u64,
        /// Whether the volume goes when the server is deleted.
        delete_on_termination: bool,
    },
}

/// What `POST /servers` needs to launch a copy of a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewServer {
    pub name: String,
    pub boot: Boot,
    pub flavor_id: String,
    pub networks: Networks,
    pub availability_zone: Option<String>,
    pub key_name: Option<String>,
    /// By name; none for Nova's default group.
    pub security_groups: Vec<String>,
}

impl NewServer {
    pub fn body(&self) -> Value {
        let networks = match &self.networks {
            Networks::Auto => json!("auto"),
            Networks::None => json!("none"),
            Networks::Ids(ids) => ids.iter().map(|id| json!({ "uuid": id })).collect(),
        };
        let mut server = json!({
            "name": self.name,
            "flavorRef": self.flavor_id,
            "networks": networks,
        });
        match &self.boot {
            Boot::Image(id) => server["imageRef"] = json!(id),
            Boot::VolumeFromSnapshot {
                snapshot_id,
                size,
                delete_on_termination,
            } => {
                server["block_device_mapping_v2"] = json!([{
                    "boot_index": 0,
                    "uuid": snapshot_id,
                    "source_type": "snapshot",
                    "destination_type": "volume",
                    "volume_size": size,
                    "delete_on_termination": delete_on_termination,
                }]);
            }
        }
        if let Some(zone) = &self.availability_zone {
            server["availability_zone"] = json!(zone);
        }
        if let Some(key) = &self.key_name {
            server["key_name"] = json!(key);
        }
        if !self.security_groups.is_empty() {
            server["security_groups"] = self
                .security_groups
                .iter()
                .map(|name| json!({ "name": name }))
                .collect();
        }
        json!({ "server": server })
    }
}

#[derive(Debug, Deserialize)]
struct CreatedServer {
    server: IdRef,
}

#[derive(Debug, Deserialize)]
struct CreatedImage {
    image_id: String,
}

pub struct Nova<'a>(&'a Session);

impl Session {
    pub fn nova(&self) -> Nova<'_> {
        Nova(self)
    }
}

impl Nova<'_> {
    /// `GET /servers/detail` with `limit`, `marker` and filters such as `name` (a regular
    /// expression in Nova) and `status`.
    pub async fn servers(&self, query: &Query) -> Result<Page<Server>, CloudError> {
        let path = format!("/servers/detail{}", query.to_query_string());
        let list: ServerList = self.0.request_json(NOVA, Method::Get, &path, None).await?;
        Ok(Page {
            next_marker: next_marker(&list.servers_links),
            items: list.servers,
        })
    }

    pub async fn server(&self, id: &str) -> Result<Server, CloudError> {
        let path = format!("/servers/{}", segment(id));
        let body: ServerBody = self.0.request_json(NOVA, Method::Get, &path, None).await?;
        Ok(body.server)
    }

    /// Flavors, fetched once per session.
    pub async fn flavors(&self) -> Result<Arc<Vec<Flavor>>, CloudError> {
        if let Some(flavors) = self.0.cached_flavors() {
            return Ok(flavors);
        }
        let list: FlavorList = self
            .0
            .request_json(NOVA, Method::Get, "/flavors/detail", None)
            .await?;
        let flavors = Arc::new(list.flavors);
        self.0.cache_flavors(flavors.clone());
        Ok(flavors)
    }

    /// Snapshots a server into a Glance image and returns the image's id: in the body since
    /// microversion 2.45, in the `Location` header before.
    pub async fn create_image(
        &self,
        server_id: &str,
        name: &str,
        metadata: &BTreeMap<String, String>,
    ) -> Result<String, CloudError> {
        let body = json!({"createImage": {"name": name, "metadata": metadata}});
        let response = self.action_response(server_id, &body).await?;
        created_image_id(&response)
    }

    /// The user's key pairs.
    pub async fn key_pairs(&self) -> Result<Vec<KeyPair>, CloudError> {
        let list: KeyPairList = self
            .0
            .request_json(NOVA, Method::Get, "/os-keypairs", None)
            .await?;
        Ok(list.keypairs.into_iter().map(|k| k.keypair).collect())
    }

    /// The availability zones a server can be launched in (those Nova says are available).
    pub async fn zones(&self) -> Result<Vec<String>, CloudError> {
        let list: ZoneList = self
            .0
            .request_json(NOVA, Method::Get, "/os-availability-zone", None)
            .await?;
        Ok(list
            .zones
            .into_iter()
            .filter(|z| z.state.available)
            .map(|z| z.name)
            .collect())
    }

    /// The project's compute quota and usage (instances, cores, RAM).
    pub async fn limits(&self) -> Result<super::limits::Limits, CloudError> {
        let body: super::limits::LimitsBody = self
            .0
            .request_json(NOVA, Method::Get, "/limits", None)
            .await?;
        Ok(body.limits)
    }

    pub async fn stop(&self, server_id: &str) -> Result<(), CloudError> {
        self.action(server_id, &json!({"os-stop": null})).await
    }

    pub async fn start(&self, server_id: &str) -> Result<(), CloudError> {
        self.action(server_id, &json!({"os-start": null})).await
    }

    /// Rebuilds a server from an image (restoring it to a snapshot); the disk is replaced.
    pub async fn rebuild(&self, server_id: &str, image_id: &str) -> Result<(), CloudError> {
        self.action(server_id, &json!({"rebuild": {"imageRef": image_id}}))
            .await
    }

    /// Launches a server (an exact copy, from a snapshot image); returns its id.
    pub async fn create_server(&self, server: &NewServer) -> Result<String, CloudError> {
        let created: CreatedServer = self
            .0
            .request_json(NOVA, Method::Post, "/servers", Some(&server.body()))
            .await?;
        Ok(created.server.id)
    }

    pub async fn delete_server(&self, server_id: &str) -> Result<(), CloudError> {
        let path = format!("/servers/{}", segment(server_id));
        self.0
            .request(NOVA, Method::Delete, &path, None)
            .await
            .map(drop)
    }

    async fn action(&self, server_id: &str, body: &Value) -> Result<(), CloudError> {
        self.action_response(server_id, body).await.map(drop)
    }

    async fn action_response(
        &self,
        server_id: &str,
        body: &Value,
    ) -> Result<crate::transport::Response, CloudError> {
        let path = format!("/servers/{}/action", segment(server_id));
        self.0.request(NOVA, Method::Post, &path, Some(body)).await
    }
}

/// The image id of a `createImage` answer: the body since 2.45, the `Location` header before.
pub fn created_image_id(response: &crate::transport::Response) -> Result<String, CloudError> {
    if let Ok(created) = serde_json::from_slice::<CreatedImage>(&response.body) {
        return Ok(created.image_id);
    }
    response
        .header("location")
        .and_then(|location| location.trim_end_matches('/').rsplit('/').next())
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            CloudError::unreadable(NOVA, response, "no image id in the body or Location")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Response;

    #[test]
    fn a_server_boots_from_an_image_or_from_a_volume_made_from_a_snapshot() {
        let mut server = NewServer {
            name: "copy".into(),
            boot: Boot::Image("img".into()),
            flavor_id: "f".into(),
            networks: Networks::None,
            availability_zone: Some("nova".into()),
            key_name: Some("demo-key".into()),
            security_groups: vec!["default".into(), "web".into()],
        };
        let body = server.body();
        assert_eq!(body["server"]["imageRef"], "img");
        assert_eq!(body["server"]["networks"], "none");
        assert_eq!(body["server"]["key_name"], "demo-key");
        assert_eq!(
            body["server"]["security_groups"],
            json!([{ "name": "default" }, { "name": "web" }])
        );
        server.boot = Boot::VolumeFromSnapshot {
            snapshot_id: "snap".into(),
            size: 2,
            delete_on_termination: false,
        };
        let body = server.body();
        assert!(body["server"].get("imageRef").is_none());
        assert_eq!(
            body["server"]["block_device_mapping_v2"],
            json!([{
                "boot_index": 0, "uuid": "snap", "source_type": "snapshot",
                "destination_type": "volume", "volume_size": 2, "delete_on_termination": false,
            }])
        );
    }

    #[test]
    fn snapshot_ids_from_the_body_or_the_location_header() {
        let modern = Response {
            status: 202,
            headers: Vec::new(),
            body: br#"{"image_id": "0e7761dd"}"#.to_vec(),
        };
        assert_eq!(created_image_id(&modern).unwrap(), "0e7761dd");
        let old = Response {
            status: 202,
            headers: vec![(
                "location".into(),
                "http://glance.example.org:9292/v2/images/3e0c4f6a".into(),
            )],
            body: Vec::new(),
        };
        assert_eq!(created_image_id(&old).unwrap(), "3e0c4f6a");
        let neither = Response {
            status: 202,
            ..Response::default()
        };
        assert_eq!(
            created_image_id(&neither).unwrap_err().kind,
            crate::ErrorKind::Unexpected
        );
    }
}
