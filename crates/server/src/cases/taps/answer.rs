//! The answer to a tap the desk did not carry out: the shopper is told honestly, in their language, that
//! it has not been done and that a person will reply (within the store's minutes inside staffed hours);
//! the case is put in front of an agent (flagged for follow-up, at least high priority, back under
//! investigation) with that promise as a clock, kept like the acknowledgement's: if its time passes
//! without a person's answer, the shopper hears once that it is taking longer
//! ([`crate::cases::promised`]).

use chrono::{DateTime, Utc};
use lifeline_desk::{
    case::{can_move, raised, CaseStatus, TimelineEvent},
    clocks::Clock,
    playbook::ChoiceAnswer,
    situation::Facts,
    staffed_hours::Answer,
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
}

/// Tells the shopper (once per tap, under the tap's own key) and puts the case in front of an agent, in
/// one transaction; a second look at an answer already given changes nothing.
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
    let key = DedupeKey::refusal(tap.message_id);
    let told = match confirm::tell(app, &mut tx, &ctx, &facts, &text, key.clone()).await? {
        Ok(queued) if queued.id(&key).is_none() => return Ok(()), // told by an earlier look
        Ok(queued) => {
            let promise = format!("a person replies by {}", by.format("%Y-%m-%d %H:%M UTC"));
            events.extend(for_an_agent(&mut row, &promise, by, now));
            // It replaces the earlier one, which a person's reply (the offer they tapped) kept.
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
            events.extend(for_an_agent(&mut row, "", now, now));
            None
        }
    };
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
/// investigation, and the promise made to the shopper (when one was) running as a clock.
fn for_an_agent(
    row: &mut CaseRow,
    promise: &str,
    deadline: DateTime<Utc>,
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
