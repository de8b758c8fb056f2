//! A logged-in OpenStack session: the token, its catalog, the chosen region and interface, and
//! the one place that sends calls to Nova, Glance and Cinder (through the proxy, with the token,
//! the negotiated microversion and error decoding).

use std::{
    collections::{BTreeSet, HashMap},
    fmt,
    sync::{Arc, Mutex},
};

use serde::de::DeserializeOwned;
use serde_json::Value;
use time::OffsetDateTime;

use super::{
    keystone::{
        self, Credentials, Named, Project, ProjectList, ProjectScope, TokenBody, TokenInfo,
    },
    microversion::{self, Microversion, VersionDocument},
    nova::Flavor,
};
use crate::{
    error::{CloudError, ErrorKind, Service},
    transport::{Http, Method, Proxy, Request, Response},
};

/// Where a session's calls go: the cloud's Keystone and the way to reach it.
#[derive(Debug, Clone)]
pub struct Cloud {
    pub http: Http,
    pub proxy: Proxy,
    /// Keystone v3, e.g. `https://keystone.example.org:5000/v3`.
    pub auth_url: String,
    /// Catalog interface to use; `public` unless the portal runs inside the cloud's network.
    pub interface: String,
}

impl Cloud {
    pub fn new(http: Http, proxy: Proxy, auth_url: &str) -> Self {
        Self {
            http,
            proxy,
            auth_url: auth_url.trim_end_matches('/').to_owned(),
            interface: "public".into(),
        }
    }

    pub async fn send(&self, service: Service, request: Request) -> Result<Response, CloudError> {
        let request = Request {
            url: self.proxy.url(&request.url),
            ..request
        };
        self.http
            .send(request)
            .await
            .map_err(|e| CloudError::transport(service, e))
    }

    /// Logs in; the session starts in `region`, or in the catalog's first region. A password
    /// login that names no project takes one of the user's (see [`ProjectScope::Unnamed`]).
    pub async fn login(
        &self,
        credentials: &Credentials,
        region: Option<&str>,
    ) -> Result<Session, CloudError> {
        let response = self.tokens(&credentials.auth_body()).await?;
        if let Credentials::Password {
            project: ProjectScope::Unnamed { preferred },
            ..
        } = credentials
        {
            let project = self.project_of(&response, preferred.as_deref()).await?;
            let token = subject_token(&response)?;
            let scoped = self
                .tokens(&keystone::rescope_body(token, &project))
                .await?;
            return Session::from_token_response(self.clone(), &scoped, region);
        }
        Session::from_token_response(self.clone(), &response, region)
    }

    /// `POST /v3/auth/tokens`.
    async fn tokens(&self, body: &Value) -> Result<Response, CloudError> {
        let request =
            Request::new(Method::Post, format!("{}/auth/tokens", self.auth_url)).json(body);
        self.keystone(request).await
    }

    /// A call to Keystone before there is a session, its refusal as an error.
    async fn keystone(&self, request: Request) -> Result<Response, CloudError> {
        let response = self.send(Service::Keystone, request).await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(CloudError::from_openstack(
                Service::Keystone,
                &response,
                false,
            ))
        }
    }

    /// The id of the project an unscoped token opens: `preferred` by name when the user still
    /// has it, else the first of `GET /v3/auth/projects`.
    async fn project_of(
        &self,
        unscoped: &Response,
        preferred: Option<&str>,
    ) -> Result<String, CloudError> {
        let request = Request::new(Method::Get, format!("{}/auth/projects", self.auth_url))
            .header("x-auth-token", subject_token(unscoped)?.to_owned());
        let response = self.keystone(request).await?;
        let list: ProjectList = serde_json::from_slice(&response.body)
            .map_err(|e| CloudError::unreadable(Service::Keystone, &response, e))?;
        let enabled: Vec<&Project> = list.projects.iter().filter(|p| p.enabled).collect();
        preferred
            .and_then(|name| enabled.iter().find(|p| p.name == name))
            .or(enabled.first())
            .map(|p| p.id.clone())
            .ok_or_else(|| {
                CloudError::new(
                    ErrorKind::Forbidden,
                    Service::Keystone,
                    "this user has a role in no project: there is none to log in to",
                )
            })
    }
}

/// The token Keystone issued, from its `X-Subject-Token` header.
fn subject_token(response: &Response) -> Result<&str, CloudError> {
    response.header("x-subject-token").ok_or_else(|| {
        CloudError::unreadable(
            Service::Keystone,
            response,
            "no X-Subject-Token header (is the proxy exposing it?)",
        )
    })
}

/// Cheap to clone; clones share the caches of version and flavors.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

struct Inner {
    cloud: Cloud,
    token: String,
    info: TokenInfo,
    expires: OffsetDateTime,
    region: String,
    versions: Mutex<HashMap<Service, Microversion>>,
    flavors: Mutex<Option<Arc<Vec<Flavor>>>>,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("auth_url", &self.inner.cloud.auth_url)
            .field("user", &self.inner.info.user.name)
            .field("project", &self.inner.info.project)
            .field("region", &self.inner.region)
            .field("expires_at", &self.inner.info.expires_at)
            .finish_non_exhaustive()
    }
}

/// Nova's microversions this client reads: 2.1 up to 2.96 (the newest it was tested against).
pub const NOVA_VERSIONS: (Microversion, Microversion) =
    (Microversion::new(2, 1), Microversion::new(2, 96));
/// Cinder's: 3.0 up to 3.71.
pub const CINDER_VERSIONS: (Microversion, Microversion) =
    (Microversion::new(3, 0), Microversion::new(3, 71));

impl Session {
    fn from_token_response(
        cloud: Cloud,
        response: &Response,
        region: Option<&str>,
    ) -> Result<Self, CloudError> {
        let token = subject_token(response)?.to_owned();
        let body: TokenBody = serde_json::from_slice(&response.body)
            .map_err(|e| CloudError::unreadable(Service::Keystone, response, e))?;
        let expires = body
            .token
            .expires_locally(OffsetDateTime::now_utc())
            .map_err(|e| CloudError::unreadable(Service::Keystone, response, e))?;
        Self::new(cloud, token, body.token, expires, region)
    }

    /// A session in `region` (which must be in the catalog), or in the catalog's first region.
    fn new(
        cloud: Cloud,
        token: String,
        info: TokenInfo,
        expires: OffsetDateTime,
        region: Option<&str>,
    ) -> Result<Self, CloudError> {
        let regions = regions_of(&info, &cloud.interface);
        let region = match region {
            Some(region) if regions.iter().any(|r| r == region) => region.to_owned(),
            Some(region) => return Err(unknown_region(region, &regions)),
            None => regions.into_iter().next().unwrap_or_default(),
        };
        Ok(Self {
            inner: Arc::new(Inner {
                cloud,
                token,
                info,
                expires,
                region,
                versions: Mutex::default(),
                flavors: Mutex::default(),
            }),
        })
    }

    pub fn cloud(&self) -> &Cloud {
        &self.inner.cloud
    }

    pub fn user(&self) -> &Named {
        &self.inner.info.user
    }

    pub fn project(&self) -> Option<&Named> {
        self.inner.info.project.as_ref()
    }

    pub fn roles(&self) -> impl Iterator<Item = &str> {
        self.inner.info.roles.iter().map(|r| r.name.as_str())
    }

    pub fn region(&self) -> &str {
        &self.inner.region
    }

    pub fn expires_at(&self) -> OffsetDateTime {
        self.inner.expires
    }

    pub fn is_expired_at(&self, now: OffsetDateTime) -> bool {
        now >= self.inner.expires
    }

    /// Regions that offer at least one service on this session's interface, sorted.
    pub fn regions(&self) -> Vec<String> {
        regions_of(&self.inner.info, &self.inner.cloud.interface)
    }

    /// The same token in another region (a new session: caches are per region).
    pub fn with_region(&self, region: &str) -> Result<Self, CloudError> {
        Self::new(
            self.inner.cloud.clone(),
            self.inner.token.clone(),
            self.inner.info.clone(),
            self.inner.expires,
            Some(region),
        )
    }

    /// Projects the user may switch to (`GET /v3/auth/projects`).
    pub async fn projects(&self) -> Result<Vec<Project>, CloudError> {
        let url = format!("{}/auth/projects", self.inner.cloud.auth_url);
        let list: ProjectList = self
            .call_json(Service::Keystone, Request::new(Method::Get, url))
            .await?;
        Ok(list.projects)
    }

    /// A session scoped to another project, in the same region when that project's catalog
    /// has it. Application-credential tokens cannot be re-scoped; Keystone says so.
    pub async fn rescope(&self, project_id: &str) -> Result<Self, CloudError> {
        let url = format!("{}/auth/tokens", self.inner.cloud.auth_url);
        let request = Request::new(Method::Post, url)
            .json(&keystone::rescope_body(&self.inner.token, project_id));
        let response = self.call(Service::Keystone, request).await?;
        let session = Self::from_token_response(self.inner.cloud.clone(), &response, None)?;
        match session.with_region(self.region()) {
            Ok(same_region) => Ok(same_region),
            Err(_) => Ok(session),
        }
    }

    /// Revokes the token (logging out).
    pub async fn revoke(&self) -> Result<(), CloudError> {
        let url = format!("{}/auth/tokens", self.inner.cloud.auth_url);
        let request =
            Request::new(Method::Delete, url).header("x-subject-token", self.inner.token.clone());
        self.call(Service::Keystone, request).await.map(drop)
    }

    /// The catalog URL of `service` in this session's region and interface.
    pub fn endpoint(&self, service: Service) -> Result<String, CloudError> {
        let types = keystone::service_types(service);
        let interface = &self.inner.cloud.interface;
        types
            .iter()
            .flat_map(|t| {
                self.inner
                    .info
                    .catalog
                    .iter()
                    .filter(move |entry| entry.service_type == *t)
            })
            .flat_map(|entry| &entry.endpoints)
            .find(|e| e.interface == *interface && e.region() == Some(self.region()))
            .map(|e| e.url.trim_end_matches('/').to_owned())
            .ok_or_else(|| {
                CloudError::new(
                    ErrorKind::NotFound,
                    service,
                    format!(
                        "the catalog has no {service} endpoint ({}) for the {interface} interface in region {}",
                        types.join(" or "),
                        self.region()
                    ),
                )
            })
    }

    /// The microversion used with `service`, negotiated once per session from the service's
    /// version document; `None` for services without microversions.
    pub async fn microversion(&self, service: Service) -> Result<Option<Microversion>, CloudError> {
        let (api, ours) = match service {
            Service::Nova => ("v2.1", NOVA_VERSIONS),
            Service::Cinder => ("v3.", CINDER_VERSIONS),
            _ => return Ok(None),
        };
        if let Some(known) = self.lock_versions().get(&service) {
            return Ok(Some(*known));
        }
        let root = version_root(&self.endpoint(service)?);
        let response = self.call(service, Request::new(Method::Get, root)).await?;
        let document: VersionDocument = serde_json::from_slice(&response.body)
            .map_err(|e| CloudError::unreadable(service, &response, e))?;
        let range = document.range(api).ok_or_else(|| {
            CloudError::unreadable(
                service,
                &response,
                format!("no {api} API with microversions"),
            )
        })?;
        let chosen = microversion::negotiate(range, ours).ok_or_else(|| {
            CloudError::new(
                ErrorKind::Unexpected,
                service,
                format!(
                    "{service} offers microversions {} to {}; nubo speaks {} to {}",
                    range.0, range.1, ours.0, ours.1
                ),
            )
        })?;
        self.lock_versions().insert(service, chosen);
        Ok(Some(chosen))
    }

    fn lock_versions(&self) -> std::sync::MutexGuard<'_, HashMap<Service, Microversion>> {
        // A poisoned cache only means a panic elsewhere; its data is still valid.
        self.inner
            .versions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn cached_flavors(&self) -> Option<Arc<Vec<Flavor>>> {
        self.inner
            .flavors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn cache_flavors(&self, flavors: Arc<Vec<Flavor>>) {
        *self.inner.flavors.lock().unwrap_or_else(|p| p.into_inner()) = Some(flavors);
    }

    /// Sends `method path` to `service`'s endpoint with the token and the microversion.
    pub async fn request(
        &self,
        service: Service,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Response, CloudError> {
        let url = format!("{}{path}", self.endpoint(service)?);
        let mut request = Request::new(method, url);
        if let Some(body) = body {
            request = request.json(body);
        }
        if let Some(version) = self.microversion(service).await? {
            request = match service {
                Service::Nova => request
                    .header("openstack-api-version", format!("compute {version}"))
                    .header("x-openstack-nova-api-version", version.to_string()),
                _ => request.header("openstack-api-version", format!("volume {version}")),
            };
        }
        self.call(service, request).await
    }

    /// [`Session::request`] and the body read as `T`.
    pub async fn request_json<T: DeserializeOwned>(
        &self,
        service: Service,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<T, CloudError> {
        let response = self.request(service, method, path, body).await?;
        parse(service, &response)
    }

    async fn call_json<T: DeserializeOwned>(
        &self,
        service: Service,
        request: Request,
    ) -> Result<T, CloudError> {
        let response = self.call(service, request).await?;
        parse(service, &response)
    }

    /// With the token; an expired session fails before anything is sent.
    async fn call(&self, service: Service, request: Request) -> Result<Response, CloudError> {
        if self.is_expired_at(OffsetDateTime::now_utc()) {
            return Err(CloudError::new(
                ErrorKind::Expired,
                Service::Keystone,
                format!(
                    "the session expired at {}; log in again",
                    self.inner.info.expires_at
                ),
            ));
        }
        let request = request
            .header("accept", "application/json")
            .header("x-auth-token", self.inner.token.clone());
        let response = self.inner.cloud.send(service, request).await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(CloudError::from_openstack(service, &response, true))
        }
    }
}

pub(crate) fn parse<T: DeserializeOwned>(
    service: Service,
    response: &Response,
) -> Result<T, CloudError> {
    serde_json::from_slice(&response.body).map_err(|e| CloudError::unreadable(service, response, e))
}

fn regions_of(info: &TokenInfo, interface: &str) -> Vec<String> {
    let regions: BTreeSet<&str> = info
        .catalog
        .iter()
        .flat_map(|entry| &entry.endpoints)
        .filter(|e| e.interface == interface)
        .filter_map(|e| e.region())
        .collect();
    regions.into_iter().map(str::to_owned).collect()
}

fn unknown_region(region: &str, known: &[String]) -> CloudError {
    CloudError::new(
        ErrorKind::NotFound,
        Service::Keystone,
        format!(
            "region {region} is not in this cloud's catalog (it has: {})",
            known.join(", ")
        ),
    )
}

/// An id as one path segment: a stray `/` or `?` in it cannot reach another resource.
pub(crate) fn segment(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// The API root of an endpoint: `http://h:8776/v3/<project>` → `http://h:8776/v3/`.
pub fn version_root(endpoint: &str) -> String {
    let Ok(mut url) = url::Url::parse(endpoint) else {
        return format!("{endpoint}/");
    };
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.map(str::to_owned).collect())
        .unwrap_or_default();
    let is_version = |s: &str| {
        s.strip_prefix('v').is_some_and(|rest| {
            !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
    };
    let Some(position) = segments.iter().rposition(|s| is_version(s)) else {
        return format!("{}/", endpoint.trim_end_matches('/'));
    };
    url.set_path(&format!("{}/", segments[..=position].join("/")));
    url.set_query(None);
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_leave_their_path_segment() {
        assert_eq!(
            segment("../../servers?all_tenants=1"),
            "..%2F..%2Fservers%3Fall_tenants%3D1"
        );
    }

    #[test]
    fn version_roots() {
        assert_eq!(
            version_root("http://127.0.0.1:8776/v3/6f5e"),
            "http://127.0.0.1:8776/v3/"
        );
        assert_eq!(
            version_root("http://127.0.0.1:8774/v2.1"),
            "http://127.0.0.1:8774/v2.1/"
        );
        assert_eq!(
            version_root("https://cloud.example.org/compute/v2.1/abc"),
            "https://cloud.example.org/compute/v2.1/"
        );
    }
}
