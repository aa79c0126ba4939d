//! Sending local files (uploaded to WhatsApp's `/media` for a media id) and marking a chat read.

use axum::{
    extract::{DefaultBodyLimit, Multipart, Path, State},
    routing::post,
    Json, Router,
};
use lifeline_whatsapp::limits::kind_for_mime;
use serde_json::{json, Value};

use super::error::{ApiError, ApiResult};
use crate::state::AppState;

/// WhatsApp's largest media (documents) is 100 MB.
const UPLOAD_LIMIT: usize = 100 * 1024 * 1024 + 64 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/numbers/{id}/media",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        )
        .route("/conversations/{id}/read", post(mark_read))
}

/// Uploads one file (multipart field `file`) for a number; the answer's `id` goes into a media message.
async fn upload(
    State(app): State<AppState>,
    Path(number): Path<String>,
    mut form: Multipart,
) -> ApiResult<Json<Value>> {
    let runtime = app
        .numbers
        .get(&number)
        .ok_or(ApiError::NotFound("number"))?;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::BadRequest(e.to_string()))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().unwrap_or("file").to_string();
        let mime = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::BadRequest(e.to_string()))?;
        let kind = kind_for_mime(&mime).ok_or_else(|| {
            ApiError::Unprocessable(format!("WhatsApp does not accept {mime} files"))
        })?;
        lifeline_whatsapp::limits::check_media(kind, &mime, bytes.len() as u64)
            .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
        let id = runtime
            .client
            .upload_media(bytes.to_vec(), &mime, &filename)
            .await
            .map_err(|e| match e.code() {
                Some(_) => ApiError::Unprocessable(e.to_string()),
                None => ApiError::Internal(anyhow::anyhow!(e)),
            })?;
        return Ok(Json(
            json!({"id": id, "kind": kind.as_str(), "mime_type": mime, "filename": filename, "size": bytes.len()}),
        ));
    }
    Err(ApiError::BadRequest(
        "send the file as a multipart field named \"file\"".into(),
    ))
}

/// Marks the shopper's latest message (and all before it) as read: they see blue ticks.
async fn mark_read(State(app): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<Value>> {
    let conv = app
        .store
        .conversation(id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    let runtime = app
        .numbers
        .get(&conv.phone_number_id)
        .ok_or(ApiError::NotFound("number"))?;
    let messages = app.store.conversation_messages(id, 5000).await?;
    let latest = messages
        .iter()
        .rev()
        .find(|m| m.direction == "in")
        .and_then(|m| m.wamid.clone())
        .ok_or(ApiError::Conflict(
            "the shopper has not written in this conversation".into(),
        ))?;
    runtime
        .client
        .mark_read(&latest, false)
        .await
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    Ok(Json(json!({"read": latest})))
}
