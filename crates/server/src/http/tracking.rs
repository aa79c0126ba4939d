//! `POST /webhooks/tracking`: the carrier tracker's pushes, verified, applied to every conversation that
//! holds the parcel, and shown live to agents.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use lifeline_commerce::Order;

use crate::state::AppState;

pub async fn receive(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(tracker) = app.commerce.tracker.clone() else {
        return (StatusCode::NOT_FOUND, "no tracker is configured").into_response();
    };
    if let Err(e) = tracker.verify_push(&headers, &body) {
        return (StatusCode::UNAUTHORIZED, e.to_string()).into_response();
    }
    let shipments = match tracker.parse_push(&body) {
        Ok(s) => s,
        Err(e) => {
            let _ = app
                .store
                .record_dead_letter(&format!("unreadable tracking push: {e}"), &body)
                .await;
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    for fresh in shipments {
        let rows = match app.store.orders_with_tracking(&fresh.tracking_number).await {
            Ok(r) => r,
            Err(e) => {
                tracing::error!(error = format!("{e:#}"), "tracking push not stored");
                return (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response();
            }
        };
        for row in rows {
            let Some(mut order) = row
                .order_json
                .as_deref()
                .and_then(|j| serde_json::from_str::<Order>(j).ok())
            else {
                continue;
            };
            for s in order
                .shipments
                .iter_mut()
                .filter(|s| s.tracking_number == fresh.tracking_number)
            {
                s.refresh_from(fresh.clone());
            }
            if let Err(e) = crate::orders::keep_pushed(&app, row, &order).await {
                tracing::error!(error = format!("{e:#}"), "tracking push not stored");
                return (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response();
            }
        }
    }
    StatusCode::OK.into_response()
}
