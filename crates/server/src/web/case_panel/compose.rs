//! The case composer's extras: a photo or document attached to the reply (checked against WhatsApp's
//! media limits, uploaded for a media id, sent through the outbox, and kept so the thread shows it), and
//! an approved template filled in, previewed and sent on the case with the conversation screen's picker.

use std::collections::HashMap;

use axum::{
    extract::{multipart::MultipartError, Multipart, Path, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use lifeline_desk::case::TimelineEvent;
use lifeline_whatsapp::{limits, outbound::MediaKind, OutboundMessage};
use subtle::ConstantTimeEq;

use super::{
    forms::{case_row, done},
    panel, render, web_error, Composer,
};
use crate::{
    cases::{self, actions, draft::CaseContext},
    events::DeskEvent,
    outbox::{
        self,
        agent::{self, AgentMessage},
        DedupeKey, Outbox, Outgoing, To, Window,
    },
    state::AppState,
    store::now_ms,
    web::{
        conversation,
        session::{Agent, CsrfForm},
        templates::{self, TemplateChoice},
        WebError,
    },
};

/// The largest request the attachment form takes: WhatsApp's largest document (100 MB) and the form.
pub const ATTACH_LIMIT: usize = 100 * 1024 * 1024 + 256 * 1024;

const MB: u64 = 1024 * 1024;

/// The templates an agent may send on a case, in the shopper's language first.
pub struct TemplateBox {
    pub choices: Vec<TemplateChoice>,
    /// How many are in the shopper's language (they come first; the others wait behind a disclosure).
    pub preferred: usize,
    pub error: Option<String>,
    /// The chosen template as the shopper will read it, once previewed.
    pub preview: Option<String>,
    /// Listed: the window has closed, or the agent asked (no call to WhatsApp otherwise).
    pub shown: bool,
}

impl TemplateBox {
    fn hidden() -> TemplateBox {
        TemplateBox {
            choices: Vec::new(),
            preferred: 0,
            error: None,
            preview: None,
            shown: false,
        }
    }
}

/// A template filled in and previewed: its `name|language`, the values, the text the shopper reads.
pub struct TemplateDraft {
    pub value: String,
    pub values: Vec<String>,
    pub preview: String,
}

/// The case's templates, with a previewed one chosen and its values kept; listed only when the window
/// has closed or the agent asked for them.
pub(super) async fn template_box(
    app: &AppState,
    ctx: &CaseContext,
    composer: &Composer,
    window_open: bool,
) -> TemplateBox {
    if window_open && !composer.show_templates && composer.template.is_none() {
        return TemplateBox::hidden();
    }
    let shopper = ctx.conversation.contact_name.clone().unwrap_or_default();
    let found = templates::choices(app, &ctx.case.phone_number_id, &ctx.language(), &shopper).await;
    let mut choices = match found {
        Ok(c) => c,
        Err(e) => {
            return TemplateBox {
                error: Some(e),
                shown: true,
                ..TemplateBox::hidden()
            }
        }
    };
    if let Some(d) = &composer.template {
        for c in choices.iter_mut() {
            c.checked = c.value == d.value;
            if c.checked {
                for (input, v) in c.inputs.iter_mut().zip(&d.values) {
                    input.2 = v.clone();
                }
            }
        }
    }
    TemplateBox {
        preferred: choices.iter().filter(|c| c.preferred).count(),
        choices,
        error: None,
        preview: composer.template.as_ref().map(|d| d.preview.clone()),
        shown: true,
    }
}

/// `POST /cases/{id}/template`: the picked template with its values; `preview` shows it filled in,
/// otherwise it goes out through the case engine (recorded on the timeline like any reply).
pub async fn template(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let row = case_row(&app, id).await?;
    let picked = conversation::picked_template(&app, &row.phone_number_id, &f).await?;
    if f.contains_key("preview") {
        let composer = Composer {
            template: Some(TemplateDraft {
                value: format!("{}|{}", picked.name, picked.language),
                preview: picked.preview(),
                values: picked.values,
            }),
            ..Composer::default()
        };
        let p = panel(&app, &agent, row.conversation_id, Some((id, composer))).await?;
        return render(&agent, &headers, StatusCode::OK, p);
    }
    let req = actions::ReplyRequest {
        text: String::new(),
        template: Some(actions::TemplateChoice {
            name: picked.name,
            language: picked.language,
            parameters: picked.values,
        }),
        options: Vec::new(),
        gestures: Vec::new(),
        actor: agent.account.email.clone(),
        role: agent.role,
        send_anyway: false,
    };
    actions::reply(&app, id, req).await.map_err(web_error)?;
    done(&app, &agent, &headers, row.conversation_id).await
}

/// What the attachment form posted.
#[derive(Default)]
struct Upload {
    csrf: String,
    caption: String,
    /// (file name, declared type, bytes)
    file: Option<(String, String, bytes::Bytes)>,
}

fn unreadable(e: MultipartError) -> WebError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        WebError::BadRequest(
            "The file is too large: WhatsApp takes documents up to 100 MB and photos up to 5 MB."
                .into(),
        )
    } else {
        WebError::BadRequest(format!("The file could not be read: {}.", e.body_text()))
    }
}

async fn read_upload(mut form: Multipart) -> Result<Upload, WebError> {
    let mut up = Upload::default();
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or("") {
            "csrf" => up.csrf = field.text().await.map_err(unreadable)?,
            "caption" => up.caption = field.text().await.map_err(unreadable)?,
            "file" => {
                let name = field.file_name().unwrap_or("").to_string();
                let mime = field.content_type().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(unreadable)?;
                if !name.is_empty() || !bytes.is_empty() {
                    up.file = Some((name, mime, bytes));
                }
            }
            _ => {}
        }
    }
    Ok(up)
}

/// The file's own name, without any folder a browser may send, at most 120 characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let base: String = base.chars().filter(|c| !c.is_control()).take(120).collect();
    if base.is_empty() {
        "file".into()
    } else {
        base
    }
}

/// The declared type, or the one the file name gives when the browser sent none.
fn mime_of(declared: &str, name: &str) -> String {
    let m = limits::essence(declared);
    if !m.is_empty() && m != "application/octet-stream" {
        return m;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg".into(),
        Some("png") => "image/png".into(),
        Some("pdf") => "application/pdf".into(),
        _ => "application/octet-stream".into(),
    }
}

/// A photo (JPEG, PNG) or a document within WhatsApp's limits, whose bytes are what its type says.
fn check_file(name: &str, mime: &str, bytes: &[u8]) -> Result<MediaKind, String> {
    let kind = limits::kind_for_mime(mime)
        .filter(|k| matches!(k, MediaKind::Image | MediaKind::Document))
        .ok_or_else(|| {
            format!("{name} is {mime}: attach a photo (JPEG or PNG) or a document such as a PDF.")
        })?;
    let size = bytes.len() as u64;
    if size == 0 {
        return Err(format!("{name} is empty."));
    }
    let max = limits::max_size(kind, false);
    if size > max {
        let what = if kind == MediaKind::Image {
            "photos"
        } else {
            "documents"
        };
        return Err(format!(
            "{name} is {:.1} MB: WhatsApp takes {what} up to {} MB.",
            size as f64 / MB as f64,
            max / MB
        ));
    }
    let looks_right = match mime {
        "image/png" => bytes.starts_with(b"\x89PNG"),
        "image/jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "application/pdf" => bytes.starts_with(b"%PDF"),
        _ => true,
    };
    if !looks_right {
        return Err(format!("{name} is not really a {mime} file."));
    }
    Ok(kind)
}

/// Keeps the sent file so the thread can show it; the message goes out even if this fails.
async fn keep_copy(app: &AppState, media_id: &str, bytes: &[u8]) {
    let path = conversation::sent_copy(app, media_id);
    let kept = async {
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::write(&path, bytes).await
    };
    if let Err(e) = kept.await {
        tracing::warn!(error = %e, "could not keep a copy of a sent file");
    }
}

/// `POST /cases/{id}/attachment` (multipart: `csrf`, `file`, `caption`): a photo or document to the
/// shopper, checked against WhatsApp's limits first, while the window is open.
pub async fn attach(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    form: Multipart,
) -> Result<Response, WebError> {
    let up = read_upload(form).await?;
    let given = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or(&up.csrf);
    if agent.csrf.is_empty() || !bool::from(agent.csrf.as_bytes().ct_eq(given.as_bytes())) {
        return Err(WebError::Csrf);
    }
    let row = case_row(&app, id).await?;
    let (name, declared, bytes) = up
        .file
        .ok_or_else(|| WebError::BadRequest("Choose a photo or a PDF to attach.".into()))?;
    let conv = app
        .store
        .conversation(row.conversation_id)
        .await?
        .ok_or(WebError::NotFound)?;
    Window::of(conv.window_expires_at).free_form(now_ms())?;
    let name = clean_name(&name);
    let mime = mime_of(&declared, &name);
    let kind = check_file(&name, &mime, &bytes).map_err(WebError::BadRequest)?;
    let number = app
        .numbers
        .get(&row.phone_number_id)
        .ok_or_else(|| WebError::BadRequest("This number is no longer configured.".into()))?;
    let media_id = number
        .client
        .upload_media(bytes.to_vec(), &mime, &name)
        .await
        .map_err(|e| WebError::BadRequest(format!("WhatsApp did not take the file: {e}.")))?;
    keep_copy(&app, &media_id, &bytes).await;
    let msg = OutboundMessage::Media {
        kind,
        id: Some(media_id),
        link: None,
        caption: Some(up.caption.trim().to_string()).filter(|c| !c.is_empty()),
        filename: (kind == MediaKind::Document).then_some(name),
    };
    let asked = AgentMessage {
        msg: &msg,
        fallback: None,
        language: row.language.as_deref().unwrap_or("en"),
        limits: None,
        send_anyway: false,
    };
    agent::checked(&asked, Window::of(conv.window_expires_at), now_ms())
        .map_err(|r| web_error(r.into()))?;
    let key = DedupeKey::unique("attachment");
    let out = Outgoing::new(To::from(&row), msg, key, &agent.account.email);
    let mut tx = app.store.begin().await?;
    let queued = outbox::queue(&mut tx, vec![out]).await?;
    let e = TimelineEvent::ReplySent {
        message_id: queued.first().map(|m| m.to_string()),
        template: None,
    };
    let actor = format!("agent:{}", agent.account.email);
    tx.add_case_event(id, &actor, &cases::event(&e)).await?;
    Outbox::of(&app).commit(tx, &queued).await?;
    app.events.publish(DeskEvent::CaseChanged { case_id: id });
    done(&app, &agent, &headers, row.conversation_id).await
}

/// `GET /sent-media/{message_id}`: the copy of a photo or document the desk sent.
pub async fn sent_media(
    State(app): State<AppState>,
    _agent: Agent,
    Path(message_id): Path<i64>,
) -> Result<Response, WebError> {
    let m = app
        .store
        .message(message_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let sent: Option<OutboundMessage> = m
        .payload_json
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok());
    let Some(OutboundMessage::Media {
        kind, id: Some(id), ..
    }) = sent
    else {
        return Err(WebError::NotFound);
    };
    let bytes = tokio::fs::read(conversation::sent_copy(&app, &id))
        .await
        .map_err(|_| WebError::NotFound)?;
    let mime = match kind {
        MediaKind::Image if bytes.starts_with(b"\x89PNG") => "image/png",
        MediaKind::Image => "image/jpeg",
        _ if bytes.starts_with(b"%PDF") => "application/pdf",
        _ => "application/octet-stream",
    };
    Ok(crate::web::assets::file_response(bytes, mime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_photos_and_documents_within_whatsapps_limits_are_attached() {
        let png = [b"\x89PNG\r\n".as_slice(), &[0; 10]].concat();
        assert_eq!(check_file("a.png", "image/png", &png), Ok(MediaKind::Image));
        let big = [b"\x89PNG".as_slice(), &vec![0; 6 * MB as usize]].concat();
        let e = check_file("big.png", "image/png", &big).unwrap_err();
        assert!(e.contains("up to 5 MB"), "{e}");
        let e = check_file("clip.mp4", "video/mp4", b"....").unwrap_err();
        assert!(e.contains("attach a photo"), "{e}");
        assert!(check_file("fake.pdf", "application/pdf", b"hello").is_err());
        assert_eq!(mime_of("", "Invoice.PDF"), "application/pdf");
        assert_eq!(clean_name("C:\\Users\\ana\\foto.jpg"), "foto.jpg");
    }
}
