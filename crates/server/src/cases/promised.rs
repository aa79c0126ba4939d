//! The answer promised in the acknowledgement, kept. Inside staffed hours the shopper is promised a person
//! within the store's minutes; outside them, a person once the team is back (`[desk.staffed_hours]`).
//! The promise is stored with the case in the acknowledgement's own transaction (or in the answer to a
//! tap the desk did not carry out, which promises the same); when its time passes with no person's
//! answer, the shopper gets one honest update ("we're taking longer than I said; a colleague answers by
//! 09:15 your time") — once, from one desk, through the outbox under its own key, inside the 24-hour
//! window and never in their quiet hours unless they are waiting on us right now.

use std::sync::{Arc, Mutex};

use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use lifeline_desk::{
    ack::news::LocalTime,
    address::Register,
    case::TimelineEvent,
    clocks::{Clock, ClockKind},
    quiet_hours::{send_at, shopper_is_waiting},
    staffed_hours::{Answer, Staffing},
};
use lifeline_whatsapp::OutboundMessage;

use super::{actions, clocks, from_ms, status};
use crate::{
    events::DeskEvent,
    orders::Commerce,
    outbox::{self, DedupeKey, Outbox, Outgoing, To, Window},
    state::AppState,
    store::ConversationView,
};

/// The desk's clock for its promises: the real time, unless set (tests, and a demo that wants to show
/// the night shift at noon). Cheap to clone; every clone reads the same setting.
#[derive(Debug, Clone, Default)]
pub struct DeskClock(Arc<Mutex<Option<DateTime<Utc>>>>);

impl DeskClock {
    pub fn now(&self) -> DateTime<Utc> {
        self.0
            .lock()
            .map(|fixed| fixed.unwrap_or_else(Utc::now))
            .unwrap_or_else(|_| Utc::now())
    }

    /// Stops the clock at `at` (`None`: back to the real time).
    pub fn set(&self, at: Option<DateTime<Utc>>) {
        if let Ok(mut fixed) = self.0.lock() {
            *fixed = at;
        }
    }
}

/// `[desk.staffed_hours]`, checked; always staffed when absent.
pub fn staffing(desk: &toml::Table) -> anyhow::Result<Staffing> {
    let Some(v) = desk.get("staffed_hours") else {
        return Ok(Staffing::default());
    };
    let s: Staffing = v
        .clone()
        .try_into()
        .context("[desk.staffed_hours] in the configuration")?;
    s.check()
        .map_err(|e| anyhow::anyhow!("[desk.staffed_hours]: {e}"))?;
    Ok(s)
}

/// The shopper's time zone, as found from their phone's country; UTC when unknown.
pub fn shopper_zone(time_zone: Option<&str>) -> Tz {
    time_zone
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC)
}

/// When the team is back, for the acknowledgement, told in the shopper's zone; `None` while staffed.
pub fn team_back(answer: Answer, shopper_time_zone: Option<&str>) -> Option<LocalTime> {
    match answer {
        Answer::BackAt { back_at, .. } => Some(LocalTime {
            at: back_at,
            zone: shopper_zone(shopper_time_zone),
        }),
        Answer::Within { .. } => None,
    }
}

/// The store that answers on a number: the one that names it, else the only store.
fn store_of<'a>(commerce: &'a Commerce, phone_number_id: &'a str) -> Option<&'a str> {
    let serving: Vec<_> = commerce.for_number(phone_number_id).collect();
    serving
        .iter()
        .find(|s| s.numbers.iter().any(|n| n == phone_number_id))
        .or(serving.first().filter(|_| serving.len() == 1))
        .map(|s| s.name.as_str())
}

/// What a person's answer can be promised at `now` on a number.
pub fn answer_at(app: &AppState, phone_number_id: &str, now: DateTime<Utc>) -> Answer {
    let within = Duration::minutes(i64::from(app.config.greeting.promise_minutes.max(1)));
    let store = store_of(&app.commerce, phone_number_id);
    (app.desk.staffing).answer(phone_number_id, store, now, within)
}

pub async fn run(app: AppState) {
    loop {
        // One desk at a time tells shoppers a promise ran late, so each hears it once.
        let sweep = sweep_at(&app, app.desk.clock.now());
        if let Some(Err(e)) = crate::leases::exclusively(&app.store, "late-answers", sweep).await {
            tracing::warn!(error = format!("{e:#}"), "late answer check failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}

/// Promises read per sweep.
const PAGE: i64 = 200;

/// Looks at every promise whose time has come at `now`: settled if a person answered or the case is
/// over, the honest update queued otherwise (or left for a later sweep in the shopper's quiet hours).
/// Safe to run twice at once: the promise is settled in the update's transaction, under its key.
pub async fn sweep_at(app: &AppState, now: DateTime<Utc>) -> anyhow::Result<()> {
    for (case_id, by_at) in app
        .store
        .promised_answers_due(now.timestamp_millis(), PAGE)
        .await?
    {
        if let Err(e) = look_at(app, case_id, by_at, now).await {
            tracing::warn!(case_id, error = format!("{e:#}"), "late answer not told");
        }
    }
    Ok(())
}

/// What became of one promise, and the update it owes.
async fn look_at(
    app: &AppState,
    case_id: i64,
    by_at: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let at = now.timestamp_millis();
    let mut tx = app.store.begin().await?;
    let Some(row) = tx.lock_case(case_id).await? else {
        tx.settle_promised_answer(case_id, by_at, "closed", at)
            .await?;
        return tx.commit().await;
    };
    let answered = answered(&clocks(&row), by_at);
    let outcome = if answered {
        Some("answered")
    } else if !status(&row).is_open() {
        Some("closed")
    } else {
        None
    };
    if let Some(outcome) = outcome {
        tx.settle_promised_answer(case_id, by_at, outcome, at)
            .await?;
        return tx.commit().await;
    }
    let Some(c) = app.store.conversation(row.conversation_id).await? else {
        return Ok(());
    };
    if !Window::of(c.window_expires_at).is_open(at) {
        tx.settle_promised_answer(case_id, by_at, "window_closed", at)
            .await?;
        let note = TimelineEvent::NoteAdded {
            text: "a person's answer was late, and the shopper could not be told: the 24-hour window is closed".into(),
        };
        actions::record(&mut tx, &row, "system", &[note]).await?;
        return tx.commit().await;
    }
    let zone = shopper_zone(c.time_zone.as_deref());
    let waiting = shopper_is_waiting(c.last_inbound_at.map(from_ms), now);
    if send_at(now, zone, waiting, &app.desk.quiet) > now {
        return Ok(()); // their night: told when their morning opens, if still late then
    }
    let by = answer_at(app, &row.phone_number_id, now).by();
    let text = late_text(app, &c, by, zone).await?;
    if !tx
        .settle_promised_answer(case_id, by_at, "told", at)
        .await?
    {
        return Ok(()); // another desk just told them
    }
    let note = TimelineEvent::NoteAdded {
        text: format!(
            "no person answered by the time promised ({}); the shopper was told a colleague answers by {}",
            from_ms(by_at).format("%H:%M UTC"),
            by.format("%H:%M UTC")
        ),
    };
    actions::record(&mut tx, &row, "system", &[note]).await?;
    let body = OutboundMessage::Text {
        body: text,
        preview_url: false,
    };
    let key = DedupeKey::follow_up(case_id, &format!("answer-late:{by_at}"));
    let queued = outbox::queue(
        &mut tx,
        vec![Outgoing::new(To::from(&row), body, key, "lifeline")],
    )
    .await?;
    Outbox::of(app).commit(tx, &queued).await?;
    app.events.publish(DeskEvent::CaseChanged { case_id });
    Ok(())
}

/// Whether a person kept the promise due at `by_at`: its own promise clock when the promise has one (the
/// answer to a tap), else the first human reply's (the acknowledgement's promise).
fn answered(clocks: &[Clock], by_at: i64) -> bool {
    let own = clocks.iter().find(|c| {
        matches!(c.kind, ClockKind::Promise { .. }) && c.deadline.timestamp_millis() == by_at
    });
    match own {
        Some(promise) => promise.met_at.is_some(),
        None => clocks
            .iter()
            .any(|c| c.kind == ClockKind::FirstHumanReply && c.met_at.is_some()),
    }
}

/// "Sorry, we're taking longer than I said; a colleague answers by …", in the shopper's language,
/// register and time.
async fn late_text(
    app: &AppState,
    c: &ConversationView,
    by: DateTime<Utc>,
    zone: Tz,
) -> anyhow::Result<String> {
    let lang = c.language.as_deref().unwrap_or("en");
    let said = app.store.shopper_texts(c.id, 20).await?;
    let register = Register::of_conversation(lang, said.iter().map(String::as_str));
    let first = c
        .contact_name
        .as_deref()
        .and_then(|n| n.split_whitespace().next());
    Ok((app.desk.playbooks).answer_late(lang, register, first, LocalTime { at: by, zone }))
}
