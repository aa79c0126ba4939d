//! What the desk sends: one JSON-friendly type the REST API accepts from agents, checked against
//! WhatsApp's limits ([`OutboundMessage::validate`]) and turned into the Graph API request body
//! ([`OutboundMessage::to_request_body`]); and the read receipt that answers an inbound message
//! ([`read_receipt_body`]).

mod body;
mod receipt;
mod template;
mod validate;

pub use crate::limits::{self, LimitError};
pub use crate::recipient::Recipient;
pub use crate::webhook::MediaKind;
pub use receipt::read_receipt_body;
pub use template::{ButtonSubType, ComponentKind, TemplateComponent, TemplateParameter};

use serde::{Deserialize, Serialize};

/// A message the desk sends to a shopper.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OutboundMessage {
    /// Free-form text; allowed only inside the 24-hour window.
    Text {
        body: String,
        /// Render a preview of the first link.
        #[serde(default)]
        preview_url: bool,
    },
    /// An approved template; the only kind allowed outside the 24-hour window.
    Template {
        name: String,
        /// Template language code, e.g. "es_MX" or "en".
        language: String,
        #[serde(default)]
        components: Vec<TemplateComponent>,
    },
    /// Text with one to three reply buttons ("Reship" / "Refund").
    Buttons {
        body: String,
        #[serde(default)]
        header: Option<String>,
        #[serde(default)]
        footer: Option<String>,
        buttons: Vec<ReplyButton>,
    },
    /// Text with a menu of up to ten rows behind a button.
    List {
        body: String,
        #[serde(default)]
        header: Option<String>,
        #[serde(default)]
        footer: Option<String>,
        /// The label of the button that opens the menu.
        button: String,
        sections: Vec<ListSection>,
    },
    /// A photo, video, audio, document or sticker, by uploaded media id or by https link.
    Media {
        kind: MediaKind,
        #[serde(default)]
        id: Option<String>,
        #[serde(default)]
        link: Option<String>,
        #[serde(default)]
        caption: Option<String>,
        #[serde(default)]
        filename: Option<String>,
    },
    /// An emoji reaction to one of the shopper's messages.
    Reaction { message_id: String, emoji: String },
}

/// One reply button; the shopper's tap comes back as a `button_reply` with this id.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ReplyButton {
    pub id: String,
    pub title: String,
}

/// A titled group of rows in a list message.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ListSection {
    #[serde(default)]
    pub title: Option<String>,
    pub rows: Vec<ListRow>,
}

/// One choice in a list message; the shopper's pick comes back as a `list_reply` with this id.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ListRow {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
}

impl OutboundMessage {
    /// True for templates, which may be sent when the 24-hour window is closed.
    pub fn is_template(&self) -> bool {
        matches!(self, OutboundMessage::Template { .. })
    }

    /// The kind as an agent names it: text, template, buttons, list, reaction, or the media kind
    /// (image, video, audio, document, sticker).
    pub fn type_name(&self) -> &'static str {
        match self {
            OutboundMessage::Text { .. } => "text",
            OutboundMessage::Template { .. } => "template",
            OutboundMessage::Buttons { .. } => "buttons",
            OutboundMessage::List { .. } => "list",
            OutboundMessage::Media { kind, .. } => kind.as_str(),
            OutboundMessage::Reaction { .. } => "reaction",
        }
    }

    /// A one-line summary for conversation lists and logs at debug level.
    pub fn preview_text(&self) -> String {
        match self {
            OutboundMessage::Text { body, .. } => body.clone(),
            OutboundMessage::Template {
                name, components, ..
            } => template::preview(name, components),
            OutboundMessage::Buttons { body, buttons, .. } => {
                let labels: Vec<String> =
                    buttons.iter().map(|b| format!("[{}]", b.title)).collect();
                format!("{body} {}", labels.join(" "))
            }
            OutboundMessage::List { body, button, .. } => format!("{body} [{button}]"),
            OutboundMessage::Media {
                kind,
                caption,
                filename,
                ..
            } => match (caption.as_deref(), filename.as_deref()) {
                (Some(c), _) if !c.is_empty() => format!("[{kind}] {c}"),
                (_, Some(f)) if !f.is_empty() => format!("[{kind}] {f}"),
                _ => format!("[{kind}]"),
            },
            OutboundMessage::Reaction { emoji, .. } => emoji.clone(),
        }
    }
}
