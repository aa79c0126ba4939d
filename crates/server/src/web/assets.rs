//! Files: the one stylesheet and the one script (compiled in, cached by the browser), and the photos,
//! voice notes and documents shoppers sent, for signed-in people only.

use axum::{
    extract::{Path, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};

use super::{session::Agent, WebError};
use crate::state::AppState;

const CSS: &str = include_str!("../../static/app.css");
const JS: &str = include_str!("../../static/app.js");
const ICON: &str = include_str!("../../static/favicon.svg");

fn asset(body: &'static str, mime: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /static/app.css`.
pub async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

/// `GET /static/app.js`.
pub async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

/// `GET /favicon.ico` and `GET /static/favicon.svg`: the desk's icon (an SVG every current browser takes
/// under either name), so no page's tab asks for a file that is not there.
pub async fn icon() -> Response {
    asset(ICON, "image/svg+xml")
}

/// Types a browser may show inline; anything else (SVG, HTML, PDF…) is only downloaded.
fn inline_safe(mime: &str) -> bool {
    matches!(
        mime,
        "image/jpeg"
            | "image/png"
            | "image/webp"
            | "image/gif"
            | "audio/ogg"
            | "audio/mpeg"
            | "audio/mp4"
            | "audio/aac"
            | "audio/amr"
            | "video/mp4"
            | "video/3gpp"
    ) || mime.starts_with("audio/ogg")
}

/// A shopper's (or an agent's) file with headers that keep it from running as a page in our origin.
pub(super) fn file_response(bytes: Vec<u8>, mime: &str) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    let content_type =
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    h.insert(header::CONTENT_TYPE, content_type);
    let disposition = if inline_safe(mime) {
        "inline"
    } else {
        "attachment"
    };
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static(disposition),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    r
}

/// `GET /media/{message_id}`: the stored file of a shopper's message.
pub async fn media(
    State(app): State<AppState>,
    _agent: Agent,
    Path(message_id): Path<i64>,
) -> Result<Response, WebError> {
    let media = app
        .store
        .media_of(message_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let path = media
        .path
        .filter(|_| media.status == "stored")
        .ok_or(WebError::NotFound)?;
    let relative = std::path::Path::new(&path);
    if relative
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(WebError::NotFound);
    }
    let bytes = tokio::fs::read(app.media_dir.join(relative))
        .await
        .map_err(|_| WebError::NotFound)?;
    let mime = media
        .mime_type
        .unwrap_or_else(|| "application/octet-stream".into());
    Ok(file_response(bytes, &mime))
}
