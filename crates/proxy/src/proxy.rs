//! The CORS proxy route. Forwarding is not built yet, so it answers every request with a clear
//! JSON error instead of a silent 404.

use axum::{Json, http::StatusCode, response::IntoResponse};
use serde_json::json;

pub async fn not_yet() -> impl IntoResponse {
    (
        StatusCode::NOT_IMPLEMENTED,
        Json(json!({
            "error": "proxy_not_available",
            "message": "This nubo server does not forward requests to clouds yet.",
        })),
    )
}
