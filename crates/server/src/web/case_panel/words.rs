//! A case's timeline in an agent's words: "Acknowledged", "First reply by a person met", "Follow-up
//! sent: the parcel has not moved, the team asks the carrier", never `first_human_reply` or an empty
//! "message id:".

use lifeline_desk::{
    case::{CaseStatus, TimelineEvent},
    clocks::ClockKind,
    followup::FollowUpReason,
};
use lifeline_triage::{ExceptionKind, Priority};

use super::remedy_label;
use crate::web::view;

/// A kind of problem as agents say it.
pub fn kind_words(kind: ExceptionKind) -> &'static str {
    match kind {
        ExceptionKind::WhereIsMyOrder => "where is my order",
        ExceptionKind::Delayed => "late",
        ExceptionKind::Lost => "lost",
        ExceptionKind::Damaged => "damaged",
        ExceptionKind::WrongItem => "wrong item",
        ExceptionKind::MissingItem => "missing item",
        ExceptionKind::OutOfStock => "out of stock",
        ExceptionKind::ReturnExchange => "return or exchange",
        ExceptionKind::Payment => "payment",
        ExceptionKind::Other => "other",
    }
}

/// A kind's wire name in words; an unknown name with its underscores as spaces.
pub fn kind_text(kind: &str) -> String {
    ExceptionKind::parse(kind).map_or_else(|| kind.replace('_', " "), |k| kind_words(k).into())
}

fn priority_words(p: Priority) -> &'static str {
    p.as_str()
}

fn status_words(s: CaseStatus) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// A clock's name as the panel says it.
pub fn clock_words(clock: &ClockKind) -> String {
    match clock {
        ClockKind::Acknowledge => "acknowledgement".into(),
        ClockKind::FirstHumanReply => "first reply by a person".into(),
        ClockKind::CauseFound => "cause found".into(),
        ClockKind::Promise { text } => format!("promise \u{201c}{text}\u{201d}"),
        ClockKind::Resolution => "resolution".into(),
    }
}

fn follow_up_words(reason: &FollowUpReason) -> String {
    match reason {
        FollowUpReason::PromiseDue { text } => {
            format!("news when the promise \u{201c}{text}\u{201d} came due")
        }
        FollowUpReason::StalledChaseCarrier => {
            "the parcel has not moved; the team asks the carrier".into()
        }
        FollowUpReason::TreatAsLost => "still no movement: the parcel is treated as lost".into(),
        FollowUpReason::DeclaredLost => "the carrier declared the parcel lost".into(),
        FollowUpReason::TrackingChanged => "news from the tracking".into(),
        FollowUpReason::LastCheckIn => "a last check-in after the fix".into(),
    }
}

/// The event's headline and its detail, in words; `None` for an event this desk cannot read (the panel
/// then falls back to its fields).
pub fn event_words(e: &TimelineEvent, currency: &str) -> (String, String) {
    let remedy = |r| remedy_label(r, currency);
    let (what, detail): (&str, String) = match e {
        TimelineEvent::Created {
            kind,
            priority,
            order_number,
            ..
        } => (
            "Case opened",
            format!(
                "{}, {} priority{}",
                kind_words(*kind),
                priority_words(*priority),
                order_number
                    .as_deref()
                    .map_or(String::new(), |n| format!(", order #{n}"))
            ),
        ),
        TimelineEvent::ShopperWrote { .. } => ("The shopper wrote", String::new()),
        TimelineEvent::Acknowledged { .. } => ("Acknowledged", String::new()),
        TimelineEvent::KindCorrected { from, to } => (
            "Kind corrected",
            format!("{} → {}", kind_words(*from), kind_words(*to)),
        ),
        TimelineEvent::PriorityChanged { from, to } => (
            "Priority changed",
            format!("{} → {}", priority_words(*from), priority_words(*to)),
        ),
        TimelineEvent::Escalated { reason } => ("Escalated", reason.clone()),
        TimelineEvent::StatusChanged { from, to } => (
            "Status",
            format!("{} → {}", status_words(*from), status_words(*to)),
        ),
        TimelineEvent::Assigned { to } => (
            "Assigned",
            to.as_deref()
                .map_or("nobody".into(), |a| a.trim_start_matches("agent:").into()),
        ),
        TimelineEvent::NoteAdded { text } => ("Note", text.clone()),
        TimelineEvent::OrderLinked { order_number } => ("Order linked", format!("#{order_number}")),
        TimelineEvent::ReplySent { template, .. } => (
            "Reply sent",
            template
                .as_deref()
                .map_or(String::new(), |t| format!("template {t}")),
        ),
        TimelineEvent::ToneOverride { findings } => {
            ("Sent despite the tone check", findings.join("; "))
        }
        TimelineEvent::HeldForQuietHours { until } => (
            "Held for the shopper's quiet hours",
            format!("until {}", view::full_time(until.timestamp_millis())),
        ),
        TimelineEvent::PromiseMade { text, deadline } => (
            "Promise made",
            format!(
                "\u{201c}{text}\u{201d}, due {}",
                view::full_time(deadline.timestamp_millis())
            ),
        ),
        TimelineEvent::ShopperChose { remedy: r } => ("The shopper chose", remedy(r)),
        TimelineEvent::ApprovalRequested { remedy: r, by, why } => (
            "Approval asked",
            format!("{} — by a {}: {why}", remedy(r), by.as_str()),
        ),
        TimelineEvent::ApprovalApproved { remedy: r } => ("Approved", remedy(r)),
        TimelineEvent::ApprovalRejected { remedy: r, why } => {
            ("Not approved", format!("{} — {why}", remedy(r)))
        }
        TimelineEvent::ActionDone {
            remedy: r,
            reference,
            ..
        } => (
            "Done",
            format!(
                "{}{}",
                remedy(r),
                reference
                    .as_deref()
                    .map_or(String::new(), |x| format!(" (reference {x})"))
            ),
        ),
        TimelineEvent::ActionFailed { remedy: r, reason } => {
            ("Failed", format!("{} — {reason}", remedy(r)))
        }
        TimelineEvent::ChoiceRefused { remedy: r, why } => (
            "The shopper's choice was refused",
            format!("{} — {why}", remedy(r)),
        ),
        TimelineEvent::ActionRetried { remedy: r } => ("Tried again", remedy(r)),
        TimelineEvent::MessageRetried { .. } => ("A failed message was sent again", String::new()),
        TimelineEvent::ClockBreached { clock } => ("Missed", clock_words(clock)),
        TimelineEvent::ClockMet { clock } => ("Met", clock_words(clock)),
        TimelineEvent::FollowUpSent { reason } => ("Follow-up sent", follow_up_words(reason)),
        TimelineEvent::TaskOpened { task } => ("For the team", task.describe()),
        TimelineEvent::ShopperIdChanged { phone, .. } => (
            "The shopper's WhatsApp id changed",
            phone
                .as_deref()
                .map_or(String::new(), |p| format!("new phone +{p}")),
        ),
    };
    (what.to_string(), detail)
}
