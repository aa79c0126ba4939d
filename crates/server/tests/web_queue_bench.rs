//! A benchmark that prints figures (never a timing assertion): the inbox's queue and board with many
//! open cases.
//!
//!   cargo test -p lifeline-server --all-features --test web_queue_bench -- --ignored --nocapture
//!   (LIFELINE_BENCH_CASES=10000 by default; with Chromium and `npm ci` in e2e/, also the first
//!   contentful paint of /inbox measured in the browser)

mod common;
mod web_common;

use std::time::Instant;

use common::{app::spawn_app_with, db};
use lifeline_desk::Role;
use lifeline_server::store::{CaseRow, ContactFacts, Store};
use web_common::{first_paint, signed_in, time_pages};

const KINDS: [&str; 4] = ["delayed", "damaged", "where_is_my_order", "payment"];
const PRIORITIES: [(&str, i64); 4] = [("urgent", 0), ("high", 1), ("normal", 2), ("low", 3)];

/// A case's clocks as the desk keeps them; every twentieth case also carries an agent's promise.
fn clocks_of(promise: bool) -> String {
    use lifeline_desk::clocks::{Clock, ClockKind};
    let now = chrono::Utc::now();
    let clock = |kind, hours| Clock {
        kind,
        started_at: now,
        deadline: now + chrono::Duration::hours(hours),
        met_at: None,
    };
    let mut clocks = vec![
        clock(ClockKind::FirstHumanReply, 1),
        clock(ClockKind::Resolution, 48),
    ];
    if promise {
        clocks.push(clock(
            ClockKind::Promise {
                text: "te respondo amanhã".into(),
            },
            20,
        ));
    }
    serde_json::to_string(&clocks).unwrap()
}

/// Stores `n` shoppers, each with a conversation and one open case, straight through the store.
async fn seed(url: &str, phone_number_id: &str, n: usize) {
    let store = Store::connect(url).await.unwrap();
    let now = chrono::Utc::now().timestamp_millis();
    for start in (0..n).step_by(500) {
        let mut tx = store.begin().await.unwrap();
        for i in start..(start + 500).min(n) {
            let key = format!("55119{i:08}");
            let facts = ContactFacts {
                contact_key: key.clone(),
                wa_id: Some(key.clone()),
                name: Some(format!("Shopper {i}")),
                ..ContactFacts::default()
            };
            let (contact_id, _) = tx.upsert_contact(&facts, false).await.unwrap();
            let c = tx
                .touch_conversation(contact_id, phone_number_id, now, 86_400_000)
                .await
                .unwrap();
            let kind = KINDS[i % KINDS.len()];
            let (priority, rank) = PRIORITIES[i % PRIORITIES.len()];
            let labels = if i % 7 == 0 {
                format!(r#"["pending","needs follow-up","{kind}"]"#)
            } else {
                format!(r#"["pending","{kind}"]"#)
            };
            let case = CaseRow {
                conversation_id: c.id,
                phone_number_id: phone_number_id.into(),
                contact_key: key,
                order_number: Some(format!("{}", 100_000 + i)),
                kind: kind.into(),
                priority: priority.into(),
                priority_rank: rank,
                escalated: i64::from(i % 50 == 0),
                status: "acknowledged".into(),
                labels_json: labels,
                clocks_json: clocks_of(i % 20 == 0),
                breached: i64::from(i % 7 == 0),
                next_deadline: Some(now + (i as i64 % 1440) * 60_000),
                opened_at: now,
                updated_at: now,
                ..CaseRow::default()
            };
            tx.insert_case(&case).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn queue_and_board_with_many_cases() {
    let n: usize = std::env::var("LIFELINE_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let db = db::sqlite();
    let pnid = lifeline_sandbox::SimConfig::demo("http://127.0.0.1:1/", "http://127.0.0.1:1")
        .numbers[0]
        .phone_number_id
        .clone();
    let t = Instant::now();
    seed(&db.url, &pnid, n).await;
    println!(
        "seeded {n} open cases in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    {
        // The follow-up worker's minute: page through the cases that may owe a follow-up.
        let store = Store::connect(&db.url).await.unwrap();
        let t = Instant::now();
        let (mut after, mut seen) = (0, 0);
        loop {
            let page = store.follow_up_candidates(after, 500).await.unwrap();
            seen += page.len();
            match page.last() {
                Some(c) if page.len() == 500 => after = c.id,
                _ => break,
            }
        }
        println!(
            "follow-up sweep over {n} open cases: {seen} candidates in {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    let app = spawn_app_with(db, |_, _| {}).await;
    let b = signed_in(&app, "bench@shop.example", Role::Agent).await;
    time_pages(
        &b,
        &[
            ("queue", "/inbox"),
            ("live refresh", "/inbox/queue"),
            ("filtered", "/inbox?kind=damaged&label=needs%20follow-up"),
            ("by order number", "/inbox?q=%23109999"),
            ("by phone", "/inbox?q=%2B55%2011%20900001234"),
            ("by name", "/inbox?q=shopper%209999"),
            ("board", "/inbox?view=board"),
        ],
    )
    .await;
    first_paint(&b, &format!("{}/inbox", app.desk)).await;
}
