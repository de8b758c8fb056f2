//! Neutron, only as far as launching a copy of a snapshot needs it: the networks a new server
//! may join.

use serde::Deserialize;

use super::{Session, paging::Query};
use crate::{error::CloudError, error::Service, transport::Method};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Network {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub shared: Option<bool>,
    #[serde(default, rename = "router:external")]
    pub external: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct NetworkList {
    pub networks: Vec<Network>,
}

pub struct Neutron<'a>(&'a Session);

impl Session {
    pub fn neutron(&self) -> Neutron<'_> {
        Neutron(self)
    }
}

impl Neutron<'_> {
    /// The networks the project can use (its own and shared ones), as Neutron lists them.
    pub async fn networks(&self, query: &Query) -> Result<Vec<Network>, CloudError> {
        let root = self.0.endpoint(Service::Neutron)?;
        let prefix = if root.trim_end_matches('/').ends_with("/v2.0") {
            ""
        } else {
            "/v2.0"
        };
        let path = format!("{prefix}/networks{}", query.to_query_string());
        let list: NetworkList = self
            .0
            .request_json(Service::Neutron, Method::Get, &path, None)
            .await?;
        Ok(list.networks)
    }
}
