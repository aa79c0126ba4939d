//! WhatsApp Cloud API: what Lifeline receives and sends, and the rules Meta enforces.
//!
//! - [`signature`] proves a webhook POST came from Meta.
//! - [`webhook`] turns a POST body into flat [`webhook::Event`]s, tolerating anything unexpected.
//! - [`recipient`] addresses a send: a phone in `to`, a business-scoped user id in `recipient`.
//! - [`outbound`] describes what the desk sends and checks WhatsApp's limits before Meta does.
//! - [`limits`] holds the media and text limits and the [`limits::LimitError`] agents read.
//! - [`errors`] sorts Meta's error codes into what the sender should do next.
//! - [`client`] is the HTTP client for the Graph API (messages, media, templates).
#![forbid(unsafe_code)]

pub mod client;
pub mod errors;
mod json;
pub mod limits;
pub mod outbound;
pub mod recipient;
pub mod signature;
pub mod webhook;

pub use client::{ClientError, CloudClient, MediaInfo, Sent, TemplateInfo};
pub use errors::ErrorClass;
pub use limits::LimitError;
pub use outbound::OutboundMessage;
pub use recipient::Recipient;
pub use webhook::{Event, MediaKind};
