//! All of the server's routes in one place.

use std::{sync::Arc, time::Duration};

use axum::{
    Json, Router,
    http::{HeaderValue, header},
    middleware,
    routing::{any, get},
};
use nubo_cloud::config::PortalConfig;
use tokio::sync::Semaphore;
use tower_http::{
    compression::CompressionLayer,
    cors::{AllowOrigin, CorsLayer},
    trace::TraceLayer,
};

use crate::{
    config::ServerConfig,
    forward::{self, BuildError, Forwarder},
    guard::{self, Guard},
    security_headers, static_files,
};

pub fn router(config: &ServerConfig) -> Result<Router, BuildError> {
    router_sharing(
        config,
        Arc::new(Semaphore::new(config.limits.max_concurrent)),
    )
}

/// The router of one worker: `permits` caps concurrent upstream requests across all workers.
pub fn router_sharing(
    config: &ServerConfig,
    permits: Arc<Semaphore>,
) -> Result<Router, BuildError> {
    let forwarder = Arc::new(Forwarder::new(config, permits)?);
    let guard = Arc::new(Guard::new(config)?);
    let portal = config.portal_config();
    // Proxied bodies pass through as the upstream sent them (compressed or not): recompressing
    // would cost the proxy's latency budget.
    let app = Router::new()
        .route("/config.json", get(move || config_json(portal.clone())))
        .fallback_service(static_files::serve_dir(config.dist.clone()))
        .layer(middleware::from_fn(static_files::cache_headers))
        .layer(middleware::from_fn_with_state(
            security_headers::Csp::new(config.dist.join("index.html")),
            security_headers::add,
        ))
        .layer(CompressionLayer::new());
    let proxy = Router::new()
        .route(
            &format!("{}{{*upstream}}", forward::PREFIX),
            any(forward::forward),
        )
        .with_state(forwarder)
        .layer(cors(config))
        .layer(middleware::from_fn(forward::proxied_answer_headers));
    Ok(Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .merge(proxy)
        .merge(app)
        .layer(middleware::from_fn_with_state(guard, guard::enforce))
        .layer(TraceLayer::new_for_http()))
}

/// Preflights are answered here and never forwarded; only the configured app origins get CORS
/// headers (never `*`).
fn cors(config: &ServerConfig) -> CorsLayer {
    let origins: Vec<HeaderValue> = config
        .app_origins
        .iter()
        .filter_map(|origin| HeaderValue::from_str(origin).ok())
        .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods(guard::PROXY_METHODS.to_vec())
        .allow_headers(forward::header_names(forward::ALLOWED_REQUEST_HEADERS))
        .expose_headers(forward::header_names(forward::EXPOSED_RESPONSE_HEADERS))
        .max_age(Duration::from_secs(600))
}

async fn config_json(portal: PortalConfig) -> impl axum::response::IntoResponse {
    (
        [(
            header::CACHE_CONTROL,
            HeaderValue::from_static(static_files::NO_CACHE),
        )],
        Json(portal),
    )
}
