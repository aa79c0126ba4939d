//! The conversation screen: the thread, what triage read, the 24-hour window, and a composer that
//! queues free text through the outbox (as the REST API does), or an approved template once the
//! window has closed.

use std::collections::HashMap;

use askama::Template;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use lifeline_whatsapp::{
    outbound::{ComponentKind, TemplateComponent, TemplateParameter},
    OutboundMessage,
};
use serde::Deserialize;

use super::{
    case_panel, page,
    session::{Agent, CsrfForm},
    templates::{self, TemplateChoice},
    thread::{self, Bubble},
    view, Nav, WebError,
};
use crate::{
    outbox::{
        self,
        agent::{self, AgentMessage},
        DedupeKey, Outbox, Outgoing, Window,
    },
    state::AppState,
    store::{now_ms, ConversationView},
};

/// Messages shown on the screen (the latest ones).
const THREAD_LIMIT: i64 = 300;

#[derive(Template)]
#[template(path = "conversation.html")]
struct ConversationPage {
    nav: Nav,
    csrf: String,
    c: Header,
    bubbles: Vec<Bubble>,
    reading: Option<view::Reading>,
    templates: Vec<TemplateChoice>,
    /// Templates in the shopper's language come first; the others wait behind a disclosure.
    any_preferred: bool,
    preferred_count: usize,
    templates_error: Option<String>,
    /// The conversation has a case in the panel: its reply box is the screen's one composer.
    on_a_case: bool,
}

#[derive(Template)]
#[template(path = "thread.html")]
struct ThreadFragment {
    csrf: String,
    c: Header,
    bubbles: Vec<Bubble>,
}

/// The conversation's head: who, where, which number, and the window.
pub struct Header {
    pub id: i64,
    pub name: String,
    /// The WhatsApp username (`@ana.rio`), when the shopper has one.
    pub username: String,
    /// `+<digits>`, empty when WhatsApp did not share the phone.
    pub phone: String,
    pub flag: String,
    pub country: String,
    pub language: String,
    pub number: String,
    pub window: view::Window,
}

fn header(app: &AppState, c: &ConversationView) -> Header {
    let (name, phone) = view::shopper(
        c.contact_name.as_deref(),
        c.username.as_deref(),
        c.wa_id.as_deref(),
    );
    Header {
        id: c.id,
        name,
        username: c.username.clone().unwrap_or_default(),
        phone,
        flag: c.country.as_deref().map(view::flag).unwrap_or_default(),
        country: c.country.clone().unwrap_or_default(),
        language: c.language.clone().unwrap_or_default(),
        number: app
            .config
            .number(&c.phone_number_id)
            .map(|n| n.display_phone_number.clone())
            .unwrap_or_else(|| c.phone_number_id.clone()),
        window: view::window(c.window_expires_at, now_ms()),
    }
}

async fn load(
    app: &AppState,
    agent: &Agent,
    id: i64,
) -> Result<(ConversationView, Vec<Bubble>, Option<view::Reading>), WebError> {
    let c = app
        .store
        .conversation(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let messages = app.store.latest_messages(id, THREAD_LIMIT).await?;
    let media = app.store.media_of_conversation(id).await?;
    let mut bubbles = thread::bubbles(&messages, &media);
    let window_open = Window::of(c.window_expires_at).is_open(now_ms());
    let is_template = |id: i64| {
        messages.iter().any(|m| {
            m.id == id
                && m.payload_json
                    .as_deref()
                    .is_some_and(|p| p.contains("\"type\":\"template\""))
        })
    };
    for b in bubbles.iter_mut() {
        // Free text cannot go out again once the window has closed: only a template can.
        b.retry &= window_open || is_template(b.id);
        if b.retry {
            let again = app
                .store
                .outbound_by_dedupe_key(DedupeKey::retry(b.id).as_str())
                .await?;
            b.retry = again.is_none();
            b.retried = again.is_some();
        }
        let kept = b.sent_media.as_deref().map(|id| sent_copy(app, id));
        if kept.is_some_and(|p| p.is_file()) {
            b.media_url = Some(format!("/sent-media/{}", b.id));
        }
    }
    // The latest reading that names a problem; a later "thanks" or a photo without words does not hide it.
    let readings: Vec<view::Reading> = messages
        .iter()
        .rev()
        .filter(|m| m.direction == "in")
        .filter_map(|m| view::reading(m.triage_json.as_deref()))
        .collect();
    let reading = readings
        .iter()
        .find(|r| r.kind != "other")
        .or(readings.first())
        .cloned();
    app.store.mark_read(agent.account.id, id).await?;
    Ok((c, bubbles, reading))
}

/// `GET /conversations/{id}`.
pub async fn page_handler(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (conv, bubbles, reading) = load(&app, &agent, id).await?;
    let c = header(&app, &conv);
    let (templates, templates_error) = if c.window.open {
        (Vec::new(), None)
    } else {
        match templates::choices(&app, &conv.phone_number_id, &c.language, &c.name).await {
            Ok(t) => (t, None),
            Err(e) => (Vec::new(), Some(e)),
        }
    };
    let preferred_count = templates.iter().filter(|t| t.preferred).count();
    let on_a_case = !case_panel::shown_cases(&app, &conv).await?.is_empty();
    page(ConversationPage {
        nav: Nav::of(&agent, "inbox"),
        csrf: agent.csrf.clone(),
        c,
        bubbles,
        reading,
        any_preferred: preferred_count > 0,
        preferred_count,
        templates,
        templates_error,
        on_a_case,
    })
}

/// `GET /conversations/{id}/thread`: the messages alone, for live updates.
pub async fn thread(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (c, bubbles, _) = load(&app, &agent, id).await?;
    page(ThreadFragment {
        csrf: agent.csrf.clone(),
        c: header(&app, &c),
        bubbles,
    })
}

/// Where the desk keeps its copy of a photo or document it sent (by WhatsApp's media id).
pub(super) fn sent_copy(app: &AppState, media_id: &str) -> std::path::PathBuf {
    let safe: String = media_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    app.media_dir.join("sent").join(safe)
}

/// Queues an agent's message on its own (nothing else changes with it), through the one way into the
/// outbox the REST API also takes: the checks every agent's message passes (limits, window, tone;
/// `send_anyway` after the agent saw the findings), stored under `key`, then announced.
/// Returns the new message's id (None when the key was queued before).
pub(super) async fn queue_once(
    app: &AppState,
    c: &ConversationView,
    msg: OutboundMessage,
    author: &str,
    key: DedupeKey,
    send_anyway: bool,
) -> Result<Option<i64>, WebError> {
    let asked = AgentMessage {
        msg: &msg,
        fallback: None,
        language: c.language.as_deref().unwrap_or("en"),
        limits: None,
        send_anyway,
    };
    let overridden = agent::checked(&asked, Window::of(c.window_expires_at), now_ms())
        .map_err(|r| case_panel::web_error(r.into()))?;
    if !overridden.is_empty() {
        tracing::info!(
            conversation = c.id,
            findings = overridden.len(),
            "tone check overridden"
        );
    }
    let mut tx = app.store.begin().await?;
    let queued = outbox::queue(&mut tx, vec![Outgoing::new(c.into(), msg, key, author)]).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    Ok(queued.first())
}

/// After a post: 204 for the page's script, back to the conversation for a plain form.
fn done(headers: &HeaderMap, id: i64) -> Response {
    if headers.get("x-requested-with").is_some() {
        StatusCode::NO_CONTENT.into_response()
    } else {
        Redirect::to(&format!("/conversations/{id}")).into_response()
    }
}

#[derive(Deserialize)]
pub struct ReplyForm {
    text: String,
    /// Set by the "Send anyway" button the tone check's findings come with.
    #[serde(default)]
    send_anyway: Option<String>,
}

/// `POST /conversations/{id}/reply`: free text, only while the window is open.
pub async fn reply(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<ReplyForm>,
) -> Result<Response, WebError> {
    let c = app
        .store
        .conversation(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let text = f.text.trim();
    if text.is_empty() {
        return Err(WebError::BadRequest("Write something first.".into()));
    }
    let msg = OutboundMessage::Text {
        body: text.to_string(),
        preview_url: false,
    };
    let key = DedupeKey::unique("web");
    let anyway = f.send_anyway.is_some_and(|v| !v.is_empty());
    queue_once(&app, &c, msg, &agent.account.email, key, anyway).await?;
    Ok(done(&headers, id))
}

/// `POST /conversations/{id}/template`: an approved utility template with its body values.
pub async fn send_template(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let c = app
        .store
        .conversation(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let picked = picked_template(&app, &c.phone_number_id, &f).await?;
    let parameters: Vec<TemplateParameter> = picked
        .values
        .iter()
        .map(|v| TemplateParameter::Text {
            text: v.clone(),
            parameter_name: None,
        })
        .collect();
    let components = if parameters.is_empty() {
        Vec::new()
    } else {
        vec![TemplateComponent {
            kind: ComponentKind::Body,
            sub_type: None,
            index: None,
            parameters,
        }]
    };
    let msg = OutboundMessage::Template {
        name: picked.name,
        language: picked.language,
        components,
    };
    let key = DedupeKey::unique("web");
    queue_once(&app, &c, msg, &agent.account.email, key, false).await?;
    Ok(done(&headers, id))
}

/// A template picked on a form, with the values typed into its slots.
pub(super) struct PickedTemplate {
    pub name: String,
    pub language: String,
    pub body: String,
    pub values: Vec<String>,
}

impl PickedTemplate {
    /// The body as the shopper will read it: each `{{n}}` replaced by its value.
    pub fn preview(&self) -> String {
        self.values
            .iter()
            .enumerate()
            .rev()
            .fold(self.body.clone(), |body, (i, v)| {
                body.replace(&format!("{{{{{}}}}}", i + 1), v)
            })
    }
}

/// Reads the picker's fields (`template` = `name|language`, `<key>-p<n>` values): the template must be
/// one of the number's approved utility templates, and every slot filled.
pub(super) async fn picked_template(
    app: &AppState,
    phone_number_id: &str,
    f: &HashMap<String, String>,
) -> Result<PickedTemplate, WebError> {
    let chosen = f.get("template").map(String::as_str).unwrap_or("");
    let (name, language) = chosen
        .split_once('|')
        .ok_or_else(|| WebError::BadRequest("Choose a template.".into()))?;
    let choices = templates::choices(app, phone_number_id, "", "")
        .await
        .map_err(WebError::BadRequest)?;
    let t = choices
        .iter()
        .find(|t| t.name == name && t.language == language)
        .ok_or_else(|| {
            WebError::BadRequest("That template is not approved for this number.".into())
        })?;
    let mut values = Vec::new();
    for i in 1..=t.params {
        let v = f
            .get(&format!("{}-p{i}", t.key))
            .map(|s| s.trim())
            .unwrap_or("");
        if v.is_empty() {
            return Err(WebError::BadRequest(format!(
                "Fill in value {{{{{i}}}}} of the template."
            )));
        }
        values.push(v.to_string());
    }
    Ok(PickedTemplate {
        name: t.name.clone(),
        language: t.language.clone(),
        body: t.body.clone(),
        values,
    })
}
