//! Inbound messages (`value.messages[]`): the envelope, then one reader per wire type.

use serde_json::Value;

use super::media_id::MediaId;
use super::status::parse_errors;
use super::types::{Context, InboundMessage, MediaKind, MediaRef, MessageKind, NumberRef};
use crate::json::{array_at, bool_at, float_at, id_at, int_at, non_empty_str_at, str_at};

/// One entry of `value.contacts[]`, used to name the sender.
pub(crate) struct ContactCard {
    wa_id: Option<String>,
    user_id: Option<String>,
    parent_user_id: Option<String>,
    name: Option<String>,
    username: Option<String>,
}

/// Reads `value.contacts[]`, skipping entries without any id.
pub(crate) fn contact_cards(value: &Value) -> Vec<ContactCard> {
    array_at(value, "contacts")
        .iter()
        .map(|c| ContactCard {
            wa_id: id_at(c, "wa_id"),
            user_id: id_at(c, "user_id"),
            parent_user_id: id_at(c, "parent_user_id"),
            name: c.get("profile").and_then(|p| non_empty_str_at(p, "name")),
            username: c
                .get("profile")
                .and_then(|p| non_empty_str_at(p, "username")),
        })
        .filter(|c| c.wa_id.is_some() || c.user_id.is_some())
        .collect()
}

/// The contact card of a message's sender.
fn card_for<'a>(
    cards: &'a [ContactCard],
    from: &Option<String>,
    user: &Option<String>,
) -> Option<&'a ContactCard> {
    let matches = |c: &&ContactCard| {
        (user.is_some() && c.user_id == *user) || (from.is_some() && c.wa_id == *from)
    };
    match cards.iter().find(matches) {
        Some(card) => Some(card),
        // A single contact card with no ids to compare still names the only sender.
        None if cards.len() == 1 && from.is_none() && user.is_none() => cards.first(),
        None => None,
    }
}

/// Reads one message; `None` when the envelope (id, timestamp) is unusable.
pub(crate) fn parse_message(
    v: &Value,
    number: &NumberRef,
    cards: &[ContactCard],
) -> Option<InboundMessage> {
    if !v.is_object() {
        return None;
    }
    let wamid = id_at(v, "id")?;
    let timestamp = int_at(v, "timestamp")?;
    let card = card_for(cards, &id_at(v, "from"), &id_at(v, "from_user_id"));
    // The message's own ids first; the contact card fills in what a message left out.
    let from = id_at(v, "from").or_else(|| card.and_then(|c| c.wa_id.clone()));
    let from_user_id = id_at(v, "from_user_id").or_else(|| card.and_then(|c| c.user_id.clone()));
    let from_parent_user_id =
        id_at(v, "from_parent_user_id").or_else(|| card.and_then(|c| c.parent_user_id.clone()));
    let type_name = str_at(v, "type").unwrap_or_default();
    let kind = parse_kind(v, &type_name).unwrap_or(MessageKind::Unknown { type_name });
    Some(InboundMessage {
        number: number.clone(),
        contact_name: card.and_then(|c| c.name.clone()),
        username: card.and_then(|c| c.username.clone()),
        wamid,
        from,
        from_user_id,
        from_parent_user_id,
        timestamp,
        kind,
        context: v.get("context").and_then(parse_context),
        referral: v.get("referral").filter(|r| r.is_object()).cloned(),
        errors: parse_errors(v),
        raw: v.clone(),
    })
}

fn parse_context(c: &Value) -> Option<Context> {
    if !c.is_object() {
        return None;
    }
    Some(Context {
        quoted_wamid: id_at(c, "id"),
        from: id_at(c, "from"),
        forwarded: bool_at(c, "forwarded"),
        frequently_forwarded: bool_at(c, "frequently_forwarded"),
        referred_product: c.get("referred_product").filter(|p| p.is_object()).cloned(),
    })
}

/// The payload for a known type; `None` when it is unknown or its payload is unreadable.
fn parse_kind(v: &Value, type_name: &str) -> Option<MessageKind> {
    let payload = v.get(type_name);
    if let Some(kind) = MediaKind::parse(type_name) {
        return parse_media(kind, payload?).map(MessageKind::Media);
    }
    match type_name {
        "text" => Some(MessageKind::Text {
            body: str_at(payload?, "body")?,
        }),
        "location" => parse_location(payload?),
        "contacts" => Some(MessageKind::Contacts {
            contacts: payload.filter(|c| c.is_array())?.clone(),
        }),
        "interactive" => parse_interactive(payload?),
        "button" => {
            let p = payload?;
            let (payload, text) = (str_at(p, "payload"), str_at(p, "text"));
            (payload.is_some() || text.is_some())
                .then_some(MessageKind::TemplateButton { payload, text })
        }
        "reaction" => Some(MessageKind::Reaction {
            message_id: id_at(payload?, "message_id")?,
            emoji: non_empty_str_at(payload?, "emoji"),
        }),
        "order" => parse_order(payload?),
        "system" => {
            let p = payload?;
            Some(MessageKind::System {
                body: str_at(p, "body"),
                kind: str_at(p, "type"),
                new_wa_id: id_at(p, "wa_id").or_else(|| id_at(p, "new_wa_id")),
                user_id: id_at(p, "user_id"),
                parent_user_id: id_at(p, "parent_user_id"),
                previous_user_id: id_at(p, "previous_user_id"),
                previous_parent_user_id: id_at(p, "previous_parent_user_id"),
            })
        }
        "request_welcome" => Some(MessageKind::RequestWelcome),
        "unsupported" => Some(MessageKind::Unsupported {
            subtype: payload.and_then(|p| str_at(p, "type")),
        }),
        _ => None,
    }
}

/// A file's id is checked here, at the edge: one that is not Meta's (digits) keeps the message and its
/// caption, and the file carries the reason it will not be fetched.
fn parse_media(kind: MediaKind, p: &Value) -> Option<MediaRef> {
    let id = id_at(p, "id")?;
    Some(MediaRef {
        kind,
        id_error: MediaId::parse(&id).err().map(|e| e.to_string().into()),
        id,
        mime_type: non_empty_str_at(p, "mime_type"),
        sha256: non_empty_str_at(p, "sha256"),
        caption: non_empty_str_at(p, "caption"),
        filename: non_empty_str_at(p, "filename"),
        voice: bool_at(p, "voice"),
        animated: bool_at(p, "animated"),
        url: non_empty_str_at(p, "url"),
    })
}

fn parse_location(p: &Value) -> Option<MessageKind> {
    Some(MessageKind::Location {
        latitude: float_at(p, "latitude")?,
        longitude: float_at(p, "longitude")?,
        name: non_empty_str_at(p, "name"),
        address: non_empty_str_at(p, "address"),
        url: non_empty_str_at(p, "url"),
    })
}

fn parse_interactive(p: &Value) -> Option<MessageKind> {
    let sub = str_at(p, "type")?;
    let answer = p.get(&sub);
    match sub.as_str() {
        "button_reply" => Some(MessageKind::ButtonReply {
            id: id_at(answer?, "id")?,
            title: str_at(answer?, "title")?,
        }),
        "list_reply" => Some(MessageKind::ListReply {
            id: id_at(answer?, "id")?,
            title: str_at(answer?, "title")?,
            description: non_empty_str_at(answer?, "description"),
        }),
        "nfm_reply" => {
            let a = answer?;
            let response_json = match a.get("response_json") {
                Some(Value::String(s)) => {
                    serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone()))
                }
                Some(other) => other.clone(),
                None => Value::Null,
            };
            Some(MessageKind::FlowReply {
                name: non_empty_str_at(a, "name"),
                body: non_empty_str_at(a, "body"),
                response_json,
            })
        }
        other => Some(MessageKind::Unknown {
            type_name: format!("interactive.{other}"),
        }),
    }
}

fn parse_order(p: &Value) -> Option<MessageKind> {
    if !p.is_object() {
        return None;
    }
    Some(MessageKind::Order {
        catalog_id: id_at(p, "catalog_id"),
        text: non_empty_str_at(p, "text"),
        items: p
            .get("product_items")
            .cloned()
            .unwrap_or(Value::Array(vec![])),
    })
}
