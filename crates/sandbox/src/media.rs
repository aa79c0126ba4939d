//! Media as the Cloud API serves it: upload, metadata with a short-lived URL, Bearer download, delete.

use std::time::Instant;

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::graph_error::GraphError;
use crate::send::{bearer, parse_version};
use crate::state::{new_media_id, MediaItem};
use crate::Sandbox;

pub(crate) fn routes() -> Router<Sandbox> {
    Router::new()
        .route(
            "/graph/{version}/{node}/media",
            post(upload).layer(DefaultBodyLimit::max(110 * 1024 * 1024)),
        )
        .route("/graph/{version}/{node}", get(info).delete(remove))
        .route("/graph/media-download/{token}", get(download))
}

/// The size limit of a MIME type WhatsApp accepts, or None when the type is not accepted.
pub(crate) fn size_limit(mime: &str) -> Option<usize> {
    const MB: usize = 1024 * 1024;
    let base = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match base.as_str() {
        "image/jpeg" | "image/png" => Some(5 * MB),
        "image/webp" => Some(500 * 1024),
        "audio/aac" | "audio/amr" | "audio/mpeg" | "audio/mp4" | "audio/ogg" => Some(16 * MB),
        "video/mp4" | "video/3gpp" => Some(16 * MB),
        "text/plain"
        | "application/pdf"
        | "application/msword"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.ms-excel"
        | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-powerpoint"
        | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            Some(100 * MB)
        }
        _ => None,
    }
}

/// Whether the first bytes agree with the declared type (checked for the types with a clear signature).
fn content_matches(mime: &str, bytes: &[u8]) -> bool {
    let base = mime
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match base.as_str() {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "image/webp" => bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP",
        "audio/ogg" => bytes.starts_with(b"OggS"),
        "application/pdf" => bytes.starts_with(b"%PDF"),
        _ => true,
    }
}

/// Checks a file against WhatsApp's media rules (131053 on failure).
pub(crate) fn check_media(mime: &str, bytes: &[u8]) -> Result<(), GraphError> {
    let limit = size_limit(mime)
        .ok_or_else(|| GraphError::media_upload(format!("Unsupported file type: {mime}")))?;
    if bytes.is_empty() {
        return Err(GraphError::media_upload("The file is empty."));
    }
    if bytes.len() > limit {
        return Err(GraphError::media_upload(format!(
            "The file is {} bytes; at most {limit} are allowed for {mime}",
            bytes.len()
        )));
    }
    if !content_matches(mime, bytes) {
        return Err(GraphError::media_upload(format!(
            "The file's content does not match its type {mime}"
        )));
    }
    Ok(())
}

impl Sandbox {
    /// Stores a file and returns its media id.
    pub(crate) fn store_media(&self, owner: &str, mime: &str, bytes: Bytes) -> String {
        let id = new_media_id();
        let sha256: [u8; 32] = Sha256::digest(&bytes).into();
        let item = MediaItem {
            id: id.clone(),
            bytes,
            mime: mime.to_string(),
            sha256,
        };
        tracing::debug!(media_id = %id, owner, "sandbox: media stored");
        let mut state = self.state();
        state.media.insert(id.clone(), item);
        state.stats.media_uploaded += 1;
        id
    }

    /// A download URL for a media item, valid for `media_url_ttl`.
    pub(crate) fn media_url(&self, media_id: &str) -> String {
        let token =
            self.state()
                .issue_download(media_id, self.config().media_url_ttl, Instant::now());
        format!("{}/graph/media-download/{token}", self.config().public_base)
    }
}

struct Upload {
    product: Option<String>,
    declared: Option<String>,
    file: Option<(Option<String>, Bytes)>,
}

async fn read_upload(mut form: Multipart) -> Result<Upload, GraphError> {
    let mut up = Upload {
        product: None,
        declared: None,
        file: None,
    };
    let bad = |e: axum::extract::multipart::MultipartError| {
        GraphError::invalid_parameter(format!("Bad multipart body: {e}"))
    };
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name().unwrap_or_default() {
            "messaging_product" => up.product = Some(field.text().await.map_err(bad)?),
            "type" => up.declared = Some(field.text().await.map_err(bad)?),
            "file" => {
                let ct = field.content_type().map(str::to_string);
                up.file = Some((ct, field.bytes().await.map_err(bad)?));
            }
            _ => {}
        }
    }
    Ok(up)
}

async fn upload(
    State(sb): State<Sandbox>,
    Path((version, phone_number_id)): Path<(String, String)>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    match handle_upload(&sb, &version, &phone_number_id, &headers, form).await {
        Ok(id) => Json(json!({"id": id})).into_response(),
        Err(e) => {
            sb.state().count_rejection(e.code);
            e.into_response()
        }
    }
}

async fn handle_upload(
    sb: &Sandbox,
    version: &str,
    pnid: &str,
    headers: &HeaderMap,
    form: Multipart,
) -> Result<String, GraphError> {
    parse_version(version)?;
    let number = sb.config().number(pnid).ok_or_else(|| {
        GraphError::invalid_parameter(format!("Object with ID '{pnid}' does not exist"))
    })?;
    if bearer(headers) != Some(number.access_token.as_str()) {
        return Err(GraphError::bad_token("Invalid OAuth access token."));
    }
    let up = read_upload(form).await?;
    if up.product.as_deref() != Some("whatsapp") {
        return Err(GraphError::invalid_parameter(
            "The parameter messaging_product is required.",
        ));
    }
    let (part_type, bytes) = up
        .file
        .ok_or_else(|| GraphError::invalid_parameter("The parameter file is required."))?;
    let mime = up
        .declared
        .or(part_type.clone())
        .ok_or_else(|| GraphError::invalid_parameter("The parameter type is required."))?;
    if let Some(pt) = part_type.filter(|pt| pt != "application/octet-stream") {
        let base = |m: &str| {
            m.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        };
        if base(&pt) != base(&mime) {
            return Err(GraphError::media_upload(format!(
                "File type {pt} does not match the declared type {mime}"
            )));
        }
    }
    check_media(&mime, &bytes)?;
    Ok(sb.store_media(pnid, &mime, bytes))
}

/// Any token of a hosted number may read media (as a system-user token with access to the WABA does).
fn token_ok(sb: &Sandbox, headers: &HeaderMap) -> bool {
    bearer(headers).is_some_and(|t| sb.config().number_by_token(t).is_some())
}

/// The `fields` a GET on a node asks for.
#[derive(serde::Deserialize)]
struct Fields {
    fields: Option<String>,
}

async fn info(
    State(sb): State<Sandbox>,
    Path((version, media_id)): Path<(String, String)>,
    Query(query): Query<Fields>,
    headers: HeaderMap,
) -> Response {
    if let Err(e) = parse_version(&version) {
        return e.into_response();
    }
    match crate::number::profile(&sb, &media_id, &headers, query.fields.as_deref()) {
        Some(Ok(profile)) => return Json(profile).into_response(),
        Some(Err(refused)) => return refused.into_response(),
        None => {}
    }
    if !token_ok(&sb, &headers) {
        return GraphError::bad_token("Invalid OAuth access token.").into_response();
    }
    let item = sb.state().media.get(&media_id).cloned();
    let Some(item) = item else {
        return GraphError::invalid_parameter(format!(
            "Unsupported get request. Object with ID '{media_id}' does not exist"
        ))
        .into_response();
    };
    let url = sb.media_url(&media_id);
    Json(json!({
        "messaging_product": "whatsapp", "url": url, "mime_type": item.mime,
        "sha256": hex::encode(item.sha256), "file_size": item.bytes.len(), "id": item.id,
    }))
    .into_response()
}

async fn remove(
    State(sb): State<Sandbox>,
    Path((version, media_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    if let Err(e) = parse_version(&version) {
        return e.into_response();
    }
    if !token_ok(&sb, &headers) {
        return GraphError::bad_token("Invalid OAuth access token.").into_response();
    }
    let removed = sb.state().media.remove(&media_id).is_some();
    if !removed {
        return GraphError::invalid_parameter(format!(
            "Object with ID '{media_id}' does not exist"
        ))
        .into_response();
    }
    Json(json!({"success": true})).into_response()
}

async fn download(
    State(sb): State<Sandbox>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !token_ok(&sb, &headers) {
        return (StatusCode::UNAUTHORIZED, "Authorization required").into_response();
    }
    let item = {
        let state = sb.state();
        state
            .download_links
            .get(&token)
            .filter(|(_, expires)| *expires > Instant::now())
            .and_then(|(id, _)| state.media.get(id).cloned())
    };
    match item {
        Some(item) => (crate::phone::file_headers(&item.mime), item.bytes).into_response(),
        None => (StatusCode::NOT_FOUND, "Not found").into_response(),
    }
}
