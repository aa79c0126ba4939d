//! What a later message does to the open case it was routed to: a follow-up folds into it, a new
//! problem opens a case of its own, and neither ever lowers the case's priority or undoes an escalation.
//!
//! Problems come in stories: a parcel asked about, then late, then lost is one story, and the case's kind
//! may move along it as the shopper tells more. A double charge in the middle of a delivery story is
//! another story: folding it in would hide it behind the delay, so it gets its own case.

use lifeline_triage::{ExceptionKind, Priority};

/// The story a kind of problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Story {
    /// Where the parcel is: not shipped yet, late, lost.
    Delivery,
    /// What arrived: broken, wrong, incomplete, or going back.
    Goods,
    /// The money: a double charge, a failed payment, a missing receipt.
    Payment,
    /// No problem named (a greeting, thanks, a number).
    Unnamed,
}

fn story(kind: ExceptionKind) -> Story {
    use ExceptionKind::*;
    match kind {
        WhereIsMyOrder | Delayed | Lost | OutOfStock => Story::Delivery,
        Damaged | WrongItem | MissingItem | ReturnExchange => Story::Goods,
        Payment => Story::Payment,
        Other => Story::Unnamed,
    }
}

/// The open case as the message finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenCase {
    pub kind: ExceptionKind,
    pub priority: Priority,
    /// An agent set the kind; the shopper's words no longer change it.
    pub kind_locked: bool,
    /// A refund was offered or started on the case: a question about money is about that refund.
    pub refund_under_way: bool,
}

/// The later message, as triage read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaterMessage {
    /// The kind this message names on its own (`other` for thanks, a number, a photo without words).
    pub kind: ExceptionKind,
    /// The kind the case's whole conversation reads as once this message is folded in.
    pub merged_kind: ExceptionKind,
    /// The message (or the conversation before it) threatens a dispute, a review…
    pub escalate: bool,
    /// A tap on one of the case's own buttons: always the case's.
    pub tapped: bool,
}

/// What the message does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// It belongs to the case, which now has this kind and this priority.
    Into {
        kind: ExceptionKind,
        priority: Priority,
    },
    /// It names a different problem: it opens a case of its own in the same conversation.
    NewProblem,
}

/// Decides what a later message does to `case`. A tap, a follow-up (`other`) or a message in the case's
/// own story folds in; a case that had no problem named yet takes the one named now; a problem from
/// another story opens its own case. A folded message moves the kind only within its story and never
/// lowers the priority.
pub fn fold_message(case: OpenCase, message: LaterMessage) -> Fold {
    let here = story(case.kind);
    let follow_up = message.tapped
        || message.kind == ExceptionKind::Other
        || about_the_remedy(case, message.kind);
    if !follow_up && here != Story::Unnamed && story(message.kind) != here {
        return Fold::NewProblem;
    }
    let moves = !case.kind_locked
        && message.merged_kind != ExceptionKind::Other
        && (here == Story::Unnamed || story(message.merged_kind) == here);
    let kind = if moves {
        message.merged_kind
    } else {
        case.kind
    };
    let wanted = if message.escalate {
        Priority::Urgent
    } else {
        kind.default_priority()
    };
    Fold::Into {
        kind,
        priority: raised(case.priority, wanted),
    }
}

/// Asking for what is to be done rather than naming a new problem: money back or a return ("I want my
/// money back" reads as `return_exchange`), or where the case's own refund is ("where is my refund"
/// reads as `payment`).
fn about_the_remedy(case: OpenCase, kind: ExceptionKind) -> bool {
    kind == ExceptionKind::ReturnExchange
        || (kind == ExceptionKind::Payment && case.refund_under_way)
}

/// The more urgent of two priorities: a case's priority only goes up.
pub fn raised(current: Priority, wanted: Priority) -> Priority {
    current.min(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ExceptionKind::*;

    fn case(kind: ExceptionKind, priority: Priority) -> OpenCase {
        OpenCase {
            kind,
            priority,
            kind_locked: false,
            refund_under_way: false,
        }
    }

    fn says(kind: ExceptionKind, merged_kind: ExceptionKind) -> LaterMessage {
        LaterMessage {
            kind,
            merged_kind,
            escalate: false,
            tapped: false,
        }
    }

    #[test]
    fn a_double_charge_in_a_delay_case_opens_its_own_case() {
        let delay = case(Delayed, Priority::High);
        assert_eq!(
            fold_message(delay, says(Payment, Delayed)),
            Fold::NewProblem
        );
    }

    #[test]
    fn a_loss_named_in_a_payment_case_never_turns_it_into_a_lost_case() {
        let payment = case(Payment, Priority::High);
        assert_eq!(fold_message(payment, says(Lost, Lost)), Fold::NewProblem);
        // A vague follow-up read as `other` folds in and leaves the kind and priority as they were.
        assert_eq!(
            fold_message(payment, says(Other, Lost)),
            Fold::Into {
                kind: Payment,
                priority: Priority::High
            }
        );
    }

    #[test]
    fn thanks_a_number_or_a_tap_fold_into_the_case() {
        let delay = case(Delayed, Priority::High);
        let into = Fold::Into {
            kind: Delayed,
            priority: Priority::High,
        };
        assert_eq!(fold_message(delay, says(Other, Delayed)), into);
        let tap = LaterMessage {
            tapped: true,
            ..says(Payment, Delayed)
        };
        assert_eq!(fold_message(delay, tap), into);
    }

    #[test]
    fn asking_for_money_back_or_the_cases_own_refund_is_a_follow_up() {
        let lost = case(Lost, Priority::Urgent);
        let into = Fold::Into {
            kind: Lost,
            priority: Priority::Urgent,
        };
        assert_eq!(fold_message(lost, says(ReturnExchange, Lost)), into);
        let refunding = OpenCase {
            refund_under_way: true,
            ..lost
        };
        assert_eq!(fold_message(refunding, says(Payment, Lost)), into);
        assert_eq!(fold_message(lost, says(Payment, Lost)), Fold::NewProblem);
    }

    #[test]
    fn the_kind_moves_along_its_own_story() {
        let late = case(Delayed, Priority::High);
        assert_eq!(
            fold_message(late, says(Lost, Lost)),
            Fold::Into {
                kind: Lost,
                priority: Priority::Urgent
            }
        );
        let hello = case(Other, Priority::Normal);
        assert_eq!(
            fold_message(hello, says(Payment, Payment)),
            Fold::Into {
                kind: Payment,
                priority: Priority::High
            }
        );
    }

    #[test]
    fn priority_and_escalation_only_go_up() {
        let urgent = case(Lost, Priority::Urgent);
        assert_eq!(
            fold_message(urgent, says(WhereIsMyOrder, Lost)),
            Fold::Into {
                kind: Lost,
                priority: Priority::Urgent
            }
        );
        let raised_by_agent = case(WhereIsMyOrder, Priority::Urgent);
        assert_eq!(
            fold_message(raised_by_agent, says(Other, WhereIsMyOrder)),
            Fold::Into {
                kind: WhereIsMyOrder,
                priority: Priority::Urgent
            }
        );
        let threat = LaterMessage {
            escalate: true,
            ..says(Other, Delayed)
        };
        assert_eq!(
            fold_message(case(Delayed, Priority::High), threat),
            Fold::Into {
                kind: Delayed,
                priority: Priority::Urgent
            }
        );
    }

    #[test]
    fn a_kind_an_agent_set_stays() {
        let locked = OpenCase {
            kind_locked: true,
            ..case(WhereIsMyOrder, Priority::Normal)
        };
        assert_eq!(
            fold_message(locked, says(Lost, Lost)),
            Fold::Into {
                kind: WhereIsMyOrder,
                priority: Priority::Normal
            }
        );
    }
}
