//! The audit trail: everything that happened to a case, by whom and when, as JSON-friendly values.

use chrono::{DateTime, Utc};
use lifeline_triage::{ExceptionKind, Priority};
use serde::{Deserialize, Serialize};

use super::CaseStatus;
use crate::clocks::ClockKind;
use crate::followup::{news::AgentTask, FollowUpReason};
use crate::{Remedy, Role};

/// Who did something on a case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Actor {
    /// Lifeline itself (acknowledgements, clocks, follow-ups).
    System,
    /// A person on the desk, by their agent id.
    Agent(String),
    /// The shopper the case is about.
    Shopper,
}

/// One line of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: Actor,
    /// What happened.
    pub what: TimelineEvent,
}

impl TimelineEntry {
    /// Builds an entry; a shorthand so callers read like the trail they write.
    pub fn new(at: DateTime<Utc>, actor: Actor, what: TimelineEvent) -> Self {
        Self { at, actor, what }
    }
}

/// Everything that can happen to a case. Serialized with an `event` tag, e.g.
/// `{"event":"status_changed","from":"new","to":"acknowledged"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum TimelineEvent {
    /// The case was opened from a shopper's message.
    Created {
        kind: ExceptionKind,
        priority: Priority,
        order_number: Option<String>,
    },
    /// The shopper wrote again (message id only: bodies stay in the conversation).
    ShopperWrote { message_id: String },
    /// The automatic acknowledgement went out.
    Acknowledged { message_id: Option<String> },
    /// An agent corrected triage's kind.
    KindCorrected {
        from: ExceptionKind,
        to: ExceptionKind,
    },
    /// The priority changed (by an agent or an escalation).
    PriorityChanged { from: Priority, to: Priority },
    /// The case jumped the queue (a dispute or chargeback threat, a bad-review threat…).
    Escalated { reason: String },
    /// The status changed.
    StatusChanged { from: CaseStatus, to: CaseStatus },
    /// The case was given to an agent, or unassigned (`to: null`).
    Assigned { to: Option<String> },
    /// An internal note, never shown to the shopper.
    NoteAdded { text: String },
    /// The order behind the case was found or corrected.
    OrderLinked { order_number: String },
    /// A reply went to the shopper (free text or a template).
    ReplySent {
        message_id: Option<String>,
        template: Option<String>,
    },
    /// The agent sent a draft despite tone findings.
    ToneOverride { findings: Vec<String> },
    /// A reply was held for the shopper's morning.
    HeldForQuietHours { until: DateTime<Utc> },
    /// A promise was made to the shopper, with the deadline Lifeline read from it.
    PromiseMade {
        text: String,
        deadline: DateTime<Utc>,
    },
    /// The shopper tapped one of the offered options.
    ShopperChose { remedy: Remedy },
    /// A gesture beyond the agent's authority went to the approval queue.
    ApprovalRequested {
        remedy: Remedy,
        by: Role,
        why: String,
    },
    /// A supervisor or admin approved it.
    ApprovalApproved { remedy: Remedy },
    /// A supervisor or admin rejected it.
    ApprovalRejected { remedy: Remedy, why: String },
    /// An action in the shop succeeded (refund, replacement, code, note), with the shop's reference.
    ActionDone {
        remedy: Remedy,
        reference: Option<String>,
    },
    /// An action in the shop failed; it can be retried.
    ActionFailed { remedy: Remedy, reason: String },
    /// The shopper's choice was not carried out: the policy refused it, or it was no longer on offer.
    /// The shopper was told so and the case waits for a person.
    ChoiceRefused { remedy: Remedy, why: String },
    /// A failed action was tried again (by an agent or through the API).
    ActionRetried { remedy: Remedy },
    /// An outbound message that failed was queued again as a new message.
    MessageRetried {
        failed_message: i64,
        message_id: i64,
    },
    /// A clock ran out.
    ClockBreached { clock: ClockKind },
    /// A clock was met.
    ClockMet { clock: ClockKind },
    /// A follow-up went to the shopper.
    FollowUpSent { reason: FollowUpReason },
    /// An automatic message told the shopper the team would do something: the work is the team's now.
    TaskOpened { task: AgentTask },
    /// WhatsApp announced that the shopper's id changed (a new phone number gives a new business-scoped
    /// user id); the conversation, its cases and the 24-hour window carry on under the new id.
    ShopperIdChanged {
        previous: Option<String>,
        now: Option<String>,
        /// The new phone, when WhatsApp shared it.
        phone: Option<String>,
    },
}
