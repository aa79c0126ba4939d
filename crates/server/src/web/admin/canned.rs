//! Canned replies: the `/shortcut` snippets agents expand in the composer, one text per language.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use lifeline_desk::{
    canned::{known_placeholders, Snippet},
    playbook::LANGUAGES,
    Role,
};
use serde::Deserialize;

use super::{page, Agent, CsrfForm, Nav, NoFields, WebError};
use crate::{state::AppState, store::CannedReply};

#[derive(Template)]
#[template(path = "admin_canned.html")]
struct CannedPage {
    nav: Nav,
    replies: Vec<CannedReply>,
    languages: [&'static str; 8],
    /// "{name}, {order}, …": what a text may use.
    placeholders: String,
    notice: Option<String>,
    /// What the admin typed, kept in the form when it was not saved.
    typed: CannedForm,
}

async fn render(
    app: &AppState,
    agent: &Agent,
    notice: Option<String>,
    typed: CannedForm,
) -> Result<Response, WebError> {
    page(CannedPage {
        nav: Nav::of(agent, "admin"),
        replies: app.store.canned_replies().await?,
        languages: LANGUAGES,
        placeholders: known_placeholders(),
        notice,
        typed,
    })
}

/// `GET /admin/canned`.
pub async fn canned_page(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    render(&app, &agent, None, CannedForm::default()).await
}

#[derive(Deserialize, Default)]
pub struct CannedForm {
    shortcut: String,
    language: String,
    text: String,
}

/// `POST /admin/canned`: adds a snippet, or replaces the text of the same shortcut and language; a
/// refusal (an unknown placeholder, a shortcut of two words…) keeps what was typed in the form.
pub async fn add_canned(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(f): CsrfForm<CannedForm>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    match Snippet::parse(&f.shortcut, &f.language, &f.text) {
        Ok(s) => {
            app.store
                .upsert_canned_reply(&s.shortcut, &s.language, &s.text)
                .await?;
            let notice = format!("/{} ({}) saved.", s.shortcut, s.language);
            render(&app, &agent, Some(notice), CannedForm::default()).await
        }
        Err(why) => render(&app, &agent, Some(format!("Not saved: {why}")), f).await,
    }
}

/// `POST /admin/canned/{id}/delete`.
pub async fn delete_canned(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    if !app.store.delete_canned_reply(id).await? {
        return Err(WebError::NotFound);
    }
    Ok(Redirect::to("/admin/canned").into_response())
}
