//! Which requests the server answers at all, before any route sees them: only its own host names
//! (a page on another name that resolves here, DNS rebinding, gets nothing), only the methods it
//! serves, and on `/proxy/` only the app's own fetches: no foreign `Origin`, no cross-site
//! request, and never a page navigation or a script, style or image load, so no other site can
//! drive the proxy through a user's browser and no upstream answer is ever loaded as a page.

use std::{net::IpAddr, sync::Arc};

use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header, uri::Authority},
    middleware::Next,
    response::Response,
};
use serde_json::json;

use crate::{config::ServerConfig, forward};

/// The methods the cloud clients use; anything else (`TRACE`, `CONNECT`, WebDAV's) is a 405.
pub const PROXY_METHODS: &[Method] = &[
    Method::GET,
    Method::HEAD,
    Method::POST,
    Method::PUT,
    Method::PATCH,
    Method::DELETE,
];
const APP_METHODS: &[Method] = &[Method::GET, Method::HEAD];

/// A host name this server answers to, with the port it must come with, if one was configured.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name {
    host: String,
    port: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct Guard {
    listen: IpAddr,
    names: Vec<Name>,
    /// `scheme://host:port` of each app origin, as browsers serialize `Origin`.
    app_origins: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("{what} {value:?} is not a host name with an optional port")]
pub struct GuardError {
    what: &'static str,
    value: String,
}

impl Guard {
    pub fn new(config: &ServerConfig) -> Result<Self, GuardError> {
        let mut names = Vec::new();
        for host in &config.public_hosts {
            names.push(parse_name(host).ok_or_else(|| GuardError {
                what: "public_hosts entry",
                value: host.clone(),
            })?);
        }
        let mut app_origins = Vec::new();
        for origin in &config.app_origins {
            let url = url::Url::parse(origin)
                .ok()
                .filter(|u| u.host_str().is_some())
                .ok_or_else(|| GuardError {
                    what: "app_origins entry",
                    value: origin.clone(),
                })?;
            app_origins.push(url.origin().ascii_serialization());
            names.push(Name {
                host: url.host_str().unwrap_or_default().to_ascii_lowercase(),
                port: url.port(),
            });
        }
        Ok(Self {
            listen: config.listen.ip(),
            names,
            app_origins,
        })
    }

    /// Says at start what the server answers to, since a missing name shows up only as 421s.
    pub fn describe(&self) -> String {
        let mut hosts = vec![match self.listen {
            ip if ip.is_unspecified() => "any IP address of this machine".to_owned(),
            ip => ip.to_string(),
        }];
        if self.listen.is_loopback() || self.listen.is_unspecified() {
            hosts.push("localhost".into());
        }
        hosts.extend(self.names.iter().map(|n| match n.port {
            Some(port) => format!("{}:{port}", n.host),
            None => n.host.clone(),
        }));
        hosts.join(", ")
    }

    pub fn has_public_names(&self) -> bool {
        !self.names.is_empty()
    }

    fn host_allowed(&self, authority: &Authority) -> bool {
        let host = authority.host().trim_end_matches('.').to_ascii_lowercase();
        let literal = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = literal.parse::<IpAddr>() {
            // An address in `Host` means the browser was pointed at that address itself: no DNS
            // name, so nothing to rebind. It must still be this server's.
            return ip == self.listen
                || self.listen.is_unspecified()
                || (self.listen.is_loopback() && ip.is_loopback())
                || self.names.iter().any(|n| n.host == host);
        }
        if host == "localhost" {
            return self.listen.is_loopback() || self.listen.is_unspecified();
        }
        self.names
            .iter()
            .any(|n| n.host == host && n.port.is_none_or(|p| authority.port_u16() == Some(p)))
    }

    /// `Origin` is this server's own (the `Host` asked for, or a configured name) or an app origin.
    fn origin_allowed(&self, origin: &str, host: &Authority) -> bool {
        let Some(url) = url::Url::parse(origin)
            .ok()
            .filter(|u| u.host_str().is_some())
        else {
            return false; // `null` (sandboxed frames, file: pages) and anything unparsable
        };
        let serialized = url.origin().ascii_serialization();
        if self.app_origins.contains(&serialized) {
            return true;
        }
        let origin_host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let same_as_host = origin_host == host.host().to_ascii_lowercase()
            && match host.port_u16() {
                Some(port) => url.port_or_known_default() == Some(port),
                None => url.port().is_none(),
            };
        same_as_host
            || self.names.iter().any(|n| {
                n.host == origin_host
                    && n.port
                        .is_none_or(|p| url.port_or_known_default() == Some(p))
            })
    }

    fn is_app_origin(&self, headers: &HeaderMap) -> bool {
        text(headers, header::ORIGIN.as_str()).is_some_and(|origin| {
            url::Url::parse(origin)
                .is_ok_and(|u| self.app_origins.contains(&u.origin().ascii_serialization()))
        })
    }

    /// Why `/proxy/` must not answer this request, if it must not.
    fn proxy_refusal(&self, headers: &HeaderMap, host: &Authority) -> Option<Refusal> {
        if let Some(origin) = text(headers, header::ORIGIN.as_str())
            && !self.origin_allowed(origin, host)
        {
            return Some(Refusal::ForeignOrigin(origin.to_owned()));
        }
        // Browsers send these; other clients (the CLI tests, curl) do not, and need no check:
        // a request they make is made by whoever holds the credentials anyway.
        if text(headers, "sec-fetch-site") == Some("cross-site") && !self.is_app_origin(headers) {
            return Some(Refusal::CrossSite);
        }
        let mode = text(headers, "sec-fetch-mode");
        let dest = text(headers, "sec-fetch-dest");
        if matches!(mode, Some("navigate" | "no-cors" | "websocket"))
            || dest.is_some_and(|d| d != "empty")
        {
            return Some(Refusal::NotAFetch {
                dest: dest.or(mode).unwrap_or_default().to_owned(),
            });
        }
        None
    }
}

fn parse_name(text: &str) -> Option<Name> {
    let authority: Authority = text.parse().ok()?;
    if authority.as_str().contains('@') || authority.host().is_empty() {
        return None;
    }
    Some(Name {
        host: authority.host().trim_end_matches('.').to_ascii_lowercase(),
        port: authority.port_u16(),
    })
}

fn text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Why a request was refused before reaching a route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    MissingHost,
    /// The request line named a host (`GET http://… HTTP/1.1`): a request meant for a forward
    /// proxy, which this is not.
    AbsoluteForm,
    UnknownHost(String),
    Method(Method),
    ForeignOrigin(String),
    CrossSite,
    NotAFetch {
        dest: String,
    },
}

impl Refusal {
    fn response(&self) -> Response {
        let (status, code, message) = match self {
            Refusal::MissingHost => (
                StatusCode::BAD_REQUEST,
                "missing_host",
                "HTTP/1.1 requests must name a Host".to_owned(),
            ),
            Refusal::AbsoluteForm => (
                StatusCode::BAD_REQUEST,
                "absolute_form",
                "this server is not a forward proxy: upstreams are reached as /proxy/<URL>"
                    .to_owned(),
            ),
            Refusal::UnknownHost(host) => (
                StatusCode::MISDIRECTED_REQUEST,
                "unknown_host",
                format!(
                    "this server does not answer to {host:?}; its names are set by listen, \
                     public_hosts and app_origins"
                ),
            ),
            Refusal::Method(method) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                format!("{method} is not a method this server forwards or serves"),
            ),
            Refusal::ForeignOrigin(origin) => (
                StatusCode::FORBIDDEN,
                "foreign_origin",
                format!("the proxy answers only nubo's own pages, not {origin}"),
            ),
            Refusal::CrossSite => (
                StatusCode::FORBIDDEN,
                "cross_site",
                "the proxy answers no request another site started".to_owned(),
            ),
            Refusal::NotAFetch { dest } => (
                StatusCode::FORBIDDEN,
                "not_a_fetch",
                format!(
                    "proxied answers are data for nubo's own code, never opened as a page or \
                     loaded as a resource ({dest})"
                ),
            ),
        };
        let mut response = forward::error(status, code, message, json!({}));
        if let Refusal::Method(_) = self {
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(ALLOW));
        }
        response
    }
}

const ALLOW: &str = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

/// Checks a request against the guard; `Ok` lets it reach its route.
pub fn check(guard: &Guard, request: &Request) -> Result<(), Refusal> {
    let path = request.uri().path();
    if path == "/healthz" {
        // Load balancers and orchestrators probe by address, under names of their own.
        return Ok(());
    }
    if request.uri().authority().is_some() {
        return Err(Refusal::AbsoluteForm);
    }
    let host = match text(request.headers(), header::HOST.as_str()) {
        Some(host) => host
            .parse::<Authority>()
            .map_err(|_| Refusal::UnknownHost(host.to_owned()))?,
        None if request.version() < axum::http::Version::HTTP_11 => {
            Authority::from_static("localhost")
        }
        None => return Err(Refusal::MissingHost),
    };
    if !guard.host_allowed(&host) {
        return Err(Refusal::UnknownHost(host.to_string()));
    }
    let method = request.method();
    if path.starts_with(forward::PREFIX) {
        let preflight = method == Method::OPTIONS
            && request
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        if !preflight && !PROXY_METHODS.contains(method) {
            return Err(Refusal::Method(method.clone()));
        }
        if let Some(refusal) = guard.proxy_refusal(request.headers(), &host) {
            return Err(refusal);
        }
    } else if !APP_METHODS.contains(method) {
        return Err(Refusal::Method(method.clone()));
    }
    Ok(())
}

pub async fn enforce(State(guard): State<Arc<Guard>>, request: Request, next: Next) -> Response {
    match check(&guard, &request) {
        Ok(()) => next.run(request).await,
        Err(refusal) => {
            tracing::info!(method = %request.method(), path = request.uri().path(), ?refusal, "refused");
            refusal.response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn guard(extra: &str) -> Guard {
        let config = ServerConfig::parse(
            &format!("listen = \"127.0.0.1:8080\"\n{extra}"),
            std::path::Path::new("t.toml"),
        )
        .unwrap();
        Guard::new(&config).unwrap()
    }

    fn request(method: Method, path: &str, headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn hosts_are_the_listen_address_localhost_and_configured_names() {
        let g = guard(
            "public_hosts = [\"nubo.example.org\", \"ops.example.org:8443\"]\napp_origins = [\"https://app.example.net\"]",
        );
        let host = |h: &str| check(&g, &request(Method::GET, "/", &[("host", h)]));
        for ok in [
            "127.0.0.1:8080",
            "127.0.0.1",
            "[::1]:8080",
            "localhost:8080",
            "LOCALHOST.",
            "nubo.example.org",
            "nubo.example.org:443",
            "ops.example.org:8443",
            "app.example.net",
        ] {
            assert_eq!(host(ok), Ok(()), "{ok}");
        }
        for refused in [
            "evil.example:8080",
            "rebind.attacker.example",
            "ops.example.org:9000",
            "10.0.0.1:8080",
            "nubo.example.org.evil.example",
        ] {
            assert!(
                matches!(host(refused), Err(Refusal::UnknownHost(_))),
                "{refused}"
            );
        }
        assert_eq!(
            check(&g, &request(Method::GET, "/", &[])),
            Err(Refusal::MissingHost)
        );
        assert_eq!(
            check(
                &g,
                &request(Method::GET, "/healthz", &[("host", "10.1.1.1")])
            ),
            Ok(())
        );
    }

    #[test]
    fn an_unspecified_listen_address_still_refuses_names_not_configured() {
        let config =
            ServerConfig::parse("listen = \"0.0.0.0:80\"", std::path::Path::new("t")).unwrap();
        let g = Guard::new(&config).unwrap();
        let host = |h: &str| check(&g, &request(Method::GET, "/", &[("host", h)]));
        assert_eq!(host("192.0.2.10"), Ok(()));
        assert!(host("nubo.example.org").is_err());
        assert!(!g.has_public_names());
    }

    type Headers<'a> = &'a [(&'a str, &'a str)];

    #[test]
    fn the_proxy_answers_only_the_apps_own_fetches() {
        let g = guard("app_origins = [\"https://app.example.net\"]");
        let proxy = |method: Method, headers: &[(&str, &str)]| {
            let mut all = vec![("host", "127.0.0.1:8080")];
            all.extend_from_slice(headers);
            check(
                &g,
                &request(method, "/proxy/http://127.0.0.1:5000/v3", &all),
            )
        };
        let fetch = [
            ("sec-fetch-site", "same-origin"),
            ("sec-fetch-mode", "cors"),
            ("sec-fetch-dest", "empty"),
        ];
        assert_eq!(proxy(Method::POST, &fetch), Ok(()));
        assert_eq!(
            proxy(Method::GET, &[("origin", "http://127.0.0.1:8080")]),
            Ok(())
        );
        assert_eq!(
            proxy(
                Method::GET,
                &[
                    ("origin", "https://app.example.net"),
                    ("sec-fetch-site", "cross-site")
                ]
            ),
            Ok(())
        );
        assert_eq!(proxy(Method::DELETE, &[]), Ok(()), "non-browser clients");
        let refused: &[(Method, Headers, &str)] = &[
            (
                Method::POST,
                &[("origin", "https://evil.example")],
                "foreign",
            ),
            (Method::POST, &[("origin", "null")], "foreign"),
            (
                Method::POST,
                &[("origin", "http://127.0.0.1:9999")],
                "foreign",
            ),
            (Method::POST, &[("sec-fetch-site", "cross-site")], "cross"),
            (
                Method::GET,
                &[
                    ("sec-fetch-mode", "navigate"),
                    ("sec-fetch-dest", "document"),
                ],
                "nav",
            ),
            (Method::GET, &[("sec-fetch-dest", "iframe")], "nav"),
            (
                Method::GET,
                &[("sec-fetch-dest", "script"), ("sec-fetch-mode", "no-cors")],
                "nav",
            ),
            (Method::GET, &[("sec-fetch-mode", "no-cors")], "nav"),
            (Method::TRACE, &[], "method"),
            (Method::OPTIONS, &[], "method"),
            (Method::from_bytes(b"PROPFIND").unwrap(), &[], "method"),
        ];
        for (method, headers, kind) in refused {
            let refusal = proxy(method.clone(), headers).expect_err(kind);
            let matched = match *kind {
                "foreign" => matches!(refusal, Refusal::ForeignOrigin(_)),
                "cross" => refusal == Refusal::CrossSite,
                "nav" => matches!(refusal, Refusal::NotAFetch { .. }),
                _ => matches!(refusal, Refusal::Method(_)),
            };
            assert!(matched, "{method} {headers:?}: {refusal:?}");
        }
        let preflight = proxy(
            Method::OPTIONS,
            &[
                ("origin", "https://app.example.net"),
                ("access-control-request-method", "POST"),
            ],
        );
        assert_eq!(preflight, Ok(()));
    }

    #[test]
    fn the_app_is_only_read() {
        let g = guard("");
        let app = |m: Method| check(&g, &request(m, "/index.html", &[("host", "localhost")]));
        assert_eq!(app(Method::GET), Ok(()));
        assert_eq!(app(Method::HEAD), Ok(()));
        assert!(matches!(app(Method::POST), Err(Refusal::Method(_))));
        let absolute = request(Method::GET, "http://127.0.0.1:9/", &[("host", "localhost")]);
        assert_eq!(check(&g, &absolute), Err(Refusal::AbsoluteForm));
    }

    #[test]
    fn bad_names_in_the_configuration_are_refused() {
        let config = ServerConfig {
            public_hosts: vec!["https://nubo.example.org/".into()],
            ..ServerConfig::default()
        };
        let error = Guard::new(&config).unwrap_err().to_string();
        assert!(error.contains("public_hosts entry"), "{error}");
    }
}
