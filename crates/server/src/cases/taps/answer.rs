//! The answer to a tap the desk did not carry out: the shopper is told honestly, in their language, that
//! it has not been done and that a person will reply (within the store's minutes inside staffed hours);
//! the case is put in front of an agent (flagged for follow-up, at least high priority, back under
//! investigation) with that promise as a clock, kept like the acknowledgement's: if its time passes
//! without a person's answer, the shopper hears once that it is taking longer
//! ([`crate::cases::promised`]). A tapped choice a supervisor then did not approve is answered the same
//! way, and handed back to the agent as a task.

use chrono::{DateTime, Utc};
use lifeline_desk::{
    case::{can_move, raised, CaseStatus, TimelineEvent},
    clocks::{Clock, ClockKind},
    followup::news::AgentTask,
    playbook::ChoiceAnswer,
    situation::Facts,
    staffed_hours::Answer,
    Remedy,
};
use lifeline_triage::Priority;

use super::Tap;
use crate::{
    cases::{
        actions::record, clocks, confirm, draft, extras, priority, promised, refresh, set_extras,
        status,
    },
    events::DeskEvent,
    outbox::{DedupeKey, Outbox},
    state::AppState,
    store::CaseRow,
};

/// Why the tap was not carried out.
pub(super) enum Unmet<'a> {
    /// The policy refused it, or it was not on offer; the reason is for the agent.
    Refused(&'a str),
    /// It waits for a supervisor's approval (already in their queue).
    AwaitingApproval,
    /// It waited for approval, and a supervisor said no (`why`, for the agent); the compensation that
    /// was not approved keys the answer.
    NotApproved { compensation_id: i64, why: &'a str },
}

impl Unmet<'_> {
    /// The answer's own key: one per tapped message, one per decision not to approve.
    fn key(&self, tap: &Tap) -> DedupeKey {
        match self {
            Unmet::NotApproved {
                compensation_id, ..
            } => DedupeKey::follow_up(tap.case_id, &format!("not-approved:{compensation_id}")),
            _ => DedupeKey::refusal(tap.message_id),
        }
    }
}

/// Tells the shopper (once, under the answer's own key) and puts the case in front of an agent, in one
/// transaction; a second look at an answer already given changes nothing.
pub(super) async fn answer(app: &AppState, tap: &Tap, unmet: Unmet<'_>) -> anyhow::Result<()> {
    let ctx = draft::context(app, tap.case_id)
        .await
        .map_err(anyhow::Error::from)?;
    let now = app.desk.clock.now();
    let facts = draft::facts(&ctx, now);
    // The same promise as the acknowledgement's: within the store's minutes while someone is at the
    // desk; outside staffed hours no time is named, and the clock runs to the team's return.
    let promised = promised::answer_at(app, &ctx.case.phone_number_id, now);
    let by = promised.by();
    let text = words(app, &ctx, &facts, tap, &unmet, promised, now).await?;
    // The promise this answer makes replaces the earlier one: a person's reply (the offer) kept it, or
    // this decision, which the shopper was waiting for.
    let superseded = app.store.promised_answer(tap.case_id).await?.map(|p| p.0);
    let mut tx = app.store.begin().await?;
    let Some(mut row) = tx.lock_case(tap.case_id).await? else {
        return Ok(());
    };
    let mut events = match unmet {
        Unmet::Refused(why) => vec![TimelineEvent::ChoiceRefused {
            remedy: tap.remedy.clone(),
            why: why.to_string(),
        }],
        _ => Vec::new(),
    };
    let key = unmet.key(tap);
    let told = match confirm::tell(app, &mut tx, &ctx, &facts, &text, key.clone()).await? {
        Ok(queued) if queued.id(&key).is_none() => return Ok(()), // told by an earlier look
        Ok(queued) => {
            let promise = format!("a person replies by {}", by.format("%Y-%m-%d %H:%M UTC"));
            let kept = superseded.filter(|_| matches!(unmet, Unmet::NotApproved { .. }));
            events.extend(for_an_agent(&mut row, &promise, by, kept, now));
            tx.promise_answer_anew(tap.case_id, by.timestamp_millis())
                .await?;
            Some(queued)
        }
        Err(closed) => {
            events.push(TimelineEvent::NoteAdded {
                text: format!(
                    "the shopper was not told their choice was not carried out: {closed}"
                ),
            });
            events.extend(for_an_agent(&mut row, "", now, None, now));
            None
        }
    };
    if let Unmet::NotApproved { why, .. } = unmet {
        events.push(offer_instead(&tap.remedy, why, told.is_some()));
    }
    record(&mut tx, &row, "system", &events).await?;
    Outbox::of(app)
        .commit(tx, &told.unwrap_or_default())
        .await?;
    app.events.publish(DeskEvent::CaseChanged {
        case_id: tap.case_id,
    });
    Ok(())
}

/// The answer in the shopper's language, naming the button they tapped, with the wait while someone
/// is at the desk.
async fn words(
    app: &AppState,
    ctx: &draft::CaseContext,
    facts: &Facts,
    tap: &Tap,
    unmet: &Unmet<'_>,
    promised: Answer,
    now: DateTime<Utc>,
) -> anyhow::Result<String> {
    let tapped = app
        .store
        .message(tap.message_id)
        .await?
        .and_then(|m| m.body);
    let minutes = match promised {
        Answer::Within { by } => u32::try_from((by - now).num_minutes().max(1)).ok(),
        Answer::BackAt { .. } => None,
    };
    let kind = match unmet {
        Unmet::Refused(_) => ChoiceAnswer::Refused,
        Unmet::AwaitingApproval => ChoiceAnswer::NeedsApproval,
        Unmet::NotApproved { .. } => ChoiceAnswer::NotApproved,
    };
    Ok(app.desk.playbooks.choice_answer(
        &ctx.language(),
        kind,
        &tap.remedy,
        tapped.as_deref(),
        facts,
        minutes,
    ))
}

/// A remedy a supervisor did not approve, of which Lifeline told the shopper nothing (an agent asked for
/// it): handed back to the agent on the case, with no message and no promise.
pub(super) async fn hand_back(
    app: &AppState,
    case_id: i64,
    remedy: &Remedy,
    why: &str,
) -> anyhow::Result<()> {
    let now = app.desk.clock.now();
    let mut tx = app.store.begin().await?;
    let Some(mut row) = tx.lock_case(case_id).await? else {
        return Ok(());
    };
    let mut events = for_an_agent(&mut row, "", now, None, now);
    events.push(offer_instead(remedy, why, false));
    record(&mut tx, &row, "system", &events).await?;
    tx.commit().await?;
    app.events.publish(DeskEvent::CaseChanged { case_id });
    Ok(())
}

fn offer_instead(remedy: &Remedy, why: &str, shopper_told: bool) -> TimelineEvent {
    TimelineEvent::TaskOpened {
        task: AgentTask::OfferInstead {
            remedy: remedy.clone(),
            why: why.to_string(),
            shopper_told,
        },
    }
}

/// True when the shopper was already answered for this tap (an earlier attempt got that far).
pub(super) async fn answered(app: &AppState, tap: &Tap) -> anyhow::Result<bool> {
    let key = DedupeKey::refusal(tap.message_id);
    Ok(app
        .store
        .outbound_by_dedupe_key(key.as_str())
        .await?
        .is_some())
}

/// Puts the case in front of an agent: flagged for follow-up, at least high priority, under
/// investigation, and the promise made to the shopper (when one was) running as a clock. `kept`: the
/// deadline of an earlier promise this answer keeps (the shopper heard the decision they were waiting
/// for), met now.
fn for_an_agent(
    row: &mut CaseRow,
    promise: &str,
    deadline: DateTime<Utc>,
    kept: Option<i64>,
    now: DateTime<Utc>,
) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    let from = status(row);
    let to = CaseStatus::Investigating;
    if from != to && can_move(from, to) {
        events.push(TimelineEvent::StatusChanged { from, to });
        row.status = to.as_str().into();
        row.resolved_at = None;
    }
    let wanted = raised(priority(row), Priority::High);
    if wanted != priority(row) {
        events.push(TimelineEvent::PriorityChanged {
            from: priority(row),
            to: wanted,
        });
        row.priority = wanted.as_str().into();
    }
    let mut e = extras(row);
    e.follow_up_due = true;
    let mut c = clocks(row);
    let is_kept = |clock: &Clock| {
        matches!(clock.kind, ClockKind::Promise { .. })
            && Some(clock.deadline.timestamp_millis()) == kept
    };
    for clock in c.iter_mut().filter(|clock| is_kept(clock)) {
        clock.meet(now);
    }
    if !promise.is_empty() {
        events.push(TimelineEvent::PromiseMade {
            text: promise.to_string(),
            deadline,
        });
        c.push(Clock::promise(promise, now, deadline));
        // Kept by the late-answer sweep (one honest update if no person answers in time), so the
        // promise-due follow-up leaves this one alone: the shopper never hears twice of one promise.
        e.promises_followed.push(deadline.timestamp_millis());
    }
    set_extras(row, &e);
    refresh(row, &c, now);
    row.updated_at = now.timestamp_millis();
    events
}
