//! The proxy between real sockets on 127.0.0.1: a browser-like client, nubo's proxy, and a test
//! upstream that reports what it received.

use std::{
    net::SocketAddr,
    sync::{
        Arc, Mutex, OnceLock,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, SystemTime},
};

use axum::{
    Json, Router,
    body::{Body, Bytes},
    extract::State,
    http::{HeaderMap, Method, Uri},
    response::IntoResponse,
    routing::{any, get},
};
use nubo_proxy::{config::ServerConfig, router::router};
use serde_json::{Value, json};

const APP_ORIGIN: &str = "https://nubo.example.org";
const SIGNING_TIME: u64 = 1_780_000_000;
const SECRET_TOKEN: &str = "gAAAAA-secret-token-value";

#[derive(Default)]
struct Upstream {
    hits: AtomicUsize,
}

async fn echo(
    State(upstream): State<Arc<Upstream>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> impl IntoResponse {
    upstream.hits.fetch_add(1, Ordering::SeqCst);
    let headers: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v.to_str().unwrap_or("?"))))
        .collect();
    (
        [
            ("set-cookie", "session=leak"),
            ("x-subject-token", "gAAAA-token"),
            ("access-control-allow-origin", "*"),
            ("x-openstack-request-id", "req-1"),
        ],
        Json(json!({
            "method": method.as_str(),
            "uri": uri.to_string(),
            "headers": headers,
            "body": String::from_utf8_lossy(&body),
        })),
    )
}

/// 4 MiB in 64 KiB chunks, more than the proxy's request limit.
async fn big() -> Body {
    let chunks = (0..64).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'x'; 64 * 1024])));
    Body::from_stream(futures_util::stream::iter(chunks))
}

/// What a hostile or careless upstream might answer: a page with script, an SVG, an untyped body,
/// headers that act on the whole origin, a redirect to the metadata service.
async fn hostile(uri: Uri) -> axum::response::Response {
    let page = "<html><script>alert(document.cookie)</script></html>";
    let mut response = match uri.path() {
        "/html" => ([("content-type", "text/html")], page).into_response(),
        "/svg" => (
            [("content-type", "image/svg+xml")],
            "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        )
            .into_response(),
        "/untyped" => page.into_response(),
        "/redirect" => (
            axum::http::StatusCode::FOUND,
            [("location", "http://169.254.169.254/latest/meta-data/")],
        )
            .into_response(),
        _ => "{}".into_response(),
    };
    if uri.path() == "/untyped" {
        response.headers_mut().remove("content-type");
    }
    for (name, value) in [
        ("service-worker-allowed", "/"),
        ("clear-site-data", "\"*\""),
        ("www-authenticate", "Basic realm=\"nubo\""),
        ("refresh", "0; url=https://evil.example/"),
        ("link", "<https://evil.example/x.css>; rel=stylesheet"),
        ("content-security-policy", "script-src *"),
        ("x-frame-options", "ALLOWALL"),
    ] {
        response.headers_mut().insert(name, value.parse().unwrap());
    }
    response
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(5)).await;
    "too late"
}

/// Verifies an AWS SigV4 signature the way AWS does: by signing what arrived again. Only if the
/// proxy kept the method, path, body and Host the client signed do the two agree.
async fn sigv4(method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> impl IntoResponse {
    let host = headers.get("host").unwrap().to_str().unwrap();
    let content_type = headers.get("content-type").unwrap().to_str().unwrap();
    let url = format!("http://{host}{uri}");
    let expected = sign(method.as_str(), &url, content_type, &body);
    let received = headers.get("authorization").unwrap().to_str().unwrap();
    if received == expected["authorization"] {
        (axum::http::StatusCode::OK, "signature ok")
    } else {
        (axum::http::StatusCode::FORBIDDEN, "SignatureDoesNotMatch")
    }
}

fn sign(
    method: &str,
    url: &str,
    content_type: &str,
    body: &[u8],
) -> std::collections::HashMap<String, String> {
    use aws_sigv4::{
        http_request::{SignableBody, SignableRequest, SigningSettings, sign},
        sign::v4,
    };
    let identity = aws_credential_types::Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "test",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("ec2")
        .time(SystemTime::UNIX_EPOCH + Duration::from_secs(SIGNING_TIME))
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let signable = SignableRequest::new(
        method,
        url,
        std::iter::once(("content-type", content_type)),
        SignableBody::Bytes(body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut request = axum::http::Request::builder().uri(url).body(()).unwrap();
    instructions.apply_to_request_http1x(&mut request);
    request
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
        .collect()
}

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

struct Setup {
    proxy: SocketAddr,
    upstream: SocketAddr,
    state: Arc<Upstream>,
    client: reqwest::Client,
}

impl Setup {
    fn url(&self, path: &str) -> String {
        format!("http://{}/proxy/http://{}{path}", self.proxy, self.upstream)
    }
}

/// Log lines of every proxy in this test binary, to check what they never contain.
fn logs() -> &'static Mutex<Vec<u8>> {
    static LOGS: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        struct Writer;
        impl std::io::Write for Writer {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                logs().lock().unwrap().extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        tracing_subscriber::fmt()
            .with_writer(|| Writer)
            .with_ansi(false)
            .with_max_level(tracing::Level::TRACE)
            .init();
        Mutex::new(Vec::new())
    })
}

async fn setup(extra: &str) -> Setup {
    setup_with("", extra).await
}

/// `limits` joins the `[limits]` table; `extra` follows the upstream.
async fn setup_with(limits: &str, extra: &str) -> Setup {
    logs();
    let state = Arc::new(Upstream::default());
    let upstream = serve(
        Router::new()
            .route("/echo", any(echo))
            .route("/big", get(big))
            .route("/slow", get(slow))
            .route("/html", get(hostile))
            .route("/svg", get(hostile))
            .route("/untyped", get(hostile))
            .route("/redirect", get(hostile))
            .route("/sigv4", any(sigv4))
            .with_state(state.clone()),
    )
    .await;
    let config = ServerConfig::parse(
        &format!(
            r#"
            app_origins = ["{APP_ORIGIN}"]
            [limits]
            {limits}
            body_bytes = 65536
            timeout_secs = 2
            connect_timeout_secs = 2
            [[upstreams]]
            pattern = "http://127.0.0.1:{}"
            {extra}
            "#,
            upstream.port()
        ),
        std::path::Path::new("test.toml"),
    )
    .unwrap();
    let proxy = serve(router(&config).unwrap()).await;
    Setup {
        proxy,
        upstream,
        state,
        client: reqwest::Client::new(),
    }
}

#[tokio::test]
async fn forwards_the_request_but_not_cookies_origin_or_referer() {
    let s = setup("").await;
    let response = s
        .client
        .post(s.url("/echo?name=a%20b&limit=2"))
        .header("x-auth-token", SECRET_TOKEN)
        .header("openstack-api-version", "volume 3.64")
        .header("content-type", "application/json")
        .header("cookie", "session=browser")
        .header("origin", APP_ORIGIN)
        .header("referer", "https://nubo.example.org/volumes/snapshots")
        .header("connection", "keep-alive, x-hop")
        .header("x-hop", "must not pass")
        .body(r#"{"backup": {"name": "nightly"}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let seen: Value = response.json().await.unwrap();
    assert_eq!(seen["method"], "POST");
    assert_eq!(seen["uri"], "/echo?name=a%20b&limit=2");
    assert_eq!(seen["body"], r#"{"backup": {"name": "nightly"}}"#);
    let headers = &seen["headers"];
    assert_eq!(headers["x-auth-token"], SECRET_TOKEN);
    assert_eq!(headers["openstack-api-version"], "volume 3.64");
    assert_eq!(headers["host"], format!("127.0.0.1:{}", s.upstream.port()));
    for absent in ["cookie", "origin", "referer", "x-hop"] {
        assert!(headers.get(absent).is_none(), "{absent} was forwarded");
    }
    // Secrets and bodies never reach the log; the request itself does.
    let log = String::from_utf8(logs().lock().unwrap().clone()).unwrap();
    assert!(log.contains("proxy"), "{log}");
    assert!(!log.contains(SECRET_TOKEN), "{log}");
    assert!(!log.contains("nightly"), "{log}");
}

#[tokio::test]
async fn signing_out_passes_the_token_to_revoke() {
    let s = setup("").await;
    let response = s
        .client
        .delete(s.url("/echo"))
        .header("x-auth-token", SECRET_TOKEN)
        .header("x-subject-token", SECRET_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let seen: Value = response.json().await.unwrap();
    assert_eq!(seen["method"], "DELETE");
    assert_eq!(seen["headers"]["x-subject-token"], SECRET_TOKEN);
}

#[tokio::test]
async fn responses_lose_cookies_and_foreign_cors_headers_and_expose_tokens() {
    let s = setup("").await;
    let response = s
        .client
        .get(s.url("/echo"))
        .header("origin", APP_ORIGIN)
        .send()
        .await
        .unwrap();
    let headers = response.headers();
    assert!(headers.get("set-cookie").is_none());
    assert_eq!(headers["x-subject-token"], "gAAAA-token");
    assert_eq!(headers["access-control-allow-origin"], APP_ORIGIN);
    let exposed = headers["access-control-expose-headers"].to_str().unwrap();
    for name in [
        "x-subject-token",
        "x-openstack-request-id",
        "location",
        "x-amzn-requestid",
    ] {
        assert!(exposed.contains(name), "{exposed}");
    }
    // An origin that is not the app's gets no CORS permission.
    let other = s
        .client
        .get(s.url("/echo"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn preflights_are_answered_by_the_proxy_and_never_forwarded() {
    let s = setup("").await;
    let response = s
        .client
        .request(Method::OPTIONS, s.url("/echo"))
        .header("origin", APP_ORIGIN)
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "x-auth-token, content-type, x-amz-date",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    assert_eq!(headers["access-control-allow-origin"], APP_ORIGIN);
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    for name in [
        "x-auth-token",
        "openstack-api-version",
        "authorization",
        "x-amz-date",
        "x-amz-security-token",
    ] {
        assert!(allowed.contains(name), "{allowed}");
    }
    assert_eq!(s.state.hits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_sigv4_signature_made_for_the_upstream_still_verifies() {
    let s = setup("").await;
    let body = "Action=DescribeVolumes&Version=2016-11-15";
    let upstream_url = format!("http://{}/sigv4", s.upstream);
    let signed = sign(
        "POST",
        &upstream_url,
        "application/x-www-form-urlencoded",
        body.as_bytes(),
    );
    let mut request = s
        .client
        .post(s.url("/sigv4"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body);
    for name in ["authorization", "x-amz-date"] {
        request = request.header(name, &signed[name]);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.text().await.unwrap(), "signature ok");
}

#[tokio::test]
async fn large_responses_stream_through() {
    let s = setup("").await;
    let response = s.client.get(s.url("/big")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.bytes().await.unwrap();
    assert_eq!(body.len(), 4 * 1024 * 1024);
    assert!(body.iter().all(|b| *b == b'x'));
}

#[tokio::test]
async fn request_bodies_over_the_limit_are_refused() {
    let s = setup("").await;
    let declared = s
        .client
        .post(s.url("/echo"))
        .body(vec![b'a'; 100_000])
        .send()
        .await
        .unwrap();
    assert_eq!(declared.status(), 413);
    // Without a Content-Length the limit is enforced while streaming.
    let chunks = (0..4).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'a'; 32 * 1024])));
    let streamed = s
        .client
        .post(s.url("/echo"))
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(streamed.status(), 413);
}

#[tokio::test]
async fn a_slow_upstream_is_a_504_naming_it() {
    let s = setup("").await;
    let response = s.client.get(s.url("/slow")).send().await.unwrap();
    assert_eq!(response.status(), 504);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "upstream_timeout");
    assert_eq!(error["upstream"], format!("http://{}", s.upstream));
}

#[tokio::test]
async fn an_upstream_that_is_down_is_a_502_naming_it() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let s = setup(&format!(
        "[[upstreams]]\npattern = \"http://127.0.0.1:{}\"",
        closed.port()
    ))
    .await;
    let response = s
        .client
        .get(format!("http://{}/proxy/http://{closed}/v3", s.proxy))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "upstream_unreachable");
    assert_eq!(error["upstream"], format!("http://{closed}"));
}

#[tokio::test]
async fn denials_are_403s_that_name_the_rule() {
    let s = setup("[[upstreams]]\npattern = \"http://localhost:*\"").await;
    let cases = [
        ("http://169.254.169.254/latest/meta-data/", "metadata"),
        ("https://evil.example/", "not_allowed"),
        ("file:///etc/passwd", "scheme"),
        (
            &format!("http://127.0.0.1:{}/echo", s.upstream.port() ^ 1),
            "internal_address",
        ),
        // Allowed by pattern, but the name resolves to loopback: refused at connect time.
        (
            &format!("http://localhost:{}/echo", s.upstream.port()),
            "internal_address",
        ),
    ];
    for (upstream, rule) in cases {
        let response = s
            .client
            .get(format!("http://{}/proxy/{upstream}", s.proxy))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{upstream}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"], "upstream_denied", "{upstream}");
        assert_eq!(error["rule"], rule, "{upstream}");
    }
    assert_eq!(s.state.hits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn no_upstream_answer_can_run_as_nubos_page() {
    let s = setup("").await;
    for path in ["/html", "/svg", "/untyped", "/echo"] {
        let response = s.client.get(s.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers();
        assert_eq!(
            headers["content-security-policy"],
            "sandbox; default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["content-disposition"], "attachment", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(headers["cache-control"], "no-store", "{path}");
        for absent in [
            "service-worker-allowed",
            "clear-site-data",
            "www-authenticate",
            "refresh",
            "link",
        ] {
            assert!(headers.get(absent).is_none(), "{path}: {absent} passed");
        }
    }
    // The proxy's own refusals are inert too.
    let denied = s
        .client
        .get(format!("http://{}/proxy/https://evil.example/", s.proxy))
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), 403);
    assert!(
        denied.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .starts_with("sandbox")
    );
}

#[tokio::test]
async fn only_the_headers_a_cloud_reads_are_forwarded() {
    let s = setup("").await;
    let mut request = s
        .client
        .get(s.url("/echo"))
        .header("x-auth-token", SECRET_TOKEN);
    let spoofing = [
        "x-real-ip",
        "true-client-ip",
        "x-original-url",
        "x-rewrite-url",
        "x-http-method-override",
        "x-forwarded-server",
        "x-client-ip",
        "client-ip",
        "forwarded",
    ];
    for name in spoofing {
        request = request.header(name, "10.0.0.1");
    }
    let seen: Value = request
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let headers = &seen["headers"];
    for name in spoofing {
        assert!(headers.get(name).is_none(), "{name} was forwarded");
    }
    assert_eq!(headers["x-auth-token"], SECRET_TOKEN);
    assert_eq!(headers["accept-language"], "fr");
}

#[tokio::test]
async fn a_redirect_is_not_passed_on_and_names_its_target() {
    let s = setup("").await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client.get(s.url("/redirect")).send().await.unwrap();
    assert_eq!(response.status(), 502);
    assert!(response.headers().get("location").is_none());
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "upstream_redirect");
    assert_eq!(
        error["location"],
        "http://169.254.169.254/latest/meta-data/"
    );
}

#[tokio::test]
async fn answers_over_the_size_limit_are_a_502_naming_it() {
    let s = setup_with("response_bytes = 1048576", "").await;
    // /big streams 4 MiB without a Content-Length: it is cut off at the limit.
    let response = s.client.get(s.url("/big")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.bytes().await;
    assert!(body.is_err(), "a 4 MiB stream passed a 1 MiB limit");
    // A declared length over the limit never starts.
    let config_text = format!(
        "[limits]\nresponse_bytes = 10\n[[upstreams]]\npattern = \"http://127.0.0.1:{}\"",
        s.upstream.port()
    );
    let config = ServerConfig::parse(&config_text, std::path::Path::new("t.toml")).unwrap();
    let proxy = serve(router(&config).unwrap()).await;
    let response = s
        .client
        .get(format!("http://{proxy}/proxy/http://{}/echo", s.upstream))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 502);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"], "response_too_large");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("limits.response_bytes")
    );
}

type Headers<'a> = &'a [(&'a str, &'a str)];

#[tokio::test]
async fn other_sites_cannot_drive_the_proxy() {
    let s = setup("").await;
    let cases: &[(Headers, u16, &str)] = &[
        (&[("origin", "https://evil.example")], 403, "foreign_origin"),
        (&[("sec-fetch-site", "cross-site")], 403, "cross_site"),
        (
            &[
                ("sec-fetch-mode", "navigate"),
                ("sec-fetch-dest", "document"),
            ],
            403,
            "not_a_fetch",
        ),
        (&[("host", "rebound.attacker.example")], 421, "unknown_host"),
    ];
    for (headers, status, code) in cases {
        let mut request = s.client.post(s.url("/echo")).body("{}");
        for (name, value) in *headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), *status, "{headers:?}");
        let error: Value = response.json().await.unwrap();
        assert_eq!(error["error"], *code, "{headers:?}");
    }
    for method in ["TRACE", "PROPFIND", "CONNECT"] {
        let response = s
            .client
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                s.url("/echo"),
            )
            .send()
            .await
            .unwrap();
        // hyper itself refuses a CONNECT whose target is not host:port.
        assert!([400, 405].contains(&response.status().as_u16()), "{method}");
    }
    assert_eq!(
        s.state.hits.load(Ordering::SeqCst),
        0,
        "nothing reached the upstream"
    );
    // The app's own origin and the configured one pass.
    for origin in [format!("http://{}", s.proxy), APP_ORIGIN.to_owned()] {
        let response = s
            .client
            .get(s.url("/echo"))
            .header("origin", &origin)
            .header("sec-fetch-dest", "empty")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{origin}");
    }
}

/// An upstream that answers the first request of each connection, then reads the next one and
/// closes the connection without answering: what a server at its keep-alive timeout does to a
/// request already on its way.
async fn closing_upstream() -> (SocketAddr, Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    async fn read_head(socket: &mut tokio::net::TcpStream) {
        let mut seen = Vec::new();
        let mut buffer = [0u8; 4096];
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let counted = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                read_head(&mut socket).await;
                let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
                let _ = socket.write_all(answer.as_bytes()).await;
                read_head(&mut socket).await;
            });
        }
    });
    (address, connections)
}

#[tokio::test]
async fn a_read_is_sent_again_when_a_kept_alive_connection_closes_under_it() {
    logs();
    let (upstream, connections) = closing_upstream().await;
    let config = ServerConfig::parse(
        &format!(
            "app_origins = [\"{APP_ORIGIN}\"]\n[[upstreams]]\npattern = \"http://127.0.0.1:{}\"\n",
            upstream.port()
        ),
        std::path::Path::new("test.toml"),
    )
    .unwrap();
    let proxy = serve(router(&config).unwrap()).await;
    let url = format!("http://{proxy}/proxy/http://{upstream}/servers");
    let client = reqwest::Client::new();
    let first = client.get(&url).send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.text().await.unwrap(), "{}");
    // The pooled connection dies under the second read: sent once more, on a new one.
    let second = client.get(&url).send().await.unwrap();
    assert_eq!(second.status(), 200);
    assert_eq!(connections.load(Ordering::SeqCst), 2);
    // A write is never sent twice: the upstream may have acted on it.
    let write = client.post(&url).body("{}").send().await.unwrap();
    assert_eq!(write.status(), 502);
    let refusal: Value = write.json().await.unwrap();
    assert_eq!(refusal["error"], "upstream_unreachable", "{refusal}");
    assert_eq!(connections.load(Ordering::SeqCst), 2);
}
