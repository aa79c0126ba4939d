//! Follow-ups: when the desk owes the shopper news, as pure decisions over a case's facts.
//!
//! The trade's rules: every promise is kept on time, even if the news is "still working on it"; no tracking
//! movement for more than 7 days → the team asks the carrier and the shopper is told it will (an action an
//! agent takes, never one claimed as done); still nothing 48 hours later → treat the parcel as lost and offer
//! reship or refund; real tracking changes are passed on in the words of the parcel's state ([`news`]); and
//! one last check-in after the fix lands. While a delivery problem is open, tracking is re-checked every few
//! hours.

pub mod news;

use chrono::{DateTime, Duration, Utc};
use lifeline_triage::ExceptionKind;
use serde::{Deserialize, Serialize};

use crate::case::{is_delivery_problem, CaseStatus};
use crate::clocks::{humane, Clock, ClockKind};

/// The store's follow-up rhythm. Read from `[followup]` in `lifeline.toml` with humane durations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FollowUpSettings {
    /// No tracking movement for this long → chase the carrier (default 7 days).
    #[serde(with = "humane")]
    pub stalled_after: Duration,
    /// Still nothing this long after chasing → treat as lost (default 48 h).
    #[serde(with = "humane")]
    pub lost_after_chase: Duration,
    /// How often tracking is re-checked while a delivery problem is open (default 4 h).
    #[serde(with = "humane")]
    pub tracking_recheck: Duration,
    /// How long after the fix lands the last check-in goes out (default 24 h, time to open the parcel).
    #[serde(with = "humane")]
    pub check_in_after: Duration,
}

impl Default for FollowUpSettings {
    fn default() -> Self {
        Self {
            stalled_after: Duration::days(7),
            lost_after_chase: Duration::hours(48),
            tracking_recheck: Duration::hours(4),
            check_in_after: Duration::hours(24),
        }
    }
}

/// What the follow-up decisions need to know about a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    pub kind: ExceptionKind,
    pub status: CaseStatus,
    /// The parcel's latest tracking checkpoint, if there is tracking.
    pub last_movement_at: Option<DateTime<Utc>>,
    /// When the desk last asked the carrier about the parcel.
    pub chased_at: Option<DateTime<Utc>>,
    /// When tracking was last fetched.
    pub tracking_checked_at: Option<DateTime<Utc>>,
    /// When tracking last changed in a way worth telling the shopper.
    pub tracking_changed_at: Option<DateTime<Utc>>,
    /// When the shopper last got news from the desk.
    pub last_update_sent_at: Option<DateTime<Utc>>,
    /// The promise clocks made to the shopper (other clocks are ignored).
    pub promises: Vec<Clock>,
    /// When the case was resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// When the fix landed: the replacement delivered or the refund paid.
    pub fix_landed_at: Option<DateTime<Utc>>,
    /// When the last check-in went out, if it did.
    pub check_in_sent_at: Option<DateTime<Utc>>,
}

impl CaseFacts {
    /// Facts for a case with nothing known yet beyond its kind and status.
    pub fn new(kind: ExceptionKind, status: CaseStatus) -> Self {
        Self {
            kind,
            status,
            last_movement_at: None,
            chased_at: None,
            tracking_checked_at: None,
            tracking_changed_at: None,
            last_update_sent_at: None,
            promises: Vec::new(),
            resolved_at: None,
            fix_landed_at: None,
            check_in_sent_at: None,
        }
    }
}

/// Why the shopper is owed a message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum FollowUpReason {
    /// A promise reaches its deadline: give news, even "still working on it".
    PromiseDue { text: String },
    /// No tracking movement for more than 7 days: the team will ask the carrier, and the shopper is told so.
    StalledChaseCarrier,
    /// Still nothing 48 hours after chasing: treat the parcel as lost, offer reship or refund.
    TreatAsLost,
    /// The carrier itself declared the parcel lost: say so, and that the team will offer a solution.
    DeclaredLost,
    /// Tracking really changed since the shopper last heard from us.
    TrackingChanged,
    /// The fix landed: one last "did it arrive safely?".
    LastCheckIn,
}

/// One message the desk owes the shopper, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// When it is due (possibly already past: then it is due now). Quiet hours apply on top.
    pub due_at: DateTime<Utc>,
    pub reason: FollowUpReason,
}

/// The follow-ups a case owes with the default rhythm, earliest first.
pub fn next_followups(facts: &CaseFacts, now: DateTime<Utc>) -> Vec<FollowUp> {
    next_followups_with(&FollowUpSettings::default(), facts, now)
}

/// The follow-ups a case owes with the store's rhythm, earliest first. `now` does not filter: an overdue
/// follow-up is returned with its past due time so the caller sends it at once.
pub fn next_followups_with(
    settings: &FollowUpSettings,
    facts: &CaseFacts,
    _now: DateTime<Utc>,
) -> Vec<FollowUp> {
    if facts.status == CaseStatus::Closed {
        return Vec::new();
    }
    let mut due: Vec<FollowUp> = facts
        .promises
        .iter()
        .filter(|c| c.met_at.is_none())
        .filter_map(|c| match &c.kind {
            ClockKind::Promise { text } => Some(FollowUp {
                due_at: c.deadline,
                reason: FollowUpReason::PromiseDue { text: text.clone() },
            }),
            _ => None,
        })
        .collect();
    if facts.status.is_open() && is_delivery_problem(facts.kind) {
        due.extend(delivery_followups(settings, facts));
    }
    if let (Some(landed), None) = (facts.fix_landed_at, facts.check_in_sent_at) {
        due.push(FollowUp {
            due_at: landed + settings.check_in_after,
            reason: FollowUpReason::LastCheckIn,
        });
    }
    due.sort_by_key(|f| f.due_at);
    due
}

/// The delivery escalation chain: stalled → chase; chased and still stalled → lost; changes passed on.
fn delivery_followups(settings: &FollowUpSettings, facts: &CaseFacts) -> Vec<FollowUp> {
    let mut due = Vec::new();
    let moved_since_chase = match (facts.chased_at, facts.last_movement_at) {
        (Some(chased), Some(moved)) => moved > chased,
        _ => false,
    };
    match facts.chased_at {
        Some(chased) if !moved_since_chase => {
            if facts.kind != ExceptionKind::Lost {
                due.push(FollowUp {
                    due_at: chased + settings.lost_after_chase,
                    reason: FollowUpReason::TreatAsLost,
                });
            }
        }
        _ => {
            if let Some(moved) = facts.last_movement_at {
                due.push(FollowUp {
                    due_at: moved + settings.stalled_after,
                    reason: FollowUpReason::StalledChaseCarrier,
                });
            }
        }
    }
    if let Some(changed) = facts.tracking_changed_at {
        if facts.last_update_sent_at.is_none_or(|sent| sent < changed) {
            due.push(FollowUp {
                due_at: changed,
                reason: FollowUpReason::TrackingChanged,
            });
        }
    }
    due
}

/// When tracking should next be fetched: every few hours while a delivery problem is open (at once if it
/// was never fetched), `None` when there is nothing to watch.
pub fn next_tracking_check(
    settings: &FollowUpSettings,
    facts: &CaseFacts,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let watching = facts.status.is_open() && is_delivery_problem(facts.kind);
    if !watching {
        return None;
    }
    Some(match facts.tracking_checked_at {
        Some(checked) => checked + settings.tracking_recheck,
        None => now,
    })
}
