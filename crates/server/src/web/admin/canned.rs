//! Canned replies: the `/shortcut` snippets agents expand in the composer, one text per language.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use lifeline_desk::Role;
use serde::Deserialize;

use super::{page, Agent, CsrfForm, Nav, NoFields, WebError};
use crate::{state::AppState, store::CannedReply};

/// The languages the desk writes to shoppers in.
const LANGUAGES: [&str; 8] = ["en", "es", "pt", "fr", "de", "it", "id", "nl"];
/// The longest shortcut (the REST API's limit too).
const MAX_SHORTCUT: usize = 25;
/// The longest snippet.
const MAX_TEXT: usize = 1024;

#[derive(Template)]
#[template(path = "admin_canned.html")]
struct CannedPage {
    nav: Nav,
    replies: Vec<CannedReply>,
    languages: [&'static str; 8],
    notice: Option<String>,
}

async fn render(
    app: &AppState,
    agent: &Agent,
    notice: Option<String>,
) -> Result<Response, WebError> {
    page(CannedPage {
        nav: Nav::of(agent, "admin"),
        replies: app.store.canned_replies().await?,
        languages: LANGUAGES,
        notice,
    })
}

/// `GET /admin/canned`.
pub async fn canned_page(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    render(&app, &agent, None).await
}

#[derive(Deserialize)]
pub struct CannedForm {
    shortcut: String,
    language: String,
    text: String,
}

/// A snippet as typed, checked: one lower-case word without its slash, a desk language, 1 to 1024
/// characters of text.
fn parse(f: &CannedForm) -> Result<(String, String, String), String> {
    let shortcut = f.shortcut.trim().trim_start_matches('/').to_lowercase();
    let ok_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    if shortcut.is_empty()
        || shortcut.chars().count() > MAX_SHORTCUT
        || !shortcut.chars().all(ok_char)
    {
        return Err(format!(
            "A shortcut is one word of at most {MAX_SHORTCUT} letters, digits, - or _."
        ));
    }
    let language = f.language.trim().to_lowercase();
    if !LANGUAGES.contains(&language.as_str()) {
        return Err("Choose one of the desk's languages.".into());
    }
    let text = f.text.trim().replace("\r\n", "\n");
    if text.is_empty() || text.chars().count() > MAX_TEXT {
        return Err(format!("The text has 1 to {MAX_TEXT} characters."));
    }
    Ok((shortcut, language, text))
}

/// `POST /admin/canned`: adds a snippet, or replaces the text of the same shortcut and language.
pub async fn add_canned(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(f): CsrfForm<CannedForm>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    match parse(&f) {
        Ok((shortcut, language, text)) => {
            app.store
                .upsert_canned_reply(&shortcut, &language, &text)
                .await?;
            let notice = format!("/{shortcut} ({language}) saved.");
            render(&app, &agent, Some(notice)).await
        }
        Err(why) => render(&app, &agent, Some(format!("Not saved: {why}"))).await,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn form(shortcut: &str, language: &str, text: &str) -> CannedForm {
        CannedForm {
            shortcut: shortcut.into(),
            language: language.into(),
            text: text.into(),
        }
    }

    #[test]
    fn a_snippet_is_checked_before_it_is_saved() {
        assert_eq!(
            parse(&form(" /Tracking ", "PT", " Oi {name}\r\n ")),
            Ok(("tracking".into(), "pt".into(), "Oi {name}".into()))
        );
        assert!(parse(&form("two words", "en", "x")).is_err());
        assert!(parse(&form("/", "en", "x")).is_err());
        assert!(parse(&form("ok", "xx", "x")).is_err());
        assert!(parse(&form("ok", "en", "   ")).is_err());
        assert!(parse(&form("ok", "en", &"a".repeat(1025))).is_err());
    }
}
