//! The things a sandbox user handles: shoppers, what they say, what the business sent them, and the event feed.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;
use serde_json::Value;

/// A person chatting with a business number from the simulated phone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shopper {
    /// Phone digits with country code, no `+`; the sandbox keys shoppers on it, shared with the business or not.
    pub wa_id: String,
    pub name: String,
    /// `None`: the shopper gets a stable BSUID derived from country and number and shares their phone.
    /// `Some`: a username-only shopper with this BSUID; webhooks then omit `from`/`wa_id`. Every other
    /// identity (username, parent BSUID) is set with `Sandbox::add_shopper_with`; the current one is
    /// `Sandbox::identity`.
    pub user_id: Option<String>,
    /// The business number this shopper writes to.
    pub phone_number_id: String,
}

/// Something a shopper sends from the phone.
#[derive(Clone, Debug, PartialEq)]
pub enum ShopperMessage {
    Text(String),
    Image {
        bytes: Vec<u8>,
        mime: String,
        caption: Option<String>,
    },
    /// A recorded voice note (`audio/ogg; codecs=opus`, `voice: true`).
    Voice {
        bytes: Vec<u8>,
    },
    Document {
        bytes: Vec<u8>,
        mime: String,
        filename: String,
    },
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
    },
    /// A tap on a reply button of the business message `context_wamid`.
    ButtonReply {
        id: String,
        title: String,
        context_wamid: String,
    },
    /// A pick from a list message `context_wamid`.
    ListReply {
        id: String,
        title: String,
        description: Option<String>,
        context_wamid: String,
    },
    /// A tap on a template's quick-reply button.
    TemplateButton {
        payload: String,
        text: String,
        context_wamid: String,
    },
    /// A reaction to a message; `None` removes it.
    Reaction {
        message_id: String,
        emoji: Option<String>,
    },
    /// Something the Cloud API cannot pass on (an edit, a poll...): arrives as `unsupported` with error 131051.
    Unsupported {
        kind: String,
    },
}

/// One step of an outbound message's life: `sent`, `delivered`, `read` or `failed`, with its Unix time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusChange {
    pub status: String,
    pub timestamp: i64,
}

/// A message the business sent through the simulator, as accepted, and what became of it.
#[derive(Clone, Debug, Serialize)]
pub struct SentRecord {
    pub wamid: String,
    pub phone_number_id: String,
    /// The shopper's wa_id.
    pub to: String,
    #[serde(skip)]
    pub accepted_at: Instant,
    /// Unix seconds of acceptance.
    pub accepted_unix: i64,
    /// Unix milliseconds of acceptance, for counting a number's sends per second from outside.
    pub accepted_unix_ms: i64,
    /// `text`, `template`, `interactive`, `image`, `reaction`...
    pub kind: String,
    /// The full JSON request body as the client sent it.
    pub body: Value,
    /// Statuses emitted so far, in emission order.
    pub statuses: Vec<StatusChange>,
    /// The error code of a failed message (131047 outside the window...).
    pub error_code: Option<i64>,
    #[serde(skip)]
    pub(crate) meta: SendMeta,
}

/// What status webhooks of a message need to say besides the status.
#[derive(Clone, Debug, Default)]
pub(crate) struct SendMeta {
    /// Graph major version the send used; `conversation` objects are omitted from v24 on.
    pub version_major: u32,
    pub callback: Option<String>,
    /// The shopper's BSUID when the message was accepted; every status carries it.
    pub recipient_user_id: String,
    pub recipient_parent_user_id: Option<String>,
    /// The phone statuses name as `recipient_id`, only when the shopper shares it.
    pub recipient_phone: Option<String>,
    /// Pricing category: `service`, `utility`, `marketing`, `authentication`.
    pub category: String,
    /// Free inside the customer service window (service messages and utility templates).
    pub free: bool,
}

impl SentRecord {
    /// The furthest status reached (`failed` wins).
    pub fn latest_status(&self) -> Option<&str> {
        let rank = |s: &str| match s {
            "failed" => 9,
            "read" | "played" => 3,
            "delivered" => 2,
            "sent" => 1,
            _ => 0,
        };
        self.statuses
            .iter()
            .map(|s| s.status.as_str())
            .max_by_key(|s| rank(s))
    }
}

/// Everything that happens in the simulator, for tests, the benchmark and the phone page's live feed.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum SimEvent {
    /// The business sent a message and the API accepted it.
    Accepted {
        wamid: String,
        phone_number_id: String,
        to: String,
        kind: String,
        body: Value,
    },
    /// A send was refused synchronously with this Graph error code.
    Rejected {
        phone_number_id: String,
        code: i64,
        http_status: u16,
    },
    /// A status webhook was emitted for a business message.
    Status {
        wamid: String,
        to: String,
        status: String,
        error_code: Option<i64>,
    },
    /// A shopper's message was queued as a webhook.
    Inbound {
        wamid: String,
        wa_id: String,
        phone_number_id: String,
        message: Value,
    },
    /// A shopper's BSUID changed; the `user_changed_user_id` system message was queued.
    UserIdChanged {
        wamid: String,
        wa_id: String,
        previous_user_id: String,
        user_id: String,
    },
    /// The business marked a shopper's message as read (and maybe showed a typing indicator).
    MarkedRead {
        wamid: String,
        wa_id: Option<String>,
        typing: bool,
    },
}

/// Counters shown at `/sandbox/api/stats`.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct SimStats {
    pub accepted_sends: u64,
    pub rejected_by_code: BTreeMap<i64, u64>,
    pub inbound_messages: u64,
    pub statuses_emitted: u64,
    pub media_uploaded: u64,
    pub webhooks_delivered: u64,
    pub webhooks_retried: u64,
    pub webhooks_dropped: u64,
    pub webhooks_duplicated: u64,
    pub webhooks_batched: u64,
}
