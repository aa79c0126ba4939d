//! What the phone screen shows and reports: the thread, live events, ticks, media and counters.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures::Stream;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use super::api::{refuse, shopper_json};
use crate::model::SimEvent;
use crate::state::ThreadItem;
use crate::validate::template_params;
use crate::Sandbox;

pub(super) async fn thread(State(sb): State<Sandbox>, Path(wa_id): Path<String>) -> Response {
    let state = sb.state();
    let Some(known) = state.shoppers.get(&wa_id) else {
        return refuse(StatusCode::NOT_FOUND, "No such shopper.");
    };
    let items: Vec<Value> = state
        .threads
        .get(&wa_id)
        .into_iter()
        .flatten()
        .filter_map(|item| match item {
            ThreadItem::In { wamid, at_unix, message, read_by_business } => Some(json!({
                "dir": "in", "wamid": wamid, "at": at_unix, "message": message, "read": read_by_business,
            })),
            ThreadItem::Out { wamid } => state.sent.get(wamid).map(|r| {
                json!({
                    "dir": "out", "wamid": r.wamid, "at": r.accepted_unix, "at_ms": r.accepted_unix_ms,
                    "kind": r.kind, "body": r.body,
                    "status": r.latest_status(), "error_code": r.error_code, "template": rendered(&sb, &r.body),
                })
            }),
        })
        .collect();
    Json(json!({"shopper": shopper_json(known), "items": items})).into_response()
}

/// A template send as the shopper reads it: the filled-in body and its quick-reply buttons with payloads.
fn rendered(sb: &Sandbox, body: &Value) -> Value {
    let name = body.pointer("/template/name").and_then(Value::as_str);
    let lang = body
        .pointer("/template/language/code")
        .and_then(Value::as_str);
    let (Some(name), Some(lang)) = (name, lang) else {
        return Value::Null;
    };
    let Some(t) = sb
        .config()
        .templates
        .iter()
        .find(|t| t.name == name && t.language == lang)
    else {
        return Value::Null;
    };
    let comps = body
        .pointer("/template/components")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let payload_of = |i: usize| {
        comps.iter().find_map(|c| {
            let idx = c
                .get("index")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<usize>().ok());
            (idx == Some(i))
                .then(|| c.pointer("/parameters/0/payload").and_then(Value::as_str))
                .flatten()
        })
    };
    let buttons: Vec<Value> = t
        .quick_replies
        .iter()
        .enumerate()
        .map(|(i, text)| json!({"text": text, "payload": payload_of(i).unwrap_or(text)}))
        .collect();
    json!({"text": t.render(&template_params(body)), "buttons": buttons})
}

#[derive(Deserialize)]
pub(super) struct SentFilter {
    phone_number_id: Option<String>,
}

/// Every send the API accepted (of one number, if asked), in the order it accepted them, with the
/// millisecond it did: what a benchmark or a test reads to count a number's sends per second and what
/// each shopper was told, whichever desk sent it.
pub(super) async fn sent(
    State(sb): State<Sandbox>,
    Query(filter): Query<SentFilter>,
) -> Json<Value> {
    let state = sb.state();
    let mut records: Vec<&crate::model::SentRecord> = state
        .sent
        .values()
        .filter(|r| {
            filter
                .phone_number_id
                .as_deref()
                .is_none_or(|n| n == r.phone_number_id)
        })
        .collect();
    records.sort_by_key(|r| (r.accepted_at, r.wamid.clone()));
    let sent: Vec<Value> = records
        .into_iter()
        .map(|r| {
            json!({
                "wamid": r.wamid, "phone_number_id": r.phone_number_id, "to": r.to,
                "at_ms": r.accepted_unix_ms, "kind": r.kind, "body": r.body, "status": r.latest_status(),
            })
        })
        .collect();
    Json(json!({ "sent": sent }))
}

#[derive(Deserialize)]
pub(super) struct Seen {
    wamids: Vec<String>,
}

pub(super) async fn seen(
    State(sb): State<Sandbox>,
    Path(wa_id): Path<String>,
    Json(seen): Json<Seen>,
) -> Response {
    let wamids: Vec<String> = {
        let state = sb.state();
        seen.wamids
            .into_iter()
            .filter(|w| state.sent.get(w).is_some_and(|r| r.to == wa_id))
            .collect()
    };
    let count = wamids.len();
    tokio::spawn(async move { sb.phone_shows(&wamids, Duration::from_millis(700)).await });
    Json(json!({"shown": count})).into_response()
}

#[derive(Deserialize)]
pub(super) struct EventFilter {
    wa_id: Option<String>,
}

fn concerns(event: &SimEvent, wa_id: &str) -> bool {
    match event {
        SimEvent::Accepted { to, .. } | SimEvent::Status { to, .. } => to == wa_id,
        SimEvent::Inbound { wa_id: w, .. } | SimEvent::UserIdChanged { wa_id: w, .. } => w == wa_id,
        SimEvent::MarkedRead { wa_id: w, .. } => w.as_deref() == Some(wa_id),
        SimEvent::Rejected { .. } => false,
    }
}

pub(super) async fn events(
    State(sb): State<Sandbox>,
    Query(filter): Query<EventFilter>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(sb.subscribe()).filter_map(move |item| {
        let event = item.ok()?;
        if filter
            .wa_id
            .as_deref()
            .is_some_and(|w| !concerns(&event, w))
        {
            return None;
        }
        Some(Ok(Event::default()
            .json_data(&event)
            .unwrap_or_else(|_| Event::default().data("{}"))))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

pub(super) async fn stats(State(sb): State<Sandbox>) -> Json<Value> {
    Json(serde_json::to_value(sb.stats()).unwrap_or(Value::Null))
}

/// The phone shows pictures and plays voice notes straight from the store (no token on the shopper's side).
pub(super) async fn media(State(sb): State<Sandbox>, Path(media_id): Path<String>) -> Response {
    let item = sb.state().media.get(&media_id).cloned();
    match item {
        Some(item) => (super::file_headers(&item.mime), item.bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
