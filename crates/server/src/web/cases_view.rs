//! The inbox's "Cases" view (`/inbox?view=cases`): open cases in the queue's order (escalated, breached,
//! priority, the clock that runs out first), filtered by label, kind and status.

use askama::Template;
use axum::{
    extract::{Query, State},
    http::Uri,
    response::Response,
};
use chrono::Utc;
use lifeline_desk::{
    case::{CaseStatus, Label},
    clocks::ClockState,
};
use lifeline_triage::ExceptionKind;
use serde::Deserialize;

use super::{inbox, page, session::Agent, Nav, WebError};
use crate::{
    cases,
    state::AppState,
    store::{CaseFilter, CaseRow},
};

/// Cases shown at once.
const LIMIT: i64 = 200;

/// One line of the queue.
pub struct CaseLine {
    pub id: i64,
    pub conversation_id: i64,
    pub shopper: String,
    pub order: String,
    pub kind: String,
    pub priority: String,
    pub escalated: bool,
    pub breached: bool,
    pub status: String,
    pub labels: Vec<String>,
    pub assignee: String,
    /// The clock that runs out first: "2 h 10 min left", "breached".
    pub next: String,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage {
    nav: Nav,
    lines: Vec<CaseLine>,
    label: String,
    kind: String,
    status: String,
    labels: Vec<&'static str>,
    kinds: Vec<&'static str>,
    statuses: Vec<&'static str>,
}

#[derive(Deserialize, Default)]
pub struct CasesQuery {
    #[serde(default)]
    view: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    status: String,
}

fn next_clock(row: &CaseRow) -> String {
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

fn line(row: &CaseRow) -> CaseLine {
    CaseLine {
        id: row.id,
        conversation_id: row.conversation_id,
        shopper: format!("+{}", row.contact_key.trim_start_matches('+')),
        order: row.order_number.clone().unwrap_or_default(),
        kind: row.kind.clone(),
        priority: row.priority.clone(),
        escalated: row.escalated == 1,
        breached: row.breached == 1,
        status: row.status.clone(),
        labels: serde_json::from_str(&row.labels_json).unwrap_or_default(),
        assignee: row.assignee.clone().unwrap_or_default(),
        next: next_clock(row),
    }
}

fn known(v: &str, all: &[&'static str]) -> Option<String> {
    all.contains(&v).then(|| v.to_string())
}

/// `GET /inbox`: the conversations, or with `view=cases` the open cases in the queue's order.
pub async fn inbox(
    State(app): State<AppState>,
    agent: Agent,
    uri: Uri,
) -> Result<Response, WebError> {
    let q = Query::<CasesQuery>::try_from_uri(&uri)
        .map(|Query(q)| q)
        .unwrap_or_default();
    if q.view != "cases" {
        let Query(iq) = Query::<inbox::InboxQuery>::try_from_uri(&uri)
            .map_err(|e| WebError::BadRequest(e.body_text()))?;
        return inbox::page_handler(State(app), agent, Query(iq)).await;
    }
    let labels: Vec<&'static str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    let kinds: Vec<&'static str> = ExceptionKind::ALL.iter().map(|k| k.as_str()).collect();
    let statuses: Vec<&'static str> = CaseStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect();
    let rows = app
        .store
        .list_cases(&CaseFilter {
            label: known(&q.label, &labels),
            kind: known(&q.kind, &kinds),
            status: known(&q.status, &statuses),
            open_only: true,
            limit: LIMIT,
            ..CaseFilter::default()
        })
        .await?;
    page(CasesPage {
        nav: Nav::of(&agent, "cases"),
        lines: rows.iter().map(line).collect(),
        label: q.label,
        kind: q.kind,
        status: q.status,
        labels,
        kinds,
        statuses,
    })
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
    fn a_breached_case_says_so() {
        let row = CaseRow {
            breached: 1,
            clocks_json: "[]".into(),
            ..CaseRow::default()
        };
        assert_eq!(next_clock(&row), "breached");
    }
}
