//! Routes: the WhatsApp webhook, health and metrics, and the REST API.

pub mod api;
mod canned;
mod cases;
pub mod error;
mod health;
mod media;
mod openapi;
mod ownership;
mod shopify;
pub mod trace;
mod tracking;
mod webhook;

use axum::{extract::DefaultBodyLimit, routing::get, Router};

use crate::state::AppState;

/// Meta's webhook payloads can be up to 3 MB.
pub const WEBHOOK_BODY_LIMIT: usize = 3 * 1024 * 1024;

/// The desk's router; every request is traced (see [`trace`]).
pub fn router(state: AppState) -> Router {
    let routes = Router::new()
        .route(
            "/webhooks/whatsapp",
            get(webhook::handshake)
                .post(webhook::receive)
                .layer(DefaultBodyLimit::max(WEBHOOK_BODY_LIMIT)),
        )
        .route("/webhooks/tracking", axum::routing::post(tracking::receive))
        .route("/webhooks/shopify", axum::routing::post(shopify::receive))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(health::metrics))
        .route("/api/openapi.json", get(openapi::document))
        .nest("/api/v1", api::router(state.clone()))
        .merge(crate::web::router())
        .with_state(state);
    trace::traced(routes)
}
