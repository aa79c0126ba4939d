//! Offering webhooks to the desks, each in turn, and watching the simulator for the replies.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use futures::StreamExt;
use tokio::sync::Semaphore;

use super::super::{webhook_body, SECRET};

/// When something happened for each shopper (first reply seen, or message sent).
pub(super) type Acks = Arc<Mutex<HashMap<String, Instant>>>;

/// The wa_id of the `i`th shopper the benchmark invents (5511900000000 is the simulator's number that is
/// not on WhatsApp, so numbering starts at 1).
pub(super) fn shopper(i: usize) -> String {
    format!("55119{:08}", i + 1)
}

/// Follows the simulator's live feed and notes when the first reply to each shopper was accepted.
pub(super) async fn listen_for_acks(http: &reqwest::Client, sim: &str) -> anyhow::Result<Acks> {
    let acks: Acks = Arc::default();
    let resp = http.get(format!("{sim}/sandbox/api/events")).send().await?;
    let sink = acks.clone();
    tokio::spawn(async move {
        let mut stream = resp.bytes_stream();
        let mut buf = Vec::new();
        while let Some(Ok(chunk)) = stream.next().await {
            buf.extend_from_slice(&chunk);
            while let Some(pos) = buf.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = buf.drain(..=pos).collect();
                let Some(data) = line.strip_prefix(b"data:") else {
                    continue;
                };
                let Ok(v) = serde_json::from_slice::<serde_json::Value>(data) else {
                    continue;
                };
                if v["event"] == "accepted" {
                    if let Some(to) = v["to"].as_str() {
                        let to = to.trim_start_matches('+').to_string();
                        if let Ok(mut m) = sink.lock() {
                            m.entry(to).or_insert_with(Instant::now);
                        }
                    }
                }
            }
        }
    });
    Ok(acks)
}

/// Waits until `n` shoppers have had a reply, or `limit` passes.
pub(super) async fn wait_for_acks(acks: &Acks, n: usize, limit: Duration) {
    let t = Instant::now();
    while t.elapsed() < limit && acks.lock().map(|m| m.len()).unwrap_or(0) < n {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Posts one signed webhook; true on a 2xx.
pub(super) async fn post(http: &reqwest::Client, desk: &str, body: Vec<u8>) -> bool {
    let sig = lifeline_whatsapp::signature::sign(SECRET.as_bytes(), &body);
    http.post(format!("{desk}/webhooks/whatsapp"))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", sig)
        .body(body)
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
}

/// Posts `n` signed webhooks, one new shopper each (numbered from `offset`), to the desks in turn;
/// `paced` offers them at a fixed rate and notes when each went. Returns the sorted latencies in ms.
pub(super) async fn post_many(
    http: &reqwest::Client,
    desks: &[String],
    offset: usize,
    n: usize,
    connections: usize,
    paced: Option<(u64, Acks)>,
) -> anyhow::Result<Vec<f64>> {
    let permits = Arc::new(Semaphore::new(connections.max(1)));
    let lat: Arc<Mutex<Vec<f64>>> = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        if let Some((rate, _)) = &paced {
            let due = start + Duration::from_secs_f64(i as f64 / (*rate).max(1) as f64);
            tokio::time::sleep_until(due.into()).await;
        }
        let permit = permits.clone().acquire_owned().await?;
        let wa_id = shopper(offset + i);
        let body = webhook_body(&wa_id, offset + i);
        let (http, desk, lat) = (http.clone(), desks[i % desks.len()].clone(), lat.clone());
        let sent_at = paced.as_ref().map(|(_, m)| m.clone());
        tasks.push(tokio::spawn(async move {
            let t0 = Instant::now();
            if let Some(Ok(mut m)) = sent_at.as_ref().map(|m| m.lock()) {
                m.insert(wa_id, t0);
            }
            if post(&http, &desk, body).await {
                if let Ok(mut l) = lat.lock() {
                    l.push(t0.elapsed().as_secs_f64() * 1000.0);
                }
            }
            drop(permit);
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let mut v = lat.lock().map_err(|_| anyhow::anyhow!("lock"))?.clone();
    v.sort_by(|a, b| a.total_cmp(b));
    Ok(v)
}
