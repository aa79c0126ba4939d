//! The panel's forms: corrections, notes, the case reply (draft, shortcuts, tone check), remedies.
//! Each one calls the case engine the REST API uses, with the signed-in person's name and role.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Json,
};
use chrono::Utc;
use lifeline_desk::{case::TimelineEvent, playbook::DraftOption, Remedy};
use serde::Deserialize;
use serde_json::json;

use super::{panel, render, web_error, Composer, Finding};
use crate::{
    cases::{
        self, actions,
        draft::{self, canned},
    },
    state::AppState,
    store::CaseRow,
    web::{
        session::{Agent, CsrfForm},
        WebError,
    },
};

pub(super) async fn case_row(app: &AppState, id: i64) -> Result<CaseRow, WebError> {
    app.store.case(id).await?.ok_or(WebError::NotFound)
}

/// After a form: the fresh panel for the page's script, back to the conversation for a plain browser.
pub(super) async fn done(
    app: &AppState,
    agent: &Agent,
    headers: &HeaderMap,
    conversation_id: i64,
) -> Result<Response, WebError> {
    if headers.get("x-requested-with").is_some() {
        let p = panel(app, agent, conversation_id, None).await?;
        render(agent, headers, StatusCode::OK, p)
    } else {
        Ok(Redirect::to(&format!("/conversations/{conversation_id}")).into_response())
    }
}

/// The reply box filled with the playbook draft, its buttons and gestures ticked.
pub async fn draft_composer(
    app: &AppState,
    agent: &Agent,
    case_id: i64,
) -> Result<Composer, WebError> {
    let ctx = draft::context(app, case_id).await.map_err(web_error)?;
    let d = draft::draft(app, &ctx, agent.role, Utc::now());
    Ok(Composer {
        text: d.text,
        chosen: d
            .buttons
            .iter()
            .map(|b| b.remedy.id())
            .chain(d.gestures.iter().map(Remedy::id))
            .collect(),
        ..Composer::default()
    })
}

#[derive(Deserialize)]
pub struct CorrectionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    status: String,
    /// `me`, `nobody`, or empty to leave it.
    #[serde(default)]
    assignee: String,
}

/// `POST /cases/{id}/correct`: the same effects as `PATCH /api/v1/cases/{id}`.
pub async fn correct(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<CorrectionForm>,
) -> Result<Response, WebError> {
    let some = |v: String| (!v.is_empty()).then_some(v);
    let fix = cases::correct::Correction {
        kind: some(f.kind),
        priority: some(f.priority),
        status: some(f.status),
        assignee: match f.assignee.as_str() {
            "me" => Some(Some(agent.account.email.clone())),
            "nobody" => Some(None),
            _ => None,
        },
    };
    let row = cases::correct::correct(&app, id, fix, &agent.account.email)
        .await
        .map_err(web_error)?;
    done(&app, &agent, &headers, row.conversation_id).await
}

#[derive(Deserialize)]
pub struct NoteForm {
    text: String,
}

/// `POST /cases/{id}/notes`: an internal note on the timeline (never sent to the shopper).
pub async fn note(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<NoteForm>,
) -> Result<Response, WebError> {
    let row = case_row(&app, id).await?;
    let text = f.text.trim();
    if text.is_empty() {
        return Err(WebError::BadRequest("Write the note first.".into()));
    }
    let e = cases::event(&TimelineEvent::NoteAdded { text: text.into() });
    let actor = format!("agent:{}", agent.account.email);
    app.store.add_case_event(id, &actor, &e).await?;
    app.events
        .publish(crate::events::DeskEvent::CaseChanged { case_id: id });
    done(&app, &agent, &headers, row.conversation_id).await
}

/// A whole reply box that is only `/name`: a canned reply to expand rather than send.
fn shortcut(text: &str) -> Option<String> {
    let name = text.trim().strip_prefix('/')?;
    let ok = !name.is_empty()
        && name.len() <= 25
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    ok.then(|| name.to_lowercase())
}

/// `GET /cases/{id}/canned/{shortcut}`, for the reply box's script: the filled canned reply as JSON
/// (`text`, `language`, `warning` when it is not in the shopper's language), or a 404 whose `notice`
/// tells the agent there is no such shortcut.
pub async fn canned(
    State(app): State<AppState>,
    _agent: Agent,
    Path((id, name)): Path<(i64, String)>,
) -> Result<Response, WebError> {
    let name = shortcut(&format!("/{}", name.trim_start_matches('/'))).ok_or(WebError::NotFound)?;
    let found = canned::expand(&app, id, &name, Utc::now())
        .await
        .map_err(web_error)?;
    let mut r = match found {
        Some(e) => Json(e).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "shortcut": name, "notice": canned::unknown(&name) })),
        )
            .into_response(),
    };
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(r)
}

/// The posted reply box: text, ticked buttons (`option`) and gestures (`gesture`), `send_anyway`.
struct ReplyBox {
    text: String,
    options: Vec<String>,
    gestures: Vec<String>,
    send_anyway: bool,
}

fn reply_box(fields: Vec<(String, String)>) -> ReplyBox {
    let mut b = ReplyBox {
        text: String::new(),
        options: Vec::new(),
        gestures: Vec::new(),
        send_anyway: false,
    };
    for (k, v) in fields {
        match k.as_str() {
            "text" => b.text = v,
            "option" => b.options.push(v),
            "gesture" => b.gestures.push(v),
            "send_anyway" => b.send_anyway = !v.is_empty(),
            _ => {}
        }
    }
    b
}

/// `POST /cases/{id}/reply`: through `actions::reply` with the person's role; a tone finding comes back
/// inline with a "send anyway" button; a lone `/name` is expanded into the box instead of sent.
pub async fn reply(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let row = case_row(&app, id).await?;
    let b = reply_box(fields);
    let conv = row.conversation_id;
    if let Some(name) = shortcut(&b.text) {
        let found = canned::expand(&app, id, &name, Utc::now())
            .await
            .map_err(web_error)?;
        let composer = match found {
            Some(e) => Composer {
                text: e.text,
                notice: e.warning,
                ..Composer::default()
            },
            None => Composer {
                text: b.text.clone(),
                notice: Some(canned::unknown(&name)),
                ..Composer::default()
            },
        };
        let p = panel(&app, &agent, conv, Some((id, composer))).await?;
        return render(&agent, &headers, StatusCode::OK, p);
    }
    let ctx = draft::context(&app, id).await.map_err(web_error)?;
    let d = draft::draft(&app, &ctx, agent.role, Utc::now());
    let mut options: Vec<DraftOption> = Vec::new();
    for o in &b.options {
        let found = d.buttons.iter().find(|x| &x.remedy.id() == o);
        options.push(found.cloned().ok_or_else(|| {
            WebError::BadRequest("That button is no longer in the draft; reload the page.".into())
        })?);
    }
    let gestures: Vec<Remedy> = b
        .gestures
        .iter()
        .map(|g| Remedy::from_id(g).ok_or_else(|| WebError::BadRequest("Unknown gesture.".into())))
        .collect::<Result<_, _>>()?;
    let req = actions::ReplyRequest {
        text: b.text.clone(),
        template: None,
        options,
        gestures,
        actor: agent.account.email.clone(),
        role: agent.role,
        send_anyway: b.send_anyway,
    };
    match actions::reply(&app, id, req).await.map_err(web_error)? {
        actions::ReplyOutcome::Queued { .. } => done(&app, &agent, &headers, conv).await,
        actions::ReplyOutcome::ToneFindings(found) => {
            let composer = Composer {
                text: b.text,
                chosen: b.options.into_iter().chain(b.gestures).collect(),
                findings: found.iter().map(Finding::from).collect(),
                ..Composer::default()
            };
            let p = panel(&app, &agent, conv, Some((id, composer))).await?;
            render(&agent, &headers, StatusCode::UNPROCESSABLE_ENTITY, p)
        }
    }
}

#[derive(Deserialize)]
pub struct RemedyForm {
    remedy: String,
}

/// `POST /cases/{id}/remedy`: `actions::request` with the person's role; beyond it, the request waits
/// for approval on `/approvals`.
pub async fn remedy(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(f): CsrfForm<RemedyForm>,
) -> Result<Response, WebError> {
    let row = case_row(&app, id).await?;
    let r =
        Remedy::from_id(&f.remedy).ok_or_else(|| WebError::BadRequest("Unknown remedy.".into()))?;
    actions::request(&app, id, r, &agent.account.email, agent.role)
        .await
        .map_err(web_error)?;
    done(&app, &agent, &headers, row.conversation_id).await
}

#[cfg(test)]
mod tests {
    use super::shortcut;

    #[test]
    fn only_a_lone_slash_word_is_a_shortcut() {
        assert_eq!(shortcut(" /Rastreio "), Some("rastreio".into()));
        assert_eq!(shortcut("/track-it"), Some("track-it".into()));
        assert_eq!(shortcut("/two words"), None);
        assert_eq!(shortcut("see /faq"), None);
        assert_eq!(shortcut("/"), None);
    }
}
