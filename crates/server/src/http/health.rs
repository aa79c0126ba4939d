//! Liveness, readiness (database reachable, every number healthy) and Prometheus metrics.

use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::json;

use crate::state::AppState;

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(app): State<AppState>) -> impl IntoResponse {
    let db = app.store.ping().await;
    let numbers: Vec<_> = app
        .numbers
        .iter()
        .map(|n| json!({"phone_number_id": n.config.phone_number_id, "health": n.health()}))
        .collect();
    let all_healthy = app.numbers.iter().all(|n| n.health().healthy);
    let ready = db.is_ok() && all_healthy;
    let body = json!({
        "ready": ready,
        "database": if db.is_ok() { "ok".to_string() } else { "unreachable".to_string() },
        "numbers": numbers,
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}

pub async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    let mut extra = String::from(
        "# HELP lifeline_number_healthy 1 when the number can send, 0 after a credential error.\n\
         # TYPE lifeline_number_healthy gauge\n",
    );
    for n in app.numbers.iter() {
        extra.push_str(&format!(
            "lifeline_number_healthy{{phone_number_id=\"{}\"}} {}\n",
            n.config.phone_number_id,
            u8::from(n.health().healthy)
        ));
    }
    if let Ok(depth) = app.store.outbox_depth().await {
        extra.push_str(&format!(
            "# HELP lifeline_outbox_depth Outbound messages waiting or in flight.\n# TYPE lifeline_outbox_depth gauge\nlifeline_outbox_depth {depth}\n"
        ));
    }
    (
        [("content-type", "text/plain; version=0.0.4")],
        app.metrics.render(&extra),
    )
}
