//! REST for canned replies: the list, saving and deleting one, and a `/shortcut` filled for a case in the
//! shopper's language (with a warning when another language stands in).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    routing::{delete, get},
    Json, Router,
};
use chrono::Utc;
use lifeline_desk::canned::Snippet;
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

/// Saves a canned reply, or replaces the text of the same shortcut and language; 422 with the reason
/// for a shortcut of two words, a language the desk does not write, or a placeholder it cannot fill.
async fn save(
    State(app): State<AppState>,
    Json(c): Json<Canned>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let s = Snippet::parse(&c.shortcut, &c.language, &c.text)
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    let id = app
        .store
        .upsert_canned_reply(&s.shortcut, &s.language, &s.text)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "shortcut": s.shortcut})),
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
