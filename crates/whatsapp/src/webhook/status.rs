//! Delivery receipts (`value.statuses[]`) and errors (`value.errors[]`, `errors` on messages and statuses).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::types::{ErrorObject, NumberRef, StatusUpdate, SystemError};
use crate::json::{array_at, id_at, int_at, non_empty_str_at, str_at};

/// Where a sent message stands, as WhatsApp reports it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum DeliveryStatus {
    Sent,
    Delivered,
    Read,
    /// The first play of a voice message.
    Played,
    /// WhatsApp will not deliver it; the status carries `errors`.
    Failed,
    /// A status value this crate does not know yet, kept as sent.
    Other(String),
}

impl DeliveryStatus {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            DeliveryStatus::Sent => "sent",
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::Read => "read",
            DeliveryStatus::Played => "played",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Other(s) => s,
        }
    }

    /// Reads a wire value; unknown values become `Other` rather than an error.
    pub fn parse(s: &str) -> DeliveryStatus {
        match s {
            "sent" => DeliveryStatus::Sent,
            "delivered" => DeliveryStatus::Delivered,
            "read" => DeliveryStatus::Read,
            "played" => DeliveryStatus::Played,
            "failed" => DeliveryStatus::Failed,
            other => DeliveryStatus::Other(other.to_owned()),
        }
    }

    /// How far along a message is, so the server never moves it backwards: apply a status only
    /// when its rank is higher than the stored one.
    ///
    /// sent 1 < delivered 2 < read 3 < played 4. `failed` ranks 5 and is terminal: WhatsApp
    /// reports failure only for a message it will not deliver, so no later receipt can
    /// legitimately follow it, and a failure (e.g. an async 131047) must override `sent`.
    /// Unknown statuses rank 0 and never change what is stored.
    pub fn rank(&self) -> u8 {
        match self {
            DeliveryStatus::Other(_) => 0,
            DeliveryStatus::Sent => 1,
            DeliveryStatus::Delivered => 2,
            DeliveryStatus::Read => 3,
            DeliveryStatus::Played => 4,
            DeliveryStatus::Failed => 5,
        }
    }
}

impl std::fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<String> for DeliveryStatus {
    fn from(s: String) -> Self {
        DeliveryStatus::parse(&s)
    }
}

impl From<DeliveryStatus> for String {
    fn from(s: DeliveryStatus) -> Self {
        s.as_str().to_owned()
    }
}

/// Reads one error object; `None` when it has no usable `code`.
pub(crate) fn parse_error_object(v: &Value) -> Option<ErrorObject> {
    Some(ErrorObject {
        code: int_at(v, "code")?,
        title: non_empty_str_at(v, "title"),
        message: non_empty_str_at(v, "message"),
        details: v
            .get("error_data")
            .and_then(|d| non_empty_str_at(d, "details")),
    })
}

/// Reads every well-formed error in `v[key]`, skipping the rest.
pub(crate) fn parse_errors(v: &Value) -> Vec<ErrorObject> {
    array_at(v, "errors")
        .iter()
        .filter_map(parse_error_object)
        .collect()
}

/// Reads one receipt; `None` when the id, status or timestamp is missing.
pub(crate) fn parse_status(v: &Value, number: &NumberRef) -> Option<StatusUpdate> {
    Some(StatusUpdate {
        number: number.clone(),
        wamid: id_at(v, "id")?,
        status: DeliveryStatus::parse(str_at(v, "status")?.as_str()),
        timestamp: int_at(v, "timestamp")?,
        recipient_id: id_at(v, "recipient_id"),
        recipient_user_id: id_at(v, "recipient_user_id"),
        recipient_parent_user_id: id_at(v, "recipient_parent_user_id"),
        errors: parse_errors(v),
        pricing: v.get("pricing").filter(|p| p.is_object()).cloned(),
        conversation: v.get("conversation").filter(|c| c.is_object()).cloned(),
        biz_opaque_callback_data: str_at(v, "biz_opaque_callback_data"),
        raw: v.clone(),
    })
}

/// Reads one `value.errors[]` element.
pub(crate) fn parse_system_error(v: &Value, number: &NumberRef) -> Option<SystemError> {
    Some(SystemError {
        number: number.clone(),
        error: parse_error_object(v)?,
        raw: v.clone(),
    })
}
