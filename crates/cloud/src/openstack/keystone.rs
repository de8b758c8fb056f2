//! Keystone v3: logging in (password or application credential), the token and its catalog,
//! the projects a user may switch to.

use std::fmt;

use serde::Deserialize;
use serde_json::{Value, json};
use time::{OffsetDateTime, format_description::well_known::Rfc3339};

/// Which project a password login is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectScope {
    Id(String),
    Name {
        name: String,
        domain: String,
    },
    /// None named, as Horizon allows: Keystone's unscoped token, then one of the user's
    /// projects: `preferred` (the last used on this device) when the user still has it, else
    /// the first.
    Unnamed {
        preferred: Option<String>,
    },
}

/// What a user types into the login form. `Debug` never shows a secret.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    Password {
        user: String,
        user_domain: String,
        password: String,
        project: ProjectScope,
    },
    /// An application credential is bound to its project; it cannot be re-scoped.
    ApplicationCredential { id: String, secret: String },
    /// The same, named: a credential name is unique per user only.
    NamedApplicationCredential {
        name: String,
        user: String,
        user_domain: String,
        secret: String,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Password {
                user,
                user_domain,
                project,
                ..
            } => f
                .debug_struct("Password")
                .field("user", user)
                .field("user_domain", user_domain)
                .field("project", project)
                .finish_non_exhaustive(),
            Self::ApplicationCredential { id, .. } => f
                .debug_struct("ApplicationCredential")
                .field("id", id)
                .finish_non_exhaustive(),
            Self::NamedApplicationCredential { name, user, .. } => f
                .debug_struct("NamedApplicationCredential")
                .field("name", name)
                .field("user", user)
                .finish_non_exhaustive(),
        }
    }
}

impl Credentials {
    /// The body of `POST /v3/auth/tokens`.
    pub fn auth_body(&self) -> Value {
        match self {
            Self::Password {
                user,
                user_domain,
                password,
                project,
            } => {
                let identity = json!({"methods": ["password"], "password": {"user": {
                    "name": user, "domain": {"name": user_domain}, "password": password,
                }}});
                match project_scope(project) {
                    Some(project) => {
                        json!({"auth": {"identity": identity, "scope": {"project": project}}})
                    }
                    None => json!({"auth": {"identity": identity}}),
                }
            }
            Self::ApplicationCredential { id, secret } => json!({"auth": {"identity": {
                "methods": ["application_credential"],
                "application_credential": {"id": id, "secret": secret},
            }}}),
            Self::NamedApplicationCredential {
                name,
                user,
                user_domain,
                secret,
            } => json!({"auth": {"identity": {
                "methods": ["application_credential"],
                "application_credential": {
                    "name": name,
                    "secret": secret,
                    "user": {"name": user, "domain": {"name": user_domain}},
                },
            }}}),
        }
    }
}

fn project_scope(project: &ProjectScope) -> Option<Value> {
    match project {
        ProjectScope::Id(id) => Some(json!({ "id": id })),
        ProjectScope::Name { name, domain } => {
            Some(json!({"name": name, "domain": {"name": domain}}))
        }
        ProjectScope::Unnamed { .. } => None,
    }
}

/// Re-scoping: the current token buys a token for another project.
pub fn rescope_body(token: &str, project_id: &str) -> Value {
    json!({"auth": {
        "identity": {"methods": ["token"], "token": {"id": token}},
        "scope": {"project": {"id": project_id}},
    }})
}

/// `{"token": {...}}` from `POST /v3/auth/tokens`; the token itself is in `X-Subject-Token`.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenBody {
    pub token: TokenInfo,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TokenInfo {
    pub expires_at: String,
    #[serde(default)]
    pub issued_at: Option<String>,
    pub user: Named,
    #[serde(default)]
    pub project: Option<Named>,
    #[serde(default)]
    pub roles: Vec<Named>,
    #[serde(default)]
    pub catalog: Vec<CatalogEntry>,
    #[serde(default)]
    pub methods: Vec<String>,
}

impl TokenInfo {
    pub fn expires(&self) -> Result<OffsetDateTime, time::error::Parse> {
        OffsetDateTime::parse(&self.expires_at, &Rfc3339)
    }

    /// When the token expires by the clock of the machine that received it at `received`: its
    /// lifetime (expires − issued) counted from then. A browser whose clock is off from
    /// Keystone's would otherwise see every fresh token as expired, or none ever expire.
    pub fn expires_locally(
        &self,
        received: OffsetDateTime,
    ) -> Result<OffsetDateTime, time::error::Parse> {
        let expires = self.expires()?;
        match &self.issued_at {
            Some(issued) => Ok(received + (expires - OffsetDateTime::parse(issued, &Rfc3339)?)),
            None => Ok(expires),
        }
    }
}

/// A user, project, role or domain as Keystone names it inside a token.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Named {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub domain: Option<Box<Named>>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CatalogEntry {
    #[serde(rename = "type")]
    pub service_type: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub endpoints: Vec<Endpoint>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Endpoint {
    pub interface: String,
    /// Older catalogs name the region only in `region`.
    #[serde(default)]
    pub region_id: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    pub url: String,
}

impl Endpoint {
    pub fn region(&self) -> Option<&str> {
        self.region_id.as_deref().or(self.region.as_deref())
    }
}

/// `GET /v3/auth/projects`
#[derive(Debug, Clone, Deserialize)]
pub struct ProjectList {
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub domain_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "enabled")]
    pub enabled: bool,
}

fn enabled() -> bool {
    true
}

/// Service types a catalog may use for one service (Cinder's changed over the years).
pub fn service_types(service: crate::error::Service) -> &'static [&'static str] {
    use crate::error::Service;
    match service {
        Service::Keystone => &["identity"],
        Service::Nova => &["compute"],
        Service::Glance => &["image"],
        Service::Cinder => &["block-storage", "volumev3"],
        Service::Neutron => &["network"],
        Service::Ec2
        | Service::Dlm
        | Service::Kms
        | Service::Sts
        | Service::Iam
        | Service::Proxy => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_bodies_scope_by_name_or_id() {
        let by_name = Credentials::Password {
            user: "demo".into(),
            user_domain: "Default".into(),
            password: "pw".into(),
            project: ProjectScope::Name {
                name: "demo".into(),
                domain: "Default".into(),
            },
        };
        let body = by_name.auth_body();
        assert_eq!(body["auth"]["identity"]["methods"][0], "password");
        assert_eq!(
            body["auth"]["scope"]["project"]["domain"]["name"],
            "Default"
        );
        let by_id = Credentials::Password {
            user: "demo".into(),
            user_domain: "Default".into(),
            password: "pw".into(),
            project: ProjectScope::Id("p1".into()),
        };
        assert_eq!(by_id.auth_body()["auth"]["scope"]["project"]["id"], "p1");
    }

    #[test]
    fn expiry_is_counted_on_the_local_clock() {
        let info: TokenInfo = serde_json::from_value(serde_json::json!({
            "expires_at": "2026-11-25T20:00:00.000000Z",
            "issued_at": "2026-11-25T19:00:00.000000Z",
            "user": {"id": "u", "name": "demo"}
        }))
        .unwrap();
        // A browser two hours ahead of Keystone still gets the token's hour.
        let received = OffsetDateTime::parse("2026-11-25T21:00:05Z", &Rfc3339).unwrap();
        assert_eq!(
            info.expires_locally(received).unwrap(),
            OffsetDateTime::parse("2026-11-25T22:00:05Z", &Rfc3339).unwrap()
        );
        let without_issue = TokenInfo {
            issued_at: None,
            ..info
        };
        assert_eq!(
            without_issue.expires_locally(received).unwrap(),
            without_issue.expires().unwrap()
        );
    }

    #[test]
    fn debug_never_shows_secrets() {
        let credentials = [
            Credentials::Password {
                user: "demo".into(),
                user_domain: "Default".into(),
                password: "hunter2".into(),
                project: ProjectScope::Id("p".into()),
            },
            Credentials::ApplicationCredential {
                id: "ac".into(),
                secret: "hunter2".into(),
            },
            Credentials::NamedApplicationCredential {
                name: "n".into(),
                user: "u".into(),
                user_domain: "d".into(),
                secret: "hunter2".into(),
            },
        ];
        for c in credentials {
            assert!(!format!("{c:?}").contains("hunter2"), "{c:?}");
        }
    }
}
