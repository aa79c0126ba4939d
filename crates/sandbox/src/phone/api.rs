//! The JSON API the phone page talks to, under `/sandbox/api/...`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{COUNTRIES, SAMPLE_PHOTO, SAMPLE_VOICE};
use crate::identity::{self, IdentityError, NewIds, ShopperProfile};
use crate::inbound::shopper_says;
use crate::media::check_media;
use crate::model::{Shopper, ShopperMessage};
use crate::state::KnownShopper;
use crate::Sandbox;

pub(super) fn refuse(status: StatusCode, why: impl Into<String>) -> Response {
    (status, Json(json!({"error": why.into()}))).into_response()
}

pub(super) fn shopper_json(k: &KnownShopper) -> Value {
    let id = &k.identity;
    json!({
        "wa_id": k.shopper.wa_id, "name": k.shopper.name, "user_id": id.user_id,
        "parent_user_id": id.parent_user_id, "username": id.username, "phone_shared": id.phone_shared,
        "previous_user_ids": k.previous_user_ids,
        "phone_number_id": k.shopper.phone_number_id, "country": k.country,
    })
}

pub(super) async fn list_shoppers(State(sb): State<Sandbox>) -> Json<Value> {
    let state = sb.state();
    let mut known: Vec<&KnownShopper> = state.shoppers.values().collect();
    known.sort_by_key(|k| k.seq);
    let shoppers: Vec<Value> = known.into_iter().map(shopper_json).collect();
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
    username: Option<String>,
    /// `false` makes a username-only shopper (no phone in webhooks); needs a username.
    phone_shared: Option<bool>,
    user_id: Option<String>,
    parent_user_id: Option<String>,
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
    let profile = ShopperProfile {
        user_id: req.user_id.filter(|u| !u.trim().is_empty()),
        parent_user_id: req.parent_user_id.filter(|u| !u.trim().is_empty()),
        username: req.username.filter(|u| !u.trim().is_empty()),
        phone_shared: req.phone_shared.unwrap_or(true),
    };
    if let Err(e) = sb.add_shopper_with(&shopper, &req.country, profile) {
        return refuse(StatusCode::BAD_REQUEST, e.to_string());
    }
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
    use PhoneMessage as P;
    use ShopperMessage as S;
    Ok(match msg {
        P::Text { text } if text.trim().is_empty() => return Err("Type a message first.".into()),
        P::Text { text } => S::Text(text),
        m @ (P::Image { .. } | P::Voice { .. } | P::Document { .. }) => file_message(m)?,
        P::Location {
            latitude,
            longitude,
            name,
            address,
        } => S::Location {
            latitude,
            longitude,
            name,
            address,
        },
        P::ButtonReply {
            id,
            title,
            context_wamid,
        } => S::ButtonReply {
            id,
            title,
            context_wamid,
        },
        P::ListReply {
            id,
            title,
            description,
            context_wamid,
        } => S::ListReply {
            id,
            title,
            description,
            context_wamid,
        },
        P::TemplateButton {
            payload,
            text,
            context_wamid,
        } => S::TemplateButton {
            payload,
            text,
            context_wamid,
        },
        P::Reaction { message_id, emoji } => S::Reaction { message_id, emoji },
    })
}

/// Photos, voice notes and documents: the built-in samples, or a file checked against WhatsApp's rules.
fn file_message(msg: PhoneMessage) -> Result<ShopperMessage, String> {
    use PhoneMessage as P;
    use ShopperMessage as S;
    Ok(match msg {
        P::Image {
            sample: true,
            caption,
            ..
        } => S::Image {
            bytes: SAMPLE_PHOTO.to_vec(),
            mime: "image/png".into(),
            caption,
        },
        P::Image {
            data,
            mime,
            caption,
            ..
        } => {
            let mime = mime.unwrap_or_else(|| "image/jpeg".into());
            if !mime.starts_with("image/") {
                return Err("Pick a JPEG or PNG photo.".into());
            }
            S::Image {
                bytes: checked(&mime, decode(data)?)?,
                mime,
                caption,
            }
        }
        P::Voice { sample: true, .. } => S::Voice {
            bytes: SAMPLE_VOICE.to_vec(),
        },
        P::Voice { data, mime, .. } => {
            let mime = mime.unwrap_or_else(|| "audio/ogg".into());
            S::Voice {
                bytes: checked(&mime, decode(data)?)?,
            }
        }
        P::Document {
            data,
            mime,
            filename,
        } => S::Document {
            bytes: checked(&mime, decode(Some(data))?)?,
            mime,
            filename,
        },
        _ => return Err("Not a file message.".into()),
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

#[derive(Deserialize, Default)]
pub(super) struct UserIdChange {
    user_id: Option<String>,
    parent_user_id: Option<String>,
}

/// The shopper gets a new BSUID (as after a new phone number): the desk receives a `user_changed_user_id`
/// system message. Ids left out are derived.
pub(super) async fn change_user_id(
    State(sb): State<Sandbox>,
    Path(key): Path<String>,
    body: Option<Json<UserIdChange>>,
) -> Response {
    let req = body.map(|Json(b)| b).unwrap_or_default();
    let new = NewIds {
        user_id: req.user_id,
        parent_user_id: req.parent_user_id,
    };
    match identity::change_user_id(&sb, &key, new) {
        Ok((wamid, known)) => {
            let shopper = shopper_json(&known);
            (
                StatusCode::CREATED,
                Json(json!({"wamid": wamid, "shopper": shopper})),
            )
                .into_response()
        }
        Err(e @ IdentityError::UnknownShopper(_)) => refuse(StatusCode::NOT_FOUND, e.to_string()),
        Err(e) => refuse(StatusCode::BAD_REQUEST, e.to_string()),
    }
}
