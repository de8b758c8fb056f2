//! One error for every cloud call: what kind of failure it is (for the UI to switch on), which
//! service said it, and the service's own words, status and request id (for the person to act
//! on, and to quote to their cloud's operators).

use std::fmt;

use serde_json::Value;

use crate::transport::{Response, TransportError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Service {
    Keystone,
    Nova,
    Glance,
    Cinder,
    Neutron,
    Ec2,
    Dlm,
    /// The keys snapshots are encrypted with (ListAliases).
    Kms,
    /// Who the keys belong to (GetCallerIdentity).
    Sts,
    /// The account's alias (ListAccountAliases).
    Iam,
    /// nubo's own CORS proxy (it refused, or could not reach the cloud).
    Proxy,
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Keystone => "Keystone",
            Self::Nova => "Nova",
            Self::Glance => "Glance",
            Self::Cinder => "Cinder",
            Self::Neutron => "Neutron",
            Self::Ec2 => "EC2",
            Self::Dlm => "Data Lifecycle Manager",
            Self::Kms => "KMS",
            Self::Sts => "STS",
            Self::Iam => "IAM",
            Self::Proxy => "nubo proxy",
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The session's token expired or was revoked: log in again.
    Expired,
    /// Wrong credentials at login; for AWS, keys or a signature the service rejected.
    Unauthenticated,
    /// No permission: Keystone's role check, or AWS IAM (`UnauthorizedOperation`,
    /// `AccessDenied`).
    Forbidden,
    NotFound,
    /// The resource is in a state that does not allow this (busy, in use, protected).
    Conflict,
    OverQuota,
    /// The cloud rejected the request as malformed or invalid.
    Invalid,
    /// No answer: the network, the proxy, or a timeout.
    Network,
    /// Too many requests (AWS `RequestLimitExceeded`, `Throttling`): try again later.
    Throttled,
    /// AWS `DryRunOperation`: the call would have succeeded. Only a `DryRun` call gets it.
    DryRunOk,
    /// The cloud failed (5xx).
    Server,
    /// The endpoint does not offer this service at all (an EC2 emulator without Data Lifecycle
    /// Manager answers its calls with an HTML error page).
    Unsupported,
    /// The cloud answered something this client cannot read.
    Unexpected,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CloudError {
    pub kind: ErrorKind,
    pub service: Service,
    pub status: Option<u16>,
    /// The service's own error code (`badRequest`, `itemNotFound`, `InvalidVolume.NotFound`…).
    pub code: Option<String>,
    /// The service's own message, as it sent it.
    pub message: String,
    pub request_id: Option<String>,
    /// Diagnostics for the cloud's operators that are not for display, such as EC2's encoded
    /// authorization failure message (`aws sts decode-authorization-message` reads it).
    pub details: Option<String>,
}

/// The most of a cloud's message a notice shows: every real one fits, and a page of HTML or a
/// stack trace sent as an error does not bury the screen.
pub const MAX_SHOWN_CHARS: usize = 1000;

impl fmt::Display for CloudError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.message.chars().count();
        if count > MAX_SHOWN_CHARS {
            let shown: String = self.message.chars().take(MAX_SHOWN_CHARS).collect();
            write!(
                f,
                "{}: {shown}… ({} more characters)",
                self.service,
                count - MAX_SHOWN_CHARS
            )?;
        } else {
            write!(f, "{}: {}", self.service, self.message)?;
        }
        let mut details = Vec::new();
        if let Some(status) = self.status {
            details.push(format!("HTTP {status}"));
        }
        if let Some(code) = &self.code {
            details.push(code.clone());
        }
        if let Some(id) = &self.request_id {
            details.push(format!("request {id}"));
        }
        if !details.is_empty() {
            write!(f, " ({})", details.join(", "))?;
        }
        Ok(())
    }
}

impl CloudError {
    /// Whether asking again later may well succeed: no answer, the cloud's own failure (5xx,
    /// a 502 from a restarting API), or throttling. A page that polls keeps polling after these.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Network | ErrorKind::Server | ErrorKind::Throttled
        )
    }

    pub fn new(kind: ErrorKind, service: Service, message: impl Into<String>) -> Self {
        Self {
            kind,
            service,
            status: None,
            code: None,
            message: message.into(),
            request_id: None,
            details: None,
        }
    }

    pub fn transport(service: Service, error: TransportError) -> Self {
        Self::new(
            ErrorKind::Network,
            service,
            format!("no answer from {service}: {error}"),
        )
    }

    /// A success status with a body this client cannot read.
    pub fn unreadable(service: Service, response: &Response, error: impl fmt::Display) -> Self {
        Self {
            status: Some(response.status),
            request_id: request_id(response),
            ..Self::new(
                ErrorKind::Unexpected,
                service,
                format!("unexpected answer: {error}"),
            )
        }
    }

    /// Reads an OpenStack error response: Nova and Cinder wrap it as `{"badRequest":
    /// {"message": …}}`, Keystone as `{"error": {"message": …}}`, Glance often answers HTML or
    /// plain text, and nubo's proxy `{"error": "upstream_denied", "message": …}`.
    /// `with_token` tells a 401 on a session (expired) from a failed login.
    pub fn from_openstack(service: Service, response: &Response, with_token: bool) -> Self {
        let (code, message, from_proxy) = decode_body(&response.body);
        let service = if from_proxy { Service::Proxy } else { service };
        let message = message
            .unwrap_or_else(|| format!("HTTP {} with no message from {service}", response.status));
        let kind = kind_of(
            response.status,
            code.as_deref(),
            &message,
            from_proxy,
            with_token,
        );
        Self {
            kind,
            service,
            status: Some(response.status),
            code,
            message,
            request_id: request_id(response),
            details: None,
        }
    }
}

pub(crate) fn request_id(response: &Response) -> Option<String> {
    [
        "x-openstack-request-id",
        "x-compute-request-id",
        "x-amzn-requestid",
    ]
    .iter()
    .find_map(|name| response.header(name))
    .map(str::to_owned)
}

fn kind_of(
    status: u16,
    code: Option<&str>,
    message: &str,
    from_proxy: bool,
    with_token: bool,
) -> ErrorKind {
    let quota = code == Some("overLimit") || message.to_ascii_lowercase().contains("quota");
    match status {
        _ if from_proxy && status >= 500 => ErrorKind::Network,
        401 if with_token => ErrorKind::Expired,
        401 => ErrorKind::Unauthenticated,
        403 if quota => ErrorKind::OverQuota,
        413 => ErrorKind::OverQuota,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        400 | 405 | 406 | 415 | 422 => ErrorKind::Invalid,
        s if s >= 500 => ErrorKind::Server,
        _ => ErrorKind::Unexpected,
    }
}

/// (code, message, came from nubo's proxy)
fn decode_body(body: &[u8]) -> (Option<String>, Option<String>, bool) {
    let text = String::from_utf8_lossy(body);
    let Ok(Value::Object(object)) = serde_json::from_str::<Value>(&text) else {
        return (None, plain_text(&text), false);
    };
    // nubo's proxy: {"error": "upstream_denied", "message": "...", "rule": ...}
    if let (Some(Value::String(code)), Some(Value::String(message))) =
        (object.get("error"), object.get("message"))
    {
        return (Some(code.clone()), Some(message.clone()), true);
    }
    // {"badRequest": {"code": 400, "message": "..."}}, Keystone's {"error": {...}}
    for (key, value) in &object {
        if let Some(message) = value.get("message").and_then(Value::as_str) {
            let code = match (key.as_str(), value.get("title").and_then(Value::as_str)) {
                ("error", Some(title)) => title.to_owned(),
                _ => key.clone(),
            };
            return (Some(code), Some(message.to_owned()), false);
        }
    }
    // {"message": "...", "title": "..."}
    let message = object
        .get("message")
        .or_else(|| object.get("explanation"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let code = object
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_owned);
    (code, message, false)
}

/// Glance and web servers in front of clouds answer HTML or plain text: keep the words, drop
/// the tags and the status line they repeat.
fn plain_text(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut joined = words.join(" ");
    // "403 Forbidden 403 Forbidden Image x is protected…" → "Image x is protected…"
    if let Some(status_line) = words.get(..2).map(|w| w.join(" "))
        && status_line.starts_with(|c: char| c.is_ascii_digit())
    {
        while let Some(rest) = joined.strip_prefix(&status_line) {
            joined = rest.trim_start().to_owned();
        }
    }
    let joined = joined.trim().to_owned();
    (!joined.is_empty()).then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("x-openstack-request-id".into(), "req-42".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_bad_gateway_or_a_throttle_is_transient_a_refusal_is_not() {
        let gateway = CloudError::from_openstack(Service::Cinder, &response(502, ""), true);
        assert!(gateway.is_transient(), "{gateway:?}");
        let refused = CloudError::from_openstack(
            Service::Cinder,
            &response(
                403,
                r#"{"forbidden": {"code": 403, "message": "Policy doesn't allow"}}"#,
            ),
            true,
        );
        assert!(!refused.is_transient());
        assert!(CloudError::new(ErrorKind::Throttled, Service::Ec2, "slow down").is_transient());
        assert!(!CloudError::new(ErrorKind::Expired, Service::Nova, "gone").is_transient());
    }

    #[test]
    fn nova_and_cinder_wrapped_messages() {
        let error = CloudError::from_openstack(
            Service::Cinder,
            &response(
                400,
                r#"{"badRequest": {"code": 400, "message": "Invalid snapshot: Snapshot status must be available."}}"#,
            ),
            true,
        );
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert_eq!(error.code.as_deref(), Some("badRequest"));
        assert_eq!(
            error.to_string(),
            "Cinder: Invalid snapshot: Snapshot status must be available. (HTTP 400, badRequest, request req-42)"
        );
        let quota = CloudError::from_openstack(
            Service::Cinder,
            &response(
                413,
                r#"{"overLimit": {"code": 413, "message": "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota."}}"#,
            ),
            true,
        );
        assert_eq!(quota.kind, ErrorKind::OverQuota);
        let nova_quota = CloudError::from_openstack(
            Service::Nova,
            &response(
                403,
                r#"{"forbidden": {"code": 403, "message": "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"}}"#,
            ),
            true,
        );
        assert_eq!(nova_quota.kind, ErrorKind::OverQuota);
        let missing = CloudError::from_openstack(
            Service::Nova,
            &response(
                404,
                r#"{"itemNotFound": {"code": 404, "message": "Instance x could not be found."}}"#,
            ),
            true,
        );
        assert_eq!(missing.kind, ErrorKind::NotFound);
    }

    #[test]
    fn keystone_errors_tell_expired_sessions_from_bad_logins() {
        let body = r#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#;
        let login = CloudError::from_openstack(Service::Keystone, &response(401, body), false);
        assert_eq!(login.kind, ErrorKind::Unauthenticated);
        assert_eq!(login.code.as_deref(), Some("Unauthorized"));
        assert_eq!(
            login.message,
            "The request you have made requires authentication."
        );
        let later = CloudError::from_openstack(Service::Keystone, &response(401, body), true);
        assert_eq!(later.kind, ErrorKind::Expired);
    }

    #[test]
    fn glance_html_keeps_the_words() {
        let body = "<html>\n <head>\n  <title>403 Forbidden</title>\n </head>\n <body>\n  <h1>403 Forbidden</h1>\n  Image 5b2d is protected and cannot be deleted.<br /><br />\n\n\n\n </body>\n</html>";
        let error = CloudError::from_openstack(Service::Glance, &response(403, body), true);
        assert_eq!(error.kind, ErrorKind::Forbidden);
        assert_eq!(
            error.message,
            "Image 5b2d is protected and cannot be deleted."
        );
    }

    #[test]
    fn the_proxys_own_errors_name_the_proxy() {
        let denied = CloudError::from_openstack(
            Service::Nova,
            &response(
                403,
                r#"{"error": "upstream_denied", "message": "http://10.0.0.1:8774 is not an allowed upstream", "rule": "not_allowed"}"#,
            ),
            true,
        );
        assert_eq!(denied.service, Service::Proxy);
        assert_eq!(denied.kind, ErrorKind::Forbidden);
        let down = CloudError::from_openstack(
            Service::Nova,
            &response(
                502,
                r#"{"error": "upstream_unreachable", "message": "http://127.0.0.1:8774 could not be reached: connection refused"}"#,
            ),
            true,
        );
        assert_eq!(down.kind, ErrorKind::Network);
        assert!(down.to_string().starts_with("nubo proxy: "));
    }

    #[test]
    fn a_huge_message_is_cut_where_it_is_shown() {
        let body = format!("<html><body>{}</body></html>", "trace line ".repeat(2000));
        let error = CloudError::from_openstack(Service::Glance, &response(500, &body), true);
        let shown = error.to_string();
        assert!(
            shown.chars().count() < MAX_SHOWN_CHARS + 100,
            "{}",
            shown.len()
        );
        assert!(shown.contains("more characters)"), "{shown}");
        assert!(
            error.message.len() > MAX_SHOWN_CHARS,
            "the whole message is kept"
        );
    }

    #[test]
    fn empty_bodies_still_say_something() {
        let error = CloudError::from_openstack(Service::Cinder, &response(500, ""), true);
        assert_eq!(error.kind, ErrorKind::Server);
        assert_eq!(error.message, "HTTP 500 with no message from Cinder");
    }
}
