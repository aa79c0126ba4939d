//! The one error type at the HTTP edge: 4xx carry safe text, 5xx log the cause and show nothing internal.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("missing or wrong bearer token")]
    Unauthorized,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Unprocessable(String),
    /// The tone check stopped an agent's message: 422 with the findings, so the client can show the
    /// better lines or send again with `send_anyway`.
    #[error("the tone check found something; fix it or send anyway")]
    Tone(Vec<lifeline_desk::tone::ToneFinding>),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Tone(findings) => {
                let error = self.to_string();
                return (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(json!({ "error": error, "tone": findings })),
                )
                    .into_response();
            }
            ApiError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                return (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({"error": "internal error; see the desk's log"})),
                )
                    .into_response();
            }
        };
        (status, Json(json!({ "error": self.to_string() }))).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Free text after the 24-hour window: 409, with the words every screen shows.
impl From<crate::outbox::WindowClosed> for ApiError {
    fn from(e: crate::outbox::WindowClosed) -> Self {
        ApiError::Conflict(e.to_string())
    }
}

/// An agent's message the checks refused: limits 422, window 409, tone 422 with the findings.
impl From<crate::outbox::agent::Refusal> for ApiError {
    fn from(r: crate::outbox::agent::Refusal) -> Self {
        use crate::outbox::agent::Refusal;
        match r {
            Refusal::Invalid(why) => ApiError::Unprocessable(why),
            Refusal::Window(e) => e.into(),
            Refusal::Tone(findings) => ApiError::Tone(findings),
        }
    }
}
