//! A receipt that arrives while the desk is recording its send still reaches the message: on PostgreSQL
//! the webhook's transaction and the sender's run on different connections at the same moment.

mod common;

use std::time::{Duration, Instant};

use common::{
    app::{eventually, quiet_desk_on, send, shopper_writes},
    db::{self, TestDb},
};
use lifeline_server::store::{
    callback_data, ContactFacts, NewOutbound, NewStatus, NewWebhookError, Store,
};
use serde_json::{json, Value};
use sqlx::{Connection, Executor};

/// Sessions of this database waiting for a lock: `what` is `Lock`'s wait event (`relation`, `advisory`…)
/// and `query` the start of the waiting statement.
async fn waiting(watcher: &sqlx::PgPool, what: &str, query: &str) -> bool {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
         AND wait_event_type = 'Lock' AND wait_event = $1 AND query LIKE $2",
    )
    .bind(what)
    .bind(format!("{query}%"))
    .fetch_one(watcher)
    .await
    .unwrap();
    n > 0
}

/// A queued message of a fresh conversation, claimed by the sender; returns its id.
async fn a_message_being_sent(store: &Store) -> i64 {
    let mut tx = store.begin().await.unwrap();
    let facts = ContactFacts {
        contact_key: "5511".into(),
        wa_id: Some("5511".into()),
        ..Default::default()
    };
    let (contact, _) = tx.upsert_contact(&facts, false).await.unwrap();
    let conversation = tx
        .touch_conversation(contact, "200", 1000, 86_400_000)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let id = store
        .enqueue_outbound(&NewOutbound {
            conversation_id: conversation.id,
            phone_number_id: "200".into(),
            contact_key: "5511".into(),
            msg_type: "text".into(),
            body: Some("Your parcel left Madrid today.".into()),
            payload_json: "{}".into(),
            dedupe_key: "parcel-left-madrid".into(),
            ..Default::default()
        })
        .await
        .unwrap()
        .unwrap();
    assert_eq!(store.claim_due_outbox(10, 30_000).await.unwrap().len(), 1);
    id
}

/// The interleaving that lost receipts, forced with a second connection: the webhook's transaction has
/// stored and applied a `failed` receipt (finding no message with that wamid yet) but not committed,
/// while the sender records the wamid and looks for receipts that came early.
#[tokio::test]
async fn a_failed_receipt_committed_while_its_send_is_recorded_reaches_the_message_on_postgres() {
    let Some(db) = db::postgres().await else {
        return;
    };
    let store = Store::connect(&db.url).await.unwrap();
    let id = a_message_being_sent(&store).await;
    let watcher = sqlx::PgPool::connect(&db.url).await.unwrap();
    // Holds the webhook's transaction open after its receipts, at its last statement.
    let mut holder = sqlx::PgConnection::connect(&db.url).await.unwrap();
    holder.execute("BEGIN").await.unwrap();
    holder
        .execute("LOCK TABLE webhook_errors IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let receipt = NewStatus {
        wamid: "wamid.RACE".into(),
        status: "failed".into(),
        rank: 6,
        at: 2000,
        callback: Some(callback_data(id)),
        error_code: Some(131026),
        error_reason: Some("Message undeliverable".into()),
        raw_json: "{}".into(),
        ..Default::default()
    };
    let account_error = NewWebhookError {
        code: 131000,
        title: Some("Something went wrong".into()),
        raw_json: "{}".into(),
        ..Default::default()
    };
    let webhook = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .record_webhook(&[], &[receipt], &[account_error])
                .await
        }
    });
    eventually(
        10,
        "the receipt's transaction at its last statement",
        || async {
            waiting(&watcher, "relation", "INSERT INTO webhook_errors")
                .await
                .then_some(())
        },
    )
    .await;
    let recording = tokio::spawn({
        let store = store.clone();
        async move { store.record_sent(id, "wamid.RACE").await }
    });
    eventually(
        10,
        "the recording done, or waiting for the receipt",
        || async {
            (recording.is_finished() || waiting(&watcher, "advisory", "SELECT pg_advisory").await)
                .then_some(())
        },
    )
    .await;
    holder.execute("ROLLBACK").await.unwrap();
    webhook.await.unwrap().unwrap();
    recording.await.unwrap().unwrap();
    let m = store.message(id).await.unwrap().unwrap();
    assert_eq!(
        (m.status.as_str(), m.error_code),
        ("failed", Some(131026)),
        "the agent sees the failure"
    );
}

const SHOPPERS: usize = 40;
const EACH: usize = 5;

fn shopper(i: usize) -> String {
    format!("49152{i:08}")
}

/// Every other shopper is not on WhatsApp: Meta accepts the send, then reports 131026.
fn unreachable(i: usize) -> bool {
    i.is_multiple_of(2)
}

/// What is wrong with a conversation's outbound messages, if anything: each must end at its highest
/// status (read, or failed with 131026 for a shopper not on WhatsApp).
fn unsettled(i: usize, out: &[Value]) -> Option<String> {
    let (want, code) = if unreachable(i) {
        ("failed", json!(131026))
    } else {
        ("read", Value::Null)
    };
    let wrong: Vec<String> = out
        .iter()
        .filter(|m| m["status"] != want || (code != Value::Null && m["error"]["code"] != code))
        .map(|m| format!("{} {} {}", m["wamid"], m["status"], m["error"]))
        .collect();
    (out.len() != EACH || !wrong.is_empty()).then(|| {
        format!(
            "{}: {} of {EACH} sent, want {want}: {wrong:?}",
            shopper(i),
            out.len()
        )
    })
}

async fn every_receipt_reaches_its_message_while_sends_are_recorded(db: TestDb) {
    let label = db.label;
    let app = quiet_desk_on(db, |sim, desk| {
        sim.throughput_mps = 2000;
        desk.numbers[0].throughput_mps = Some(2000);
        sim.undeliverable = (0..SHOPPERS)
            .filter(|i| unreachable(*i))
            .map(shopper)
            .collect();
    })
    .await;
    let mut conversations = Vec::new();
    for i in 0..SHOPPERS {
        conversations.push((i, shopper_writes(&app, &shopper(i), "Shopper").await));
    }
    for k in 0..EACH {
        for (_, c) in &conversations {
            let (status, answer) = send(&app, *c, json!({"text": format!("Update {k}")})).await;
            assert_eq!(status, 202, "{label}: {answer}");
        }
    }
    // Receipts come within a second; a lost one never comes, so the deadline is what fails the test.
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut pending = conversations;
    loop {
        let mut still = Vec::new();
        let mut why = Vec::new();
        for (i, c) in pending {
            let all = app.api(&format!("/conversations/{c}/messages")).await["messages"].clone();
            let out: Vec<Value> = all
                .as_array()
                .into_iter()
                .flatten()
                .filter(|m| m["direction"] == "outbound")
                .cloned()
                .collect();
            if let Some(wrong) = unsettled(i, &out) {
                still.push((i, c));
                why.push(wrong);
            }
        }
        if still.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{label}: receipts never reached {} conversations: {why:#?}",
            still.len()
        );
        pending = still;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn every_receipt_reaches_its_message_while_sends_are_recorded_on_sqlite() {
    every_receipt_reaches_its_message_while_sends_are_recorded(db::sqlite()).await;
}

#[tokio::test]
async fn every_receipt_reaches_its_message_while_sends_are_recorded_on_postgres() {
    if let Some(pg) = db::postgres().await {
        every_receipt_reaches_its_message_while_sends_are_recorded(pg).await;
    }
}
