//! An agent corrects what triage read, moves the case, or (un)assigns it: one implementation for the REST
//! API and the web app. Values that do not change record nothing.

use chrono::Utc;
use lifeline_desk::{
    case::{can_move, CaseStatus, TimelineEvent},
    clocks::ClockKind,
};
use lifeline_triage::{ExceptionKind, Priority};

use super::{actions, clocks, extras, kind, priority, refresh, set_extras, status};
use crate::{
    http::error::{ApiError, ApiResult},
    state::AppState,
    store::CaseRow,
};

/// What to change; `None` leaves a field as it is (`assignee: Some(None)` unassigns).
#[derive(Debug, Default)]
pub struct Correction {
    pub kind: Option<String>,
    pub priority: Option<String>,
    pub status: Option<String>,
    pub assignee: Option<Option<String>>,
}

/// Applies a correction by `actor` (written `agent:<actor>` on the timeline) and returns the case.
pub async fn correct(app: &AppState, id: i64, c: Correction, actor: &str) -> ApiResult<CaseRow> {
    let mut row = app
        .store
        .case(id)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    let mut events = Vec::new();
    let mut resolved_by_agent = false;
    if let Some(k) = c.kind.filter(|k| *k != row.kind) {
        let to = ExceptionKind::parse(&k)
            .ok_or_else(|| ApiError::BadRequest(format!("unknown kind {k}")))?;
        events.push(TimelineEvent::KindCorrected {
            from: kind(&row),
            to,
        });
        row.kind = to.as_str().into();
        row.kind_locked = 1;
    }
    if let Some(p) = c.priority.filter(|p| *p != row.priority) {
        let to = Priority::parse(&p)
            .ok_or_else(|| ApiError::BadRequest(format!("unknown priority {p}")))?;
        events.push(TimelineEvent::PriorityChanged {
            from: priority(&row),
            to,
        });
        row.priority = to.as_str().into();
    }
    if let Some(s) = c.status.filter(|s| *s != row.status) {
        let to = CaseStatus::parse(&s)
            .ok_or_else(|| ApiError::BadRequest(format!("unknown status {s}")))?;
        let from = status(&row);
        if !can_move(from, to) {
            return Err(ApiError::Conflict(format!(
                "a {} case cannot move to {}",
                from.as_str(),
                to.as_str()
            )));
        }
        events.push(TimelineEvent::StatusChanged { from, to });
        row.status = to.as_str().into();
        if to == CaseStatus::Resolved {
            row.resolved_at = Some(Utc::now().timestamp_millis());
            resolved_by_agent = true;
        }
    }
    if let Some(a) = c.assignee.filter(|a| *a != row.assignee) {
        events.push(TimelineEvent::Assigned { to: a.clone() });
        row.assignee = a;
    }
    if !events.is_empty() {
        let now = Utc::now();
        let mut c = clocks(&row);
        if resolved_by_agent {
            // An agent resolving the case is the resolution the clock waits for, and the follow-up
            // flagged for an agent is theirs to have settled.
            for clock in c.iter_mut().filter(|k| k.kind == ClockKind::Resolution) {
                clock.meet(now);
            }
            let mut e = extras(&row);
            e.follow_up_due = false;
            set_extras(&mut row, &e);
        }
        refresh(&mut row, &c, now);
        actions::save(app, &row, &format!("agent:{actor}"), events).await?;
    }
    Ok(row)
}
