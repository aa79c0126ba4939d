//! Why a Graph API call failed, and how the response is read into that answer.

use serde_json::Value;

use crate::errors::{classify, ErrorClass};
use crate::json::{int_at, non_empty_str_at, str_at};
use crate::limits::LimitError;

/// Why a call to the Cloud API failed. Its Display never contains the access token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// Meta answered with its error object; act on `code` and `details`.
    #[error("WhatsApp error {code} (HTTP {http_status}): {message}{}", details.as_deref().map(|d| format!(" — {d}")).unwrap_or_default())]
    Api {
        http_status: u16,
        code: i64,
        subcode: Option<i64>,
        message: String,
        details: Option<String>,
        fbtrace_id: Option<String>,
    },
    /// An HTTP error without a Graph error object (a proxy page, an empty 502…).
    #[error("the Cloud API answered HTTP {http_status} without an error object: {body}")]
    Http { http_status: u16, body: String },
    /// The media URL answered 404: fetch a fresh URL with `media_info` (it lasts 5 minutes),
    /// and if that fails too, renew the token.
    #[error("the media URL has expired or does not exist (HTTP 404); fetch a fresh URL")]
    NotFound,
    /// Refused before sending because it breaks one of WhatsApp's limits.
    #[error("{0}")]
    Limit(#[from] LimitError),
    /// The request went out but no answer came back (timeout, connection reset…): Meta may or may not
    /// have acted on it.
    #[error("no answer from the Cloud API: {0}")]
    Transport(String),
    /// The request never left: the connection could not be made (refused, DNS, TLS handshake). Safe to
    /// try again, nothing was sent.
    #[error("could not reach the Cloud API: {0}")]
    Unreached(String),
    /// Meta answered success but the body could not be read.
    #[error("could not read the Cloud API answer: {0}")]
    Decode(String),
}

impl ClientError {
    /// What the sender should do next.
    ///
    /// Transport errors are transient. `Decode` is permanent on purpose: Meta accepted the
    /// request, so sending again could give the shopper the same reply twice. `Http` without a
    /// code follows the status: 5xx/408 transient, 429 throughput, 401/403 credential.
    pub fn class(&self) -> ErrorClass {
        match self {
            ClientError::Api { code, .. } => classify(*code),
            ClientError::Http { http_status, .. } => match http_status {
                500..=599 | 408 => ErrorClass::Transient,
                429 => ErrorClass::Throughput,
                401 | 403 => ErrorClass::Credential,
                _ => ErrorClass::Permanent,
            },
            ClientError::Transport(_) | ClientError::Unreached(_) => ErrorClass::Transient,
            ClientError::NotFound | ClientError::Limit(_) | ClientError::Decode(_) => {
                ErrorClass::Permanent
            }
        }
    }

    /// Meta's error code, when it sent one.
    pub fn code(&self) -> Option<i64> {
        match self {
            ClientError::Api { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// Removes the token from any text that might echo it.
pub(crate) fn redact(text: &str, token: &str) -> String {
    if token.len() < 4 {
        return text.to_owned();
    }
    text.replace(token, "[redacted]")
}

/// Turns a reqwest failure into a transport error, without the URL (it may carry query secrets).
pub(crate) fn transport(err: reqwest::Error, token: &str) -> ClientError {
    let err = err.without_url();
    let what = if err.is_timeout() {
        "timed out".to_owned()
    } else {
        let mut text = err.to_string();
        let mut source = std::error::Error::source(&err);
        while let Some(s) = source {
            text.push_str(": ");
            text.push_str(&s.to_string());
            source = s.source();
        }
        text
    };
    if err.is_connect() {
        ClientError::Unreached(redact(&what, token))
    } else {
        ClientError::Transport(redact(&what, token))
    }
}

/// Reads an error answer: the Graph error object when there is one, else the status and a short excerpt.
pub(crate) fn from_error_body(http_status: u16, body: &[u8], token: &str) -> ClientError {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let error = parsed.as_ref().and_then(|v| v.get("error"));
    if let Some((e, code)) = error.and_then(|e| int_at(e, "code").map(|c| (e, c))) {
        let clean = |s: Option<String>| s.map(|s| redact(&s, token));
        return ClientError::Api {
            http_status,
            code,
            subcode: int_at(e, "error_subcode"),
            message: clean(str_at(e, "message")).unwrap_or_default(),
            details: clean(
                e.get("error_data")
                    .and_then(|d| non_empty_str_at(d, "details")),
            ),
            fbtrace_id: non_empty_str_at(e, "fbtrace_id"),
        };
    }
    let text = String::from_utf8_lossy(body);
    let excerpt: String = text.chars().take(200).collect();
    ClientError::Http {
        http_status,
        body: redact(&excerpt, token),
    }
}
