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
    http::{HeaderMap, HeaderName, HeaderValue, StatusCode, Uri, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http_body_util::BodyExt;
use serde_json::json;
use tokio::sync::Semaphore;
use tokio_stream::StreamExt;

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
    idle: Duration,
    permits: Arc<Semaphore>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Pattern(#[from] PatternError),
    #[error("upstream {pattern:?}: {source}")]
    Tls { pattern: String, source: TlsError },
    #[error(transparent)]
    Names(#[from] crate::guard::GuardError),
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
            idle: Duration::from_secs(config.limits.idle_timeout_secs),
            permits,
        })
    }
}

/// What the browser may pass on: the headers the clients set (`ALLOWED_REQUEST_HEADERS`) and the
/// few a browser adds that a cloud reads. Everything else stays behind: cookies, `Origin`,
/// `Referer`, hop-by-hop headers, and every header a server in front of an upstream might trust
/// (`X-Forwarded-For`, `X-Real-IP`, `X-Original-URL`, `X-HTTP-Method-Override`, …).
const FORWARDED_REQUEST_HEADERS: &[&str] = &[
    "accept",
    "accept-encoding",
    // Nova and Cinder word their errors in the user's language.
    "accept-language",
    "content-length",
];

/// What an upstream may say to the browser: the body's description, what the clients read
/// (`EXPOSED_RESPONSE_HEADERS`), and `Retry-After` for throttling. Nothing that a browser acts on
/// for the whole origin passes: no `Set-Cookie`, `Service-Worker-Allowed`, `Clear-Site-Data`,
/// `WWW-Authenticate` (a login prompt in nubo's name), `Refresh`, `Link`, CORS or caching headers.
const PASSED_RESPONSE_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "content-encoding",
    "content-language",
    "date",
    "retry-after",
    "x-compute-request-id",
    "x-amz-request-id",
];

fn kept(headers: &HeaderMap, lists: [&[&str]; 2]) -> HeaderMap {
    let mut out = HeaderMap::with_capacity(headers.len());
    for (name, value) in headers {
        if lists.iter().any(|list| list.contains(&name.as_str())) {
            out.append(name.clone(), value.clone());
        }
    }
    out
}

pub fn request_headers(headers: &HeaderMap) -> HeaderMap {
    kept(
        headers,
        [ALLOWED_REQUEST_HEADERS, FORWARDED_REQUEST_HEADERS],
    )
}

pub fn response_headers(headers: &HeaderMap) -> HeaderMap {
    kept(headers, [EXPOSED_RESPONSE_HEADERS, PASSED_RESPONSE_HEADERS])
}

/// Put on everything under `/proxy/`: whatever an upstream sends is inert data. Opened as a
/// document it runs in a sandbox of its own origin with nothing allowed; it is never sniffed into
/// a script or style, never shown inline, never framed, never embedded by another site, never
/// cached.
pub const PROXIED_ANSWER_HEADERS: &[(&str, &str)] = &[
    (
        "content-security-policy",
        "sandbox; default-src 'none'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("content-disposition", "attachment"),
    ("x-frame-options", "DENY"),
    ("cross-origin-resource-policy", "same-origin"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
];

pub async fn proxied_answer_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in PROXIED_ANSWER_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

/// The upstream URL from `/proxy/<url>`, query included, exactly as the browser sent it.
pub fn upstream_of(uri: &Uri) -> &str {
    let path_and_query = uri.path_and_query().map(|pq| pq.as_str()).unwrap_or("");
    path_and_query.strip_prefix(PREFIX).unwrap_or_default()
}

pub fn error(
    status: StatusCode,
    code: &str,
    message: String,
    extra: serde_json::Value,
) -> Response {
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
    // Held until the answer's last byte is sent: a long body is as much load as a slow upstream.
    let Ok(permit) = forwarder.permits.clone().try_acquire_owned() else {
        return error(
            StatusCode::SERVICE_UNAVAILABLE,
            "proxy_busy",
            "the proxy is at its limit of concurrent upstream requests; try again".into(),
            json!({}),
        );
    };
    let (parts, body) = request.into_parts();
    let limit = forwarder.limits.body_bytes;
    if declared_length(&parts.headers).is_some_and(|length| length > limit as u64) {
        return error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request_too_large",
            format!("request bodies are limited to {limit} bytes"),
            json!({}),
        );
    }
    let idle = forwarder.idle;
    // An empty body stays one, or hyper would send a GET as chunked.
    let empty = axum::body::HttpBody::size_hint(&body).exact() == Some(0);
    let body = if empty {
        Body::empty()
    } else {
        Body::from_stream(body.into_data_stream().timeout(idle).map(flatten_idle))
    };
    let uri: axum::http::Uri = match allowed.url.as_str().parse() {
        Ok(uri) => uri,
        Err(e) => return denied(&Denial::Malformed(format!("{e}"))),
    };
    let headers = request_headers(&parts.headers);
    let outgoing = |body: Body| {
        let mut outgoing = axum::http::Request::new(http_body_util::Limited::new(body, limit));
        *outgoing.method_mut() = parts.method.clone();
        *outgoing.uri_mut() = uri.clone();
        *outgoing.headers_mut() = headers.clone();
        outgoing
    };
    let client = &forwarder.clients[allowed.pattern];
    let replayable = empty
        && matches!(
            parts.method,
            axum::http::Method::GET | axum::http::Method::HEAD
        );
    let exchange = async {
        match client.request(outgoing(body)).await {
            // A kept-alive connection the upstream closed as the request went out: nothing was
            // answered, and a read is safe to send once more on a fresh one.
            Err(failure) if replayable && closed_under_us(&failure) => {
                tracing::info!(
                    upstream,
                    "kept-alive connection closed by the upstream; sent again"
                );
                client.request(outgoing(Body::empty())).await
            }
            answer => answer,
        }
    };
    let answer = match tokio::time::timeout(forwarder.timeout, exchange).await {
        Ok(answer) => answer,
        Err(_) => return timed_out(upstream),
    };
    let answer = match answer {
        Ok(answer) => answer,
        Err(failure) => return upstream_error(&failure, upstream),
    };
    let (mut head, incoming) = answer.into_parts();
    if head.status.is_redirection() && head.headers.contains_key(header::LOCATION) {
        // The proxy follows no redirect and lets the browser follow none through it: the target
        // was never checked against the allowlist, and a token must not travel there.
        let target = head.headers[header::LOCATION].to_str().unwrap_or("?");
        return error(
            StatusCode::BAD_GATEWAY,
            "upstream_redirect",
            format!(
                "{upstream} answered {} with a redirect to {target}, which the proxy does not follow",
                head.status.as_u16()
            ),
            json!({ "upstream": upstream, "location": target }),
        );
    }
    let cap = forwarder.limits.response_bytes;
    if declared_length(&head.headers).is_some_and(|length| length > cap) {
        return too_large(upstream, cap);
    }
    head.headers = response_headers(&head.headers);
    let capped = http_body_util::Limited::new(incoming, usize::try_from(cap).unwrap_or(usize::MAX));
    let stream = capped.into_data_stream().timeout(idle).map(move |chunk| {
        let _held = &permit;
        flatten_idle(chunk)
    });
    Response::from_parts(head, Body::from_stream(stream))
}

/// A body's `Content-Length`, when it states one.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// A body chunk, or why the body stopped: its own error, or silence longer than the idle limit.
fn flatten_idle<E: Into<axum::BoxError>>(
    chunk: Result<Result<axum::body::Bytes, E>, tokio_stream::Elapsed>,
) -> Result<axum::body::Bytes, axum::BoxError> {
    match chunk {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(error)) => Err(error.into()),
        Err(elapsed) => Err(Box::new(elapsed)),
    }
}

fn too_large(upstream: &str, cap: u64) -> Response {
    error(
        StatusCode::BAD_GATEWAY,
        "response_too_large",
        format!(
            "{upstream} answered with more than the proxy's limit of {cap} bytes \
             (limits.response_bytes)"
        ),
        json!({ "upstream": upstream, "limit": cap }),
    )
}

/// Whether `failure` is a reused connection that died under the request (not a refusal, not an
/// upstream that cannot be reached at all).
fn closed_under_us(failure: &hyper_util::client::legacy::Error) -> bool {
    if failure.is_connect() {
        return false;
    }
    // hyper wraps the socket's error: look at every layer, not just the first.
    causes(failure).any(|error| {
        error
            .downcast_ref::<hyper::Error>()
            .is_some_and(|e| e.is_incomplete_message() || e.is_canceled())
            || error.downcast_ref::<std::io::Error>().is_some_and(|e| {
                matches!(
                    e.kind(),
                    std::io::ErrorKind::ConnectionReset
                        | std::io::ErrorKind::BrokenPipe
                        | std::io::ErrorKind::UnexpectedEof
                )
            })
    })
}

fn upstream_error(failure: &hyper_util::client::legacy::Error, upstream: &str) -> Response {
    for error in causes(failure) {
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
    }
    tracing::warn!(upstream, cause = %root_cause(failure), "upstream unreachable");
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

/// `error` and every error under it, outermost first.
fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |e| e.source())
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    causes(error)
        .last()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// Request headers the browser may send through the proxy (CORS preflight answer).
pub const ALLOWED_REQUEST_HEADERS: &[&str] = &[
    "x-auth-token",
    // Keystone's `DELETE /v3/auth/tokens` names the token to revoke in it (signing out).
    "x-subject-token",
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
