//! The inbox order: which case an agent should open next.

use chrono::{DateTime, Utc};
use lifeline_triage::Priority;

/// A sort key for the inbox: sort ascending and the case to take next comes first.
///
/// Escalated cases first, then breached ones, then by priority, then the clock that runs out first
/// (cases without a running clock last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct QueueRank {
    calm: bool,
    on_time: bool,
    priority: Priority,
    deadline: NextDeadline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NextDeadline {
    At(DateTime<Utc>),
    None,
}

/// Ranks a case in the inbox. A deadline already past counts as breached even if no worker has marked it yet.
pub fn queue_rank(
    priority: Priority,
    escalated: bool,
    breached: bool,
    next_deadline: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> QueueRank {
    let overdue = next_deadline.is_some_and(|d| d <= now);
    QueueRank {
        calm: !escalated,
        on_time: !(breached || overdue),
        priority,
        deadline: next_deadline.map_or(NextDeadline::None, NextDeadline::At),
    }
}
