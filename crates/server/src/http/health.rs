//! Liveness, readiness (database reachable, every number healthy) and Prometheus metrics.
//!
//! Number health is the state every desk on the database shares (see `numbers::watch_health`), so two
//! desks behind one load balancer answer the same.

use axum::{extract::State, http::StatusCode, response::IntoResponse, Json};
use serde_json::{json, Value};

use crate::{
    numbers::{HealthState, NumberRuntime},
    state::AppState,
};

pub async fn healthz() -> &'static str {
    "ok"
}

pub async fn readyz(State(app): State<AppState>) -> impl IntoResponse {
    let db = app.store.ping().await;
    let numbers: Vec<_> = app.numbers.iter().map(|n| readiness_of(n)).collect();
    let all_healthy = app.numbers.iter().all(|n| n.health().healthy);
    let ready = db.is_ok() && all_healthy;
    let body = json!({
        "ready": ready,
        "database": if db.is_ok() { "ok".to_string() } else { "unreachable".to_string() },
        "numbers": numbers,
        // Shown, not counted in `ready`: a worker waiting to be started again leaves this desk able to
        // store webhooks, which is what a load balancer needs from it.
        "workers": app.workers.workers(),
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(body))
}

/// One number in `/readyz`: its state, why and since when, and the whole health object.
fn readiness_of(n: &NumberRuntime) -> Value {
    let h = n.health();
    json!({
        "phone_number_id": n.config.phone_number_id,
        "state": h.state,
        "reason": h.reason,
        "since": super::api::time(h.since_ms),
        "health": h,
    })
}

pub async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    let mut extra = number_metrics(&app) + &worker_metrics(&app);
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

/// `lifeline_worker_restarts_total` and `lifeline_worker_running` (0/1), one series per worker.
fn worker_metrics(app: &AppState) -> String {
    let mut restarts = String::from(
        "# HELP lifeline_worker_restarts_total Times a worker was started again after it returned or panicked.\n\
         # TYPE lifeline_worker_restarts_total counter\n",
    );
    let mut running = String::from(
        "# HELP lifeline_worker_running 1 while the worker runs, 0 while it waits to be started again.\n\
         # TYPE lifeline_worker_running gauge\n",
    );
    for w in app.workers.workers() {
        let name = &w.name;
        restarts.push_str(&format!(
            "lifeline_worker_restarts_total{{worker=\"{name}\"}} {}\n",
            w.restarts
        ));
        running.push_str(&format!(
            "lifeline_worker_running{{worker=\"{name}\"}} {}\n",
            u8::from(w.running)
        ));
    }
    restarts + &running
}

/// `lifeline_number_healthy` (0/1) and `lifeline_number_state`, one series per state with 1 on the
/// current one, so an alert can tell a revoked token from a Graph outage.
fn number_metrics(app: &AppState) -> String {
    let mut healthy = String::from(
        "# HELP lifeline_number_healthy 1 when the number can send, 0 during a credential problem or a Graph outage.\n\
         # TYPE lifeline_number_healthy gauge\n",
    );
    let mut states = String::from(
        "# HELP lifeline_number_state 1 on the number's current state: healthy, credentials or outage.\n\
         # TYPE lifeline_number_state gauge\n",
    );
    for n in app.numbers.iter() {
        let (id, h) = (&n.config.phone_number_id, n.health());
        healthy.push_str(&format!(
            "lifeline_number_healthy{{phone_number_id=\"{id}\"}} {}\n",
            u8::from(h.healthy)
        ));
        for state in HealthState::ALL {
            states.push_str(&format!(
                "lifeline_number_state{{phone_number_id=\"{id}\",state=\"{}\"}} {}\n",
                state.as_str(),
                u8::from(h.state == state)
            ));
        }
    }
    healthy + &states
}
