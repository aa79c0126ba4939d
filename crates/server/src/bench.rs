//! `lifeline bench ingest`: the desk and the simulator as separate processes on SQLite; signed webhooks
//! from concurrent connections; figures a person can compare.
//!
//! Phase 1 pushes as fast as the desk takes them (sustained inbound messages/s). Phase 2 offers a steady
//! 1,000 messages/s and measures webhook latency and inbound→acknowledgement latency (webhook POST until
//! the simulator receives the reply, seen on its live event feed). Peak RSS is the desk's VmHWM.
//!
//! `lifeline bench crash` (in `crash`) kills the desk with SIGKILL under load and counts every shopper's
//! acknowledgements.

use std::{
    collections::HashMap,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::Context;
use futures::StreamExt;
use tokio::sync::Semaphore;

mod crash;
pub use crash::{crash, CrashArgs};

const SECRET: &str = "sandbox-app-secret";
const NUMBER: &str = "106540352242922";

/// Options of `lifeline bench ingest`.
#[derive(clap::Args, Debug, Clone)]
pub struct IngestArgs {
    /// Messages in the saturation phase.
    #[arg(long, default_value_t = 20_000)]
    pub burst: usize,
    /// Concurrent connections.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Offered rate of the latency phase, messages/s.
    #[arg(long, default_value_t = 1000)]
    pub rate: u64,
    /// Length of the latency phase, seconds.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
}

struct Procs(Vec<Child>);
impl Drop for Procs {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

pub async fn ingest(args: IngestArgs) -> anyhow::Result<()> {
    let exe = std::env::current_exe()?;
    let dir =
        std::env::temp_dir().join(format!("lifeline-bench-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir)?;
    let (desk_port, sim_port) = (free_port()?, free_port()?);
    let desk = format!("http://127.0.0.1:{desk_port}");
    let sim = format!("http://127.0.0.1:{sim_port}");
    let config = dir.join("lifeline.toml");
    std::fs::write(
        &config,
        "[sending]\nthroughput_mps = 5000\nconcurrency = 64\n[greeting]\nenabled = true\n",
    )?;
    let quiet = || Stdio::null();
    let sim_child = Command::new(&exe)
        .args([
            "sim",
            "--bind",
            &format!("127.0.0.1:{sim_port}"),
            "--throughput-mps",
            "5000",
        ])
        .args(["--webhook-url", &format!("{desk}/webhooks/whatsapp")])
        .env("RUST_LOG", "warn")
        .stdout(quiet())
        .stderr(quiet())
        .spawn()
        .context("starting the simulator")?;
    let desk_child = Command::new(&exe)
        .args(["serve", "--config", config.to_str().unwrap_or_default()])
        .env("RUST_LOG", "warn")
        .env("LIFELINE_BIND", format!("127.0.0.1:{desk_port}"))
        .env("LIFELINE_DATA_DIR", &dir)
        .env("LIFELINE_DATABASE_URL", "sqlite://bench.db")
        .env("LIFELINE_WHATSAPP_API_BASE", format!("{sim}/graph"))
        .env("LIFELINE_WHATSAPP_PHONE_NUMBER_ID", NUMBER)
        .env("LIFELINE_WHATSAPP_ACCESS_TOKEN", "sandbox-access-token")
        .env("LIFELINE_WHATSAPP_APP_SECRET", SECRET)
        .stdout(quiet())
        .stderr(quiet())
        .spawn()
        .context("starting the desk")?;
    let desk_pid = desk_child.id();
    let sim_pid = sim_child.id();
    let _procs = Procs(vec![sim_child, desk_child]);
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()?;
    wait_up(&http, &format!("{desk}/healthz")).await?;
    wait_up(&http, &format!("{sim}/sandbox/api/stats")).await?;
    let acks = listen_for_acks(&http, &sim).await?;

    println!(
        "lifeline bench ingest: desk and simulator as separate processes, SQLite, {} connections",
        args.connections
    );
    // Phase 1: saturation.
    let cpu_before = (cpu_ms(desk_pid), cpu_ms(sim_pid));
    let started = Instant::now();
    let lat = post_many(&http, &desk, 0, args.burst, args.connections, None).await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  sustained inbound:            {:>8.0} messages/s ({} messages in {secs:.2} s)",
        args.burst as f64 / secs,
        args.burst
    );
    println!(
        "  webhook latency at saturation: p50 {:>6.2} ms  p99 {:>6.2} ms",
        pct(&lat, 0.50),
        pct(&lat, 0.99)
    );
    wait_for_acks(&acks, args.burst, Duration::from_secs(120)).await;
    let drained = started.elapsed().as_secs_f64();
    println!(
        "  all {} acknowledged after:    {drained:>8.2} s ({:.0} messages/s end to end)",
        args.burst,
        args.burst as f64 / drained
    );
    if let ((Some(d0), Some(s0)), Some(d1), Some(s1)) =
        (cpu_before, cpu_ms(desk_pid), cpu_ms(sim_pid))
    {
        // CPU time per message hardly depends on what else the machine is doing, unlike rates.
        println!(
            "  CPU per 1,000 messages:       desk {:>6.0} ms, simulator {:>6.0} ms",
            (d1 - d0) * 1000.0 / args.burst as f64,
            (s1 - s0) * 1000.0 / args.burst as f64
        );
    }

    // Phase 2: a steady offered rate.
    let n = (args.rate * args.seconds) as usize;
    let sent_at: Acks = Arc::default();
    let lat = post_many(
        &http,
        &desk,
        1_000_000,
        n,
        args.connections,
        Some((args.rate, sent_at.clone())),
    )
    .await?;
    println!(
        "  at {} messages/s for {} s:   webhook p50 {:>6.2} ms  p99 {:>6.2} ms",
        args.rate,
        args.seconds,
        pct(&lat, 0.50),
        pct(&lat, 0.99)
    );
    wait_for_acks(&acks, args.burst + n, Duration::from_secs(120)).await;
    let ack_lat: Vec<f64> = {
        let sent = sent_at.lock().map_err(|_| anyhow::anyhow!("lock"))?;
        let got = acks.lock().map_err(|_| anyhow::anyhow!("lock"))?;
        sent.iter()
            .filter_map(|(to, t0)| {
                got.get(to)
                    .map(|t1| t1.saturating_duration_since(*t0).as_secs_f64() * 1000.0)
            })
            .collect()
    };
    let mut ack_lat = ack_lat;
    ack_lat.sort_by(|a, b| a.total_cmp(b));
    println!(
        "  inbound→acknowledgement:      p50 {:>6.2} ms  p99 {:>6.2} ms  ({} of {} acknowledged)",
        pct(&ack_lat, 0.50),
        pct(&ack_lat, 0.99),
        ack_lat.len(),
        n
    );
    if let Some(kb) = peak_rss_kb(desk_pid) {
        println!(
            "  desk peak RSS:                {:>8.1} MiB",
            kb as f64 / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

async fn wait_up(http: &reqwest::Client, url: &str) -> anyhow::Result<()> {
    for _ in 0..200 {
        if http
            .get(url)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("{url} did not come up")
}

/// When something happened for each shopper (first reply seen, or message sent).
type Acks = Arc<Mutex<HashMap<String, Instant>>>;

/// Follows the simulator's live feed and notes when the first reply to each shopper was accepted.
async fn listen_for_acks(http: &reqwest::Client, sim: &str) -> anyhow::Result<Acks> {
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

async fn wait_for_acks(acks: &Acks, n: usize, limit: Duration) {
    let t = Instant::now();
    while t.elapsed() < limit && acks.lock().map(|m| m.len()).unwrap_or(0) < n {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Posts `n` signed webhooks, one new shopper each; `paced` offers them at a fixed rate.
async fn post_many(
    http: &reqwest::Client,
    desk: &str,
    offset: usize,
    n: usize,
    connections: usize,
    paced: Option<(u64, Acks)>,
) -> anyhow::Result<Vec<f64>> {
    let permits = Arc::new(Semaphore::new(connections));
    let lat: Arc<Mutex<Vec<f64>>> = Arc::new(Mutex::new(Vec::with_capacity(n)));
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(n);
    for i in 0..n {
        if let Some((rate, _)) = &paced {
            let due = start + Duration::from_secs_f64(i as f64 / *rate as f64);
            tokio::time::sleep_until(due.into()).await;
        }
        let permit = permits.clone().acquire_owned().await?;
        let wa_id = format!("55119{:08}", offset + i);
        let body = webhook_body(&wa_id, offset + i);
        let sig = lifeline_whatsapp::signature::sign(SECRET.as_bytes(), &body);
        let http = http.clone();
        let url = format!("{desk}/webhooks/whatsapp");
        let lat = lat.clone();
        let sent_at = paced.as_ref().map(|(_, m)| m.clone());
        tasks.push(tokio::spawn(async move {
            let t0 = Instant::now();
            if let Some(m) = sent_at {
                if let Ok(mut m) = m.lock() {
                    m.insert(wa_id.clone(), t0);
                }
            }
            let ok = http
                .post(url)
                .header("content-type", "application/json")
                .header("x-hub-signature-256", sig)
                .body(body)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ok {
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
    let mut v = Arc::try_unwrap(lat)
        .map_err(|_| anyhow::anyhow!("busy"))?
        .into_inner()
        .map_err(|_| anyhow::anyhow!("lock"))?;
    v.sort_by(|a, b| a.total_cmp(b));
    Ok(v)
}

fn webhook_body(wa_id: &str, i: usize) -> Vec<u8> {
    let ts = chrono::Utc::now().timestamp();
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"{NUMBER}"}},"contacts":[{{"profile":{{"name":"Shopper {i}"}},"wa_id":"{wa_id}"}}],"messages":[{{"from":"{wa_id}","id":"wamid.bench{i}","timestamp":"{ts}","type":"text","text":{{"body":"Oi, meu pedido #{} ainda n\u00e3o chegou"}}}}]}}}}]}}]}}"#,
        1000 + i % 9000
    )
    .into_bytes()
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// User and system CPU time a process has used, in milliseconds.
fn cpu_ms(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) start at the last ')'.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every architecture it runs on.
    Some(ticks * 10.0)
}

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
