//! `lifeline bench …`: the desk and the simulator as separate processes, measured from outside; figures
//! a person can compare.
//!
//! `ingest` (throughput, latency, and with several desks on one database: duplicates, inversions and
//! pacing) and `crash` (kill -9 under load, every shopper's acknowledgements counted) share the helpers
//! here: signed webhooks, percentiles and what `/proc` says about a process.

use std::time::Duration;

mod crash;
mod db;
mod ingest;
pub use crash::{crash, CrashArgs};
pub use ingest::{ingest, IngestArgs};

const SECRET: &str = "sandbox-app-secret";
const NUMBER: &str = "106540352242922";

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

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// One new shopper's first message, about order #1000–#9999, written now.
fn webhook_body(wa_id: &str, i: usize) -> Vec<u8> {
    let text = format!("Oi, meu pedido #{} ainda não chegou", 1000 + i % 9000);
    let said = Said {
        wa_id,
        name: &format!("Shopper {i}"),
        wamid: &format!("wamid.bench{i}"),
        timestamp: chrono::Utc::now().timestamp(),
        text: &text,
    };
    said.webhook()
}

/// A shopper's text message as Meta's webhook carries it.
struct Said<'a> {
    wa_id: &'a str,
    name: &'a str,
    wamid: &'a str,
    /// Unix seconds, as WhatsApp stamps it.
    timestamp: i64,
    text: &'a str,
}

impl Said<'_> {
    /// The webhook's body, to be signed with the app secret.
    fn webhook(&self) -> Vec<u8> {
        let value = serde_json::json!({
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": NUMBER},
            "contacts": [{"profile": {"name": self.name}, "wa_id": self.wa_id}],
            "messages": [{
                "from": self.wa_id, "id": self.wamid, "timestamp": self.timestamp.to_string(),
                "type": "text", "text": {"body": self.text},
            }],
        });
        let body = serde_json::json!({
            "object": "whatsapp_business_account",
            "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": value}]}],
        });
        // Meta escapes everything beyond ASCII.
        lifeline_sandbox::ascii_json(&body)
    }
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
