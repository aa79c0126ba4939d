//! The JSON API the phone page talks to, under `/sandbox/api/...`.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures::Stream;
use serde::Deserialize;
use serde_json::{json, Value};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use super::{COUNTRIES, SAMPLE_PHOTO, SAMPLE_VOICE};
use crate::inbound::shopper_says;
use crate::media::check_media;
use crate::model::{Shopper, ShopperMessage, SimEvent};
use crate::state::{KnownShopper, ThreadItem};
use crate::validate::template_params;
use crate::Sandbox;

fn refuse(status: StatusCode, why: impl Into<String>) -> Response {
    (status, Json(json!({"error": why.into()}))).into_response()
}

fn shopper_json(k: &KnownShopper) -> Value {
    json!({
        "wa_id": k.shopper.wa_id, "name": k.shopper.name, "user_id": k.shopper.user_id,
        "phone_number_id": k.shopper.phone_number_id, "country": k.country,
    })
}

pub(super) async fn list_shoppers(State(sb): State<Sandbox>) -> Json<Value> {
    let state = sb.state();
    let shoppers: Vec<Value> = state.shoppers.values().map(shopper_json).collect();
    let countries: Vec<Value> = COUNTRIES
        .iter()
        .map(|(code, name, dial)| json!({"code": code, "name": name, "dial": dial}))
        .collect();
    let numbers: Vec<Value> = sb
        .config()
        .numbers
        .iter()
        .map(|n| json!({"phone_number_id": n.phone_number_id, "display_phone_number": n.display_phone_number}))
        .collect();
    Json(json!({"shoppers": shoppers, "countries": countries, "numbers": numbers}))
}

#[derive(Deserialize)]
pub(super) struct NewShopper {
    name: String,
    wa_id: String,
    country: String,
    phone_number_id: Option<String>,
}

pub(super) async fn create_shopper(
    State(sb): State<Sandbox>,
    Json(req): Json<NewShopper>,
) -> Response {
    let name = req.name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return refuse(
            StatusCode::BAD_REQUEST,
            "The name must have 1 to 60 characters.",
        );
    }
    let Some((_, _, dial)) = COUNTRIES.iter().find(|(code, _, _)| *code == req.country) else {
        return refuse(StatusCode::BAD_REQUEST, "Pick one of the listed countries.");
    };
    let digits: String = req.wa_id.chars().filter(char::is_ascii_digit).collect();
    if !digits.starts_with(dial) || !(8..=15).contains(&digits.len()) {
        return refuse(
            StatusCode::BAD_REQUEST,
            format!("The number must start with +{dial} and have 8 to 15 digits."),
        );
    }
    let number = req.phone_number_id.or_else(|| {
        sb.config()
            .numbers
            .first()
            .map(|n| n.phone_number_id.clone())
    });
    let Some(number) = number.filter(|n| sb.config().number(n).is_some()) else {
        return refuse(StatusCode::BAD_REQUEST, "Unknown business number.");
    };
    let shopper = Shopper {
        wa_id: digits.clone(),
        name: name.to_string(),
        user_id: None,
        phone_number_id: number,
    };
    sb.add_shopper(&shopper, &req.country);
    let known = sb.state().shoppers.get(&digits).map(shopper_json);
    (StatusCode::CREATED, Json(known.unwrap_or(Value::Null))).into_response()
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(super) enum PhoneMessage {
    Text {
        text: String,
    },
    Image {
        #[serde(default)]
        sample: bool,
        data: Option<String>,
        mime: Option<String>,
        caption: Option<String>,
    },
    Voice {
        #[serde(default)]
        sample: bool,
        data: Option<String>,
        mime: Option<String>,
    },
    Document {
        data: String,
        mime: String,
        filename: String,
    },
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
    },
    ButtonReply {
        id: String,
        title: String,
        context_wamid: String,
    },
    ListReply {
        id: String,
        title: String,
        description: Option<String>,
        context_wamid: String,
    },
    TemplateButton {
        payload: String,
        text: String,
        context_wamid: String,
    },
    Reaction {
        message_id: String,
        emoji: Option<String>,
    },
}

fn decode(data: Option<String>) -> Result<Vec<u8>, String> {
    use base64::Engine;
    let data = data.ok_or("Attach a file, or use the sample.")?;
    let b64 = data.split_once(',').map_or(data.as_str(), |(_, b)| b);
    base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|_| "The file could not be read.".to_string())
}

fn checked(mime: &str, bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    check_media(mime, &bytes)
        .map(|_| bytes)
        .map_err(|e| format!("WhatsApp would refuse this file: {}", e.details))
}

fn to_shopper_message(msg: PhoneMessage) -> Result<ShopperMessage, String> {
    Ok(match msg {
        PhoneMessage::Text { text } if text.trim().is_empty() => {
            return Err("Type a message first.".into())
        }
        PhoneMessage::Text { text } => ShopperMessage::Text(text),
        PhoneMessage::Image {
            sample: true,
            caption,
            ..
        } => ShopperMessage::Image {
            bytes: SAMPLE_PHOTO.to_vec(),
            mime: "image/png".into(),
            caption,
        },
        PhoneMessage::Image {
            data,
            mime,
            caption,
            ..
        } => {
            let mime = mime.unwrap_or_else(|| "image/jpeg".into());
            if !mime.starts_with("image/") {
                return Err("Pick a JPEG or PNG photo.".into());
            }
            ShopperMessage::Image {
                bytes: checked(&mime, decode(data)?)?,
                mime,
                caption,
            }
        }
        PhoneMessage::Voice { sample: true, .. } => ShopperMessage::Voice {
            bytes: SAMPLE_VOICE.to_vec(),
        },
        PhoneMessage::Voice { data, mime, .. } => {
            let mime = mime.unwrap_or_else(|| "audio/ogg".into());
            ShopperMessage::Voice {
                bytes: checked(&mime, decode(data)?)?,
            }
        }
        PhoneMessage::Document {
            data,
            mime,
            filename,
        } => ShopperMessage::Document {
            bytes: checked(&mime, decode(Some(data))?)?,
            mime,
            filename,
        },
        PhoneMessage::Location {
            latitude,
            longitude,
            name,
            address,
        } => ShopperMessage::Location {
            latitude,
            longitude,
            name,
            address,
        },
        PhoneMessage::ButtonReply {
            id,
            title,
            context_wamid,
        } => ShopperMessage::ButtonReply {
            id,
            title,
            context_wamid,
        },
        PhoneMessage::ListReply {
            id,
            title,
            description,
            context_wamid,
        } => ShopperMessage::ListReply {
            id,
            title,
            description,
            context_wamid,
        },
        PhoneMessage::TemplateButton {
            payload,
            text,
            context_wamid,
        } => ShopperMessage::TemplateButton {
            payload,
            text,
            context_wamid,
        },
        PhoneMessage::Reaction { message_id, emoji } => {
            ShopperMessage::Reaction { message_id, emoji }
        }
    })
}

pub(super) async fn send_message(
    State(sb): State<Sandbox>,
    Path(wa_id): Path<String>,
    Json(msg): Json<PhoneMessage>,
) -> Response {
    let known = sb.state().shoppers.get(&wa_id).cloned();
    let Some(known) = known else {
        return refuse(StatusCode::NOT_FOUND, "No such shopper.");
    };
    match to_shopper_message(msg) {
        Ok(m) => {
            let wamid = shopper_says(&sb, &known.shopper, m, Some(&known.country));
            (StatusCode::CREATED, Json(json!({"wamid": wamid}))).into_response()
        }
        Err(why) => refuse(StatusCode::BAD_REQUEST, why),
    }
}

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
                    "dir": "out", "wamid": r.wamid, "at": r.accepted_unix, "kind": r.kind, "body": r.body,
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
        SimEvent::Inbound { wa_id: w, .. } => w == wa_id,
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
        Some(item) => ([(header::CONTENT_TYPE, item.mime)], item.bytes).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
