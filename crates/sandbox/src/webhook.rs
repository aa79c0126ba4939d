//! Webhook delivery as Meta does it: signed ASCII JSON POSTs, sometimes batched, duplicated or late,
//! retried with backoff on anything but 200, and finally dropped.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use tokio::sync::{mpsc, Semaphore};

use crate::config::{Chaos, SimConfig};
use crate::wire::{ascii_json, signature};

/// One `changes[].value` waiting to be delivered for a business number.
#[derive(Debug)]
pub(crate) struct Update {
    pub phone_number_id: String,
    pub value: Value,
    /// Statuses may be held back under chaos so later ones overtake them.
    pub may_reorder: bool,
}

/// Delivery counters, shared with the stats endpoint.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub delivered: AtomicU64,
    pub retried: AtomicU64,
    pub dropped: AtomicU64,
    pub duplicated: AtomicU64,
    pub batched: AtomicU64,
    /// Updates queued or in flight (not yet delivered or dropped).
    pub pending: AtomicU64,
}

struct Courier {
    http: reqwest::Client,
    /// The desk, or the desks behind one load balancer, taken in turn.
    urls: Vec<String>,
    turn: AtomicUsize,
    /// phone_number_id → (waba_id, app_secret)
    numbers: BTreeMap<String, (String, String)>,
    chaos: Chaos,
    retry_schedule: Vec<Duration>,
    pool: Semaphore,
    counters: Arc<Counters>,
    rng: Mutex<StdRng>,
}

impl Courier {
    fn chance(&self, p: f64) -> bool {
        p > 0.0
            && self
                .rng
                .lock()
                .map(|mut r| r.gen_bool(p.clamp(0.0, 1.0)))
                .unwrap_or(false)
    }

    fn jitter_ms(&self, lo: u64, hi: u64) -> Duration {
        let ms = self
            .rng
            .lock()
            .map(|mut r| r.gen_range(lo..=hi))
            .unwrap_or(lo);
        Duration::from_millis(ms)
    }
}

/// Starts the delivery task; returns the queue to push updates into.
pub(crate) fn spawn(config: &SimConfig, counters: Arc<Counters>) -> mpsc::UnboundedSender<Update> {
    let (tx, rx) = mpsc::unbounded_channel();
    let http = reqwest::Client::builder()
        .timeout(config.webhook_timeout)
        .build()
        .unwrap_or_default();
    let numbers = config
        .numbers
        .iter()
        .map(|n| {
            (
                n.phone_number_id.clone(),
                (n.waba_id.clone(), n.app_secret.clone()),
            )
        })
        .collect();
    let courier = Arc::new(Courier {
        http,
        urls: std::iter::once(config.webhook_url.clone())
            .chain(config.load_balanced.iter().cloned())
            .collect(),
        turn: AtomicUsize::new(0),
        numbers,
        chaos: config.chaos.clone(),
        retry_schedule: config.retry_schedule.clone(),
        pool: Semaphore::new(config.webhook_concurrency.max(1)),
        counters,
        rng: Mutex::new(StdRng::from_entropy()),
    });
    tokio::spawn(dispatch(courier, rx));
    tx
}

async fn dispatch(courier: Arc<Courier>, mut rx: mpsc::UnboundedReceiver<Update>) {
    while let Some(first) = rx.recv().await {
        let mut batch = vec![first];
        if courier.chance(courier.chaos.batch) {
            let linger = tokio::time::sleep(courier.chaos.batch_linger);
            tokio::pin!(linger);
            while batch.len() < 50 {
                tokio::select! {
                    next = rx.recv() => match next { Some(u) => batch.push(u), None => break },
                    _ = &mut linger => break,
                }
            }
        }
        for (secret, updates) in group_by_app(&courier, batch) {
            let delay =
                if updates.iter().any(|u| u.may_reorder) && courier.chance(courier.chaos.reorder) {
                    courier.jitter_ms(30, 120)
                } else {
                    Duration::ZERO
                };
            if updates.len() > 1 {
                courier.counters.batched.fetch_add(1, Ordering::Relaxed);
            }
            tokio::spawn(deliver(courier.clone(), updates, secret, delay));
        }
    }
}

/// Webhooks are signed per Meta app, so only updates of numbers sharing an app secret travel together.
fn group_by_app(courier: &Courier, batch: Vec<Update>) -> Vec<(String, Vec<Update>)> {
    let mut groups: Vec<(String, Vec<Update>)> = Vec::new();
    for update in batch {
        let Some((_, secret)) = courier.numbers.get(&update.phone_number_id) else {
            tracing::warn!(phone_number_id = %update.phone_number_id, "sandbox: update for an unknown number dropped");
            courier.counters.pending.fetch_sub(1, Ordering::Relaxed);
            continue;
        };
        match groups.iter_mut().find(|(s, _)| s == secret) {
            Some((_, list)) => list.push(update),
            None => groups.push((secret.clone(), vec![update])),
        }
    }
    groups
}

/// `{"object":"whatsapp_business_account","entry":[{"id":waba,"changes":[...]}]}`, one entry per WABA.
fn envelope(courier: &Courier, updates: Vec<Update>) -> Vec<u8> {
    let mut entries: Vec<(String, Vec<Value>)> = Vec::new();
    for u in updates {
        let waba = courier
            .numbers
            .get(&u.phone_number_id)
            .map(|(w, _)| w.clone())
            .unwrap_or_default();
        let change = json!({"value": u.value, "field": "messages"});
        match entries.iter_mut().find(|(w, _)| *w == waba) {
            Some((_, changes)) => changes.push(change),
            None => entries.push((waba, vec![change])),
        }
    }
    let entry: Vec<Value> = entries
        .into_iter()
        .map(|(id, changes)| json!({"id": id, "changes": changes}))
        .collect();
    ascii_json(&json!({"object": "whatsapp_business_account", "entry": entry}))
}

async fn deliver(courier: Arc<Courier>, updates: Vec<Update>, secret: String, delay: Duration) {
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let count = updates.len() as u64;
    let body = envelope(&courier, updates);
    let sig = signature(&secret, &body);
    let body = bytes::Bytes::from(body);
    let delivered = post_with_retries(&courier, &body, &sig).await;
    courier.counters.pending.fetch_sub(count, Ordering::Relaxed);
    if delivered && courier.chance(courier.chaos.duplicate) {
        courier.counters.duplicated.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(courier.jitter_ms(5, 60)).await;
        post_with_retries(&courier, &body, &sig).await;
    }
}

/// POSTs until a 200 or the end of the retry schedule; true when delivered. Behind a load balancer each
/// delivery starts at the next desk in turn and each retry goes to the desk after the one that failed.
async fn post_with_retries(courier: &Courier, body: &bytes::Bytes, sig: &str) -> bool {
    let first = courier.turn.fetch_add(1, Ordering::Relaxed);
    let mut attempt = 0;
    loop {
        let url = &courier.urls[(first + attempt) % courier.urls.len()];
        if post_once(courier, url, body, sig).await {
            courier.counters.delivered.fetch_add(1, Ordering::Relaxed);
            return true;
        }
        let Some(wait) = courier.retry_schedule.get(attempt) else {
            courier.counters.dropped.fetch_add(1, Ordering::Relaxed);
            tracing::warn!("sandbox: webhook dropped after {} attempts", attempt + 1);
            return false;
        };
        courier.counters.retried.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(*wait).await;
        attempt += 1;
    }
}

async fn post_once(courier: &Courier, url: &str, body: &bytes::Bytes, sig: &str) -> bool {
    let Ok(_permit) = courier.pool.acquire().await else {
        return false;
    };
    let result = courier
        .http
        .post(url)
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", sig)
        .body(body.clone())
        .send()
        .await;
    match result {
        Ok(resp) => resp.status().as_u16() == 200,
        Err(e) => {
            tracing::debug!(error = %e, "sandbox: webhook POST failed");
            false
        }
    }
}

/// Meta's verification GET: `hub.mode=subscribe`, a random `hub.challenge` and the verify token; the endpoint
/// must answer 200 with the challenge as its body.
pub(crate) async fn handshake(url: &str, verify_token: &str) -> Result<(), String> {
    let challenge = format!(
        "{}",
        rand::thread_rng().gen_range(1_000_000_000u64..9_999_999_999u64)
    );
    let resp = reqwest::Client::new()
        .get(url)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.challenge", challenge.as_str()),
            ("hub.verify_token", verify_token),
        ])
        .send()
        .await
        .map_err(|e| format!("the webhook URL could not be reached: {e}"))?;
    let status = resp.status().as_u16();
    let body = resp
        .text()
        .await
        .map_err(|e| format!("the webhook answer could not be read: {e}"))?;
    if status != 200 {
        return Err(format!(
            "the webhook answered {status}; Meta would not verify it"
        ));
    }
    if body.trim() != challenge {
        return Err("the webhook did not echo hub.challenge as its body".to_string());
    }
    Ok(())
}
