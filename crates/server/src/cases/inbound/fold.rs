//! What a later message does to the open case it was routed to, as
//! [`lifeline_desk::case::fold_message`] decides: the case and the message in the terms it needs, and
//! a new problem opened beside the case.

use lifeline_desk::{
    case::{LaterMessage, OpenCase, TimelineEvent},
    Remedy,
};
use lifeline_triage::ExceptionKind;

use super::{absorbed, Arrival, CaseBook, Landing};
use crate::{
    cases::{event, extras, kind, priority, DeskRuntime},
    store::CaseRow,
};

impl CaseBook {
    /// A new problem in a conversation with an open case: its own case, and a note on both so the agent
    /// sees the two side by side.
    pub(super) fn beside(&mut self, desk: &DeskRuntime, a: &Arrival<'_>, index: usize) -> Landing {
        let (old_id, old_kind) = (self.cases[index].id, kind(&self.cases[index]));
        let landing = self.open(desk, a);
        let new_kind = kind(&self.cases[0]);
        let notes = [
            (
                old_id,
                format!(
                    "the shopper raised another problem ({}); it has a case of its own",
                    new_kind.as_str()
                ),
            ),
            (
                landing.case_id,
                format!(
                    "a new problem beside the open {} case #{old_id} of this conversation",
                    old_kind.as_str()
                ),
            ),
        ];
        for (id, text) in notes {
            self.events
                .push((id, "system", event(&TimelineEvent::NoteAdded { text })));
        }
        landing
    }
}

/// The open case as [`lifeline_desk::case::fold_message`] needs it.
pub(super) fn open_case(row: &CaseRow) -> OpenCase {
    OpenCase {
        kind: kind(row),
        priority: priority(row),
        kind_locked: row.kind_locked == 1,
        refund_under_way: {
            let e = extras(row);
            let refund =
                |r: &Remedy| matches!(r, Remedy::FullRefund | Remedy::PartialRefund { .. });
            e.refund_in_progress || e.offers.iter().any(refund)
        },
    }
}

/// The message as [`lifeline_desk::case::fold_message`] needs it: its own kind, and the case's reading with it folded in.
pub(super) fn later(row: &CaseRow, a: &Arrival<'_>) -> LaterMessage {
    let merged = absorbed(row.reading_json.as_deref(), a).current();
    LaterMessage {
        kind: a.reading.map_or(ExceptionKind::Other, |t| t.kind),
        merged_kind: merged.kind,
        escalate: merged.escalate,
        // A tap answers an offer (even one on another case of the conversation): never a new problem.
        tapped: a.tapped_case.is_some(),
    }
}
