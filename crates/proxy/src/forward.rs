//! The CORS proxy itself: `/proxy/<absolute upstream URL>` is checked against the policy and
//! forwarded with the request and response bodies streamed, never buffered whole.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{
    Json,
    body::Body,
    extract::{Request, State},
    http::{HeaderMap, HeaderName, StatusCode, Uri, header},
    response::{IntoResponse, Response},
};
use serde_json::json;
use tokio::sync::Semaphore;

use crate::{
    config::{Limits, ServerConfig},
    policy::{Denial, Pattern, PatternError, Policy},
    resolver::Refused,
    upstream_client::{self, TlsError, UpstreamClient},
};

pub const PREFIX: &str = "/proxy/";

/// Everything a request needs: the policy, one HTTP client per allowed pattern (each with its
/// own TLS trust and DNS rule), and the limits.
pub struct Forwarder {
    policy: Policy,
    clients: Vec<UpstreamClient>,
    limits: Limits,
    timeout: Duration,
    permits: Arc<Semaphore>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Pattern(#[from] PatternError),
    #[error("upstream {pattern:?}: {source}")]
    Tls { pattern: String, source: TlsError },
}

impl Forwarder {
    pub fn new(config: &ServerConfig, permits: Arc<Semaphore>) -> Result<Self, BuildError> {
        let mut patterns = Vec::new();
        let mut clients = Vec::new();
        for upstream in config.allowed_upstreams() {
            let pattern = Pattern::parse(&upstream.pattern)?;
            if upstream.insecure {
                tracing::warn!(
                    "TLS certificates of {} are NOT verified (insecure = true)",
                    upstream.pattern
                );
            }
            let client = upstream_client::build(
                pattern.is_exact(),
                Duration::from_secs(config.limits.connect_timeout_secs),
                upstream.ca_file.as_deref(),
                upstream.insecure,
            )
            .map_err(|source| BuildError::Tls {
                pattern: upstream.pattern.clone(),
                source,
            })?;
            patterns.push(pattern);
            clients.push(client);
        }
        Ok(Self {
            policy: Policy::new(patterns),
            clients,
            limits: config.limits.clone(),
            timeout: Duration::from_secs(config.limits.timeout_secs),
            permits,
        })
    }
}

/// Hop-by-hop headers (RFC 9110 7.6.1) and what a browser must not hand to a cloud: its cookies,
/// its origin and the page it is on.
const REQUEST_DROP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "cookie",
    "origin",
    "referer",
    "forwarded",
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
];

/// Hop-by-hop headers, cookies, and the upstream's own CORS headers (ours replace them).
const RESPONSE_DROP: &[&str] = &[
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "set-cookie",
    "set-cookie2",
];

fn filtered(headers: &HeaderMap, drop: &[&str]) -> HeaderMap {
    let named_by_connection: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    let mut out = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        let lower = name.as_str();
        if drop.contains(&lower)
            || named_by_connection.iter().any(|n| n == lower)
            || lower.starts_with("access-control-")
        {
            continue;
        }
        out.append(name.clone(), value.clone());
    }
    out
}

pub fn request_headers(headers: &HeaderMap) -> HeaderMap {
    filtered(headers, REQUEST_DROP)
}

pub fn response_headers(headers: &HeaderMap) -> HeaderMap {
    filtered(headers, RESPONSE_DROP)
}

/// The upstream URL from `/proxy/<url>`, query included, exactly as the browser sent it.
pub fn upstream_of(uri: &Uri) -> &str {
    let path_and_query = uri.path_and_query().map(|pq| pq.as_str()).unwrap_or("");
    path_and_query.strip_prefix(PREFIX).unwrap_or_default()
}

fn error(status: StatusCode, code: &str, message: String, extra: serde_json::Value) -> Response {
    let mut body = json!({ "error": code, "message": message });
    if let (Some(body), serde_json::Value::Object(extra)) = (body.as_object_mut(), extra) {
        body.extend(extra);
    }
    (status, Json(body)).into_response()
}

fn denied(denial: &Denial) -> Response {
    error(
        StatusCode::FORBIDDEN,
        "upstream_denied",
        denial.to_string(),
        json!({ "rule": denial.rule() }),
    )
}

pub async fn forward(State(forwarder): State<Arc<Forwarder>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let allowed = match forwarder.policy.check(upstream_of(request.uri())) {
        Ok(allowed) => allowed,
        Err(denial) => {
            tracing::info!(%method, rule = denial.rule(), "proxy denied");
            return denied(&denial);
        }
    };
    let upstream = allowed.url.origin().ascii_serialization();
    let response = send(&forwarder, request, allowed, &upstream).await;
    tracing::info!(
        %method,
        upstream = %upstream,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "proxy"
    );
    response
}

async fn send(
    forwarder: &Forwarder,
    request: Request,
    allowed: crate::policy::Allowed,
    upstream: &str,
) -> Response {
    let Ok(_permit) = forwarder.permits.clone().try_acquire_owned() else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "proxy_busy",
            "the proxy is at its limit of concurrent upstream requests; try again".into(),
            json!({}),
        );
    };
    let (parts, body) = request.into_parts();
    let limit = forwarder.limits.body_bytes;
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request_too_large",
            format!("request bodies are limited to {limit} bytes"),
            json!({}),
        );
    }
    let mut outgoing = axum::http::Request::new(http_body_util::Limited::new(body, limit));
    *outgoing.method_mut() = parts.method;
    *outgoing.uri_mut() = match allowed.url.as_str().parse() {
        Ok(uri) => uri,
        Err(e) => return denied(&Denial::Malformed(format!("{e}"))),
    };
    *outgoing.headers_mut() = request_headers(&parts.headers);
    // The limit runs until the response headers arrive; a body then streams at its own pace.
    let answer = match tokio::time::timeout(
        forwarder.timeout,
        forwarder.clients[allowed.pattern].request(outgoing),
    )
    .await
    {
        Ok(answer) => answer,
        Err(_) => return timed_out(upstream),
    };
    match answer {
        Ok(answer) => {
            let (mut head, incoming) = answer.into_parts();
            head.headers = response_headers(&head.headers);
            Response::from_parts(head, Body::new(incoming))
        }
        Err(failure) => upstream_error(&failure, upstream),
    }
}

fn upstream_error(failure: &hyper_util::client::legacy::Error, upstream: &str) -> Response {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(failure);
    while let Some(error) = source {
        if let Some(refused) = error.downcast_ref::<Refused>() {
            return denied(&refused.denial);
        }
        if error
            .downcast_ref::<http_body_util::LengthLimitError>()
            .is_some()
        {
            return self::error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "request_too_large",
                "the request body is larger than the proxy's limit".into(),
                json!({}),
            );
        }
        source = error.source();
    }
    error(
        StatusCode::BAD_GATEWAY,
        "upstream_unreachable",
        format!("{upstream} could not be reached: {}", root_cause(failure)),
        json!({ "upstream": upstream }),
    )
}

fn timed_out(upstream: &str) -> Response {
    error(
        StatusCode::GATEWAY_TIMEOUT,
        "upstream_timeout",
        format!("{upstream} did not answer in time"),
        json!({ "upstream": upstream }),
    )
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// Request headers the browser may send through the proxy (CORS preflight answer).
pub const ALLOWED_REQUEST_HEADERS: &[&str] = &[
    "x-auth-token",
    "openstack-api-version",
    "x-openstack-nova-api-version",
    "content-type",
    "authorization",
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
    "x-amz-target",
    "x-amz-user-agent",
];

/// Response headers the browser's JavaScript may read.
pub const EXPOSED_RESPONSE_HEADERS: &[&str] = &[
    "x-subject-token",
    "location",
    "openstack-api-version",
    "x-openstack-nova-api-version",
    "x-openstack-request-id",
    "x-amzn-requestid",
    // REST-JSON AWS services (DLM) name the error type only in this header.
    "x-amzn-errortype",
];

pub fn header_names(names: &[&'static str]) -> Vec<HeaderName> {
    names.iter().map(|n| HeaderName::from_static(n)).collect()
}
