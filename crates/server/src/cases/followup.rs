//! Keeping promises after the reply: the replacement's tracking number once it ships, news before a
//! promised deadline, and one last check-in after the fix lands; in the shopper's quiet hours, held
//! until morning; after the window closes, through the shopper's utility template.

use chrono::Utc;
use lifeline_desk::{
    case::{CaseStatus, TimelineEvent},
    clocks::ClockKind,
    followup::FollowUpReason,
    playbook::{Confirmation, FollowUpTopic},
    quiet_hours::send_at,
};
use lifeline_whatsapp::OutboundMessage;

use super::{actions, clocks, draft, extras, set_extras, status};
use crate::{state::AppState, store::CaseFilter};

pub async fn run(app: AppState) {
    loop {
        if let Err(e) = sweep(&app).await {
            tracing::warn!(error = format!("{e:#}"), "follow-up check failed");
        }
        tokio::time::sleep(app.desk.followup_every).await;
    }
}

async fn sweep(app: &AppState) -> anyhow::Result<()> {
    let cases = app
        .store
        .list_cases(&CaseFilter {
            limit: 1000,
            ..CaseFilter::default()
        })
        .await?;
    let resolved = app
        .store
        .list_cases(&CaseFilter {
            status: Some("resolved".into()),
            limit: 1000,
            ..CaseFilter::default()
        })
        .await?;
    for case in cases.into_iter().chain(resolved) {
        if status(&case) == CaseStatus::Closed {
            continue;
        }
        if let Err(e) = follow(app, case.id).await {
            tracing::warn!(case_id = case.id, error = %e, "follow-up not sent");
        }
    }
    Ok(())
}

async fn follow(app: &AppState, case_id: i64) -> Result<(), crate::http::error::ApiError> {
    let ctx = draft::context(app, case_id).await?;
    let now = Utc::now();
    let mut e = extras(&ctx.case);
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
    for clock in clocks(&ctx.case) {
        let ClockKind::Promise { text } = &clock.kind else {
            continue;
        };
        let lead = ((clock.deadline - clock.started_at) / 10).min(chrono::Duration::minutes(15));
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
        return Ok(());
    }
    let tz: chrono_tz::Tz = ctx
        .conversation
        .time_zone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let window_open = ctx
        .conversation
        .window_expires_at
        .is_some_and(|t| t > crate::store::now_ms());
    let mut row = ctx.case.clone();
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
    set_extras(&mut row, &e);
    let c = clocks(&row);
    super::refresh(&mut row, &c, now);
    actions::save(app, &row, "system", events).await?;
    Ok(())
}
