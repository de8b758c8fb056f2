//! The server as the browser sees it: the built app, client routes, cache and compression headers,
//! config.json, and the not-yet-built proxy route.

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode, header},
};
use http_body_util::BodyExt;
use nubo_proxy::{config::ServerConfig, router::router};
use tower::ServiceExt;

const INDEX: &str = "<!DOCTYPE html><html><head><script type=module>await init();</script></head><body>nubo</body></html>";
const WASM: &str = "nubo-0123456789abcdef_bg.wasm";
const CSS: &str = "main-fedcba9876543210.css";

struct Site {
    _dir: tempfile::TempDir,
    router: Router,
}

fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), INDEX).unwrap();
    // Large and repetitive so that compression is worth it.
    std::fs::write(dir.path().join(WASM), "\0asm".repeat(4096)).unwrap();
    std::fs::write(dir.path().join(CSS), "body { color: red }\n".repeat(200)).unwrap();
    std::fs::write(dir.path().join(format!("{CSS}.br")), b"precompressed-br").unwrap();
    let config = ServerConfig::parse(
        &format!(
            r#"
            dist = "{}"
            [[clouds]]
            name = "local"
            kind = "openstack"
            auth_url = "http://127.0.0.1:5000/v3"
            "#,
            dir.path().display()
        ),
        std::path::Path::new("test.toml"),
    )
    .unwrap();
    Site {
        router: router(&config).unwrap(),
        _dir: dir,
    }
}

async fn get(
    site: &Site,
    path: &str,
    accept_encoding: Option<&str>,
) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    // As a browser sends it: the server answers only its own host names.
    let mut request = Request::get(path).header(header::HOST, "localhost:8080");
    if let Some(encoding) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, encoding);
    }
    let response = site
        .router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

fn header(headers: &header::HeaderMap, name: header::HeaderName) -> &str {
    headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

#[tokio::test]
async fn index_is_served_and_always_revalidated() {
    let site = site();
    let (status, headers, body) = get(&site, "/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, INDEX.as_bytes());
    assert!(header(&headers, header::CONTENT_TYPE).starts_with("text/html"));
    assert_eq!(header(&headers, header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn app_responses_carry_security_headers_with_the_loader_hash() {
    let site = site();
    for path in ["/", "/ec2/snapshots"] {
        let (_, headers, _) = get(&site, path, None).await;
        let csp = header(&headers, header::CONTENT_SECURITY_POLICY);
        // sha256 of "await init();", base64, as `openssl dgst -sha256 -binary | base64` prints it
        assert!(
            csp.contains("'sha256-Pn6LQayF9F9gHLfDzYKyf4uir6a7yb7l+khFVOdHveQ='"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}");
    }
    for path in ["/", &format!("/{WASM}"), "/config.json"] {
        let (_, headers, _) = get(&site, path, None).await;
        assert_eq!(
            header(&headers, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            header(&headers, header::REFERRER_POLICY),
            "no-referrer",
            "{path}"
        );
    }
}

#[tokio::test]
async fn client_routes_fall_back_to_index() {
    let site = site();
    for route in ["/compute/instances", "/ec2/snapshots", "/volumes/backups/"] {
        let (status, headers, body) = get(&site, route, None).await;
        assert_eq!(status, StatusCode::OK, "{route}");
        assert_eq!(body, INDEX.as_bytes(), "{route}");
        assert_eq!(header(&headers, header::CACHE_CONTROL), "no-cache");
    }
}

#[tokio::test]
async fn missing_files_are_real_404s() {
    let site = site();
    let (status, _, body) = get(&site, "/nubo-0000000000000000.js", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_ne!(body, INDEX.as_bytes());
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_with_their_type() {
    let site = site();
    let (status, headers, body) = get(&site, &format!("/{WASM}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, header::CONTENT_TYPE), "application/wasm");
    assert_eq!(
        header(&headers, header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(body.len(), 4 * 4096);
}

#[tokio::test]
async fn responses_are_compressed_when_the_browser_accepts_it() {
    let site = site();
    let (status, headers, body) = get(&site, &format!("/{WASM}"), Some("gzip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "gzip");
    assert!(
        body.len() < 4096,
        "gzip of 16 KiB of repeats is {} bytes",
        body.len()
    );
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2_decoder(&body), &mut plain).unwrap();
    assert_eq!(plain, "\0asm".repeat(4096).as_bytes());
}

fn flate2_decoder(body: &[u8]) -> impl std::io::Read + '_ {
    flate2::read::GzDecoder::new(body)
}

#[tokio::test]
async fn precompressed_files_win_over_compressing_again() {
    let site = site();
    let (status, headers, body) = get(&site, &format!("/{CSS}"), Some("br, gzip")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, header::CONTENT_ENCODING), "br");
    assert_eq!(header(&headers, header::CONTENT_TYPE), "text/css");
    assert_eq!(body, b"precompressed-br");
}

#[tokio::test]
async fn config_json_lists_the_clouds_without_caching() {
    let site = site();
    let (status, headers, body) = get(&site, "/config.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(header(&headers, header::CACHE_CONTROL), "no-cache");
    assert_eq!(header(&headers, header::CONTENT_TYPE), "application/json");
    let config: nubo_cloud::config::PortalConfig = serde_json::from_slice(&body).unwrap();
    assert_eq!(config.proxy, "/proxy/");
    assert_eq!(config.clouds.len(), 1);
    assert_eq!(config.clouds[0].name, "local");
}

#[tokio::test]
async fn health_check_answers() {
    let site = site();
    let (status, _, body) = get(&site, "/healthz", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, b"ok");
}

#[tokio::test]
async fn an_unbuilt_app_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let config = ServerConfig {
        dist: dir.path().join("dist"),
        ..ServerConfig::default()
    };
    let site = Site {
        router: router(&config).unwrap(),
        _dir: dir,
    };
    let (status, _, body) = get(&site, "/", None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(String::from_utf8(body).unwrap().contains("cargo xtask run"));
}
