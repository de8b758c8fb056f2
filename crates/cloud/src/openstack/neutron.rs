//! Neutron, only as far as launching a copy of a snapshot needs it: the networks a new server
//! may join and the security groups it may carry.

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

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SecurityGroup {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub project_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SecurityGroupList {
    pub security_groups: Vec<SecurityGroup>,
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
        let path = format!("{}/networks{}", self.prefix()?, query.to_query_string());
        let list: NetworkList = self
            .0
            .request_json(Service::Neutron, Method::Get, &path, None)
            .await?;
        Ok(list.networks)
    }

    /// The project's security groups (Neutron shows a project only its own).
    pub async fn security_groups(&self) -> Result<Vec<SecurityGroup>, CloudError> {
        let mut query = Query::new();
        if let Some(project) = self.0.project() {
            query = query.filter("project_id", project.id.clone());
        }
        let path = format!(
            "{}/security-groups{}",
            self.prefix()?,
            query.to_query_string()
        );
        let list: SecurityGroupList = self
            .0
            .request_json(Service::Neutron, Method::Get, &path, None)
            .await?;
        Ok(list.security_groups)
    }

    /// Neutron's catalog URL usually has no version; some clouds add `/v2.0`.
    fn prefix(&self) -> Result<&'static str, CloudError> {
        let root = self.0.endpoint(Service::Neutron)?;
        Ok(if root.trim_end_matches('/').ends_with("/v2.0") {
            ""
        } else {
            "/v2.0"
        })
    }
}
