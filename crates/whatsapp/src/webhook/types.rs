//! The typed shapes of what Meta posts to the webhook.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One thing that happened, flattened out of Meta's `entry[].changes[].value` nesting.
// Events live for one webhook and most are messages: boxing them would add an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// A shopper wrote, sent media, tapped a button, reacted…
    Message(InboundMessage),
    /// A receipt for something the desk sent: sent, delivered, read, played or failed.
    Status(StatusUpdate),
    /// A system, app or account error reported in `value.errors`.
    Error(SystemError),
    /// Anything we could not read (another webhook field, a malformed element), kept whole.
    Unknown {
        /// The change's `field` (e.g. "messages", "account_update"), or the array the element came from.
        field: String,
        /// The element exactly as received, so nothing is lost.
        raw: Value,
    },
}

/// Which business number an event belongs to; inbound traffic is routed by `phone_number_id`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NumberRef {
    /// The Cloud API id of the business phone number (`metadata.phone_number_id`).
    pub phone_number_id: String,
    /// The number as shoppers see it (`metadata.display_phone_number`).
    pub display_phone_number: Option<String>,
}

/// A message a shopper sent to one of the retailer's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboundMessage {
    /// The business number that received it.
    pub number: NumberRef,
    /// Meta's message id (`wamid.…`), the deduplication key.
    pub wamid: String,
    /// The shopper's WhatsApp id (phone digits); may be absent for username users.
    pub from: Option<String>,
    /// The shopper's business-scoped user id (`US.…`), in every webhook since April 2026.
    pub from_user_id: Option<String>,
    /// The parent BSUID (`US.ENT.…`), shared by linked business portfolios, where Meta enabled it.
    pub from_parent_user_id: Option<String>,
    /// The profile name from `value.contacts[]`, when Meta sent one.
    pub contact_name: Option<String>,
    /// The shopper's WhatsApp username (`contacts[].profile.username`): shown to agents, never a key.
    pub username: Option<String>,
    /// When the shopper sent it, in Unix seconds.
    pub timestamp: i64,
    /// What was sent.
    pub kind: MessageKind,
    /// Quoted reply, forwarding and product-inquiry details.
    pub context: Option<Context>,
    /// The Click-to-WhatsApp ad the shopper came from, as received.
    pub referral: Option<Value>,
    /// Errors attached to the message (e.g. 131051 for unsupported types).
    pub errors: Vec<ErrorObject>,
    /// The message object exactly as received.
    pub raw: Value,
}

impl InboundMessage {
    /// The key that identifies the shopper: the business-scoped user id when present, else the
    /// WhatsApp id. Meta asks businesses to key users on `user_id` once usernames roll out.
    pub fn contact_key(&self) -> Option<String> {
        self.from_user_id
            .clone()
            .or_else(|| self.from.clone())
            .or_else(|| self.from_parent_user_id.clone())
    }

    /// The wire `type` ("text", "image", "interactive", "button"…), for storage and display.
    pub fn type_name(&self) -> &str {
        self.raw.get("type").and_then(Value::as_str).unwrap_or("")
    }

    /// The words a person would read: text body, caption, tapped button or row title, location name…
    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            MessageKind::Text { body } => Some(body.as_str()),
            MessageKind::Media(m) => m.caption.as_deref(),
            MessageKind::Location { name, address, .. } => name.as_deref().or(address.as_deref()),
            MessageKind::ButtonReply { title, .. } | MessageKind::ListReply { title, .. } => {
                Some(title.as_str())
            }
            MessageKind::FlowReply { body, .. } => body.as_deref(),
            MessageKind::TemplateButton { payload, text } => text.as_deref().or(payload.as_deref()),
            MessageKind::Order { text, .. } => text.as_deref(),
            MessageKind::System { body, .. } => body.as_deref(),
            _ => None,
        }
        .filter(|s| !s.is_empty())
    }

    /// The attached file, for image, video, audio, document and sticker messages.
    pub fn media(&self) -> Option<&MediaRef> {
        match &self.kind {
            MessageKind::Media(m) => Some(m),
            _ => None,
        }
    }
}

/// What an inbound message carries, one variant per wire type.
// A message is read once and stored; boxing the larger variants would cost an allocation for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MessageKind {
    /// Plain text.
    Text { body: String },
    /// A photo, video, audio or voice note, document or sticker.
    Media(MediaRef),
    /// A shared location; coordinates are display data, never money.
    Location {
        latitude: f64,
        longitude: f64,
        name: Option<String>,
        address: Option<String>,
        url: Option<String>,
    },
    /// Shared contact cards, as received.
    Contacts { contacts: Value },
    /// A tap on an interactive reply button the desk sent.
    ButtonReply { id: String, title: String },
    /// A row chosen from an interactive list the desk sent.
    ListReply {
        id: String,
        title: String,
        description: Option<String>,
    },
    /// A Flow or address answer (`nfm_reply`); `response_json` is parsed when it is valid JSON.
    FlowReply {
        name: Option<String>,
        body: Option<String>,
        response_json: Value,
    },
    /// A tap on a template quick-reply button.
    TemplateButton {
        payload: Option<String>,
        text: Option<String>,
    },
    /// A reaction to a message; `emoji` is `None` when the shopper removed it.
    Reaction {
        message_id: String,
        emoji: Option<String>,
    },
    /// A cart sent from the catalogue.
    Order {
        catalog_id: Option<String>,
        text: Option<String>,
        items: Value,
    },
    /// The shopper changed number or identity (`user_changed_number`, `user_changed_user_id`).
    System {
        body: Option<String>,
        kind: Option<String>,
        /// The new phone (`user_changed_number` only).
        new_wa_id: Option<String>,
        /// The new business-scoped user id and parent BSUID.
        user_id: Option<String>,
        parent_user_id: Option<String>,
        /// The ids the shopper had before.
        previous_user_id: Option<String>,
        previous_parent_user_id: Option<String>,
    },
    /// The shopper opened the chat for the first time (welcome request).
    RequestWelcome,
    /// Something WhatsApp itself cannot deliver to the API (edits, polls…); `subtype` says which.
    Unsupported { subtype: Option<String> },
    /// A type this crate does not know yet, or a known type with an unreadable payload.
    Unknown { type_name: String },
}

/// Which kind of file a media message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Video,
    Audio,
    Document,
    Sticker,
}

impl MediaKind {
    /// Every kind, for iteration in forms and tests.
    pub const ALL: [MediaKind; 5] = [
        MediaKind::Image,
        MediaKind::Video,
        MediaKind::Audio,
        MediaKind::Document,
        MediaKind::Sticker,
    ];

    /// The wire name, also the JSON key of the media object.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Document => "document",
            MediaKind::Sticker => "sticker",
        }
    }

    /// Reads a wire name back; `None` for anything else.
    pub fn parse(s: &str) -> Option<MediaKind> {
        MediaKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl std::fmt::Display for MediaKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A file attached to an inbound message; fetch it with `CloudClient::media_info` and `download_media`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRef {
    pub kind: MediaKind,
    /// The media id, downloadable for 7 days.
    pub id: String,
    pub mime_type: Option<String>,
    /// The file's SHA-256 as Meta sent it (base64 in webhooks).
    pub sha256: Option<String>,
    pub caption: Option<String>,
    /// Document file name.
    pub filename: Option<String>,
    /// True for a recorded voice note.
    pub voice: bool,
    /// True for an animated sticker.
    pub animated: bool,
    /// A download URL when the webhook carried one (it expires after minutes).
    pub url: Option<String>,
    /// Why the file cannot be fetched, when `id` is not a WhatsApp media id ([`super::MediaId`]): nothing
    /// is requested for it, and agents see this as the file's download error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_error: Option<Box<str>>,
}

/// Why and how a message relates to another one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Context {
    /// The wamid the shopper replied to (their quote, or the message whose button they tapped).
    pub quoted_wamid: Option<String>,
    /// The sender of the quoted message (the business display number).
    pub from: Option<String>,
    /// Forwarded five times or fewer.
    pub forwarded: bool,
    /// Forwarded more than five times.
    pub frequently_forwarded: bool,
    /// The catalogue product the shopper asked about (`catalog_id`, `product_retailer_id`).
    pub referred_product: Option<Value>,
}

/// A delivery receipt for a message the desk sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub number: NumberRef,
    /// The wamid of the business's message.
    pub wamid: String,
    pub status: super::DeliveryStatus,
    /// When it happened, in Unix seconds; apply statuses in this order, not arrival order.
    pub timestamp: i64,
    /// The shopper's WhatsApp id; may be absent for username users.
    pub recipient_id: Option<String>,
    /// The shopper's business-scoped user id (`recipient_user_id`), in every receipt since 2026.
    pub recipient_user_id: Option<String>,
    /// The shopper's parent BSUID, where Meta enabled parent ids.
    pub recipient_parent_user_id: Option<String>,
    /// Why a `failed` message failed (e.g. 131047 outside the 24-hour window).
    pub errors: Vec<ErrorObject>,
    pub pricing: Option<Value>,
    pub conversation: Option<Value>,
    /// The value the desk attached when sending, echoed back.
    pub biz_opaque_callback_data: Option<String>,
    pub raw: Value,
}

/// A system, app or account error from `value.errors`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemError {
    pub number: NumberRef,
    pub error: ErrorObject,
    pub raw: Value,
}

/// Meta's error shape inside webhooks; act on `code` and `details`, never on the title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorObject {
    pub code: i64,
    pub title: Option<String>,
    pub message: Option<String>,
    /// `error_data.details`, the most specific explanation.
    pub details: Option<String>,
}
