//! Graph API error objects, as Meta returns them in HTTP error bodies and in `statuses[].errors`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

/// One Graph error: its code, the HTTP status it comes back with, and the details a developer acts on.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    pub http_status: u16,
    pub code: i64,
    pub title: &'static str,
    pub details: String,
}

impl GraphError {
    /// Any Graph error, for injecting failures the simulator does not produce by itself.
    pub fn new(
        http_status: u16,
        code: i64,
        title: &'static str,
        details: impl Into<String>,
    ) -> Self {
        GraphError {
            http_status,
            code,
            title,
            details: details.into(),
        }
    }

    /// 190: the Bearer token is missing, malformed or not this number's.
    pub fn bad_token(details: impl Into<String>) -> Self {
        Self::new(
            401,
            190,
            "Invalid OAuth access token - Cannot parse access token",
            details,
        )
    }

    /// 100: the request is malformed (bad JSON, unknown type, missing field).
    pub fn invalid_parameter(details: impl Into<String>) -> Self {
        Self::new(400, 100, "Invalid parameter", details)
    }

    /// 131008: a field the request needs is missing (a send with neither `to` nor `recipient`).
    pub fn required_missing(details: impl Into<String>) -> Self {
        Self::new(400, 131008, "Required parameter is missing", details)
    }

    /// 131009: a value breaks one of WhatsApp's limits.
    pub fn value_invalid(details: impl Into<String>) -> Self {
        Self::new(400, 131009, "Parameter value is not valid", details)
    }

    /// 130429: the number's messages-per-second throughput is used up.
    pub fn throughput() -> Self {
        Self::new(
            400,
            130429,
            "Rate limit hit",
            "Cloud API message throughput has been reached.",
        )
    }

    /// 131056: too many messages from this number to this shopper in a short time.
    pub fn pair_rate() -> Self {
        Self::new(
            400,
            131056,
            "(Business Account, Consumer Account) pair rate limit hit",
            "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
        )
    }

    /// 131026: the recipient cannot receive the message (not on WhatsApp, old app, terms not accepted).
    pub fn undeliverable() -> Self {
        Self::new(
            400,
            131026,
            "Message undeliverable",
            "Unable to deliver message. The recipient may not be a WhatsApp user or may not have accepted the latest terms.",
        )
    }

    /// 131000: Meta's generic transient failure (retry a limited number of times).
    pub fn something_went_wrong() -> Self {
        Self::new(
            500,
            131000,
            "Something went wrong",
            "Message failed to send due to an unknown error.",
        )
    }

    /// 131016: the service is temporarily overloaded (retry later).
    pub fn service_unavailable() -> Self {
        Self::new(
            503,
            131016,
            "Service unavailable",
            "A service is temporarily unavailable.",
        )
    }

    /// 131047: a free-form message outside the 24-hour window (reported asynchronously).
    pub fn re_engagement() -> Self {
        Self::new(
            400,
            131047,
            "Re-engagement message",
            "More than 24 hours have passed since the recipient last replied to the sender number.",
        )
    }

    /// 131053: the uploaded file's type or size is not accepted.
    pub fn media_upload(details: impl Into<String>) -> Self {
        Self::new(400, 131053, "Media upload error", details)
    }

    /// 132001: no approved template by that name in that language.
    pub fn template_missing(name: &str, language: &str) -> Self {
        Self::new(
            400,
            132001,
            "Template name does not exist in the translation",
            format!("template name ({name}) does not exist in {language}"),
        )
    }

    /// 132000: the parameters sent do not match the template's placeholders.
    pub fn template_params(expected: usize, got: usize) -> Self {
        Self::new(
            400,
            132000,
            "Number of parameters does not match the expected number of params",
            format!("body: number of localizable_params ({got}) does not match the expected number of params ({expected})"),
        )
    }

    /// The `{"code", "title", "message", "error_data", "href"}` object carried by a failed status.
    pub fn status_error(&self) -> Value {
        json!({
            "code": self.code,
            "title": self.title,
            "message": self.title,
            "error_data": { "details": self.details },
            "href": "/documentation/business-messaging/whatsapp/support/error-codes",
        })
    }

    /// The HTTP body `{"error": {...}}` of a refused request.
    pub fn body(&self) -> Value {
        json!({ "error": {
            "message": format!("(#{}) {}", self.code, self.title),
            "type": "OAuthException",
            "code": self.code,
            "error_data": { "messaging_product": "whatsapp", "details": self.details },
            "fbtrace_id": fbtrace_id(),
        }})
    }
}

fn fbtrace_id() -> String {
    use rand::distributions::Alphanumeric;
    use rand::Rng;
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(23)
        .map(char::from)
        .collect()
}

impl IntoResponse for GraphError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.http_status).unwrap_or(StatusCode::BAD_REQUEST);
        (status, Json(self.body())).into_response()
    }
}
