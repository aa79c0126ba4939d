//! A shopper's message as Meta's `messages` webhook carries it: contacts, the message object, media links.

use std::time::Instant;

use bytes::Bytes;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::identity::{insert_some, ShopperIdentity};
use crate::model::{Shopper, ShopperMessage, SimEvent};
use crate::state::{new_wamid, unix_now, ThreadItem};
use crate::Sandbox;

/// Records the shopper's message (opening the window) and queues its webhook; returns the wamid.
pub(crate) fn shopper_says(
    sb: &Sandbox,
    shopper: &Shopper,
    msg: ShopperMessage,
    country: Option<&str>,
) -> String {
    let wamid = new_wamid();
    let Some(number) = sb.config().number(&shopper.phone_number_id).cloned() else {
        tracing::warn!(phone_number_id = %shopper.phone_number_id, "sandbox: shopper wrote to a number it does not host");
        return wamid;
    };
    let now = unix_now();
    let identity = sb.state().remember_shopper(shopper, country);
    let message = message_object(
        sb,
        shopper,
        &identity,
        &number.display_phone_number,
        &wamid,
        now,
        msg,
    );
    {
        let mut state = sb.state();
        state.last_inbound.insert(
            (number.phone_number_id.clone(), shopper.wa_id.clone()),
            Instant::now(),
        );
        state
            .inbound_owner
            .insert(wamid.clone(), shopper.wa_id.clone());
        let item = ThreadItem::In {
            wamid: wamid.clone(),
            at_unix: now,
            message: message.clone(),
            read_by_business: false,
        };
        state
            .threads
            .entry(shopper.wa_id.clone())
            .or_default()
            .push(item);
        state.stats.inbound_messages += 1;
    }
    let contact = contact_card(shopper, &identity);
    let fields = json!({"contacts": [contact], "messages": [message.clone()]});
    sb.enqueue(&number.phone_number_id, fields, false);
    sb.publish(SimEvent::Inbound {
        wamid: wamid.clone(),
        wa_id: shopper.wa_id.clone(),
        phone_number_id: number.phone_number_id.clone(),
        message,
    });
    wamid
}

/// `contacts[]` of a messages webhook: the BSUID always, the phone only when shared.
fn contact_card(shopper: &Shopper, identity: &ShopperIdentity) -> Value {
    let mut profile = Map::new();
    profile.insert("name".into(), json!(shopper.name));
    insert_some(&mut profile, "username", &identity.username);
    let mut card = Map::new();
    card.insert("profile".into(), Value::Object(profile));
    if identity.phone_shared {
        card.insert("wa_id".into(), json!(shopper.wa_id));
    }
    card.insert("user_id".into(), json!(identity.user_id));
    insert_some(&mut card, "parent_user_id", &identity.parent_user_id);
    Value::Object(card)
}

fn message_object(
    sb: &Sandbox,
    shopper: &Shopper,
    identity: &ShopperIdentity,
    display: &str,
    wamid: &str,
    now: i64,
    msg: ShopperMessage,
) -> Value {
    let mut obj = Map::new();
    if identity.phone_shared {
        obj.insert("from".into(), json!(shopper.wa_id));
    }
    obj.insert("from_user_id".into(), json!(identity.user_id));
    insert_some(&mut obj, "from_parent_user_id", &identity.parent_user_id);
    obj.insert("id".into(), json!(wamid));
    obj.insert("timestamp".into(), json!(now.to_string()));
    if matches!(msg, ShopperMessage::Unsupported { .. }) {
        obj.insert(
            "errors".into(),
            json!([{"code": 131051, "title": "Message type unknown", "message": "Message type unknown",
                    "error_data": {"details": "Message type is currently not supported."}}]),
        );
    }
    let part = match msg {
        m @ (ShopperMessage::Image { .. }
        | ShopperMessage::Voice { .. }
        | ShopperMessage::Document { .. }) => media_part(sb, shopper, m),
        m @ (ShopperMessage::ButtonReply { .. }
        | ShopperMessage::ListReply { .. }
        | ShopperMessage::TemplateButton { .. }) => reply_part(display, m),
        other => plain_part(other),
    };
    if let Some(ctx) = part.context {
        obj.insert("context".into(), ctx);
    }
    obj.insert("type".into(), json!(part.kind));
    obj.insert(part.kind.into(), part.body);
    Value::Object(obj)
}

/// The `type` of a message, the object under that key, and its `context` when it answers a business message.
struct Part {
    kind: &'static str,
    body: Value,
    context: Option<Value>,
}

fn part(kind: &'static str, body: Value) -> Part {
    Part {
        kind,
        body,
        context: None,
    }
}

fn set_optional(target: &mut Value, key: &str, value: Option<String>) {
    if let Some(v) = value {
        target[key] = json!(v);
    }
}

fn plain_part(msg: ShopperMessage) -> Part {
    match msg {
        ShopperMessage::Text(body) => part("text", json!({"body": body})),
        ShopperMessage::Location {
            latitude,
            longitude,
            name,
            address,
        } => {
            let mut loc = json!({"latitude": latitude, "longitude": longitude});
            set_optional(&mut loc, "name", name);
            set_optional(&mut loc, "address", address);
            part("location", loc)
        }
        ShopperMessage::Reaction { message_id, emoji } => {
            let mut reaction = json!({"message_id": message_id});
            set_optional(&mut reaction, "emoji", emoji);
            part("reaction", reaction)
        }
        ShopperMessage::Unsupported { kind } => part("unsupported", json!({"type": kind})),
        _ => part("unsupported", json!({"type": "unknown"})),
    }
}

fn media_part(sb: &Sandbox, shopper: &Shopper, msg: ShopperMessage) -> Part {
    match msg {
        ShopperMessage::Image {
            bytes,
            mime,
            caption,
        } => {
            let mut media = media_object(sb, shopper, &mime, bytes);
            set_optional(&mut media, "caption", caption.filter(|c| !c.is_empty()));
            part("image", media)
        }
        ShopperMessage::Voice { bytes } => {
            let mut media = media_object(sb, shopper, "audio/ogg; codecs=opus", bytes);
            media["voice"] = json!(true);
            part("audio", media)
        }
        ShopperMessage::Document {
            bytes,
            mime,
            filename,
        } => {
            let mut media = media_object(sb, shopper, &mime, bytes);
            media["filename"] = json!(filename);
            part("document", media)
        }
        other => plain_part(other),
    }
}

/// Taps on buttons and list rows quote the business message they answer.
fn reply_part(display: &str, msg: ShopperMessage) -> Part {
    let (kind, body, quoted) = match msg {
        ShopperMessage::ButtonReply {
            id,
            title,
            context_wamid,
        } => (
            "interactive",
            json!({"type": "button_reply", "button_reply": {"id": id, "title": title}}),
            context_wamid,
        ),
        ShopperMessage::ListReply {
            id,
            title,
            description,
            context_wamid,
        } => {
            let mut row = json!({"id": id, "title": title});
            set_optional(&mut row, "description", description);
            (
                "interactive",
                json!({"type": "list_reply", "list_reply": row}),
                context_wamid,
            )
        }
        ShopperMessage::TemplateButton {
            payload,
            text,
            context_wamid,
        } => (
            "button",
            json!({"payload": payload, "text": text}),
            context_wamid,
        ),
        other => return plain_part(other),
    };
    Part {
        kind,
        body,
        context: Some(json!({"from": display, "id": quoted})),
    }
}

/// Stores a shopper's file the way Meta does, and describes it as the webhook does (base64 sha256, a url).
fn media_object(sb: &Sandbox, shopper: &Shopper, mime: &str, bytes: Vec<u8>) -> Value {
    use base64::Engine;
    let sha = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&bytes));
    let id = sb.store_media(&shopper.phone_number_id, mime, Bytes::from(bytes));
    json!({"id": id, "mime_type": mime, "sha256": sha, "url": sb.media_url(&id)})
}
