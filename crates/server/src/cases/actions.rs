//! What agents and shoppers do to a case: replies (tone-checked), remedies (within policy, approved when
//! beyond an agent's authority), carried out in the shop once, and confirmed to the shopper.

use lifeline_desk::{case::TimelineEvent, Remedy};

use super::event;
use crate::{
    events::DeskEvent,
    state::AppState,
    store::{CaseRow, StoreTx},
};

pub use super::approvals::decide_approval;
pub use super::remedies::{request, resume, retry, retry_by, shopper_chose};
pub use super::reply::{reply, ReplyOutcome, ReplyRequest, TemplateChoice};

/// Button ids carry the case, so a tap finds its case even among several: `case:<id>:remedy:<remedy id>`.
pub fn button_id(case_id: i64, remedy: &Remedy) -> String {
    format!("case:{case_id}:remedy:{}", remedy.id())
}

/// Reads a button id made by [`button_id`].
pub fn parse_button(id: &str) -> Option<(i64, Remedy)> {
    let rest = id.strip_prefix("case:")?;
    let (case, remedy) = rest.split_once(":remedy:")?;
    Some((case.parse().ok()?, Remedy::from_id(remedy)?))
}

/// Saves a case with its new timeline lines and tells the screens.
pub async fn save(
    app: &AppState,
    row: &CaseRow,
    actor: &str,
    events: Vec<TimelineEvent>,
) -> anyhow::Result<()> {
    let mut tx = app.store.begin().await?;
    record(&mut tx, row, actor, &events).await?;
    tx.commit().await?;
    app.events
        .publish(DeskEvent::CaseChanged { case_id: row.id });
    Ok(())
}

/// Writes a case and its new timeline lines in the caller's transaction (with the message they cause).
pub async fn record(
    tx: &mut StoreTx,
    row: &CaseRow,
    actor: &str,
    events: &[TimelineEvent],
) -> anyhow::Result<()> {
    tx.save_case(row).await?;
    let lines: Vec<(&str, String)> = events.iter().map(|e| (actor, event(e))).collect();
    tx.add_case_events(row.id, &lines).await
}
