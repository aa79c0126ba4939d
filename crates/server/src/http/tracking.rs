//! `POST /webhooks/tracking`: the carrier tracker's pushes, verified, applied to every conversation that
//! holds the parcel, and shown live to agents.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use lifeline_commerce::Order;

use crate::{events::DeskEvent, state::AppState, store::now_ms};

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
        for mut row in rows {
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
                let link = s.tracking_url.take();
                *s = fresh.clone();
                if s.tracking_url.is_none() {
                    s.tracking_url = link;
                }
            }
            row.order_json = serde_json::to_string(&order).ok();
            row.fetched_at = now_ms();
            row.error = None;
            if let Err(e) = app.store.record_order_lookup(&row).await {
                tracing::error!(error = format!("{e:#}"), "tracking push not stored");
                return (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response();
            }
            app.events.publish(DeskEvent::OrdersChanged {
                conversation_id: row.conversation_id,
            });
        }
    }
    StatusCode::OK.into_response()
}
