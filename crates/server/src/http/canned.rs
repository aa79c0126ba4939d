//! REST for canned replies: the list, saving and deleting one, and a `/shortcut` filled for a case in the
//! shopper's language (with a warning when another language stands in).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, get},
    Json, Router,
};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::{ApiError, ApiResult};
use crate::{cases::draft::canned, state::AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/canned-replies", get(list).post(save))
        .route("/canned-replies/{id}", delete(remove))
        .route("/cases/{id}/canned/{shortcut}", get(expand))
}

async fn list(State(app): State<AppState>) -> ApiResult<Json<Value>> {
    Ok(Json(
        json!({ "canned_replies": app.store.canned_replies().await? }),
    ))
}

#[derive(Deserialize)]
struct Canned {
    shortcut: String,
    language: String,
    text: String,
}

async fn save(
    State(app): State<AppState>,
    Json(c): Json<Canned>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let shortcut = c.shortcut.trim_start_matches('/').trim().to_lowercase();
    if shortcut.is_empty() || shortcut.len() > 25 || shortcut.contains(char::is_whitespace) {
        return Err(ApiError::Unprocessable(
            "a shortcut is one word of at most 25 characters".into(),
        ));
    }
    if c.text.trim().is_empty() || c.text.chars().count() > 1024 {
        return Err(ApiError::Unprocessable(
            "a canned reply has 1 to 1024 characters".into(),
        ));
    }
    let id = app
        .store
        .upsert_canned_reply(&shortcut, &c.language, &c.text)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "shortcut": shortcut})),
    ))
}

/// A `/shortcut` for a case: the text in the shopper's language (else English, else any), filled with
/// the case's facts; placeholders without a fact stay visible for the agent; `warning` says when the
/// shopper's language has no text.
async fn expand(
    State(app): State<AppState>,
    Path((id, shortcut)): Path<(i64, String)>,
) -> ApiResult<Json<canned::Expanded>> {
    let shortcut = shortcut.trim_start_matches('/').to_lowercase();
    canned::expand(&app, id, &shortcut, Utc::now())
        .await?
        .map(Json)
        .ok_or(ApiError::NotFound("canned reply"))
}

async fn remove(State(app): State<AppState>, Path(id): Path<i64>) -> ApiResult<StatusCode> {
    if app.store.delete_canned_reply(id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound("canned reply"))
    }
}
