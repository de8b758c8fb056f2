//! All of the server's routes in one place.

use axum::{
    Json, Router,
    http::{HeaderValue, header},
    middleware,
    routing::{any, get},
};
use nubo_cloud::config::PortalConfig;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

use crate::{config::ServerConfig, proxy, static_files};

pub fn router(config: &ServerConfig) -> Router {
    let portal = config.portal_config();
    Router::new()
        .route("/config.json", get(move || config_json(portal.clone())))
        .route("/healthz", get(|| async { "ok" }))
        .route("/proxy/{*upstream}", any(proxy::not_yet))
        .fallback_service(static_files::serve_dir(config.dist.clone()))
        .layer(middleware::from_fn(static_files::cache_headers))
        // Compresses what the build did not precompress; skips responses that already are.
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
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
