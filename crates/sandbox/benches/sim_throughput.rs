//! How fast the simulator itself goes, so it is never the bottleneck of the desk's ingest benchmark.
//!
//! `cargo bench -p lifeline-sandbox --bench sim_throughput --profile dev` (figures of a debug build; an optimised
//! build is faster). Prints inbound webhooks/s with delivery latency, and send API requests/s with latency.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use lifeline_sandbox::{Sandbox, Shopper, ShopperMessage, SimConfig};
use serde_json::{json, Value};

type Arrivals = Arc<Mutex<HashMap<String, Instant>>>;

async fn receiver(State(arrivals): State<Arrivals>, raw: Bytes) -> &'static str {
    let now = Instant::now();
    let payload: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    let mut map = arrivals.lock().unwrap();
    for entry in payload["entry"].as_array().into_iter().flatten() {
        for change in entry["changes"].as_array().into_iter().flatten() {
            for m in change["value"]["messages"].as_array().into_iter().flatten() {
                map.entry(m["id"].as_str().unwrap_or_default().to_string())
                    .or_insert(now);
            }
        }
    }
    "ok"
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Shopper messages as a burst (`rate` None) or paced at `rate` per second; prints rate and delivery latency.
async fn inbound(
    sb: &Sandbox,
    arrivals: &Arrivals,
    phone_number_id: &str,
    n: usize,
    rate: Option<u64>,
) {
    arrivals.lock().unwrap().clear();
    let mut tick = rate.map(|r| tokio::time::interval(Duration::from_micros(1_000_000 / r.max(1))));
    let started = Instant::now();
    let mut sent = Vec::with_capacity(n);
    for i in 0..n {
        if let Some(t) = tick.as_mut() {
            t.tick().await;
        }
        let shopper = Shopper {
            wa_id: format!("55119{:08}", i % 500),
            name: "Bench".into(),
            user_id: None,
            phone_number_id: phone_number_id.to_string(),
        };
        let at = Instant::now();
        let wamid = sb
            .shopper_says(
                &shopper,
                ShopperMessage::Text(format!("pedido #{i} não chegou 📦")),
            )
            .await;
        sent.push((wamid, at));
        if i % 100 == 99 {
            tokio::task::yield_now().await;
        }
    }
    while arrivals.lock().unwrap().len() < n && started.elapsed() < Duration::from_secs(120) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let elapsed = started.elapsed();
    let map = arrivals.lock().unwrap();
    let mut lat: Vec<Duration> = sent
        .iter()
        .filter_map(|(w, at)| map.get(w).map(|t| *t - *at))
        .collect();
    lat.sort();
    println!(
        "inbound ({}): {} webhooks in {:.2?} = {:.0}/s; delivery latency p50 {:.2?} p99 {:.2?}",
        rate.map_or("burst".to_string(), |r| format!("paced at {r}/s")),
        lat.len(),
        elapsed,
        lat.len() as f64 / elapsed.as_secs_f64(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
}

async fn sends(base: &str, token: &str, phone_number_id: &str, n: usize, clients: usize) {
    let http = reqwest::Client::new();
    let url = format!("{base}/graph/v23.0/{phone_number_id}/messages");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (http, url, token) = (http.clone(), url.clone(), token.to_string());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            for i in (c..n).step_by(clients) {
                let body = json!({"messaging_product": "whatsapp", "to": format!("55119{:08}", i % 500),
                                  "type": "text", "text": {"body": "Já estou verificando o seu pedido."}});
                let at = Instant::now();
                let resp = http.post(&url).bearer_auth(&token).json(&body).send().await;
                if resp.map(|r| r.status().is_success()).unwrap_or(false) {
                    lat.push(at.elapsed());
                }
            }
            lat
        }));
    }
    let mut lat = Vec::new();
    for t in tasks {
        lat.extend(t.await.unwrap_or_default());
    }
    let elapsed = started.elapsed();
    lat.sort();
    println!(
        "send API: {} accepted of {n} from {clients} connections in {:.2?} = {:.0}/s; latency p50 {:.2?} p99 {:.2?}",
        lat.len(),
        elapsed,
        lat.len() as f64 / elapsed.as_secs_f64(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99)
    );
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("SIM_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    let arrivals: Arrivals = Arc::default();
    let hook = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook_url = format!("http://{}/hook", hook.local_addr().unwrap());
    let app = Router::new()
        .route("/hook", post(receiver))
        .with_state(arrivals.clone());
    tokio::spawn(async move { axum::serve(hook, app).await.unwrap() });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = SimConfig::demo(&hook_url, &base);
    config.throughput_mps = 1_000_000;
    config.pair_burst = 1_000_000;
    let number = config.numbers[0].clone();
    let sb = Sandbox::new(config);
    let router = sb.router();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });

    inbound(&sb, &arrivals, &number.phone_number_id, n, None).await;
    inbound(
        &sb,
        &arrivals,
        &number.phone_number_id,
        n.min(3000),
        Some(1000),
    )
    .await;
    sends(&base, &number.access_token, &number.phone_number_id, n, 16).await;
    let stats = sb.stats();
    println!(
        "stats: accepted {} · webhooks delivered {} retried {} dropped {}",
        stats.accepted_sends,
        stats.webhooks_delivered,
        stats.webhooks_retried,
        stats.webhooks_dropped
    );
}
