//! The inbox's conversations view (`/inbox?view=conversations`): conversations, most recent first, with
//! the shopper, the last message, what triage read, whether it is unread, and the 24-hour window. The
//! inbox opens on the cases queue ([`super::cases_view`]); this list is one click away.

use std::collections::HashMap;

use askama::Template;
use axum::{
    extract::{Query, State},
    response::Response,
};
use serde::Deserialize;

use super::{page, session::Agent, view, Nav, WebError};
use crate::{
    state::AppState,
    store::{now_ms, InboxFilter, InboxMessage, InboxRow},
};

/// Conversations on one page of the inbox.
const PAGE_SIZE: i64 = 100;

/// One line of the inbox as the template shows it.
pub struct InboxLine {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub flag: String,
    pub country: String,
    pub language: String,
    pub number: String,
    pub preview: String,
    /// The last message came from the shopper.
    pub from_shopper: bool,
    pub time: String,
    pub reading: Option<view::Reading>,
    pub unread: bool,
    pub window: view::Window,
}

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage {
    nav: Nav,
    q: String,
    lines: Vec<InboxLine>,
    older: Option<i64>,
}

#[derive(Template)]
#[template(path = "inbox_rows.html")]
struct InboxRows {
    lines: Vec<InboxLine>,
    q: String,
    older: Option<i64>,
}

#[derive(Deserialize, Default)]
pub struct InboxQuery {
    #[serde(default)]
    q: String,
    before: Option<i64>,
}

async fn lines(
    app: &AppState,
    agent: &Agent,
    q: &InboxQuery,
) -> Result<(Vec<InboxLine>, Option<i64>), WebError> {
    let filter = InboxFilter {
        search: q.q.clone(),
        before: q.before,
        limit: PAGE_SIZE,
    };
    let rows = app.store.inbox(agent.account.id, &filter).await?;
    let ids: Vec<i64> = rows
        .iter()
        .flat_map(|r| [r.last_message_id, r.triage_message_id])
        .flatten()
        .collect();
    let messages: HashMap<i64, _> = app
        .store
        .inbox_messages(&ids)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let now = now_ms();
    let older = (rows.len() as i64 == PAGE_SIZE)
        .then(|| rows.last().map(|r| r.last_message_at))
        .flatten();
    let lines = rows
        .into_iter()
        .map(|r| line(app, r, &messages, now))
        .collect();
    Ok((lines, older))
}

/// One inbox line from its row and the messages it points at.
fn line(app: &AppState, r: InboxRow, messages: &HashMap<i64, InboxMessage>, now: i64) -> InboxLine {
    let last = r.last_message_id.and_then(|id| messages.get(&id));
    let reading = r
        .triage_message_id
        .and_then(|id| messages.get(&id))
        .and_then(|m| view::reading(m.triage_json.as_deref()));
    let (name, phone) = view::shopper(
        r.contact_name.as_deref(),
        r.username.as_deref(),
        r.wa_id.as_deref(),
    );
    InboxLine {
        id: r.id,
        name,
        phone,
        flag: r.country.as_deref().map(view::flag).unwrap_or_default(),
        country: r.country.clone().unwrap_or_default(),
        language: r.language.clone().unwrap_or_default(),
        number: app
            .config
            .number(&r.phone_number_id)
            .map(|n| n.display_phone_number.clone())
            .unwrap_or_else(|| r.phone_number_id.clone()),
        preview: last
            .map(|m| view::preview(&m.msg_type, m.body.as_deref()))
            .unwrap_or_default(),
        from_shopper: last.is_some_and(|m| m.direction == "in"),
        time: view::short_time(r.last_message_at, now),
        reading,
        unread: r
            .last_inbound_at
            .is_some_and(|t| r.read_at.is_none_or(|read| read < t)),
        window: view::window(r.window_expires_at, now),
    }
}

/// `GET /inbox?view=conversations`.
pub async fn page_handler(
    State(app): State<AppState>,
    agent: Agent,
    Query(q): Query<InboxQuery>,
) -> Result<Response, WebError> {
    let (lines, older) = lines(&app, &agent, &q).await?;
    page(InboxPage {
        nav: Nav::of(&agent, "conversations"),
        q: q.q,
        lines,
        older,
    })
}

/// `GET /inbox/rows`: the list alone, fetched again by the page's script when something happens.
pub async fn rows(
    State(app): State<AppState>,
    agent: Agent,
    Query(q): Query<InboxQuery>,
) -> Result<Response, WebError> {
    let (lines, older) = lines(&app, &agent, &q).await?;
    page(InboxRows {
        lines,
        q: q.q,
        older,
    })
}
