//! The sender: claims due outbox rows and delivers them through the Cloud API client, within the
//! number's throughput, the pair rate and the 24-hour window, retrying what WhatsApp says is transient.

use std::{sync::Arc, time::Duration};

use lifeline_whatsapp::{errors::retry_delay, ClientError, ErrorClass, OutboundMessage};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::recorder::Recorder;
use crate::{
    metrics::Metrics,
    state::AppState,
    store::{callback_data, now_ms, ClaimedSend},
};

/// Runs until `shutdown`, then waits for the sends in flight (SIGTERM drains); `recorder` stores what
/// Meta accepted and is stopped only after this returns.
pub async fn run(app: AppState, recorder: Recorder, shutdown: CancellationToken) {
    let permits = Arc::new(Semaphore::new(app.config.sending.concurrency.max(1)));
    let mut last_settle = 0i64;
    let mut leases = crate::leases::SendingLeases::new(
        app.numbers
            .iter()
            .map(|n| n.config.phone_number_id.clone())
            .collect(),
    );
    loop {
        if shutdown.is_cancelled() {
            break;
        }
        if now_ms() - last_settle > 5_000 {
            last_settle = now_ms();
            settle(&app).await;
        }
        let free = permits.available_permits() as i64;
        let claimed = if free > 0 {
            let scope = leases.scope(&app.store).await;
            let lease = app.config.sending.lease.as_millis() as i64;
            match app.store.claim_due_outbox_for(free, lease, scope).await {
                Ok(c) => c,
                Err(e) => {
                    tracing::warn!(error = format!("{e:#}"), "outbox claim failed");
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        // A full claim means more may be due right now; otherwise wait to be woken.
        let busy = free > 0 && claimed.len() as i64 == free;
        // Whether this claim found others due with the first: a busy moment, worth a short wait.
        let company = claimed.len() > 1;
        for job in claimed {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            let app = app.clone();
            let recorder = recorder.clone();
            let span = send_span(&job);
            tokio::spawn(
                async move {
                    let id = job.id;
                    if let Err(e) = deliver(&app, &recorder, job).await {
                        tracing::error!(
                            message_id = id,
                            error = format!("{e:#}"),
                            "send not recorded; it will be settled"
                        );
                    }
                    drop(permit);
                }
                .instrument(span),
            );
        }
        if busy {
            continue;
        }
        // Another desk's replies to shoppers of our numbers wake nobody here: look often enough that
        // they wait a fraction of a second, not the full idle pause.
        let idle = if leases.holds_all() { 1000 } else { 250 };
        let wait = match app.store.next_outbox_due(leases.current()).await {
            Ok(Some(due)) => (due - now_ms()).clamp(1, idle) as u64,
            _ => idle as u64,
        };
        tokio::select! {
            _ = app.outbox_wake.notified() => if company {
                // At a busy moment, let the replies of the next batch join this claim: the writer is
                // the desk's one serial resource, and each claim holds it. A lone reply goes at once.
                tokio::select! {
                    _ = app.outbox_wake.notified() => {}
                    _ = tokio::time::sleep(LINGER) => {}
                    _ = shutdown.cancelled() => {}
                }
            },
            _ = tokio::time::sleep(Duration::from_millis(wait)) => {}
            _ = shutdown.cancelled() => {}
        }
    }
    // Drain: wait until every permit is back, i.e. every send in flight is recorded.
    let total = app.config.sending.concurrency.max(1) as u32;
    let _ = tokio::time::timeout(Duration::from_secs(20), permits.acquire_many(total)).await;
    leases.release(&app.store).await;
}

/// One send, to be followed across desks: the message, the number, and the wamid once Meta gives it.
fn send_span(job: &ClaimedSend) -> tracing::Span {
    tracing::info_span!("send", desk = %crate::leases::this_desk(), message_id = job.id,
        number = %job.phone_number_id, wamid = tracing::field::Empty)
}

/// Settles sends whose outcome is unknown: a crash left them in flight, or Meta's answer was lost.
///
/// A receipt proves Meta accepted one, so it is recorded and never sent again. Without a receipt it is
/// held for the settle window after its lease ran out, and only then sent again: a receipt can lag by
/// many seconds, and sending at the first silence is how shoppers got the same reply twice. The cost
/// is that a reply Meta never received (the desk died before the request left) goes out that much later.
async fn settle(app: &AppState) {
    let window = app.config.sending.settle_window.as_millis() as i64;
    let now = now_ms();
    let rows = match app.store.in_flight_past_lease().await {
        Ok(rows) => rows,
        Err(e) => {
            tracing::warn!(error = format!("{e:#}"), "in-flight check failed");
            return;
        }
    };
    let mut requeued = false;
    let mut waiting = 0;
    for (id, lease_until) in rows {
        let settled = if now - lease_until >= window {
            app.store
                .settle_in_flight(id)
                .await
                .inspect(|&sent| requeued |= !sent)
        } else {
            app.store.confirm_from_receipt(id).await
        };
        match settled {
            Ok(true) => tracing::info!(message_id = id, "in-flight send confirmed by its receipt"),
            Ok(false) if now - lease_until >= window => {
                tracing::info!(
                    message_id = id,
                    "no receipt within the settle window; sending again"
                )
            }
            Ok(false) => waiting += 1,
            Err(e) => tracing::warn!(message_id = id, error = format!("{e:#}"), "settle failed"),
        }
    }
    app.metrics
        .sends_awaiting_receipt
        .store(waiting, std::sync::atomic::Ordering::Relaxed);
    if requeued {
        app.outbox_wake.notify_one();
    }
}

/// Sends one claimed message and records what happened.
async fn deliver(app: &AppState, recorder: &Recorder, job: ClaimedSend) -> anyhow::Result<()> {
    let store = &app.store;
    let Some(number) = app.numbers.get(&job.phone_number_id) else {
        store
            .record_failed(job.id, None, "this desk has no credentials for the number")
            .await?;
        return Ok(());
    };
    let msg: OutboundMessage = match job.payload_json.as_deref().map(serde_json::from_str) {
        Some(Ok(m)) => m,
        _ => {
            store
                .record_failed(job.id, None, "the stored message cannot be read")
                .await?;
            return Ok(());
        }
    };
    let Some(to) = job.recipient.clone() else {
        store
            .record_failed(
                job.id,
                None,
                "the shopper has no phone number or WhatsApp user id to send to",
            )
            .await?;
        return Ok(());
    };
    let msg = match window_check(app, &job, msg).await? {
        Some(m) => m,
        None => return Ok(()),
    };
    if let Some(wait) = number.pace(&job.contact_key) {
        Metrics::inc(&app.metrics.sends_deferred);
        store
            .defer(job.id, now_ms() + wait.as_millis() as i64 + 1)
            .await?;
        return Ok(());
    }
    let result = number
        .client
        .send(
            &to,
            &msg,
            job.reply_to.as_deref(),
            Some(&callback_data(job.id)),
        )
        .await;
    match result {
        Ok(sent) => {
            if std::env::var_os("LIFELINE_FAULT_ABORT_AFTER_SEND").is_some() {
                // Test hook: die between Meta's acceptance and our record of it.
                std::process::abort();
            }
            recorder.record(job.id, sent.wamid).await?;
            app.events
                .publish(crate::events::DeskEvent::OutboundChanged {
                    message_id: job.id,
                    status: "accepted".into(),
                });
            number.mark_healthy();
            Metrics::inc(&app.metrics.sends_accepted);
        }
        Err(e) => record_error(app, &job, number, e).await?,
    }
    Ok(())
}

/// Free-form messages only inside the 24-hour window; outside it, the fallback template or a clear failure.
async fn window_check(
    app: &AppState,
    job: &ClaimedSend,
    msg: OutboundMessage,
) -> anyhow::Result<Option<OutboundMessage>> {
    let window = crate::outbox::Window::of(job.window_expires_at);
    let Err(closed) = window.admits(&msg, None, now_ms()) else {
        return Ok(Some(msg));
    };
    let fallback: Option<OutboundMessage> = job
        .fallback_json
        .as_deref()
        .and_then(|f| serde_json::from_str(f).ok())
        .filter(OutboundMessage::is_template);
    match fallback {
        Some(t) => {
            app.store
                .replace_payload(job.id, t.type_name(), &serde_json::to_string(&t)?)
                .await?;
            Ok(Some(t))
        }
        None => {
            Metrics::inc(&app.metrics.sends_failed);
            app.store
                .record_failed(job.id, Some(131047), &closed.to_string())
                .await?;
            Ok(None)
        }
    }
}

async fn record_error(
    app: &AppState,
    job: &ClaimedSend,
    number: &crate::numbers::NumberRuntime,
    e: ClientError,
) -> anyhow::Result<()> {
    let store = &app.store;
    let code = e.code();
    let reason = match code {
        Some(c) => format!("{} — {e}", lifeline_whatsapp::errors::describe(c)),
        None => e.to_string(),
    };
    let class = e.class();
    if matches!(class, ErrorClass::Transient) {
        // The Graph API is failing (5xx, time-outs, unreachable): /readyz and the number's health say so
        // while the sends are retried.
        number.mark_outage(code, &reason);
    }
    if let ClientError::Transport(_) = e {
        // The request went out and no answer came: Meta may have accepted it. Leave it in flight and let
        // `settle` decide from the receipts, so the shopper never gets the same reply twice.
        let wait = humane_span(app.config.sending.settle_window);
        tracing::warn!(message_id = job.id, %reason, "send outcome unknown; waiting for its receipt");
        return store
            .note_outcome_unknown(
                job.id,
                &format!("{reason}; WhatsApp may have it: waiting up to {wait} for its receipt before sending again"),
            )
            .await;
    }
    if matches!(class, ErrorClass::Credential) {
        number.mark_unhealthy(code, &reason);
    }
    let now = now_ms();
    match next_attempt(app, job, class, now) {
        Retry::At(at) => {
            Metrics::inc(&app.metrics.sends_retried);
            let when = chrono::DateTime::from_timestamp_millis(at)
                .map(|t| t.format("%H:%M:%S UTC").to_string())
                .unwrap_or_default();
            store
                .record_retry(
                    job.id,
                    at,
                    code,
                    &format!("{reason} (trying again at {when})"),
                )
                .await
        }
        Retry::GaveUp(span) => {
            Metrics::inc(&app.metrics.sends_failed);
            let what = if is_acknowledgement(job) {
                "this automatic acknowledgement was dropped rather than sent late"
            } else {
                "not sent"
            };
            let last = e.to_string();
            store
                .record_failed(
                    job.id,
                    code,
                    &format!(
                        "Tried for {} through WhatsApp errors: {what} (last error: {last})",
                        humane_span(span)
                    ),
                )
                .await
        }
        Retry::Never => {
            Metrics::inc(&app.metrics.sends_failed);
            store.record_failed(job.id, code, &reason).await
        }
    }
}

/// What to do after a failed attempt.
enum Retry {
    /// Try again at this time (ms).
    At(i64),
    /// Transient, but it has been failing for the whole span allowed to a message of its kind.
    GaveUp(Duration),
    /// Permanent: trying again cannot help.
    Never,
}

fn is_acknowledgement(job: &ClaimedSend) -> bool {
    job.dedupe_key
        .as_deref()
        .is_some_and(|k| k.starts_with("ack:"))
}

/// Transient errors are retried with backoff for a span counted from when the message was due: long for
/// an agent's reply, short for an automatic acknowledgement; permanent ones never.
fn next_attempt(app: &AppState, job: &ClaimedSend, class: ErrorClass, now: i64) -> Retry {
    let attempt = job.attempts.max(1) as u32 - 1;
    let delay = match class {
        ErrorClass::Credential => Duration::from_secs(60),
        _ => match retry_delay(class, attempt.min(retry_delay_ceiling(class))) {
            Some(d) => d,
            None => return Retry::Never,
        },
    };
    let span = if is_acknowledgement(job) {
        app.config.sending.retry_acknowledgements_for
    } else {
        app.config.sending.retry_for
    };
    let due = job.not_before.unwrap_or(job.created_at).max(job.created_at);
    let at = now.saturating_add(delay.as_millis() as i64);
    if at > due.saturating_add(span.as_millis() as i64) {
        Retry::GaveUp(span)
    } else {
        Retry::At(at)
    }
}

/// The attempt whose backoff is the longest `retry_delay` still gives for `class`: later attempts wait as
/// long as that one, so the span, not an attempt count, decides when to stop.
fn retry_delay_ceiling(class: ErrorClass) -> u32 {
    (0..64)
        .take_while(|a| retry_delay(class, *a).is_some())
        .last()
        .unwrap_or(0)
}

/// "10 min", "12 h", "45 s".
fn humane_span(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..=119 => format!("{s} s"),
        120..=7199 => format!("{} min", s / 60),
        _ => format!("{} h", s / 3600),
    }
}

/// The longest a woken sender waits for the next batch's replies after a claim that had company.
const LINGER: Duration = Duration::from_millis(3);
