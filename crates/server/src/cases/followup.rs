//! Keeping promises after the reply: the replacement's tracking number once it ships, news before a
//! promised deadline, and one last check-in after the fix lands. While a delivery problem is open,
//! tracking is re-checked every few hours: a real change is passed on, a parcel stalled for a week gets
//! "we are chasing the carrier", and one still stalled after the chase is treated as lost. In the
//! shopper's quiet hours, held until morning; after the window closes, through a utility template.

use chrono::Utc;
use lifeline_commerce::Shipment;
use lifeline_desk::{
    case::{is_delivery_problem, CaseStatus, TimelineEvent},
    clocks::ClockKind,
    followup::{next_followups_with, CaseFacts, FollowUpReason, FollowUpSettings},
    playbook::{Confirmation, FollowUpTopic},
    quiet_hours::send_at,
};
use lifeline_whatsapp::OutboundMessage;

use super::{actions, clocks, draft, extras, from_ms, kind, set_extras, status, CaseExtras};
use crate::{state::AppState, store::CaseRow};

pub async fn run(app: AppState) {
    loop {
        if let Err(e) = sweep(&app).await {
            tracing::warn!(error = format!("{e:#}"), "follow-up check failed");
        }
        tokio::time::sleep(app.desk.followup_every).await;
    }
}

/// Cases read per page of the sweep.
const PAGE: i64 = 500;

/// Pages through every case that may owe a follow-up and looks closer (order, shop) only at those whose
/// row says something is due.
async fn sweep(app: &AppState) -> anyhow::Result<()> {
    let mut after = 0;
    loop {
        let page = app.store.follow_up_candidates(after, PAGE).await?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.id;
        // One reading of the clock per page: what is due and what is sent agree on the time.
        let now = Utc::now();
        for case in page.iter().filter(|c| due(c, now)) {
            if let Err(e) = follow(app, case.id, now).await {
                tracing::warn!(case_id = case.id, error = %e, "follow-up not sent");
            }
        }
        if (page.len() as i64) < PAGE {
            return Ok(());
        }
    }
}

/// What the case row alone says: a replacement still to report on, or a promise whose time has come.
fn due(case: &crate::store::CaseRow, now: chrono::DateTime<Utc>) -> bool {
    if status(case) == CaseStatus::Closed {
        return false;
    }
    let e = extras(case);
    if e.replacement_order.is_some() && !(e.replacement_tracking_sent && e.last_check_in_sent) {
        return true;
    }
    if open_delivery(case)
        && e.delivery_next_at
            .is_none_or(|t| t <= now.timestamp_millis())
    {
        return true;
    }
    clocks(case).iter().any(|clock| {
        matches!(clock.kind, ClockKind::Promise { .. })
            && clock.met_at.is_none()
            && now >= clock.deadline - promise_lead(clock)
            && !e
                .promises_followed
                .contains(&clock.deadline.timestamp_millis())
    })
}

/// How long before a promise's deadline the shopper hears from us: a tenth of its span, at most 15 minutes.
fn promise_lead(clock: &lifeline_desk::clocks::Clock) -> chrono::Duration {
    ((clock.deadline - clock.started_at) / 10).min(chrono::Duration::minutes(15))
}

/// An open case about a parcel (where is it, late, lost): its tracking is watched.
fn open_delivery(case: &CaseRow) -> bool {
    status(case).is_open() && is_delivery_problem(kind(case))
}

async fn follow(
    app: &AppState,
    case_id: i64,
    now: chrono::DateTime<Utc>,
) -> Result<(), crate::http::error::ApiError> {
    let mut ctx = draft::context(app, case_id).await?;
    let mut e = extras(&ctx.case);
    let before = serde_json::to_string(&e).unwrap_or_default();
    if recheck_tracking(app, &ctx, &mut e, now.timestamp_millis()).await? {
        ctx = draft::context(app, case_id).await?;
    }
    let lang = ctx.language();
    let mut facts = draft::facts(&ctx, now);
    let mut sent: Vec<(FollowUpReason, String)> = Vec::new();

    if let (Some(number), false) = (e.replacement_order.clone(), e.replacement_tracking_sent) {
        if let Ok(Some((_, order))) = app.commerce.find_order(&number, None).await {
            if let Some(parcel) = order.shipments.first() {
                let done = Confirmation::ReplacementShipped {
                    order_number: number.clone(),
                    tracking_number: Some(parcel.tracking_number.clone()),
                    tracking_url: parcel.tracking_url.clone(),
                };
                facts.tracking_number = None;
                facts.tracking_url = None;
                sent.push((
                    FollowUpReason::TrackingChanged,
                    app.desk.playbooks.confirmation_for(&lang, &done, &facts),
                ));
                e.replacement_tracking_sent = true;
            }
        }
    } else if let (Some(number), true, false) = (
        e.replacement_order.clone(),
        e.replacement_tracking_sent,
        e.last_check_in_sent,
    ) {
        if let Ok(Some((_, order))) = app.commerce.find_order(&number, None).await {
            if order
                .shipments
                .first()
                .is_some_and(|p| p.status == lifeline_commerce::ShipmentStatus::Delivered)
            {
                sent.push((
                    FollowUpReason::LastCheckIn,
                    app.desk
                        .playbooks
                        .follow_up_text(&lang, FollowUpTopic::LastCheckIn, &facts),
                ));
                e.last_check_in_sent = true;
            }
        }
    }
    delivery_news(app, &ctx, &mut e, now, &lang, &facts, &mut sent);
    for clock in clocks(&ctx.case) {
        let ClockKind::Promise { text } = &clock.kind else {
            continue;
        };
        let lead = promise_lead(&clock);
        let key = clock.deadline.timestamp_millis();
        if clock.met_at.is_none()
            && now >= clock.deadline - lead
            && !e.promises_followed.contains(&key)
        {
            sent.push((
                FollowUpReason::PromiseDue { text: text.clone() },
                app.desk
                    .playbooks
                    .follow_up_text(&lang, FollowUpTopic::PromiseDue, &facts),
            ));
            e.promises_followed.push(key);
        }
    }
    if sent.is_empty() {
        if serde_json::to_string(&e).unwrap_or_default() != before {
            // Nothing to say yet, but what was seen (and when to look next) is kept.
            save_onto_latest(app, &ctx.case, &e, Vec::new(), now).await?;
        }
        return Ok(());
    }
    e.last_update_sent_at = Some(now.timestamp_millis());
    let tz: chrono_tz::Tz = ctx
        .conversation
        .time_zone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let window_open = ctx
        .conversation
        .window_expires_at
        .is_some_and(|t| t > now.timestamp_millis());
    let row = ctx.case.clone();
    let mut events = Vec::new();
    for (reason, text) in sent {
        let urgent = matches!(reason, FollowUpReason::PromiseDue { .. });
        let at = send_at(now, tz, urgent, &app.desk.quiet);
        let msg = if window_open {
            OutboundMessage::Text {
                body: text.clone(),
                preview_url: true,
            }
        } else {
            let purpose = lifeline_desk::templates::purpose_for(&reason);
            let Some(t) = app.templates.choose(&row.phone_number_id, purpose, &lang) else {
                events.push(TimelineEvent::NoteAdded { text: format!("could not follow up ({reason:?}): the window is closed and no approved {purpose} template exists in {lang}") });
                continue;
            };
            let name = facts.shopper_name.clone().unwrap_or_default();
            let order = facts
                .order_number
                .clone()
                .map(|o| format!("#{o}"))
                .unwrap_or_default();
            let params: Vec<String> = [name, order, text.clone()]
                .into_iter()
                .take(t.body_params)
                .collect();
            crate::templates::message(&t, &params)
        };
        actions::enqueue_at(
            app,
            &row,
            &msg,
            "lifeline",
            (at > now).then(|| at.timestamp_millis()),
        )
        .await?;
        if at > now {
            events.push(TimelineEvent::HeldForQuietHours { until: at });
        }
        events.push(TimelineEvent::FollowUpSent { reason });
    }
    save_onto_latest(app, &row, &e, events, now).await?;
    Ok(())
}

/// Saves what this look saw and sent over the case as it is now, read inside the same write. The
/// look takes a while (the shop, the tracker, the outbox): an agent's remedy saved meanwhile (the case
/// resolved, a replacement to watch) must survive, not be overwritten by the copy read before it.
async fn save_onto_latest(
    app: &AppState,
    read: &CaseRow,
    seen: &CaseExtras,
    events: Vec<TimelineEvent>,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut tx = app.store.begin().await?;
    let latest = tx.live_cases(read.conversation_id).await?;
    let Some(mut row) = latest.into_iter().find(|c| c.id == read.id) else {
        return Ok(()); // closed meanwhile: nothing is owed on it any more
    };
    let mut e = extras(&row);
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
    set_extras(&mut row, &e);
    let c = clocks(&row);
    super::refresh(&mut row, &c, now);
    tx.save_case(&row).await?;
    for ev in &events {
        tx.add_case_event(row.id, "system", &super::event(ev))
            .await?;
    }
    tx.commit().await?;
    app.events
        .publish(crate::events::DeskEvent::CaseChanged { case_id: row.id });
    Ok(())
}

/// Fetches the parcel again from the carrier tracker when the last look is older than the re-check
/// interval; a changed order is stored for every screen. True when it changed.
async fn recheck_tracking(
    app: &AppState,
    ctx: &draft::CaseContext,
    e: &mut CaseExtras,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let Some((store, order)) = ctx.order.as_ref().filter(|_| open_delivery(&ctx.case)) else {
        return Ok(false);
    };
    let every = app.desk.followup.tracking_recheck.num_milliseconds();
    if e.tracking_checked_at.is_some_and(|t| now_ms - t < every) {
        return Ok(false);
    }
    e.tracking_checked_at = Some(now_ms);
    if app.commerce.tracker.is_none() {
        return Ok(false);
    }
    let fresh = app.commerce.with_tracking(order.clone()).await;
    if &fresh == order {
        return Ok(false);
    }
    let row = crate::store::OrderRow {
        conversation_id: ctx.case.conversation_id,
        store: store.clone(),
        order_number: order.number.clone(),
        order_json: None,
        error: None,
        source: "recheck".into(),
        fetched_at: now_ms,
    };
    crate::orders::keep_pushed(app, row, &fresh).await?;
    Ok(true)
}

/// The delivery chain over what the desk has seen of the parcel: a real change passed on, a week without
/// movement → "we are chasing the carrier", still nothing after the chase → treated as lost (once).
fn delivery_news(
    app: &AppState,
    ctx: &draft::CaseContext,
    e: &mut CaseExtras,
    now: chrono::DateTime<Utc>,
    lang: &str,
    facts: &lifeline_desk::situation::Facts,
    sent: &mut Vec<(FollowUpReason, String)>,
) {
    let Some(parcel) = ctx
        .order
        .as_ref()
        .filter(|_| open_delivery(&ctx.case))
        .and_then(|(_, o)| o.shipments.first())
    else {
        return;
    };
    // News of a parcel never quotes a delivery estimate that has already passed.
    let mut facts = facts.clone();
    if facts
        .estimated_delivery
        .is_some_and(|d| d < now.date_naive())
    {
        facts.estimated_delivery = None;
    }
    for reason in delivery_due(&app.desk.followup, &ctx.case, parcel, e, now) {
        let topic = match reason {
            FollowUpReason::StalledChaseCarrier => FollowUpTopic::ChasingCarrier,
            FollowUpReason::TreatAsLost => FollowUpTopic::TreatAsLost,
            _ => FollowUpTopic::TrackingChanged,
        };
        let text = app.desk.playbooks.follow_up_text(lang, topic, &facts);
        sent.push((reason, text));
    }
}

/// What the delivery chain owes the shopper at `now` for this parcel, recording on `e` what was seen,
/// what is now told and when to look next. Pure: `now` is the only clock it reads.
fn delivery_due(
    settings: &FollowUpSettings,
    case: &CaseRow,
    parcel: &Shipment,
    e: &mut CaseExtras,
    now: chrono::DateTime<Utc>,
) -> Vec<FollowUpReason> {
    let now_ms = now.timestamp_millis();
    let seen = parcel.status.as_str();
    match e.tracking_seen.as_deref() {
        // What the shopper heard with the first answer: the baseline, not news.
        None => e.tracking_seen = Some(seen.to_string()),
        Some(before) if before != seen => {
            e.tracking_seen = Some(seen.to_string());
            e.tracking_changed_at = Some(now_ms);
        }
        Some(_) => {}
    }
    let case_facts = CaseFacts {
        last_movement_at: parcel.last_movement_at,
        chased_at: e.chased_at.map(from_ms),
        tracking_checked_at: e.tracking_checked_at.map(from_ms),
        tracking_changed_at: e.tracking_changed_at.map(from_ms),
        last_update_sent_at: e.last_update_sent_at.map(from_ms),
        ..CaseFacts::new(kind(case), status(case))
    };
    let recheck = settings.tracking_recheck.num_milliseconds();
    let mut next = e.tracking_checked_at.unwrap_or(now_ms) + recheck;
    let mut due = Vec::new();
    for f in next_followups_with(settings, &case_facts, now) {
        match f.reason {
            FollowUpReason::StalledChaseCarrier | FollowUpReason::TrackingChanged => {}
            FollowUpReason::TreatAsLost if !e.lost_told => {}
            _ => continue, // promises and the last check-in are handled above
        }
        if f.due_at > now {
            next = next.min(f.due_at.timestamp_millis());
            continue;
        }
        match f.reason {
            FollowUpReason::StalledChaseCarrier => e.chased_at = Some(now_ms),
            FollowUpReason::TreatAsLost => e.lost_told = true,
            _ => {}
        }
        due.push(f.reason);
    }
    e.delivery_next_at = Some(next);
    due
}

#[cfg(test)]
mod tests;
