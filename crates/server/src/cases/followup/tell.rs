//! Telling the shopper what a look found: each follow-up as a message (held for their morning unless
//! urgent, a template once the window has closed) under a key naming what it reports, written with
//! what the look saw in one transaction over the case as it is now.

use chrono::{DateTime, Utc};
use lifeline_desk::{
    case::{CaseStatus, TimelineEvent},
    followup::{news::AgentTask, FollowUpReason},
    quiet_hours::send_at,
};

use super::super::{actions, clocks, draft, extras, set_extras, status, CaseExtras};
use crate::{
    outbox::{self, desk_message, About, DedupeKey, Outbox, Outgoing, To, Window},
    state::AppState,
    store::CaseRow,
};

/// A follow-up owed: why, what it says, what it reports (for its dedupe key), and the work its words
/// give the team ("our team will ask the carrier"), opened on the case when it is queued.
pub(super) struct Due {
    pub reason: FollowUpReason,
    pub text: String,
    pub about: String,
    pub task: Option<AgentTask>,
}

/// A follow-up ready to queue (held for the shopper's morning unless urgent; a template once the
/// window has closed), or why it cannot go.
pub(super) struct Said {
    reason: FollowUpReason,
    task: Option<AgentTask>,
    out: Result<Outgoing, String>,
    held_until: Option<DateTime<Utc>>,
}

pub(super) fn say(
    app: &AppState,
    ctx: &draft::CaseContext,
    facts: &lifeline_desk::situation::Facts,
    lang: &str,
    due: Due,
    now: DateTime<Utc>,
) -> Said {
    let tz: chrono_tz::Tz = (ctx.conversation.time_zone.as_deref())
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let urgent = matches!(due.reason, FollowUpReason::PromiseDue { .. });
    let at = send_at(now, tz, urgent, &app.desk.quiet);
    let purpose = lifeline_desk::templates::purpose_for(&due.reason);
    let about = About {
        language: lang,
        shopper_name: facts.shopper_name.as_deref(),
        order_number: facts.order_number.as_deref(),
    };
    let to = To::from(&ctx.case);
    let window = Window::of(ctx.conversation.window_expires_at);
    let spoken = desk_message(
        &app.templates,
        &to,
        window,
        now.timestamp_millis(),
        purpose,
        &about,
        &due.text,
    );
    let key = DedupeKey::follow_up(ctx.case.id, &due.about);
    let out = match spoken {
        Ok((msg, fallback)) => {
            let mut out = Outgoing::new(to, msg, key, "lifeline");
            out.fallback = fallback;
            out.not_before = (at > now).then(|| at.timestamp_millis());
            Ok(out)
        }
        Err(_) => Err(format!(
            "could not follow up ({:?}): the window is closed and no approved {purpose} template exists in {lang}",
            due.reason
        )),
    };
    Said {
        reason: due.reason,
        task: due.task,
        out,
        held_until: (at > now).then_some(at),
    }
}

/// Writes what this look saw and the follow-ups it owes in one transaction, over the case as it is now
/// (read and locked inside it). The look takes a while (the shop, the tracker): an agent's remedy saved
/// meanwhile (the case resolved, a replacement to watch) must survive, not be overwritten by the copy
/// read before it. A follow-up whose key is already in the outbox (another desk's look, or this one's
/// before a crash) is neither queued nor written on the timeline again, nor its task opened twice.
pub(super) async fn write(
    app: &AppState,
    read: &CaseRow,
    seen: &CaseExtras,
    said: Vec<Said>,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut tx = app.store.begin().await?;
    let Some(mut row) = tx.lock_case(read.id).await? else {
        return Ok(());
    };
    if status(&row) == CaseStatus::Closed {
        return Ok(()); // closed meanwhile: nothing is owed on it any more
    }
    merge_seen(&mut row, seen, now);
    let (outs, keys): (Vec<Outgoing>, Vec<DedupeKey>) = (said.iter())
        .filter_map(|s| s.out.as_ref().ok())
        .map(|o| (o.clone(), o.key.clone()))
        .unzip();
    let queued = outbox::queue(&mut tx, outs).await?;
    let mut events = Vec::new();
    let mut keys = keys.iter();
    for s in said {
        match s.out {
            Ok(_) if keys.next().and_then(|k| queued.id(k)).is_none() => {} // told before
            Ok(_) => {
                if let Some(until) = s.held_until {
                    events.push(TimelineEvent::HeldForQuietHours { until });
                }
                events.push(TimelineEvent::FollowUpSent { reason: s.reason });
                // The words promised this work: it is on the case from the moment they are queued.
                events.extend(s.task.map(|task| TimelineEvent::TaskOpened { task }));
            }
            Err(text) => events.push(TimelineEvent::NoteAdded { text }),
        }
    }
    actions::record(&mut tx, &row, "system", &events).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    app.events
        .publish(crate::events::DeskEvent::CaseChanged { case_id: row.id });
    Ok(())
}

/// Lays what a look saw over the case as it is now: flags only ever turn on, promises followed add up.
fn merge_seen(row: &mut CaseRow, seen: &CaseExtras, now: DateTime<Utc>) {
    let mut e = extras(row);
    e.replacement_tracking_sent |= seen.replacement_tracking_sent;
    e.last_check_in_sent |= seen.last_check_in_sent;
    for key in &seen.promises_followed {
        if !e.promises_followed.contains(key) {
            e.promises_followed.push(*key);
        }
    }
    e.tracking_seen.clone_from(&seen.tracking_seen);
    e.tracking_changed_at = seen.tracking_changed_at;
    e.tracking_checked_at = seen.tracking_checked_at;
    e.chased_at = seen.chased_at.or(e.chased_at);
    e.lost_told |= seen.lost_told;
    e.last_update_sent_at = seen.last_update_sent_at.or(e.last_update_sent_at);
    e.delivery_next_at = seen.delivery_next_at;
    set_extras(row, &e);
    let c = clocks(row);
    super::super::refresh(row, &c, now);
}
