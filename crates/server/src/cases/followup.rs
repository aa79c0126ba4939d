//! Keeping promises after the reply: the replacement's tracking number once it ships, news before a
//! promised deadline, and one last check-in after the fix lands. While a delivery problem is open,
//! tracking is re-checked every few hours: a real change is passed on in the words of the parcel's state
//! (at a pickup point, a failed attempt, customs, out for delivery, delivered), a parcel the carrier
//! declared lost is told so once, a parcel on its way but stalled for a week gets "our team will ask the
//! carrier" with that task on the case, and one still stalled 48 hours later is treated as lost. Nothing
//! is claimed done that nobody did. In the shopper's quiet hours, held until morning; after the window
//! closes, through a utility template.

use chrono::{DateTime, Utc};
use lifeline_commerce::Shipment;
use lifeline_desk::{
    case::{is_delivery_problem, CaseStatus},
    clocks::ClockKind,
    followup::news::{parcel_news, AgentTask, ParcelNews},
    followup::{next_followups_with, CaseFacts, FollowUpReason, FollowUpSettings},
    playbook::{Confirmation, FollowUpTopic},
};

use super::{clocks, draft, extras, from_ms, kind, status, CaseExtras};
use crate::{state::AppState, store::CaseRow};

mod tell;
use tell::{say, write, Due};

pub async fn run(app: AppState) {
    loop {
        // One desk at a time follows up and re-checks tracking (another takes over if it dies).
        if let Some(Err(e)) = crate::leases::exclusively(&app.store, "followups", sweep(&app)).await
        {
            tracing::warn!(error = format!("{e:#}"), "follow-up check failed");
        }
        tokio::time::sleep(app.desk.followup_every).await;
    }
}

/// Cases read per page of the sweep.
const PAGE: i64 = 500;

async fn sweep(app: &AppState) -> anyhow::Result<()> {
    sweep_at(app, Utc::now()).await
}

/// Pages through every case that may owe a follow-up at `now` and looks closer (order, shop) only at
/// those whose row says something is due. One reading of the clock for the sweep: what is due and what
/// is sent agree on the time. Safe to run twice at once (two desks, or one whose lease ran out): each
/// follow-up has a key of its own, so the shopper hears it once.
pub async fn sweep_at(app: &AppState, now: DateTime<Utc>) -> anyhow::Result<()> {
    let mut after = 0;
    loop {
        let page = app.store.follow_up_candidates(after, PAGE).await?;
        let Some(last) = page.last() else {
            return Ok(());
        };
        after = last.id;
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
    now: DateTime<Utc>,
) -> Result<(), crate::http::error::ApiError> {
    let mut ctx = draft::context(app, case_id).await?;
    let mut e = extras(&ctx.case);
    let before = serde_json::to_string(&e).unwrap_or_default();
    if recheck_tracking(app, &ctx, &mut e, now.timestamp_millis()).await? {
        ctx = draft::context(app, case_id).await?;
    }
    let lang = ctx.language();
    let facts = draft::facts(&ctx, now);
    let mut owed = replacement_news(app, &mut e, &lang, &facts).await;
    delivery_news(app, &ctx, &mut e, now, &lang, &facts, &mut owed);
    for clock in clocks(&ctx.case) {
        let ClockKind::Promise { text } = &clock.kind else {
            continue;
        };
        let key = clock.deadline.timestamp_millis();
        if clock.met_at.is_none()
            && now >= clock.deadline - promise_lead(&clock)
            && !e.promises_followed.contains(&key)
        {
            owed.push(Due {
                reason: FollowUpReason::PromiseDue { text: text.clone() },
                text: (app.desk.playbooks).follow_up_text(&lang, FollowUpTopic::PromiseDue, &facts),
                about: format!("promise:{key}"),
                task: None,
            });
            e.promises_followed.push(key);
        }
    }
    if owed.is_empty() && serde_json::to_string(&e).unwrap_or_default() == before {
        return Ok(());
    }
    if !owed.is_empty() {
        e.last_update_sent_at = Some(now.timestamp_millis());
    }
    let said = owed
        .into_iter()
        .map(|d| say(app, &ctx, &facts, &lang, d, now))
        .collect();
    // What was seen (and when to look next) is kept even when nothing is said yet.
    write(app, &ctx.case, &e, said, now).await?;
    Ok(())
}

/// The replacement's news: its tracking number once it ships, then one last check-in once it arrived.
async fn replacement_news(
    app: &AppState,
    e: &mut CaseExtras,
    lang: &str,
    facts: &lifeline_desk::situation::Facts,
) -> Vec<Due> {
    let Some(number) = e.replacement_order.clone() else {
        return Vec::new();
    };
    if e.replacement_tracking_sent && e.last_check_in_sent {
        return Vec::new();
    }
    let Ok(Some((_, order))) = app.commerce.find_order(&number, None).await else {
        return Vec::new();
    };
    let Some(parcel) = order.shipments.first() else {
        return Vec::new();
    };
    if !e.replacement_tracking_sent {
        let done = Confirmation::ReplacementShipped {
            order_number: number.clone(),
            tracking_number: Some(parcel.tracking_number.clone()),
            tracking_url: parcel.tracking_url.clone(),
        };
        let mut facts = facts.clone();
        facts.tracking_number = None;
        facts.tracking_url = None;
        e.replacement_tracking_sent = true;
        return vec![Due {
            reason: FollowUpReason::TrackingChanged,
            text: app.desk.playbooks.confirmation_for(lang, &done, &facts),
            about: format!("replacement-shipped:{number}"),
            task: None,
        }];
    }
    if parcel.status != lifeline_commerce::ShipmentStatus::Delivered {
        return Vec::new();
    }
    e.last_check_in_sent = true;
    vec![Due {
        reason: FollowUpReason::LastCheckIn,
        text: (app.desk.playbooks).follow_up_text(lang, FollowUpTopic::LastCheckIn, facts),
        about: format!("last-check-in:{number}"),
        task: None,
    }]
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

/// The delivery chain over what the desk has seen of the parcel: a real change passed on in its state's
/// words, a parcel declared lost told so, a week without movement → "our team will ask the carrier" (and
/// the task on the case), still nothing 48 hours later → treated as lost (once, whichever way).
fn delivery_news(
    app: &AppState,
    ctx: &draft::CaseContext,
    e: &mut CaseExtras,
    now: chrono::DateTime<Utc>,
    lang: &str,
    facts: &lifeline_desk::situation::Facts,
    owed: &mut Vec<Due>,
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
    // What a piece of news reports, as the carrier says it: every desk that looks names it alike.
    let moved = parcel.last_movement_at.map_or(0, |t| t.timestamp_millis());
    let news = parcel_news(&facts, now);
    let books = &app.desk.playbooks;
    for reason in delivery_due(&app.desk.followup, &ctx.case, parcel, news, e, now) {
        let (text, about, task) = match reason {
            FollowUpReason::StalledChaseCarrier => (
                books.follow_up_text(lang, FollowUpTopic::ChasingCarrier, &facts),
                format!("chase:{moved}"),
                AgentTask::ask_carrier(&facts),
            ),
            // One "lost" per case, whether the carrier said so or the chase came to nothing.
            FollowUpReason::TreatAsLost => (
                books.follow_up_text(lang, FollowUpTopic::TreatAsLost, &facts),
                "lost".to_string(),
                Some(AgentTask::OfferLostSolution),
            ),
            FollowUpReason::DeclaredLost => (
                books.parcel_news_text(lang, news, &facts),
                "lost".to_string(),
                news.task(&facts),
            ),
            _ => (
                books.parcel_news_text(lang, news, &facts),
                format!("tracking:{}:{moved}", parcel.status.as_str()),
                news.task(&facts),
            ),
        };
        owed.push(Due {
            reason,
            text,
            about,
            task,
        });
    }
}

/// A parcel the carrier never had, or one going back to the shop: no automatic carrier news of it.
fn silent(news: ParcelNews) -> bool {
    matches!(
        news,
        ParcelNews::NotHandedOver | ParcelNews::ReturnedToSender
    )
}

/// What the delivery chain owes the shopper at `now` for this parcel in the state `news` reads, recording
/// on `e` what was seen, what is now told and when to look next. A parcel the carrier declared lost is
/// told so once and never chased; only a parcel on its way is chased or treated as lost for its silence;
/// one the carrier never had gets no carrier news. Pure: `now` is the only clock it reads.
fn delivery_due(
    settings: &FollowUpSettings,
    case: &CaseRow,
    parcel: &Shipment,
    news: ParcelNews,
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
    let lost = news == ParcelNews::LostByCarrier;
    if lost && !e.lost_told {
        e.lost_told = true;
        due.push(FollowUpReason::DeclaredLost);
    }
    let chased = news.may_be_chased();
    for f in next_followups_with(settings, &case_facts, now) {
        match f.reason {
            FollowUpReason::StalledChaseCarrier if chased => {}
            FollowUpReason::TreatAsLost if chased && !e.lost_told => {}
            FollowUpReason::TrackingChanged if !lost && !silent(news) => {}
            _ => continue, // promises and the last check-in are handled above
        }
        if f.due_at > now {
            next = next.min(f.due_at.timestamp_millis());
            continue;
        }
        match f.reason {
            FollowUpReason::StalledChaseCarrier => {
                e.chased_at = Some(now_ms);
                // The next look is due when the chase's time is up, not only at the next re-check.
                next = next.min(now_ms + settings.lost_after_chase.num_milliseconds());
            }
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
