//! A fake 17TRACK API v2.2: `17token`, JSON-array bodies, `{code, data:{accepted, rejected}}`,
//! numbers that must be registered before `gettrackinfo`, and the webhook `sign`.

use super::{knob_methods, lock, serve, HasKnobs, Injected, Knobs, Running, Shared};
use crate::model::{Shipment, ShipmentStatus};
use crate::seventeen::push_sign;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::Utc;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The fake tracker; dropping it stops the server.
pub struct Fake17Track {
    state: Shared<State17>,
    running: Running,
}

struct State17 {
    knobs: Knobs,
    token: String,
    shipments: Vec<Shipment>,
    registered: HashSet<String>,
    registrations: Vec<Value>,
}

impl HasKnobs for State17 {
    fn knobs(&mut self) -> &mut Knobs {
        &mut self.knobs
    }
}

knob_methods!(Fake17Track);

fn status_of(s: ShipmentStatus) -> &'static str {
    match s {
        ShipmentStatus::Pending => "NotFound",
        ShipmentStatus::InfoReceived => "InfoReceived",
        ShipmentStatus::InTransit => "InTransit",
        ShipmentStatus::OutForDelivery => "OutForDelivery",
        ShipmentStatus::AttemptFail => "DeliveryFailure",
        ShipmentStatus::Delivered => "Delivered",
        ShipmentStatus::AvailableForPickup => "AvailableForPickup",
        ShipmentStatus::Exception => "Exception",
        ShipmentStatus::Expired => "Expired",
    }
}

fn event(
    at: chrono::DateTime<Utc>,
    description: &str,
    location: Option<&str>,
    stage: &str,
) -> Value {
    json!({ "time_iso": at.to_rfc3339(), "time_utc": at.to_rfc3339(), "description": description, "location": location, "stage": stage })
}

/// The shipment as a `gettrackinfo` accepted item.
fn render(s: &Shipment) -> Value {
    let status = status_of(s.status);
    let sub = s
        .sub_status
        .clone()
        .filter(|x| x.starts_with(status) && !x.ends_with(|c: char| c.is_ascii_digit()));
    let events: Vec<Value> = s
        .checkpoints
        .iter()
        .map(|c| {
            event(
                c.at,
                &c.message,
                c.place.as_deref(),
                c.status.map(status_of).unwrap_or(status),
            )
        })
        .collect();
    let days = s.last_movement().map(|t| (Utc::now() - t).num_days());
    json!({
        "number": s.tracking_number, "carrier": 3011, "tag": null,
        "track_info": {
            "latest_status": { "status": status, "sub_status": sub.unwrap_or_else(|| format!("{status}_Other")), "sub_status_descr": null },
            "latest_event": events.first().cloned(),
            "time_metrics": { "days_after_order": null, "days_of_transit": null, "days_after_last_update": days,
                "estimated_delivery_date": { "source": "Official", "from": null, "to": s.estimated_delivery.map(|t| t.to_rfc3339()) } },
            "tracking": { "providers": [{ "provider": { "key": 3011, "name": s.carrier }, "events": events }] },
        }
    })
}

impl Fake17Track {
    /// Starts an account that accepts `token` and knows these parcels (registered or not).
    pub async fn start(
        token: &str,
        shipments: Vec<Shipment>,
        registered: &[&str],
    ) -> std::io::Result<Fake17Track> {
        let state = Arc::new(Mutex::new(State17 {
            knobs: Knobs::default(),
            token: token.into(),
            shipments,
            registered: registered.iter().map(|s| s.to_string()).collect(),
            registrations: vec![],
        }));
        let router = Router::new()
            .route("/track/v2.2/register", post(register))
            .route("/track/v2.2/gettrackinfo", post(info))
            .with_state(state.clone());
        Ok(Fake17Track {
            state,
            running: serve(router).await?,
        })
    }

    /// The base URL to use as `api_base` (includes `/track/v2.2`).
    pub fn api_base(&self) -> String {
        format!("{}/track/v2.2", self.base_url())
    }

    /// Replaces (or adds) a parcel, as if the carrier moved it.
    pub fn update(&self, shipment: &Shipment) {
        let mut s = lock(&self.state);
        s.shipments
            .retain(|x| x.tracking_number != shipment.tracking_number);
        s.shipments.push(shipment.clone());
    }

    /// Every item accepted by `register`.
    pub fn registrations(&self) -> Vec<Value> {
        lock(&self.state).registrations.clone()
    }

    /// A `TRACKING_UPDATED` push for a parcel: the raw body and its `sign` header under `key`.
    pub fn webhook(&self, number: &str, key: &str) -> Option<(Vec<u8>, String)> {
        let s = lock(&self.state);
        let ship = s.shipments.iter().find(|x| x.tracking_number == number)?;
        let body =
            serde_json::to_vec(&json!({ "event": "TRACKING_UPDATED", "data": render(ship) }))
                .ok()?;
        let sign = push_sign(&body, key);
        Some((body, sign))
    }
}

async fn gate(st: &Shared<State17>, headers: &HeaderMap) -> Result<(), Response> {
    let (inj, delay, token) = {
        let mut s = lock(st);
        let (i, d) = s.knobs.next();
        (i, d, s.token.clone())
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    if headers.get("17token").and_then(|v| v.to_str().ok()) != Some(token.as_str()) {
        return Err(Json(json!({ "code": -18010002, "data": { "errors": [{ "code": -18010002, "message": "Invalid access key." }] } })).into_response());
    }
    match inj {
        Injected::Nothing => Ok(()),
        Injected::Throttle => Err((StatusCode::TOO_MANY_REQUESTS, Json(json!({ "code": -18010018, "data": { "errors": [{ "code": -18010018, "message": "Request too frequent." }] } }))).into_response()),
        Injected::Fail(s) => Err((StatusCode::from_u16(s).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), "Service Unavailable").into_response()),
    }
}

fn rejected(number: &str, code: i64, message: String) -> Value {
    json!({ "number": number, "error": { "code": code, "message": message } })
}

async fn register(
    State(st): State<Shared<State17>>,
    headers: HeaderMap,
    Json(items): Json<Vec<Value>>,
) -> Response {
    if let Err(r) = gate(&st, &headers).await {
        return r;
    }
    let mut s = lock(&st);
    let (mut ok, mut bad) = (vec![], vec![]);
    for it in items {
        let n = it["number"].as_str().unwrap_or_default().to_string();
        if n.len() < 5 {
            bad.push(rejected(
                &n,
                -18019903,
                format!("The tracking number '{n}' is invalid."),
            ));
        } else if !s.registered.insert(n.clone()) {
            bad.push(rejected(
                &n,
                -18019901,
                format!("The tracking number '{n}' has already been registered."),
            ));
        } else {
            ok.push(json!({ "number": n, "carrier": it["carrier"].as_u64().unwrap_or(3011), "origin": 1 }));
            s.registrations.push(it);
        }
    }
    Json(json!({ "code": 0, "data": { "accepted": ok, "rejected": bad } })).into_response()
}

async fn info(
    State(st): State<Shared<State17>>,
    headers: HeaderMap,
    Json(items): Json<Vec<Value>>,
) -> Response {
    if let Err(r) = gate(&st, &headers).await {
        return r;
    }
    let s = lock(&st);
    let (mut ok, mut bad) = (vec![], vec![]);
    for it in items {
        let n = it["number"].as_str().unwrap_or_default();
        if !s.registered.contains(n) {
            bad.push(rejected(
                n,
                -18019902,
                format!("The tracking number '{n}' does not register, please register first."),
            ));
            continue;
        }
        match s.shipments.iter().find(|x| x.tracking_number == n) {
            Some(ship) => ok.push(render(ship)),
            None => ok.push(json!({ "number": n, "carrier": 0, "track_info": { "latest_status": { "status": "NotFound", "sub_status": "NotFound_Other" } } })),
        }
    }
    Json(json!({ "code": 0, "data": { "accepted": ok, "rejected": bad } })).into_response()
}
