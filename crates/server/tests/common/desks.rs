//! Reading what several desk processes did, from outside: a shopper's cases and their timelines through
//! the REST API, and the number's pace from the simulator's receive times.

use std::time::{Duration, Instant};

use lifeline_sandbox::{Sandbox, Shopper};
use serde_json::Value;

use super::{app::names, process::Desk};

/// Like `eventually`, but None instead of a panic at the deadline, so that a test can report every
/// broken promise at once.
pub async fn within<T, F, Fut>(secs: u64, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < deadline {
        if let Some(v) = check().await {
            return Some(v);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

/// Every case of the shopper's conversation, in full (timeline included).
pub async fn cases_of(desk: &Desk, wa_id: &str) -> Vec<Value> {
    let conversations = desk.api("/conversations").await["conversations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let Some(conversation) = conversations.iter().find(|c| names(c, wa_id)) else {
        return Vec::new();
    };
    let mut full = Vec::new();
    for c in desk.api("/cases?all=true&limit=500").await["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["conversation_id"] == conversation["id"])
    {
        full.push(desk.api(&format!("/cases/{}", c["id"])).await);
    }
    full
}

/// The timeline entries of all the shopper's cases.
pub async fn timeline(desk: &Desk, wa_id: &str) -> Vec<Value> {
    cases_of(desk, wa_id)
        .await
        .iter()
        .flat_map(|c| c["timeline"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// How many timeline entries of the shopper's cases are this event.
pub async fn count_events(desk: &Desk, wa_id: &str, event: &str) -> usize {
    timeline(desk, wa_id)
        .await
        .iter()
        .filter(|e| e["what"]["event"] == event)
        .count()
}

/// The reasons of the follow-ups sent on the shopper's cases.
pub async fn follow_ups(desk: &Desk, wa_id: &str) -> Vec<String> {
    timeline(desk, wa_id)
        .await
        .iter()
        .filter(|e| e["what"]["event"] == "follow_up_sent")
        .filter_map(|e| e["what"]["reason"]["reason"].as_str().map(String::from))
        .collect()
}

/// How many times a remedy of this type was carried out on the shopper's cases.
pub async fn carried_out(desk: &Desk, wa_id: &str, remedy: &str) -> usize {
    timeline(desk, wa_id)
        .await
        .iter()
        .filter(|e| e["what"]["event"] == "action_done" && e["what"]["remedy"]["type"] == remedy)
        .count()
}

/// The text of each message the shopper received, in the order the API accepted them.
pub fn texts_to(sandbox: &Sandbox, wa_id: &str) -> Vec<String> {
    sandbox
        .sent_to(wa_id)
        .iter()
        .map(|m| {
            m.body["text"]["body"]
                .as_str()
                .or(m.body["interactive"]["body"]["text"].as_str())
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

/// The most sends the simulator accepted for these shoppers within any one second, by its receive times.
pub fn busiest_second(sandbox: &Sandbox, shoppers: &[Shopper]) -> usize {
    let mut at: Vec<Instant> = shoppers
        .iter()
        .flat_map(|s| sandbox.sent_to(&s.wa_id))
        .map(|m| m.accepted_at)
        .collect();
    at.sort();
    let mut first = 0;
    let mut most = 0;
    for last in 0..at.len() {
        while at[last].duration_since(at[first]) >= Duration::from_secs(1) {
            first += 1;
        }
        most = most.max(last - first + 1);
    }
    most
}

/// The last warnings and errors of a desk's logs (and where it restarted), for a failure message.
pub fn warnings(desk: &Desk) -> String {
    let log = desk.log();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("WARN") || l.contains("ERROR") || l.contains("--- restart ---"))
        .collect();
    lines[lines.len().saturating_sub(30)..].join("\n")
}
