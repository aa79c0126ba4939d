//! The sender: claims due outbox rows and delivers them through the Cloud API client, within the
//! number's throughput, the pair rate and the 24-hour window, retrying what WhatsApp says is transient.

use std::{sync::Arc, time::Duration};

use lifeline_whatsapp::{errors::retry_delay, ClientError, ErrorClass, OutboundMessage};
use tokio::sync::{mpsc, oneshot, watch, Semaphore};

use crate::{
    metrics::Metrics,
    state::AppState,
    store::{callback_data, now_ms, ClaimedSend},
};

/// Runs until `shutdown` flips, then waits for the sends in flight (SIGTERM drains).
pub async fn run(app: AppState, mut shutdown: watch::Receiver<bool>) {
    let recorder = Recorder::start(app.clone());
    let permits = Arc::new(Semaphore::new(app.config.sending.concurrency.max(1)));
    let mut last_settle = 0i64;
    loop {
        if *shutdown.borrow() {
            break;
        }
        if now_ms() - last_settle > 5_000 {
            last_settle = now_ms();
            settle(&app).await;
        }
        let free = permits.available_permits() as i64;
        let claimed = if free > 0 {
            match app
                .store
                .claim_due_outbox(free, app.config.sending.lease.as_millis() as i64)
                .await
            {
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
        for job in claimed {
            let Ok(permit) = permits.clone().acquire_owned().await else {
                break;
            };
            let app = app.clone();
            let recorder = recorder.clone();
            tokio::spawn(async move {
                let id = job.id;
                if let Err(e) = deliver(&app, &recorder, job).await {
                    tracing::error!(
                        message_id = id,
                        error = format!("{e:#}"),
                        "send not recorded; it will be settled"
                    );
                }
                drop(permit);
            });
        }
        if busy {
            continue;
        }
        let wait = match app.store.next_outbox_due().await {
            Ok(Some(due)) => (due - now_ms()).clamp(1, 1000) as u64,
            _ => 1000,
        };
        tokio::select! {
            _ = app.outbox_wake.notified() => {
                // Let the replies queued at about the same moment join one claim: the writer is the
                // desk's one serial resource, and each claim holds it.
                tokio::time::sleep(LINGER).await;
            }
            _ = tokio::time::sleep(Duration::from_millis(wait)) => {}
            _ = shutdown.changed() => {}
        }
    }
    // Drain: wait until every permit is back, i.e. every send in flight is recorded.
    let total = app.config.sending.concurrency.max(1) as u32;
    let _ = tokio::time::timeout(Duration::from_secs(20), permits.acquire_many(total)).await;
}

/// Settles rows a crash left in flight (see `Store::settle_in_flight`).
async fn settle(app: &AppState) {
    match app.store.expired_in_flight().await {
        Ok(ids) => {
            for id in ids {
                match app.store.settle_in_flight(id).await {
                    Ok(true) => {
                        tracing::info!(message_id = id, "in-flight send confirmed by its receipt")
                    }
                    Ok(false) => tracing::info!(message_id = id, "in-flight send requeued"),
                    Err(e) => {
                        tracing::warn!(message_id = id, error = format!("{e:#}"), "settle failed")
                    }
                }
            }
            app.outbox_wake.notify_one();
        }
        Err(e) => tracing::warn!(error = format!("{e:#}"), "in-flight check failed"),
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
            &job.contact_key,
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
    if msg.is_template() || matches!(msg, OutboundMessage::Reaction { .. }) {
        return Ok(Some(msg));
    }
    let open = job.window_expires_at.is_some_and(|t| t > now_ms());
    if open {
        return Ok(Some(msg));
    }
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
                .record_failed(
                    job.id,
                    Some(131047),
                    "window closed: send an approved template",
                )
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
    if let ClientError::Transport(_) = e {
        // Meta may or may not have accepted it: leave the lease to expire and let `settle` decide
        // from the receipts, so the shopper never gets the same reply twice.
        tracing::warn!(message_id = job.id, %reason, "send outcome unknown; settling after the lease");
        return Ok(());
    }
    let delay = match class {
        ErrorClass::Credential => {
            number.mark_unhealthy(code, &reason);
            Some(Duration::from_secs(60))
        }
        _ => retry_delay(class, job.attempts.max(1) as u32 - 1),
    };
    match delay {
        Some(d) => {
            Metrics::inc(&app.metrics.sends_retried);
            store
                .record_retry(job.id, now_ms() + d.as_millis() as i64, code, &reason)
                .await
        }
        None => {
            Metrics::inc(&app.metrics.sends_failed);
            store.record_failed(job.id, code, &reason).await
        }
    }
}

type Accepted = ((i64, String), oneshot::Sender<Result<(), String>>);

/// Records Meta's acceptances in groups: sends that finish while one group is being written join the
/// next, so a busy number costs one statement per group instead of one per send. Each send still waits
/// until its own wamid is stored before it counts as sent.
#[derive(Clone)]
struct Recorder(mpsc::Sender<Accepted>);

/// How long a woken sender or recorder waits for company before taking the writer.
const LINGER: Duration = Duration::from_millis(3);

/// The most acceptances written together.
const RECORD_BATCH: usize = 200;

impl Recorder {
    fn start(app: AppState) -> Recorder {
        let (tx, mut rx) = mpsc::channel::<Accepted>(1024);
        tokio::spawn(async move {
            while let Some(first) = rx.recv().await {
                tokio::time::sleep(LINGER).await;
                let mut jobs = vec![first];
                while jobs.len() < RECORD_BATCH {
                    match rx.try_recv() {
                        Ok(job) => jobs.push(job),
                        Err(_) => break,
                    }
                }
                let (sent, replies): (Vec<(i64, String)>, Vec<_>) = jobs.into_iter().unzip();
                let result = app
                    .store
                    .record_sent_many(&sent)
                    .await
                    .map_err(|e| format!("{e:#}"));
                for reply in replies {
                    let _ = reply.send(result.clone());
                }
            }
        });
        Recorder(tx)
    }

    async fn record(&self, id: i64, wamid: String) -> anyhow::Result<()> {
        let (tx, rx) = oneshot::channel();
        self.0
            .send(((id, wamid), tx))
            .await
            .map_err(|_| anyhow::anyhow!("the send recorder has stopped"))?;
        rx.await
            .map_err(|_| anyhow::anyhow!("the send recorder has stopped"))?
            .map_err(|e| anyhow::anyhow!(e))
    }
}
