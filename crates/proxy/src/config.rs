//! The server's TOML configuration file.

use std::{
    net::SocketAddr,
    path::{Path, PathBuf},
};

use nubo_cloud::config::{CloudConfig, CloudKind, ConfigError, PortalConfig, is_name_char};
use serde::Deserialize;

/// The whole configuration file. Every key has a default, so an empty file serves `dist/` on
/// 127.0.0.1:8080 with no clouds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    #[serde(default = "default_listen")]
    pub listen: SocketAddr,
    /// The folder Trunk built; relative paths are relative to the configuration file.
    #[serde(default = "default_dist")]
    pub dist: PathBuf,
    /// The clouds shown to the app, exactly as `config.json` lists them. Their auth URLs are
    /// allowed upstreams without being listed in `upstreams`.
    #[serde(default)]
    pub clouds: Vec<CloudConfig>,
    /// Where the app may be hosted when it is not served by this server: the origins that get
    /// CORS answers. Empty (the default) when the app and the proxy share one origin.
    #[serde(default)]
    pub app_origins: Vec<String>,
    /// The names this server is reached by (`nubo.example.org`, `nubo.example.org:8443`), besides
    /// its listen address, `localhost` when that is a loopback one, and the hosts of
    /// `app_origins`. Requests for any other `Host` are refused, which is what stops DNS
    /// rebinding; a reverse proxy in front that keeps the client's `Host` needs its names here.
    #[serde(default)]
    pub public_hosts: Vec<String>,
    /// Upstreams the proxy may reach, by pattern (see `policy::Pattern`).
    #[serde(default)]
    pub upstreams: Vec<UpstreamConfig>,
    #[serde(default)]
    pub limits: Limits,
    /// OpenStack's standard clouds.yaml: its clouds are added to `clouds` (name, auth URL,
    /// region) and their Keystones allowed. Passwords and other secrets in it are never read.
    #[serde(default)]
    pub clouds_yaml: Option<PathBuf>,
    /// Worker threads, each serving its own connections; default: one per core.
    #[serde(default)]
    pub workers: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamConfig {
    /// `https://*.cloud.example.org:*`; without `*` it is exact and may be a private address.
    pub pattern: String,
    /// PEM bundle of the CAs that sign this cloud's certificates (private clouds often use
    /// their own); added to the public roots.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
    /// Skip certificate verification; logged as a warning at start.
    #[serde(default)]
    pub insecure: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest request body forwarded; API calls are small.
    pub body_bytes: usize,
    /// Largest upstream answer passed back: a larger declared one is a 502 naming this limit, a
    /// stream that grows past it is cut off.
    pub response_bytes: u64,
    pub connect_timeout_secs: u64,
    /// Until the upstream's response headers arrive; the body then streams, each chunk within
    /// `idle_timeout_secs` of the last.
    pub timeout_secs: u64,
    /// For a request's headers to arrive, counted from the connection's start or, on a kept-alive
    /// one, from the end of the previous answer: an idle connection is closed after it too.
    pub header_timeout_secs: u64,
    /// Longest silence inside a body, either way, and longest wait for a client to take the
    /// answer it asked for.
    pub idle_timeout_secs: u64,
    /// Upstream requests in flight at once, counted until their answer is sent; more get 503.
    pub max_concurrent: usize,
    /// Open client connections per worker; more wait in the listen queue.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 1024 * 1024,
            response_bytes: 64 * 1024 * 1024,
            connect_timeout_secs: 10,
            timeout_secs: 300,
            header_timeout_secs: 4,
            idle_timeout_secs: 30,
            max_concurrent: 512,
            max_connections: 1024,
        }
    }
}

fn default_listen() -> SocketAddr {
    SocketAddr::from(([127, 0, 0, 1], 8080))
}

fn default_dist() -> PathBuf {
    PathBuf::from("dist")
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: default_listen(),
            dist: default_dist(),
            clouds: Vec::new(),
            app_origins: Vec::new(),
            public_hosts: Vec::new(),
            upstreams: Vec::new(),
            limits: Limits::default(),
            clouds_yaml: None,
            workers: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid nubo configuration: {source}")]
    Parse {
        path: PathBuf,
        source: Box<toml::de::Error>,
    },
    #[error("{path}: {source}")]
    Invalid { path: PathBuf, source: ConfigError },
    #[error("{path} is not a valid clouds.yaml: {source}")]
    CloudsYaml {
        path: PathBuf,
        source: serde_yaml_ng::Error,
    },
}

impl ServerConfig {
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
            path: path.to_owned(),
            source,
        })?;
        let mut config = Self::parse(&text, path)?;
        let dir = path.parent().unwrap_or(Path::new("."));
        if config.dist.is_relative() {
            config.dist = dir.join(&config.dist);
        }
        if let Some(yaml) = config.clouds_yaml.clone() {
            let yaml = dir.join(yaml);
            let text = std::fs::read_to_string(&yaml).map_err(|source| LoadError::Read {
                path: yaml.clone(),
                source,
            })?;
            let imported = clouds_from_yaml(&text).map_err(|source| LoadError::CloudsYaml {
                path: yaml.clone(),
                source,
            })?;
            for cloud in imported {
                if config.clouds.iter().all(|c| c.name != cloud.name) {
                    config.clouds.push(cloud);
                }
            }
            config
                .portal_config()
                .validate()
                .map_err(|source| LoadError::Invalid { path: yaml, source })?;
        }
        Ok(config)
    }

    /// `path` only names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, LoadError> {
        let config: Self = toml::from_str(text).map_err(|source| LoadError::Parse {
            path: path.to_owned(),
            source: Box::new(source),
        })?;
        config
            .portal_config()
            .validate()
            .map_err(|source| LoadError::Invalid {
                path: path.to_owned(),
                source,
            })?;
        Ok(config)
    }

    /// The configured upstreams, then as exact patterns each OpenStack cloud's Keystone and each
    /// AWS cloud's own endpoint.
    pub fn allowed_upstreams(&self) -> Vec<UpstreamConfig> {
        let mut all = self.upstreams.clone();
        for cloud in &self.clouds {
            let url = match &cloud.kind {
                CloudKind::Openstack { auth_url, .. } => Some(auth_url),
                CloudKind::Aws { endpoint_url, .. } => endpoint_url.as_ref(),
            };
            if let Some(origin) = url.and_then(|u| url::Url::parse(u).ok()).map(|u| {
                format!(
                    "{}://{}:{}",
                    u.scheme(),
                    u.host_str().unwrap_or_default(),
                    u.port_or_known_default().unwrap_or_default()
                )
            }) && !all.iter().any(|u| u.pattern == origin)
            {
                all.push(UpstreamConfig {
                    pattern: origin,
                    ca_file: None,
                    insecure: false,
                });
            }
        }
        all
    }

    /// What the app receives as `config.json`. The proxy prefix is relative because this server
    /// serves the app and the proxy from one origin.
    pub fn portal_config(&self) -> PortalConfig {
        PortalConfig {
            clouds: self.clouds.clone(),
            ..PortalConfig::default()
        }
    }
}

#[derive(Deserialize)]
struct CloudsYaml {
    #[serde(default)]
    clouds: std::collections::BTreeMap<String, YamlCloud>,
}

/// Only what the app may see; `auth.password`, application credential secrets and the rest of
/// the file are not even deserialized.
#[derive(Deserialize)]
struct YamlCloud {
    auth: Option<YamlAuth>,
    region_name: Option<String>,
    regions: Option<Vec<serde_yaml_ng::Value>>,
}

#[derive(Deserialize)]
struct YamlAuth {
    auth_url: Option<String>,
}

/// The OpenStack clouds of a clouds.yaml that name an auth URL, with URL-safe names.
pub fn clouds_from_yaml(text: &str) -> Result<Vec<CloudConfig>, serde_yaml_ng::Error> {
    let file: CloudsYaml = serde_yaml_ng::from_str(text)?;
    Ok(file
        .clouds
        .into_iter()
        .filter_map(|(name, cloud)| {
            let auth_url = cloud.auth?.auth_url?;
            // `regions` entries are names or maps with a `name`; the first is the default.
            let first_region = cloud.regions.and_then(|regions| {
                regions.into_iter().next().and_then(|region| match region {
                    serde_yaml_ng::Value::String(name) => Some(name),
                    other => other.get("name")?.as_str().map(str::to_owned),
                })
            });
            let safe: String = name
                .chars()
                .map(|c| if is_name_char(c) { c } else { '-' })
                .collect();
            Some(CloudConfig {
                label: (safe != name).then(|| name.clone()),
                name: safe,
                kind: CloudKind::Openstack {
                    auth_url,
                    region: cloud.region_name.or(first_region),
                },
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ServerConfig, LoadError> {
        ServerConfig::parse(text, Path::new("nubo.toml"))
    }

    #[test]
    fn an_empty_file_means_defaults() {
        assert_eq!(parse("").unwrap(), ServerConfig::default());
    }

    #[test]
    fn reads_clouds_of_both_kinds() {
        let config = parse(
            r#"
            listen = "127.0.0.1:9999"
            dist = "/srv/nubo"

            [[clouds]]
            name = "local"
            kind = "openstack"
            auth_url = "http://127.0.0.1:5000/v3"

            [[clouds]]
            name = "ec2"
            label = "Local EC2"
            kind = "aws"
            regions = ["us-east-1", "eu-west-1"]
            endpoint_url = "http://127.0.0.1:5555"
            "#,
        )
        .unwrap();
        assert_eq!(config.listen.port(), 9999);
        assert_eq!(config.dist, PathBuf::from("/srv/nubo"));
        let portal = config.portal_config();
        assert_eq!(portal.proxy, "/proxy/");
        assert_eq!(portal.clouds.len(), 2);
        assert!(
            matches!(portal.clouds[1].kind, CloudKind::Aws { ref regions, .. } if regions.len() == 2)
        );
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let err = parse("listen = 8080").unwrap_err().to_string();
        assert!(
            err.starts_with("nubo.toml is not a valid nubo configuration"),
            "{err}"
        );
        let err = parse("[[clouds]]\nname = \"a\"\nkind = \"openstack\"\nauth_url = \"ftp://x\"")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "nubo.toml: cloud \"a\": \"ftp://x\" is not an http:// or https:// URL"
        );
    }

    #[test]
    fn clouds_yaml_lends_names_urls_and_regions_but_never_secrets() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("clouds.yaml"),
            r#"
clouds:
  prod:
    auth:
      auth_url: https://keystone.example.org:5000/v3
      username: alice
      password: hunter2
      project_name: ops
    region_name: RegionTwo
  "lab cloud":
    auth:
      auth_url: http://10.0.0.5:5000
      application_credential_secret: s3cr3t
    regions:
      - name: Lab1
      - Lab2
  no-auth-url:
    auth:
      username: bob
"#,
        )
        .unwrap();
        std::fs::write(
            dir.path().join("nubo.toml"),
            "clouds_yaml = \"clouds.yaml\"",
        )
        .unwrap();
        let config = ServerConfig::load(&dir.path().join("nubo.toml")).unwrap();
        let json = serde_json::to_string(&config.portal_config()).unwrap();
        assert!(!json.contains("hunter2") && !json.contains("s3cr3t") && !json.contains("alice"));
        let names: Vec<_> = config
            .clouds
            .iter()
            .map(|c| (c.name.as_str(), c.label()))
            .collect();
        assert_eq!(names, [("lab-cloud", "lab cloud"), ("prod", "prod")]);
        assert_eq!(
            config.clouds[0].kind,
            CloudKind::Openstack {
                auth_url: "http://10.0.0.5:5000".into(),
                region: Some("Lab1".into())
            }
        );
        let allowed: Vec<_> = config
            .allowed_upstreams()
            .into_iter()
            .map(|u| u.pattern)
            .collect();
        assert_eq!(
            allowed,
            ["http://10.0.0.5:5000", "https://keystone.example.org:5000"]
        );
    }

    #[test]
    fn relative_dist_is_relative_to_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nubo.toml");
        std::fs::write(&file, "dist = \"web\"").unwrap();
        assert_eq!(
            ServerConfig::load(&file).unwrap().dist,
            dir.path().join("web")
        );
        let missing = ServerConfig::load(&dir.path().join("none.toml")).unwrap_err();
        assert!(missing.to_string().starts_with("cannot read "), "{missing}");
    }
}
