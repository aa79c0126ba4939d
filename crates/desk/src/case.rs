//! Cases: the life of one exception for one shopper — its status, the board labels it shows under,
//! its place in the inbox and the audit trail of everything that happened to it.

mod new_problem;
mod queue;
mod resolution;
mod routing;
mod timeline;

pub use new_problem::{fold_message, raised, Fold, LaterMessage, OpenCase};
pub use queue::{queue_rank, QueueRank};
pub use resolution::{carrying_out_resolves, Choice};
pub use routing::{route_message, same_order, CaseRef, Route};
pub use timeline::{Actor, TimelineEntry, TimelineEvent};

use lifeline_triage::ExceptionKind;
use serde::{Deserialize, Serialize};

/// Where a case stands. Agents move it along; a shopper writing again can reopen it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// Just opened from a shopper's message; nobody has answered yet.
    New,
    /// The shopper got the instant acknowledgement.
    Acknowledged,
    /// Someone is looking into the order and the parcel.
    Investigating,
    /// The ball is in the shopper's court (a photo, a choice, a bank statement line).
    WaitingCustomer,
    /// The fix is agreed or done; the case can still reopen if the shopper writes again.
    Resolved,
    /// Finished for good; a new message opens a new case.
    Closed,
}

impl CaseStatus {
    /// Every status, in the order a case usually walks through them.
    pub const ALL: [CaseStatus; 6] = [
        Self::New,
        Self::Acknowledged,
        Self::Investigating,
        Self::WaitingCustomer,
        Self::Resolved,
        Self::Closed,
    ];

    /// The wire spelling (`new`, `waiting_customer`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Acknowledged => "acknowledged",
            Self::Investigating => "investigating",
            Self::WaitingCustomer => "waiting_customer",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// True while the desk still owes the shopper something (not resolved, not closed).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Resolved | Self::Closed)
    }
}

impl std::fmt::Display for CaseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a case may go from one status to another.
///
/// A case moves forward through the work, may wait on the shopper and come back, can be resolved or closed
/// from any open status, and a resolved case reopens (to `investigating`) when the shopper writes again.
/// A closed case never moves: a new message opens a new case instead.
pub fn can_move(from: CaseStatus, to: CaseStatus) -> bool {
    use CaseStatus::*;
    match from {
        New => matches!(
            to,
            Acknowledged | Investigating | WaitingCustomer | Resolved | Closed
        ),
        Acknowledged => matches!(to, Investigating | WaitingCustomer | Resolved | Closed),
        Investigating => matches!(to, WaitingCustomer | Resolved | Closed),
        WaitingCustomer => matches!(to, Investigating | Resolved | Closed),
        Resolved => matches!(to, Investigating | Closed),
        Closed => false,
    }
}

/// A refused status change, with a sentence an agent understands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransitionRefused(pub String);

/// Checks a status change and explains a refusal.
pub fn move_to(from: CaseStatus, to: CaseStatus) -> Result<CaseStatus, TransitionRefused> {
    if can_move(from, to) {
        return Ok(to);
    }
    let why = if from == to {
        format!("The case is already {}.", from.as_str().replace('_', " "))
    } else if from == CaseStatus::Closed {
        "A closed case stays closed; a new message from the shopper opens a new case.".to_string()
    } else {
        format!(
            "A case cannot go back from {} to {}.",
            from.as_str().replace('_', " "),
            to.as_str().replace('_', " ")
        )
    };
    Err(TransitionRefused(why))
}

/// What a new message from the shopper does to the case it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", content = "status", rename_all = "snake_case")]
pub enum ShopperWrote {
    /// The case keeps its status (we are already on it).
    Stay,
    /// The case moves to this status (a reply we waited for, or a resolved case reopening).
    MoveTo(CaseStatus),
    /// The case is closed: the message opens a new case.
    OpenNewCase,
}

/// Decides what a shopper's new message does to a case: an answer we waited for or a message on a resolved
/// case puts it back under investigation; a closed case stays closed and a new case is opened.
pub fn when_shopper_writes(status: CaseStatus) -> ShopperWrote {
    match status {
        CaseStatus::WaitingCustomer | CaseStatus::Resolved => {
            ShopperWrote::MoveTo(CaseStatus::Investigating)
        }
        CaseStatus::Closed => ShopperWrote::OpenNewCase,
        CaseStatus::New | CaseStatus::Acknowledged | CaseStatus::Investigating => {
            ShopperWrote::Stay
        }
    }
}

/// The labels agents use as a board (domain brief). Each case also carries one label per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    /// Waiting on the team: new, acknowledged or under investigation.
    #[serde(rename = "pending")]
    Pending,
    /// A parcel is involved: where is it, late, lost, or a replacement on its way.
    #[serde(rename = "logistics")]
    Logistics,
    /// Money is on its way back to the shopper.
    #[serde(rename = "refund in progress")]
    RefundInProgress,
    /// A promise or a follow-up is due, or a clock ran out.
    #[serde(rename = "needs follow-up")]
    NeedsFollowUp,
    /// Resolved (or closed).
    #[serde(rename = "resolved")]
    Resolved,
}

impl Label {
    /// The five board labels, in the order the board shows them.
    pub const ALL: [Label; 5] = [
        Self::Pending,
        Self::Logistics,
        Self::RefundInProgress,
        Self::NeedsFollowUp,
        Self::Resolved,
    ];

    /// The label as agents read it on the board.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Logistics => "logistics",
            Self::RefundInProgress => "refund in progress",
            Self::NeedsFollowUp => "needs follow-up",
            Self::Resolved => "resolved",
        }
    }
}

/// Facts about a case beyond kind and status that decide its board labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseFlags {
    /// A refund was started and has not shown on the shopper's statement yet.
    pub refund_in_progress: bool,
    /// A replacement parcel is on its way.
    pub replacement_in_transit: bool,
    /// A promise or follow-up is due now.
    pub follow_up_due: bool,
    /// One of the case's clocks ran out.
    pub breached: bool,
}

/// True for kinds that are about a parcel on its way.
pub fn is_delivery_problem(kind: ExceptionKind) -> bool {
    matches!(
        kind,
        ExceptionKind::WhereIsMyOrder | ExceptionKind::Delayed | ExceptionKind::Lost
    )
}

/// Which board columns a case sits in: the board labels that apply, then the kind (`delayed`, `wrong_item`…).
pub fn labels_for(kind: ExceptionKind, status: CaseStatus, flags: CaseFlags) -> Vec<String> {
    let mut labels = Vec::new();
    let live = status != CaseStatus::Closed;
    if matches!(
        status,
        CaseStatus::New | CaseStatus::Acknowledged | CaseStatus::Investigating
    ) {
        labels.push(Label::Pending);
    }
    if (status.is_open() && is_delivery_problem(kind)) || (live && flags.replacement_in_transit) {
        labels.push(Label::Logistics);
    }
    if live && flags.refund_in_progress {
        labels.push(Label::RefundInProgress);
    }
    if live && (flags.follow_up_due || flags.breached) {
        labels.push(Label::NeedsFollowUp);
    }
    if !status.is_open() {
        labels.push(Label::Resolved);
    }
    let mut out: Vec<String> = labels.into_iter().map(|l| l.as_str().to_string()).collect();
    out.push(kind.as_str().to_string());
    out
}
