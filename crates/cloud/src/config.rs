//! The portal's configuration as the app reads it from `config.json`: which clouds exist and where
//! the CORS proxy is. It never holds secrets; credentials are typed into the browser tab.

use serde::{Deserialize, Serialize};

use crate::{CloudError, ErrorKind, Service};

/// The whole of `config.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalConfig {
    /// URL prefix of the CORS proxy; the app requests `{proxy}{absolute upstream URL}`. Relative
    /// when the proxy also serves the app, absolute when `dist/` is hosted elsewhere.
    #[serde(default = "default_proxy")]
    pub proxy: String,
    #[serde(default)]
    pub clouds: Vec<CloudConfig>,
}

fn default_proxy() -> String {
    "/proxy/".to_owned()
}

impl Default for PortalConfig {
    fn default() -> Self {
        Self {
            proxy: default_proxy(),
            clouds: Vec::new(),
        }
    }
}

/// One cloud the user can log in to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloudConfig {
    /// Short, unique and URL-safe: it names the cloud in the portal's URLs.
    pub name: String,
    /// What the user sees; the name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(flatten)]
    pub kind: CloudKind,
}

impl CloudConfig {
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }

    /// An OpenStack cloud's Keystone URL and preselected region.
    pub fn openstack(&self) -> Result<(&str, Option<&str>), CloudError> {
        match &self.kind {
            CloudKind::Openstack { auth_url, region } => Ok((auth_url, region.as_deref())),
            CloudKind::Aws { .. } => Err(self.not_a(Service::Keystone, "an OpenStack cloud")),
        }
    }

    /// An AWS account's regions offered before sign-in, and its endpoint when not AWS's own.
    pub fn aws(&self) -> Result<(&[String], Option<&str>), CloudError> {
        match &self.kind {
            CloudKind::Aws {
                regions,
                endpoint_url,
            } => Ok((regions, endpoint_url.as_deref())),
            CloudKind::Openstack { .. } => Err(self.not_a(Service::Ec2, "an AWS account")),
        }
    }

    fn not_a(&self, service: Service, kind: &str) -> CloudError {
        let said = format!("{} is not {kind}", self.label());
        CloudError::new(ErrorKind::Invalid, service, said)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum CloudKind {
    /// Regions and service endpoints come from Keystone's catalog after login.
    Openstack {
        auth_url: String,
        /// The region preselected after login.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
    },
    /// EC2 has no catalog, so the regions offered before login are listed here.
    Aws {
        regions: Vec<String>,
        /// For EC2-compatible endpoints such as a local emulator; AWS's own when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        endpoint_url: Option<String>,
    },
}

impl CloudKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            CloudKind::Openstack { .. } => "openstack",
            CloudKind::Aws { .. } => "aws",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("a cloud has an empty name")]
    EmptyName,
    #[error("cloud name {0:?} may only use letters, digits, '-' and '_'")]
    BadName(String),
    #[error("cloud {0:?} is configured twice")]
    DuplicateName(String),
    #[error("cloud {cloud:?}: {url:?} is not an http:// or https:// URL")]
    BadUrl { cloud: String, url: String },
    #[error("AWS cloud {0:?} lists no regions")]
    NoRegions(String),
}

/// What a cloud name may be made of: it appears in the portal's URLs.
pub fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

impl PortalConfig {
    /// Checks what serde cannot: the app relies on unique, URL-safe names and usable URLs.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let mut seen = std::collections::HashSet::new();
        for cloud in &self.clouds {
            if cloud.name.is_empty() {
                return Err(ConfigError::EmptyName);
            }
            if !cloud.name.chars().all(is_name_char) {
                return Err(ConfigError::BadName(cloud.name.clone()));
            }
            if !seen.insert(cloud.name.as_str()) {
                return Err(ConfigError::DuplicateName(cloud.name.clone()));
            }
            let url = match &cloud.kind {
                CloudKind::Openstack { auth_url, .. } => Some(auth_url),
                CloudKind::Aws {
                    regions,
                    endpoint_url,
                } => {
                    if regions.is_empty() {
                        return Err(ConfigError::NoRegions(cloud.name.clone()));
                    }
                    endpoint_url.as_ref()
                }
            };
            if let Some(url) = url
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                return Err(ConfigError::BadUrl {
                    cloud: cloud.name.clone(),
                    url: url.clone(),
                });
            }
        }
        Ok(())
    }

    pub fn cloud(&self, name: &str) -> Option<&CloudConfig> {
        self.clouds.iter().find(|c| c.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"{
        "proxy": "/proxy/",
        "clouds": [
            {"name": "local", "label": "Local OpenStack", "kind": "openstack",
             "auth_url": "http://127.0.0.1:5000/v3", "region": "RegionOne"},
            {"name": "aws-dev", "kind": "aws", "regions": ["us-east-1", "eu-west-1"]}
        ]
    }"#;

    #[test]
    fn reads_both_kinds_of_cloud() {
        let config: PortalConfig = serde_json::from_str(SAMPLE).unwrap();
        config.validate().unwrap();
        assert_eq!(config.clouds.len(), 2);
        assert_eq!(config.clouds[0].label(), "Local OpenStack");
        assert_eq!(
            config.clouds[0].kind,
            CloudKind::Openstack {
                auth_url: "http://127.0.0.1:5000/v3".into(),
                region: Some("RegionOne".into())
            }
        );
        assert_eq!(config.clouds[1].label(), "aws-dev");
        assert_eq!(config.clouds[1].kind.as_str(), "aws");
        assert_eq!(config.cloud("aws-dev"), Some(&config.clouds[1]));
        assert_eq!(config.cloud("nope"), None);
    }

    #[test]
    fn each_kind_gives_its_own_settings_and_refuses_the_others() {
        let config: PortalConfig = serde_json::from_str(SAMPLE).unwrap();
        let (local, aws) = (&config.clouds[0], &config.clouds[1]);
        assert_eq!(
            local.openstack().unwrap(),
            ("http://127.0.0.1:5000/v3", Some("RegionOne"))
        );
        let (regions, endpoint) = aws.aws().unwrap();
        assert_eq!((regions.len(), endpoint), (2, None));
        let refused = local.aws().unwrap_err();
        assert_eq!(refused.kind, ErrorKind::Invalid);
        assert!(
            refused
                .to_string()
                .contains("Local OpenStack is not an AWS account")
        );
        assert_eq!(aws.openstack().unwrap_err().service, Service::Keystone);
    }

    #[test]
    fn round_trips_through_json() {
        let config: PortalConfig = serde_json::from_str(SAMPLE).unwrap();
        let again: PortalConfig =
            serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
        assert_eq!(config, again);
    }

    #[test]
    fn empty_document_means_no_clouds_and_the_default_proxy() {
        let config: PortalConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(config, PortalConfig::default());
        assert_eq!(config.proxy, "/proxy/");
    }

    #[test]
    fn refuses_unknown_kinds_and_fields() {
        let unknown_kind = r#"{"clouds": [{"name": "x", "kind": "azure"}]}"#;
        assert!(serde_json::from_str::<PortalConfig>(unknown_kind).is_err());
        let typo = r#"{"cloudz": []}"#;
        assert!(serde_json::from_str::<PortalConfig>(typo).is_err());
    }

    fn with(clouds: &str) -> PortalConfig {
        serde_json::from_str(&format!(r#"{{"clouds": {clouds}}}"#)).unwrap()
    }

    #[test]
    fn validation_names_what_is_wrong() {
        let os = |name: &str, url: &str| {
            format!(r#"{{"name": "{name}", "kind": "openstack", "auth_url": "{url}"}}"#)
        };
        let cases = [
            (format!("[{}]", os("", "http://a")), ConfigError::EmptyName),
            (
                format!("[{}]", os("a b", "http://a")),
                ConfigError::BadName("a b".into()),
            ),
            (
                format!("[{}, {}]", os("a", "http://a"), os("a", "http://b")),
                ConfigError::DuplicateName("a".into()),
            ),
            (
                format!("[{}]", os("a", "ftp://a")),
                ConfigError::BadUrl {
                    cloud: "a".into(),
                    url: "ftp://a".into(),
                },
            ),
            (
                r#"[{"name": "e", "kind": "aws", "regions": []}]"#.to_owned(),
                ConfigError::NoRegions("e".into()),
            ),
        ];
        for (clouds, expected) in cases {
            assert_eq!(with(&clouds).validate(), Err(expected), "{clouds}");
        }
    }
}
