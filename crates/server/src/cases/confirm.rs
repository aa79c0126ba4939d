//! A remedy the shop carried out, recorded and told in one transaction: the compensation marked done,
//! the case moved on (resolved, a replacement to watch), its timeline, and the confirmation to the
//! shopper under a key of its own, so a crash or a second desk never leaves one without the other or
//! confirms it twice.

use chrono::{DateTime, Utc};
use lifeline_desk::{
    case::{carrying_out_resolves, CaseStatus, Choice, TimelineEvent},
    clocks::ClockKind,
    playbook::Confirmation,
    situation::Facts,
    templates::purpose,
    Remedy,
};

use super::{
    actions::record,
    clocks,
    draft::{self, CaseContext},
    extras, refresh, set_extras, status,
};
use crate::{
    events::DeskEvent,
    http::error::{ApiError, ApiResult},
    outbox::{
        self, desk_message, About, DedupeKey, Outbox, Outgoing, Queued, To, Window, WindowClosed,
    },
    state::AppState,
    store::{CaseRow, CompensationRow, StoreTx},
};

/// What the shop did: the confirmation to send and the shop's reference (the replacement order…).
pub(super) struct Done {
    pub confirmation: Confirmation,
    pub reference: Option<String>,
}

/// Records `done` for `comp` on its case and confirms it to the shopper, by `actor`, in one transaction.
/// Nothing happens when the compensation is no longer approved (another desk recorded it first).
pub(super) async fn record_done(
    app: &AppState,
    ctx: &CaseContext,
    comp: &CompensationRow,
    remedy: &Remedy,
    done: Done,
    actor: &str,
) -> ApiResult<()> {
    let now = Utc::now();
    let facts = confirmation_facts(ctx, now);
    let lang = ctx.language();
    let text = app
        .desk
        .playbooks
        .confirmation_for(&lang, &done.confirmation, &facts);
    let result = serde_json::to_string(&done.confirmation).unwrap_or_default();
    let mut tx = app.store.begin().await?;
    let mut row = tx
        .lock_case(comp.case_id)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    if !tx.mark_compensation_done(comp.id, &result).await? {
        return Ok(()); // already recorded (and confirmed) elsewhere
    }
    let mut events = moved_on(&mut row, remedy, done.reference, now);
    let key = DedupeKey::confirmation(comp.id);
    let queued = match tell(app, &mut tx, ctx, &facts, &text, key).await? {
        Ok(queued) => queued,
        Err(closed) => {
            events.push(TimelineEvent::NoteAdded {
                text: format!("the shopper was not told it is done: {closed}"),
            });
            Queued::default()
        }
    };
    record(&mut tx, &row, actor, &events).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    app.events
        .publish(DeskEvent::CaseChanged { case_id: row.id });
    Ok(())
}

/// Queues `text` about the case for its shopper in `tx` under `key`: free text while the 24-hour window
/// is open, else the number's approved case-update template in their language when there is one.
/// `Err` when nothing may go (the caller says so on the case).
pub(super) async fn tell(
    app: &AppState,
    tx: &mut StoreTx,
    ctx: &CaseContext,
    facts: &Facts,
    text: &str,
    key: DedupeKey,
) -> anyhow::Result<Result<Queued, WindowClosed>> {
    let lang = ctx.language();
    let about = About {
        language: &lang,
        shopper_name: facts.shopper_name.as_deref(),
        order_number: facts.order_number.as_deref(),
    };
    let to = To::from(&ctx.case);
    let window = Window::of(ctx.conversation.window_expires_at);
    let now = Utc::now().timestamp_millis();
    let purpose = purpose::CASE_UPDATE;
    match desk_message(&app.templates, &to, window, now, purpose, &about, text) {
        Ok((msg, fallback)) => {
            let mut out = Outgoing::new(to, msg, key, "lifeline");
            out.fallback = fallback;
            Ok(Ok(outbox::queue(tx, vec![out]).await?))
        }
        Err(closed) => Ok(Err(closed)),
    }
}

/// The case's facts a confirmation is filled with.
fn confirmation_facts(ctx: &CaseContext, now: DateTime<Utc>) -> lifeline_desk::situation::Facts {
    let mut facts = draft::facts(ctx, now);
    // The original parcel's tracking must never pass for the new one's.
    facts.tracking_number = None;
    facts.tracking_url = None;
    facts
}

/// What a remedy carried out changes on the case: a refund in progress, a replacement to watch, and a
/// compensation resolves the case (meeting its resolution clock and the promises its confirmation
/// answers), unless it is a gesture given beside options the shopper has not chosen from yet (see
/// [`carrying_out_resolves`]).
fn moved_on(
    row: &mut CaseRow,
    remedy: &Remedy,
    reference: Option<String>,
    now: DateTime<Utc>,
) -> Vec<TimelineEvent> {
    let mut e = extras(row);
    e.refund_in_progress |= remedy.is_refund();
    e.replacement_in_transit |= remedy.is_replacement();
    if remedy.is_replacement() {
        e.replacement_order = reference.clone();
    }
    let choice = Choice {
        offered: &e.offers,
        carried_out: e.choice_carried_out,
    };
    let resolves = carrying_out_resolves(remedy, choice) && status(row) != CaseStatus::Resolved;
    e.choice_carried_out |= choice.is_offered(remedy);
    // Resolved with its confirmation: nothing is left for an agent to follow up.
    e.follow_up_due &= !resolves;
    set_extras(row, &e);
    let mut events = vec![TimelineEvent::ActionDone {
        remedy: remedy.clone(),
        reference,
    }];
    let mut c = clocks(row);
    if resolves {
        events.push(TimelineEvent::StatusChanged {
            from: status(row),
            to: CaseStatus::Resolved,
        });
        row.status = CaseStatus::Resolved.as_str().into();
        row.resolved_at = Some(now.timestamp_millis());
        // The confirmation going out with it answers the shopper too: promises made meanwhile are kept.
        let answered =
            |k: &ClockKind| matches!(k, ClockKind::Resolution | ClockKind::Promise { .. });
        for clock in c.iter_mut().filter(|k| answered(&k.kind)) {
            clock.meet(now);
        }
    }
    refresh(row, &c, now);
    events
}
