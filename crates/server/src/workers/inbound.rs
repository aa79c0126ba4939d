//! Inbound workers: messages of one shopper are handled in order, shoppers in parallel.
//!
//! The webhook hands each stored message to the shard of its contact; a sweeper re-dispatches anything
//! left unprocessed (after a crash, or by another desk sharing the database).

use std::{
    hash::{DefaultHasher, Hash, Hasher},
    time::Duration,
};

use tokio::sync::mpsc;

use crate::{
    metrics::Metrics,
    state::AppState,
    store::{ContactFacts, NewOutbound, PendingInbound, ProcessedInbound},
};

/// The 24-hour customer service window.
pub const WINDOW_MS: i64 = 24 * 3600 * 1000;

/// Hands message ids to the worker of their contact.
#[derive(Clone)]
pub struct Dispatcher {
    shards: Vec<mpsc::UnboundedSender<i64>>,
}

impl Dispatcher {
    /// Creates the shards; the receivers go to [`spawn`].
    pub fn new(workers: usize) -> (Dispatcher, Vec<mpsc::UnboundedReceiver<i64>>) {
        let (tx, rx): (Vec<_>, Vec<_>) = (0..workers.max(1)).map(|_| mpsc::unbounded_channel()).unzip();
        (Dispatcher { shards: tx }, rx)
    }

    /// Queues a stored message for its contact's worker.
    pub fn dispatch(&self, id: i64, contact_key: &str) {
        let mut h = DefaultHasher::new();
        contact_key.hash(&mut h);
        let shard = (h.finish() % self.shards.len() as u64) as usize;
        let _ = self.shards[shard].send(id);
    }
}

/// Starts one task per shard and the sweeper.
pub fn spawn(app: AppState, receivers: Vec<mpsc::UnboundedReceiver<i64>>) {
    for mut rx in receivers {
        let app = app.clone();
        tokio::spawn(async move {
            while let Some(id) = rx.recv().await {
                if let Err(e) = handle(&app, id).await {
                    tracing::error!(message_id = id, error = format!("{e:#}"), "inbound message not processed; will retry");
                }
            }
        });
    }
    tokio::spawn(sweep(app));
}

async fn sweep(app: AppState) {
    let mut first = true;
    loop {
        // At start-up, pick up everything; afterwards only what has waited a while.
        let older_than = if first { 0 } else { 10_000 };
        first = false;
        match app.store.pending_inbound(older_than, 1000).await {
            Ok(rows) => {
                for r in rows {
                    app.inbound.dispatch(r.id, &r.contact_key);
                }
            }
            Err(e) => tracing::warn!(error = format!("{e:#}"), "inbound sweep failed"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}

/// Handles one inbound message: contact, conversation and window, then the acknowledgement, all in
/// one transaction so the decision and the reply it causes are stored together.
async fn handle(app: &AppState, id: i64) -> anyhow::Result<()> {
    let Some(msg) = app.store.inbound_by_id(id).await? else {
        return Ok(()); // already handled
    };
    let contact = contact_facts(&msg);
    let mut tx = app.store.begin().await?;
    let (contact_id, known) = tx.upsert_contact(&contact).await?;
    let conv = tx
        .touch_conversation(contact_id, &msg.phone_number_id, msg.sent_at, WINDOW_MS)
        .await?;
    let silence = app.config.greeting.new_conversation_after.as_millis() as i64;
    let is_new = conv
        .previous_inbound_at
        .is_none_or(|prev| msg.sent_at - prev > silence);
    tx.mark_processed(&ProcessedInbound {
        message_id: msg.id,
        conversation_id: conv.id,
        triage_json: None,
    })
    .await?;
    let mut queued = false;
    if is_new && app.config.greeting.enabled && msg.msg_type != "reaction" {
        let text = acknowledgement(app, &known);
        let body = lifeline_whatsapp::OutboundMessage::Text { body: text.clone(), preview_url: false };
        queued = tx
            .enqueue_outbound(&NewOutbound {
                conversation_id: conv.id,
                phone_number_id: msg.phone_number_id.clone(),
                contact_key: msg.contact_key.clone(),
                msg_type: "text".into(),
                body: Some(text),
                payload_json: serde_json::to_string(&body)?,
                dedupe_key: Some(format!("ack:{}", msg.id)),
                author: Some("lifeline".into()),
                ..Default::default()
            })
            .await?
            .is_some();
    }
    tx.commit().await?;
    Metrics::inc(&app.metrics.inbound_processed);
    if queued {
        Metrics::inc(&app.metrics.acknowledgements);
        app.outbox_wake.notify_one();
    }
    Ok(())
}

/// What the message tells about its sender: keys, name, and the country of the phone number.
fn contact_facts(msg: &PendingInbound) -> ContactFacts {
    let raw: serde_json::Value = msg
        .raw_json
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_default();
    let wa_id = raw.get("from").and_then(|v| v.as_str()).map(String::from);
    let user_id = raw.get("from_user_id").and_then(|v| v.as_str()).map(String::from);
    let country = wa_id.as_deref().and_then(country_of);
    let (language, time_zone) = country.as_deref().map(crate::locale::for_country).unwrap_or((None, None));
    ContactFacts {
        contact_key: msg.contact_key.clone(),
        wa_id,
        user_id,
        name: msg.contact_name.clone(),
        country,
        time_zone: time_zone.map(String::from),
        language: language.map(String::from),
    }
}

/// ISO country of a WhatsApp id (phone digits), from its calling code.
pub fn country_of(wa_id: &str) -> Option<String> {
    let n = phonenumber::parse(None, format!("+{wa_id}")).ok()?;
    n.country().id().map(|c| c.as_ref().to_string())
}

fn acknowledgement(app: &AppState, contact: &ContactFacts) -> String {
    if let Some(text) = &app.config.greeting.text {
        return text.replace("{name}", contact.name.as_deref().unwrap_or(""));
    }
    crate::locale::acknowledgement(contact, app.config.greeting.promise_minutes)
}
