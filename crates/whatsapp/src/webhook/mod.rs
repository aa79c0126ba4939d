//! Turns a webhook POST body into flat events.
//!
//! Only a body that is not JSON, or not an object with an `entry` array, is an error. Inside, the
//! parser is tolerant: another webhook field or a malformed element becomes [`Event::Unknown`] with
//! its raw JSON, and a message of an unknown type, or a known type whose payload cannot be read,
//! becomes a message of kind [`MessageKind::Unknown`] (its envelope, wamid and raw JSON are kept).

mod clock;
mod media_id;
mod message;
mod status;
mod types;

pub use clock::{event_time_ms, ImplausibleTime};
pub use media_id::{BadMediaId, MediaId};
pub use status::DeliveryStatus;
pub use types::{
    Context, ErrorObject, Event, InboundMessage, MediaKind, MediaRef, MessageKind, NumberRef,
    StatusUpdate, SystemError,
};

use serde_json::Value;

use crate::json::{array_at, id_at, non_empty_str_at, str_at};

/// Why a whole webhook body was refused (the route answers 400 and keeps the body aside).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The body is not JSON at all.
    #[error("the webhook body is not valid JSON: {0}")]
    NotJson(String),
    /// The body is JSON but not an object with an `entry` array.
    #[error("the webhook body is not an object with an 'entry' array")]
    NoEntries,
}

/// Parses a webhook POST body into every event it carries, in the order they appear.
pub fn parse(body: &[u8]) -> Result<Vec<Event>, ParseError> {
    let root: Value =
        serde_json::from_slice(body).map_err(|e| ParseError::NotJson(e.to_string()))?;
    let entries = root
        .get("entry")
        .and_then(Value::as_array)
        .ok_or(ParseError::NoEntries)?;
    let mut events = Vec::new();
    for entry in entries {
        match entry.get("changes").and_then(Value::as_array) {
            Some(changes) => changes.iter().for_each(|c| parse_change(c, &mut events)),
            None => events.push(unknown("entry", entry)),
        }
    }
    Ok(events)
}

fn unknown(field: &str, raw: &Value) -> Event {
    Event::Unknown {
        field: field.to_owned(),
        raw: raw.clone(),
    }
}

fn number_of(value: &Value) -> Option<NumberRef> {
    let metadata = value.get("metadata")?;
    Some(NumberRef {
        phone_number_id: id_at(metadata, "phone_number_id")?,
        display_phone_number: non_empty_str_at(metadata, "display_phone_number"),
    })
}

fn parse_change(change: &Value, events: &mut Vec<Event>) {
    let field = str_at(change, "field").unwrap_or_default();
    let value = change.get("value").filter(|v| v.is_object());
    let (Some(value), Some(number)) = (value, change.get("value").and_then(number_of)) else {
        events.push(unknown(&field, change));
        return;
    };
    if field != "messages" {
        events.push(unknown(&field, change));
        return;
    }
    let before = events.len();
    let cards = message::contact_cards(value);
    for m in array_at(value, "messages") {
        events.push(match message::parse_message(m, &number, &cards) {
            Some(msg) => Event::Message(msg),
            None => unknown("messages", m),
        });
    }
    for s in array_at(value, "statuses") {
        events.push(match status::parse_status(s, &number) {
            Some(st) => Event::Status(st),
            None => unknown("statuses", s),
        });
    }
    for e in array_at(value, "errors") {
        events.push(match status::parse_system_error(e, &number) {
            Some(err) => Event::Error(err),
            None => unknown("errors", e),
        });
    }
    if events.len() == before {
        // Nothing we recognise: keep the change so it is not silently dropped.
        events.push(unknown(&field, change));
    }
}
