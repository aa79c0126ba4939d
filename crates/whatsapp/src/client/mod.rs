//! The HTTP client for the Cloud API: messages, read receipts, media and templates.
//!
//! Only its base URL differs between production (`https://graph.facebook.com`), the sandbox and
//! the tests' fake Graph API. Every call carries the token as a Bearer header and a timeout.

mod error;
mod media;
mod number;
mod templates;

pub use error::ClientError;
pub use media::{sha256_matches, MediaInfo, META_MEDIA_HOSTS};
pub use number::NumberInfo;
pub use templates::TemplateInfo;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::json::{array_at, id_at, non_empty_str_at};
use crate::outbound::{read_receipt_body, OutboundMessage};
use crate::recipient::Recipient;
use error::{from_error_body, redact, transport};

/// Timeout for API calls (send, mark read, media info, templates).
pub const API_TIMEOUT: Duration = Duration::from_secs(10);
/// Timeout for media upload and download, which move up to 100 MB.
pub const MEDIA_TIMEOUT: Duration = Duration::from_secs(120);

/// One business number's connection to the Cloud API. Cheap to clone; Debug hides the token.
#[derive(Clone)]
pub struct CloudClient {
    http: reqwest::Client,
    api_base: String,
    api_version: String,
    phone_number_id: String,
    token: Arc<str>,
    api_timeout: Duration,
    media_timeout: Duration,
}

impl std::fmt::Debug for CloudClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloudClient")
            .field("api_base", &self.api_base)
            .field("api_version", &self.api_version)
            .field("phone_number_id", &self.phone_number_id)
            .field("access_token", &"[redacted]")
            .finish()
    }
}

/// Meta's acceptance of a message (not its delivery: that comes as status webhooks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sent {
    /// The message id to record before marking the outbox row sent.
    pub wamid: String,
    /// The shopper's WhatsApp id as Meta resolved it (may differ from the input number).
    pub wa_id: Option<String>,
    /// The shopper's business-scoped user id, when Meta's answer carries one (`contacts[0].user_id`).
    pub user_id: Option<String>,
    /// `accepted` or `held_for_quality_assessment` while a template is paced.
    pub message_status: Option<String>,
}

impl CloudClient {
    /// A client for one number. `api_base` is e.g. `https://graph.facebook.com` (a trailing `/`
    /// is ignored) and `api_version` e.g. `v23.0`.
    pub fn new(
        http: reqwest::Client,
        api_base: &str,
        api_version: &str,
        phone_number_id: &str,
        access_token: String,
    ) -> Self {
        CloudClient {
            http,
            api_base: api_base.trim_end_matches('/').to_owned(),
            api_version: api_version.trim_matches('/').to_owned(),
            phone_number_id: phone_number_id.to_owned(),
            token: Arc::from(access_token),
            api_timeout: API_TIMEOUT,
            media_timeout: MEDIA_TIMEOUT,
        }
    }

    /// Replaces the default timeouts (10 s for API calls, 120 s for media transfers).
    pub fn with_timeouts(mut self, api: Duration, media: Duration) -> Self {
        self.api_timeout = api;
        self.media_timeout = media;
        self
    }

    /// The business number this client sends from.
    pub fn phone_number_id(&self) -> &str {
        &self.phone_number_id
    }

    /// The base URL, without a trailing slash.
    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}/{}/{}", self.api_base, self.api_version, path)
    }

    /// Sends with the Bearer token and a timeout; a non-2xx answer becomes a `ClientError`.
    pub(crate) async fn execute(
        &self,
        request: reqwest::RequestBuilder,
        timeout: Duration,
    ) -> Result<Bytes, ClientError> {
        let response = request
            .bearer_auth(&*self.token)
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| transport(e, &self.token))?;
        let status = response.status().as_u16();
        let body = response
            .bytes()
            .await
            .map_err(|e| transport(e, &self.token))?;
        if (200..300).contains(&status) {
            Ok(body)
        } else {
            Err(from_error_body(status, &body, &self.token))
        }
    }

    /// Like `execute`, then reads the JSON answer.
    pub(crate) async fn call_json(
        &self,
        request: reqwest::RequestBuilder,
    ) -> Result<Value, ClientError> {
        let body = self.execute(request, self.api_timeout).await?;
        serde_json::from_slice(&body).map_err(|e| self.decode(e.to_string()))
    }

    pub(crate) fn decode(&self, why: String) -> ClientError {
        ClientError::Decode(redact(&why, &self.token))
    }

    /// Sends a message after checking WhatsApp's limits. `reply_to` quotes an inbound wamid;
    /// `callback` is echoed back as `biz_opaque_callback_data` in the status webhooks.
    pub async fn send(
        &self,
        to: &Recipient,
        msg: &OutboundMessage,
        reply_to: Option<&str>,
        callback: Option<&str>,
    ) -> Result<Sent, ClientError> {
        msg.validate()?;
        let body = msg.to_request_body(to, reply_to, callback);
        let url = self.url(&format!("{}/messages", self.phone_number_id));
        let answer = self.call_json(self.http.post(url).json(&body)).await?;
        let first = array_at(&answer, "messages").first();
        let wamid = first
            .and_then(|m| id_at(m, "id"))
            .ok_or_else(|| self.decode("the answer has no messages[0].id".into()))?;
        let contact = array_at(&answer, "contacts").first();
        Ok(Sent {
            wamid,
            wa_id: contact.and_then(|c| id_at(c, "wa_id")),
            user_id: contact.and_then(|c| id_at(c, "user_id")),
            message_status: first.and_then(|m| non_empty_str_at(m, "message_status")),
        })
    }

    /// Marks an inbound message (and every earlier one in the chat) as read; with `typing`, also
    /// shows the typing indicator until the reply goes out or 25 seconds pass.
    pub async fn mark_read(&self, wamid: &str, typing: bool) -> Result<(), ClientError> {
        let body = read_receipt_body(wamid, typing);
        let url = self.url(&format!("{}/messages", self.phone_number_id));
        let answer = self.call_json(self.http.post(url).json(&body)).await?;
        match answer.get("success").and_then(Value::as_bool) {
            Some(true) => Ok(()),
            _ => Err(self.decode("mark-as-read did not answer success: true".into())),
        }
    }
}
