//! A fake AfterShip Tracking API: `as-api-key`, the `{meta, data}` envelope, 4003 on a repeated
//! registration, 429 `TooManyRequests` with `X-RateLimit-*`, and signed webhooks.

use super::{knob_methods, lock, serve, HasKnobs, Injected, Knobs, Running, Shared};
use crate::model::{Shipment, ShipmentStatus};
use crate::webhook::hmac_sha256_base64;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The fake tracker; dropping it stops the server.
pub struct FakeAfterShip {
    state: Shared<AfterShipState>,
    running: Running,
}

struct AfterShipState {
    knobs: Knobs,
    api_key: String,
    trackings: Vec<Value>,
    registrations: Vec<Value>,
    versions: Vec<String>,
}

impl HasKnobs for AfterShipState {
    fn knobs(&mut self) -> &mut Knobs {
        &mut self.knobs
    }
}

knob_methods!(FakeAfterShip);

/// AfterShip's `tag` for a normalized status.
pub fn tag_of(s: ShipmentStatus) -> &'static str {
    match s {
        ShipmentStatus::Pending => "Pending",
        ShipmentStatus::InfoReceived => "InfoReceived",
        ShipmentStatus::InTransit => "InTransit",
        ShipmentStatus::OutForDelivery => "OutForDelivery",
        ShipmentStatus::AttemptFail => "AttemptFail",
        ShipmentStatus::Delivered => "Delivered",
        ShipmentStatus::AvailableForPickup => "AvailableForPickup",
        ShipmentStatus::Exception => "Exception",
        ShipmentStatus::Expired => "Expired",
    }
}

fn slug(carrier: Option<&str>) -> String {
    let raw = carrier.unwrap_or("unknown").to_lowercase();
    let s: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The shipment as an AfterShip tracking object.
fn render(s: &Shipment, n: usize) -> Value {
    let tag = tag_of(s.status);
    let subtag = s
        .sub_status
        .clone()
        .filter(|x| x.starts_with(tag))
        .unwrap_or_else(|| format!("{tag}_001"));
    json!({
        "id": format!("t_{n}"), "tracking_number": s.tracking_number, "slug": slug(s.carrier.as_deref()),
        "tag": tag, "subtag": subtag, "subtag_message": tag, "courier_tracking_link": s.tracking_url,
        "latest_estimated_delivery": s.estimated_delivery.map(|t| json!({ "type": "specific", "source": "Carrier", "datetime": t.to_rfc3339() })),
        "checkpoints": s.checkpoints.iter().rev().map(|c| json!({
            "checkpoint_time": c.at.to_rfc3339(), "message": c.message, "location": c.place,
            "tag": c.status.map(tag_of).unwrap_or(tag),
        })).collect::<Vec<_>>(),
    })
}

impl FakeAfterShip {
    /// Starts an account that accepts `api_key` and already tracks `shipments`.
    pub async fn start(api_key: &str, shipments: Vec<Shipment>) -> std::io::Result<FakeAfterShip> {
        let state = Arc::new(Mutex::new(AfterShipState {
            knobs: Knobs::default(),
            api_key: api_key.into(),
            trackings: shipments
                .iter()
                .enumerate()
                .map(|(i, s)| render(s, i))
                .collect(),
            registrations: vec![],
            versions: vec![],
        }));
        let router = Router::new()
            .route("/tracking/{version}/trackings", get(list).post(create))
            .with_state(state.clone());
        Ok(FakeAfterShip {
            state,
            running: serve(router).await?,
        })
    }

    /// Replaces (or adds) what the account knows about a parcel, as if the carrier moved it.
    pub fn update(&self, shipment: &Shipment) {
        let mut s = lock(&self.state);
        let n = s.trackings.len();
        s.trackings
            .retain(|t| t["tracking_number"] != shipment.tracking_number.as_str());
        s.trackings.push(render(shipment, n));
    }

    /// Every `POST /trackings` body accepted.
    pub fn registrations(&self) -> Vec<Value> {
        lock(&self.state).registrations.clone()
    }

    /// API versions seen in request paths.
    pub fn versions(&self) -> Vec<String> {
        lock(&self.state).versions.clone()
    }

    /// A `tracking_update` webhook for a known parcel: the raw body and its
    /// `aftership-hmac-sha256` header value under `secret`.
    pub fn webhook(&self, number: &str, secret: &str) -> Option<(Vec<u8>, String)> {
        let s = lock(&self.state);
        let t = s
            .trackings
            .iter()
            .find(|t| t["tracking_number"] == number)?;
        let body = json!({ "event": "tracking_update", "event_id": uuid::Uuid::new_v4().to_string(),
            "is_tracking_first_tag": false, "ts": chrono::Utc::now().timestamp(), "msg": t });
        let bytes = serde_json::to_vec(&body).ok()?;
        let sig = hmac_sha256_base64(secret.as_bytes(), &bytes);
        Some((bytes, sig))
    }
}

fn meta(status: StatusCode, code: i64, message: &str, kind: &str) -> Response {
    (
        status,
        Json(json!({ "meta": { "code": code, "message": message, "type": kind }, "data": {} })),
    )
        .into_response()
}

async fn gate(
    st: &Shared<AfterShipState>,
    headers: &HeaderMap,
    version: String,
) -> Result<(), Response> {
    let (inj, delay, key) = {
        let mut s = lock(st);
        s.versions.push(version);
        let (i, d) = s.knobs.next();
        (i, d, s.api_key.clone())
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if headers.get("as-api-key").and_then(|v| v.to_str().ok()) != Some(key.as_str()) {
        return Err(meta(
            StatusCode::UNAUTHORIZED,
            401,
            "Invalid API key.",
            "Unauthorized",
        ));
    }
    match inj {
        Injected::Nothing => Ok(()),
        Injected::Throttle => {
            let mut r = meta(
                StatusCode::TOO_MANY_REQUESTS,
                429,
                "You have exceeded the API call rate limit.",
                "TooManyRequests",
            );
            let reset = chrono::Utc::now().timestamp() + 2;
            r.headers_mut().insert("x-ratelimit-reset", reset.into());
            r.headers_mut().insert("x-ratelimit-limit", 6.into());
            r.headers_mut().insert("x-ratelimit-remaining", 0.into());
            Err(r)
        }
        Injected::Fail(s) => Err(meta(
            StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            i64::from(s),
            "Something went wrong on AfterShip's end.",
            "InternalError",
        )),
    }
}

async fn list(
    State(st): State<Shared<AfterShipState>>,
    Path(version): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = gate(&st, &headers, version).await {
        return r;
    }
    let numbers: Vec<String> = q
        .get("tracking_numbers")
        .map(|n| n.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    let s = lock(&st);
    let hits: Vec<Value> = s
        .trackings
        .iter()
        .filter(|t| {
            numbers.is_empty() || numbers.iter().any(|n| t["tracking_number"] == n.as_str())
        })
        .filter(|t| q.get("slug").is_none_or(|slug| t["slug"] == slug.as_str()))
        .cloned()
        .collect();
    Json(json!({ "meta": { "code": 200, "message": "OK", "type": "OK" },
        "data": { "pagination": { "total": hits.len(), "page_size": 100, "has_next_page": false }, "trackings": hits } }))
    .into_response()
}

async fn create(
    State(st): State<Shared<AfterShipState>>,
    Path(version): Path<String>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    if let Err(r) = gate(&st, &headers, version).await {
        return r;
    }
    let Some(number) = body["tracking_number"].as_str().filter(|n| !n.is_empty()) else {
        return meta(
            StatusCode::BAD_REQUEST,
            4007,
            "tracking_number is required.",
            "BadRequest",
        );
    };
    let mut s = lock(&st);
    if s.trackings.iter().any(|t| t["tracking_number"] == number) {
        return meta(
            StatusCode::BAD_REQUEST,
            4003,
            "Tracking already exists.",
            "BadRequest",
        );
    }
    let n = s.trackings.len();
    let tracking = json!({ "id": format!("t_{n}"), "tracking_number": number, "slug": body["slug"].as_str().unwrap_or("unknown"),
        "order_number": body["order_number"], "tag": "Pending", "subtag": "Pending_001", "checkpoints": [] });
    s.trackings.push(tracking.clone());
    s.registrations.push(body);
    (StatusCode::CREATED, Json(json!({ "meta": { "code": 201, "message": "Created", "type": "Created" }, "data": tracking }))).into_response()
}
