//! Counting a crash run from outside the desk: its database for what it stored and what it still owes,
//! the simulator's record for what each shopper received.
//!
//! The queries here read the desk's tables directly instead of going through its store: the benchmark
//! checks the desk, so it must not trust the desk's own code to count for it.

use std::{
    collections::HashMap,
    path::Path,
    time::{Duration, Instant},
};

use futures::StreamExt;
use serde_json::Value;

/// What the desk's database holds.
pub(super) struct DeskCounts {
    /// Inbound rows, and how many distinct wamids they have.
    inbound: i64,
    inbound_wamids: i64,
    /// Inbound messages the workers have not handled yet.
    unhandled: i64,
    /// Outbound rows, and how many of them are still queued or in flight.
    outbound: i64,
    owed: i64,
}

impl DeskCounts {
    async fn read(db: &sqlx::AnyPool) -> anyhow::Result<DeskCounts> {
        let (inbound, inbound_wamids, unhandled): (i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(DISTINCT wamid), COUNT(CASE WHEN processed_at IS NULL THEN 1 END) \
             FROM messages WHERE direction = 'in'",
        )
        .fetch_one(db)
        .await?;
        let (outbound, owed): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(CASE WHEN status IN ('queued', 'sending') THEN 1 END) \
             FROM messages WHERE direction = 'out'",
        )
        .fetch_one(db)
        .await?;
        Ok(DeskCounts {
            inbound,
            inbound_wamids,
            unhandled,
            outbound,
            owed,
        })
    }

    /// Every message handled and no reply left that could still go out.
    fn settled(&self, messages: usize) -> bool {
        self.inbound >= messages as i64 && self.unhandled == 0 && self.owed == 0
    }

    pub(super) fn print(&self) {
        println!(
            "  desk stored: {} inbound messages ({} distinct wamids); {} replies, {} still queued or in flight",
            self.inbound, self.inbound_wamids, self.outbound, self.owed
        );
    }
}

/// Polls the desk's database until nothing more can be sent, or the deadline passes; None when it could
/// not be read at all.
pub(super) async fn wait_settled(
    db: &sqlx::AnyPool,
    messages: usize,
    deadline: Instant,
) -> Option<DeskCounts> {
    let mut last = None;
    let mut said = Instant::now();
    loop {
        match DeskCounts::read(db).await {
            Ok(counts) if counts.settled(messages) => return Some(counts),
            Ok(counts) => {
                if said.elapsed() > Duration::from_secs(20) {
                    said = Instant::now();
                    println!(
                        "  … {} of {messages} messages handled, {} replies queued or awaiting a receipt",
                        counts.inbound - counts.unhandled,
                        counts.owed
                    );
                }
                last = Some(counts);
            }
            Err(e) => tracing::warn!(error = format!("{e:#}"), "reading the desk's database"),
        }
        if Instant::now() > deadline {
            return last;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// What the simulator accepted for each shopper.
pub(super) struct Tally {
    shoppers: usize,
    /// Shoppers with exactly one reply, and with none.
    once: usize,
    none: usize,
    /// Shoppers with two or more.
    pub(super) duplicated: usize,
    /// Of the extra replies, how many repeat an outbox row already accepted (the same callback data).
    same_row_again: usize,
    /// A few `lifeline:{id}` callbacks accepted more than once, for the investigation.
    examples: Vec<String>,
    /// Sends the simulator counted in all, to check the per-shopper reads against.
    accepted_sends: u64,
}

impl Tally {
    /// Reads every shopper's thread from the simulator's phone API (404: it never wrote to them).
    pub(super) async fn from_simulator(
        http: &reqwest::Client,
        sim: &str,
        shoppers: impl Iterator<Item = String>,
    ) -> anyhow::Result<Tally> {
        let threads: Vec<anyhow::Result<Vec<String>>> = futures::stream::iter(shoppers)
            .map(|wa_id| replies_to(http, sim, wa_id))
            .buffer_unordered(16)
            .collect()
            .await;
        let stats: Value = http
            .get(format!("{sim}/sandbox/api/stats"))
            .send()
            .await?
            .json()
            .await?;
        let mut tally = Tally {
            shoppers: threads.len(),
            once: 0,
            none: 0,
            duplicated: 0,
            same_row_again: 0,
            examples: Vec::new(),
            accepted_sends: stats["accepted_sends"].as_u64().unwrap_or(0),
        };
        for callbacks in threads {
            tally.add(&callbacks?);
        }
        Ok(tally)
    }

    fn add(&mut self, callbacks: &[String]) {
        match callbacks.len() {
            0 => self.none += 1,
            1 => self.once += 1,
            _ => self.duplicated += 1,
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for cb in callbacks {
            *seen.entry(cb.as_str()).or_default() += 1;
        }
        for (cb, n) in seen {
            if n > 1 {
                self.same_row_again += n - 1;
                if self.examples.len() < 8 {
                    self.examples.push(format!("{cb} ×{n}"));
                }
            }
        }
    }

    pub(super) fn lost(&self) -> usize {
        self.none
    }

    pub(super) fn print(&self) {
        println!(
            "  acknowledgements the simulator accepted, per shopper ({}): exactly 1: {}, 0 (lost): {}, 2+ (duplicates): {}",
            self.shoppers, self.once, self.none, self.duplicated
        );
        println!(
            "  simulator: {} sends accepted in all; {} extra sends repeat an outbox row already accepted{}",
            self.accepted_sends,
            self.same_row_again,
            if self.examples.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.examples.join(", "))
            }
        );
    }
}

/// The `biz_opaque_callback_data` of every reply the simulator accepted for one shopper.
async fn replies_to(
    http: &reqwest::Client,
    sim: &str,
    wa_id: String,
) -> anyhow::Result<Vec<String>> {
    let url = format!("{sim}/sandbox/api/shoppers/{wa_id}/thread");
    let mut tries = 0;
    let resp = loop {
        tries += 1;
        match http.get(&url).send().await {
            Ok(resp) => break resp,
            Err(_) if tries < 5 => tokio::time::sleep(Duration::from_millis(200)).await,
            Err(e) => return Err(e.into()),
        }
    };
    if resp.status() == reqwest::StatusCode::NOT_FOUND {
        return Ok(Vec::new());
    }
    let thread: Value = resp.error_for_status()?.json().await?;
    Ok(thread["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|item| item["dir"] == "out")
        .map(|item| {
            item["body"]["biz_opaque_callback_data"]
                .as_str()
                .unwrap_or("(none)")
                .to_string()
        })
        .collect())
}

/// Lines of the desks' logs (every life's) that contain `needle`.
pub(super) fn count_in_logs(dir: &Path, needle: &str) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("desk-"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .map(|text| text.lines().filter(|l| l.contains(needle)).count())
        .sum()
}
