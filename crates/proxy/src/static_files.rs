//! Serving the built app: files from `dist/`, `index.html` for client-side routes, and cache
//! headers that let browsers keep hashed assets for a year but always revalidate the entry points.

use std::{path::PathBuf, sync::Arc};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub const NO_CACHE: &str = "no-cache";
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `dist/` with precompressed `.br`/`.gz` siblings preferred when the build wrote them.
pub fn serve_dir(dist: PathBuf) -> ServeDir<axum::routing::MethodRouter> {
    let index = Arc::new(dist.join("index.html"));
    ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(axum::routing::get(spa_fallback).with_state(index))
}

/// Client-side routes (`/volumes/snapshots`) get `index.html` so deep links survive a reload;
/// anything that looks like a file name stays a real 404.
async fn spa_fallback(State(index): State<Arc<PathBuf>>, request: Request) -> Response {
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    if !index.exists() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "nubo's app is not built: {} is missing (run `cargo xtask run`).",
                index.display()
            ),
        )
            .into_response();
    }
    match ServeFile::new(index.as_path()).oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

/// Trunk names hashed assets `name-<hex hash>.ext` (wasm as `name-<hash>_bg.wasm`).
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((name, hash)) => {
            !name.is_empty() && hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit())
        }
        None => false,
    }
}

pub async fn cache_headers(request: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if immutable { IMMUTABLE } else { NO_CACHE };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_hashed_asset;

    #[test]
    fn recognises_trunk_hashed_names() {
        for hashed in [
            "/nubo-4f1c2a9b8d7e6f50.js",
            "/nubo-4f1c2a9b8d7e6f50_bg.wasm",
            "/main-0a1b2c3d4e5f6a7b.css",
            "/main-0a1b2c3d4e5f6a7b.css.br",
            "/assets/favicon-0123456789abcdef.svg",
        ] {
            assert!(is_hashed_asset(hashed), "{hashed}");
        }
        for plain in [
            "/",
            "/index.html",
            "/config.json",
            "/compute/instances",
            "/my-page",
            "/-0123456789abcdef.js",
            "/nubo-xyz.js",
        ] {
            assert!(!is_hashed_asset(plain), "{plain}");
        }
    }
}
