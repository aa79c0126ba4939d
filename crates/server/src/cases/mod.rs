//! Cases in the desk: one exception for one shopper, with clocks, a drafted reply, the shopper's choice,
//! compensation within policy and an audit trail. The decisions are the desk crate's; this module stores
//! them and carries them out.

pub mod actions;
mod approvals;
pub mod breach;
mod confirm;
pub mod correct;
pub mod draft;
pub mod followup;
pub mod inbound;
pub mod promised;
mod remedies;
mod reply;
mod shop;
pub mod taps;
pub mod view;

use anyhow::Context;
use chrono::{DateTime, TimeZone, Utc};
use lifeline_desk::{
    case::{labels_for, Actor, CaseFlags, CaseStatus, TimelineEvent},
    clocks::{Clock, ClockState, SlaSettings},
    playbook::Playbooks,
    policy::CompensationPolicy,
    quiet_hours::QuietHours,
    Remedy, Role,
};
use lifeline_triage::{ExceptionKind, Priority};
use serde::{Deserialize, Serialize};

use crate::store::CaseRow;

/// The desk's settings, read once from `[desk]` in lifeline.toml and checked at start-up.
pub struct DeskRuntime {
    pub sla: SlaSettings,
    pub policy: CompensationPolicy,
    pub playbooks: Playbooks,
    pub quiet: QuietHours,
    /// How often follow-ups are checked (`[desk] followup_every = "1m"`).
    pub followup_every: std::time::Duration,
    /// The delivery follow-up rhythm (`[desk.followup]`: stalled_after, lost_after_chase, tracking_recheck).
    pub followup: lifeline_desk::followup::FollowUpSettings,
    /// When people are at the desk (`[desk.staffed_hours]`); always, when not configured.
    pub staffing: lifeline_desk::staffed_hours::Staffing,
    /// The desk's clock for its promises (the real time, unless a test sets it).
    pub clock: crate::cases::promised::DeskClock,
}

impl DeskRuntime {
    pub fn from_config(table: &toml::Table) -> anyhow::Result<DeskRuntime> {
        fn section<T: serde::de::DeserializeOwned + Default>(
            table: &toml::Table,
            key: &str,
        ) -> anyhow::Result<T> {
            match table.get(key) {
                Some(v) => v
                    .clone()
                    .try_into()
                    .with_context(|| format!("[desk.{key}] in the configuration")),
                None => Ok(T::default()),
            }
        }
        let playbooks = match table.get("playbooks_dir").and_then(|v| v.as_str()) {
            Some(dir) => {
                Playbooks::load_dir(dir).with_context(|| format!("playbook texts in {dir}"))?
            }
            None => Playbooks::builtin().context("the built-in playbook texts")?,
        };
        playbooks.validate().context("playbook texts")?;
        Ok(DeskRuntime {
            sla: section(table, "sla")?,
            policy: section(table, "policy")?,
            quiet: section(table, "quiet_hours")?,
            followup: section(table, "followup")?,
            staffing: promised::staffing(table)?,
            clock: promised::DeskClock::default(),
            followup_every: match table.get("followup_every").and_then(|v| v.as_str()) {
                Some(s) => crate::config::humane::parse(s).with_context(|| {
                    format!("[desk] followup_every = \"{s}\" is not a duration like 30s or 5m")
                })?,
                None => std::time::Duration::from_secs(60),
            },
            playbooks,
        })
    }
}

/// What the case remembers besides its columns: what was offered, by whom, and where the fix stands.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CaseExtras {
    pub offers: Vec<Remedy>,
    pub offered_by: Option<String>,
    pub offered_role: Option<Role>,
    /// One of the offered options was carried out: the shopper's choice is settled.
    #[serde(default)]
    pub choice_carried_out: bool,
    pub refund_in_progress: bool,
    pub replacement_in_transit: bool,
    pub follow_up_due: bool,
    /// The replacement order, watched until it ships and arrives.
    #[serde(default)]
    pub replacement_order: Option<String>,
    #[serde(default)]
    pub replacement_tracking_sent: bool,
    #[serde(default)]
    pub last_check_in_sent: bool,
    /// Deadlines (ms) of promises already followed up.
    #[serde(default)]
    pub promises_followed: Vec<i64>,
    /// While a delivery problem is open: the parcel status the desk last saw, and when it changed.
    #[serde(default)]
    pub tracking_seen: Option<String>,
    #[serde(default)]
    pub tracking_changed_at: Option<i64>,
    /// When tracking was last fetched from the carrier tracker for this case.
    #[serde(default)]
    pub tracking_checked_at: Option<i64>,
    /// When the shopper was told we are chasing the carrier, and whether "treat it as lost" went out.
    #[serde(default)]
    pub chased_at: Option<i64>,
    #[serde(default)]
    pub lost_told: bool,
    /// When the shopper last got a follow-up.
    #[serde(default)]
    pub last_update_sent_at: Option<i64>,
    /// When the delivery follow-ups next need a look.
    #[serde(default)]
    pub delivery_next_at: Option<i64>,
}

pub fn extras(row: &CaseRow) -> CaseExtras {
    row.offers_json
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

pub fn set_extras(row: &mut CaseRow, e: &CaseExtras) {
    row.offers_json = serde_json::to_string(e).ok();
}

pub fn clocks(row: &CaseRow) -> Vec<Clock> {
    serde_json::from_str(&row.clocks_json).unwrap_or_default()
}

pub fn kind(row: &CaseRow) -> ExceptionKind {
    ExceptionKind::parse(&row.kind).unwrap_or(ExceptionKind::Other)
}

pub fn priority(row: &CaseRow) -> Priority {
    Priority::parse(&row.priority).unwrap_or(Priority::Normal)
}

pub fn status(row: &CaseRow) -> CaseStatus {
    CaseStatus::parse(&row.status).unwrap_or(CaseStatus::New)
}

pub fn priority_rank(p: Priority) -> i64 {
    match p {
        Priority::Urgent => 0,
        Priority::High => 1,
        Priority::Normal => 2,
        Priority::Low => 3,
    }
}

pub fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or_else(Utc::now)
}

/// An audit-trail line as stored.
pub fn event(e: &TimelineEvent) -> String {
    serde_json::to_string(e).unwrap_or_else(|_| "{}".into())
}

/// How an actor is written in the audit trail: `system`, `shopper` or `agent:<who>`.
pub fn actor(a: &Actor) -> String {
    match a {
        Actor::System => "system".into(),
        Actor::Shopper => "shopper".into(),
        Actor::Agent(who) => format!("agent:{who}"),
    }
}

/// Recomputes what follows from the clocks and the status: next deadline, breach, board labels.
pub fn refresh(row: &mut CaseRow, clocks: &[Clock], now: DateTime<Utc>) {
    row.clocks_json = serde_json::to_string(clocks).unwrap_or_else(|_| "[]".into());
    let open = status(row).is_open();
    row.next_deadline = lifeline_desk::clocks::next_deadline(clocks).map(|d| d.timestamp_millis());
    let breached = open
        && clocks
            .iter()
            .any(|c| matches!(c.status(now), ClockState::Breached { .. }));
    row.breached = i64::from(breached);
    let e = extras(row);
    let flags = CaseFlags {
        refund_in_progress: e.refund_in_progress,
        replacement_in_transit: e.replacement_in_transit,
        follow_up_due: e.follow_up_due,
        breached,
    };
    row.labels_json = serde_json::to_string(&labels_for(kind(row), status(row), flags))
        .unwrap_or_else(|_| "[]".into());
    row.priority_rank = priority_rank(priority(row));
}
