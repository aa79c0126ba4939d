//! The inbox's queue, its default view (`/inbox`): cases in the order they should be handled (escalated,
//! breached, priority, the clock that runs out first), filtered by label, kind, status, assignee, store
//! and number, searched by order number, phone or name. The filters live in the URL, so a link, the back
//! button and the live refresh (`/inbox/queue`) all keep them. `e` on a line posts `/cases/{id}/resolve`.

use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, Uri},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use lifeline_desk::{
    case::{CaseStatus, Label},
    clocks::ClockState,
};
use lifeline_triage::ExceptionKind;
use serde::Deserialize;

use super::{
    board, case_panel, inbox, page,
    session::{Agent, CsrfForm},
    twostep::percent_encode,
    Nav, WebError,
};
use crate::{
    cases,
    state::AppState,
    store::{CaseFilter, CaseRow, QueueRow},
};

/// Cases shown at once in the queue.
const LIMIT: i64 = 200;

/// One case as the queue and the board show it.
pub struct CaseLine {
    pub id: i64,
    pub conversation_id: i64,
    /// The shopper's name, else their phone.
    pub name: String,
    pub phone: String,
    pub order: String,
    pub kind: String,
    pub priority: String,
    pub escalated: bool,
    pub breached: bool,
    pub status: String,
    /// The board labels the case carries (its kind is shown apart).
    pub labels: Vec<String>,
    pub assignee: String,
    /// The clock that runs out first: "2 h 10 min left", "breached".
    pub next: String,
}

/// One option of a filter's menu.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The filters as the page's form shows them, and the query string that repeats them.
pub struct Filters {
    pub view: &'static str,
    pub q: String,
    pub label: Vec<Choice>,
    pub kind: Vec<Choice>,
    pub status: Vec<Choice>,
    pub assignee: Vec<Choice>,
    pub store: Vec<Choice>,
    pub number: Vec<Choice>,
    /// `label=…&kind=…` for links and the live refresh (empty when nothing is chosen).
    pub query: String,
    /// How many menus have a choice (shown on the phone's folded "Filters" button).
    pub active: usize,
}

impl Filters {
    fn count_active(&mut self) {
        self.active = [
            &self.label,
            &self.kind,
            &self.status,
            &self.assignee,
            &self.store,
            &self.number,
        ]
        .iter()
        .filter(|menu| menu.iter().any(|c| c.selected))
        .count();
    }
}

#[derive(Template)]
#[template(path = "cases.html")]
struct QueuePage {
    nav: Nav,
    f: Filters,
    lines: Vec<CaseLine>,
    /// The queue is longer than what is shown.
    more: bool,
}

#[derive(Template)]
#[template(path = "queue_rows.html")]
struct QueueRows {
    lines: Vec<CaseLine>,
    more: bool,
}

/// What the URL may choose (unknown values are ignored rather than refused).
#[derive(Deserialize, Default)]
pub struct QueueQuery {
    #[serde(default)]
    pub view: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub status: String,
    /// `me`, `unassigned` or an e-mail.
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub store: String,
    /// A phone_number_id.
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub q: String,
}

fn next_clock(row: &CaseRow) -> String {
    if !cases::status(row).is_open() {
        return String::new(); // its clocks no longer run
    }
    let now = Utc::now();
    let left = cases::clocks(row)
        .iter()
        .filter_map(|c| match c.status(now) {
            ClockState::Running { remaining } => Some(remaining.num_minutes()),
            _ => None,
        })
        .min();
    match (row.breached == 1, left) {
        (true, _) => "breached".into(),
        (false, Some(m)) if m < 60 => format!("{m} min left"),
        (false, Some(m)) => format!("{} h {:02} min left", m / 60, m % 60),
        (false, None) => String::new(),
    }
}

/// A queue line from its row.
pub fn line(r: &QueueRow) -> CaseLine {
    let row = &r.case;
    let (name, phone) = super::view::shopper(
        r.contact_name.as_deref(),
        r.contact_username.as_deref(),
        r.contact_wa_id.as_deref(),
    );
    let labels: Vec<String> = serde_json::from_str(&row.labels_json).unwrap_or_default();
    CaseLine {
        id: row.id,
        conversation_id: row.conversation_id,
        name,
        phone,
        order: row.order_number.clone().unwrap_or_default(),
        kind: row.kind.replace('_', " "),
        priority: row.priority.clone(),
        escalated: row.escalated == 1,
        breached: row.breached == 1,
        status: row.status.replace('_', " "),
        labels: labels
            .into_iter()
            .filter(|l| Label::ALL.iter().any(|b| b.as_str() == l))
            .collect(),
        assignee: row.assignee.clone().unwrap_or_default(),
        next: next_clock(row),
    }
}

fn known(v: &str, all: &[&'static str]) -> Option<String> {
    all.contains(&v).then(|| v.to_string())
}

fn choices(chosen: &str, all: impl IntoIterator<Item = (String, String)>) -> Vec<Choice> {
    all.into_iter()
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

fn plain(all: &[&'static str]) -> Vec<(String, String)> {
    all.iter()
        .map(|s| (s.to_string(), s.replace('_', " ")))
        .collect()
}

/// The query string that repeats the chosen filters (in a fixed order).
fn query_string(q: &QueueQuery) -> String {
    [
        ("label", &q.label),
        ("kind", &q.kind),
        ("status", &q.status),
        ("assignee", &q.assignee),
        ("store", &q.store),
        ("number", &q.number),
        ("q", &q.q),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}={}", percent_encode(v.trim())))
    .collect::<Vec<_>>()
    .join("&")
}

/// Reads the query into the store's filter and the form's menus.
pub async fn filters(
    app: &AppState,
    agent: &Agent,
    q: &QueueQuery,
    view: &'static str,
) -> Result<(CaseFilter, Filters), WebError> {
    let labels: Vec<&'static str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let kinds: Vec<&'static str> = ExceptionKind::ALL.iter().map(|k| k.as_str()).collect();
    let statuses: Vec<&'static str> = CaseStatus::ALL.iter().map(|s| s.as_str()).collect();
    let status = known(&q.status, &statuses);
    let store = app.commerce.stores.iter().find(|s| s.name == q.store);
    let number = app
        .config
        .number(&q.number)
        .map(|n| n.phone_number_id.clone());
    let people = app.store.list_people().await?;
    let assignee = match q.assignee.as_str() {
        "me" => Some(agent.account.email.clone()),
        "" | "unassigned" => None,
        who => people
            .iter()
            .find(|p| p.email == who)
            .map(|p| p.email.clone()),
    };
    let search = q.q.trim();
    let filter = CaseFilter {
        label: known(&q.label, &labels),
        kind: known(&q.kind, &kinds),
        open_only: status
            .as_deref()
            .and_then(CaseStatus::parse)
            .is_none_or(|s| s.is_open()),
        status,
        assignee,
        unassigned: q.assignee == "unassigned",
        store: store.map(|s| s.name.clone()),
        store_numbers: store.map(|s| s.numbers.clone()).unwrap_or_default(),
        phone_number_id: number,
        search: (!search.is_empty()).then(|| search.to_string()),
        limit: LIMIT,
        ..CaseFilter::default()
    };
    let mut assignees = vec![
        ("me".to_string(), "me".to_string()),
        ("unassigned".to_string(), "nobody".to_string()),
    ];
    assignees.extend(people.iter().map(|p| (p.email.clone(), p.email.clone())));
    let form = Filters {
        view,
        q: q.q.clone(),
        label: choices(&q.label, plain(&labels)),
        kind: choices(&q.kind, plain(&kinds)),
        status: choices(&q.status, plain(&statuses)),
        assignee: choices(&q.assignee, assignees),
        store: choices(
            &q.store,
            app.commerce
                .stores
                .iter()
                .map(|s| (s.name.clone(), s.name.clone())),
        ),
        number: choices(
            &q.number,
            app.config.numbers.iter().map(|n| {
                let shown = Some(n.display_phone_number.clone()).filter(|d| !d.is_empty());
                (
                    n.phone_number_id.clone(),
                    shown.unwrap_or_else(|| n.phone_number_id.clone()),
                )
            }),
        ),
        query: query_string(q),
        active: 0,
    };
    let mut form = form;
    form.count_active();
    Ok((filter, form))
}

/// `GET /inbox`: the queue; `view=board` the board, `view=conversations` the conversations.
pub async fn inbox(
    State(app): State<AppState>,
    agent: Agent,
    uri: Uri,
) -> Result<Response, WebError> {
    let q = Query::<QueueQuery>::try_from_uri(&uri)
        .map(|Query(q)| q)
        .unwrap_or_default();
    match q.view.as_str() {
        "conversations" => {
            let Query(iq) = Query::<inbox::InboxQuery>::try_from_uri(&uri)
                .map_err(|e| WebError::BadRequest(e.body_text()))?;
            inbox::page_handler(State(app), agent, Query(iq)).await
        }
        "board" => board::page_handler(&app, agent, &q).await,
        _ => {
            let (filter, f) = filters(&app, &agent, &q, "queue").await?;
            let lines = app.store.case_queue(&filter).await?;
            page(QueuePage {
                nav: Nav::of(&agent, "inbox"),
                f,
                more: lines.len() as i64 >= LIMIT,
                lines: lines.iter().map(line).collect(),
            })
        }
    }
}

/// `GET /inbox/queue`: the queue's lines alone, fetched again by the page's script when something happens.
pub async fn rows(
    State(app): State<AppState>,
    agent: Agent,
    Query(q): Query<QueueQuery>,
) -> Result<Response, WebError> {
    let (filter, _) = filters(&app, &agent, &q, "queue").await?;
    let lines = app.store.case_queue(&filter).await?;
    page(QueueRows {
        more: lines.len() as i64 >= LIMIT,
        lines: lines.iter().map(line).collect(),
    })
}

#[derive(Deserialize)]
pub struct ResolveForm {}

/// `POST /cases/{id}/resolve` (the `e` key): the same status change as the case panel's, by this person.
pub async fn resolve(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<ResolveForm>,
) -> Result<Response, WebError> {
    let fix = cases::correct::Correction {
        status: Some(CaseStatus::Resolved.as_str().into()),
        ..Default::default()
    };
    cases::correct::correct(&app, id, fix, &agent.account.email)
        .await
        .map_err(case_panel::web_error)?;
    if headers.get("x-requested-with").is_some() {
        Ok(StatusCode::NO_CONTENT.into_response())
    } else {
        Ok(Redirect::to("/inbox").into_response())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_filter_values_are_ignored() {
        assert_eq!(
            known("damaged", &["damaged", "lost"]),
            Some("damaged".into())
        );
        assert_eq!(known("%", &["damaged"]), None);
    }

    #[test]
    fn a_breached_case_says_so_until_it_is_resolved() {
        let mut row = CaseRow {
            breached: 1,
            status: "investigating".into(),
            clocks_json: "[]".into(),
            ..CaseRow::default()
        };
        assert_eq!(next_clock(&row), "breached");
        row.status = "resolved".into();
        assert_eq!(next_clock(&row), "");
    }

    #[test]
    fn the_filters_go_back_into_the_url_in_a_fixed_order() {
        let q = QueueQuery {
            q: "#1001 ".into(),
            assignee: "me".into(),
            label: "needs follow-up".into(),
            ..QueueQuery::default()
        };
        assert_eq!(
            query_string(&q),
            "label=needs%20follow-up&assignee=me&q=%231001"
        );
        assert_eq!(query_string(&QueueQuery::default()), "");
    }
}
