//! A benchmark that prints figures (never a timing assertion): the inbox with many conversations.
//!
//!   cargo test -p lifeline-server --test web_bench -- --ignored --nocapture
//!   (LIFELINE_BENCH_CONVERSATIONS=10000 by default; with Chromium and `npm ci` in e2e/, also the
//!   first contentful paint measured in the browser)

mod common;
mod web_common;

use std::time::Instant;

use common::{app::spawn_app_with, db};
use lifeline_desk::Role;
use lifeline_server::store::{ContactFacts, NewInbound, ProcessedInbound, Store};
use web_common::{first_paint, signed_in, time_pages};

const TRIAGE: &str = r#"{"language":"pt","kind":"delayed","priority":"high","order_numbers":["1001"],
"tracking_numbers":[],"escalate":false,"confidence":0.8,"reasons":["kind delayed: \"parado\""]}"#;

/// Stores `n` shoppers, each with one triaged message, straight through the store.
async fn seed(url: &str, phone_number_id: &str, n: usize) {
    let store = Store::connect(url).await.unwrap();
    let now = chrono::Utc::now().timestamp_millis();
    for start in (0..n).step_by(500) {
        let batch: Vec<NewInbound> = (start..(start + 500).min(n))
            .map(|i| NewInbound {
                phone_number_id: phone_number_id.to_string(),
                contact_key: format!("55119{i:08}"),
                contact_name: Some(format!("Shopper {i}")),
                wamid: format!("wamid.BENCH{i}"),
                msg_type: "text".into(),
                body: Some(format!(
                    "Meu pedido #{} está parado há 9 dias, cadê? ({i})",
                    1000 + i % 44
                )),
                raw_json: "{}".into(),
                sent_at: now - (n - i) as i64 * 1000,
                ..NewInbound::default()
            })
            .collect();
        let out = store.record_webhook(&batch, &[], &[]).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        for ((id, key), m) in out.new_messages.iter().zip(&batch) {
            let facts = ContactFacts {
                contact_key: key.clone(),
                wa_id: Some(key.clone()),
                name: m.contact_name.clone(),
                country: Some("BR".into()),
                language: Some("pt".into()),
                ..ContactFacts::default()
            };
            let (contact_id, _) = tx.upsert_contact(&facts, false).await.unwrap();
            let c = tx
                .touch_conversation(contact_id, phone_number_id, m.sent_at, 86_400_000)
                .await
                .unwrap();
            let p = ProcessedInbound {
                message_id: *id,
                conversation_id: c.id,
                triage_json: Some(TRIAGE.into()),
            };
            tx.mark_processed(&p).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn inbox_with_many_conversations() {
    let n: usize = std::env::var("LIFELINE_BENCH_CONVERSATIONS")
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
        "seeded {n} conversations in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let app = spawn_app_with(db, |_, _| {}).await;
    let b = signed_in(&app, "bench@shop.example", Role::Agent).await;
    time_pages(
        &b,
        &[
            ("conversations", "/inbox?view=conversations"),
            ("live refresh", "/inbox/rows"),
            (
                "search by name",
                "/inbox?view=conversations&q=shopper%209999",
            ),
            (
                "search by phone",
                "/inbox?view=conversations&q=5511900001234",
            ),
        ],
    )
    .await;
    let css = b.get("/static/app.css").await.body.len();
    let js = b.get("/static/app.js").await.body.len();
    println!("assets: app.css {css} bytes, app.js {js} bytes (uncompressed, cached 5 minutes)");

    first_paint(&b, &format!("{}/inbox?view=conversations", app.desk)).await;
}
