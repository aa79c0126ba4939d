//! The store's contract, run on SQLite always and on PostgreSQL when LIFELINE_TEST_POSTGRES_URL is set.

mod common;

use common::db::{self, conversation_for};
use lifeline_server::store::{
    callback_data, ContactFacts, NewInbound, NewOutbound, NewStatus, ProcessedInbound, Store,
};

fn inbound(wamid: &str, key: &str, at: i64) -> NewInbound {
    NewInbound {
        phone_number_id: "200".into(),
        contact_key: key.into(),
        contact_name: Some("Ana".into()),
        wamid: wamid.into(),
        msg_type: "text".into(),
        body: Some("cadê meu pedido".into()),
        raw_json: "{}".into(),
        sent_at: at,
        ..Default::default()
    }
}

fn status(wamid: &str, s: &str, rank: i64, at: i64) -> NewStatus {
    NewStatus {
        wamid: wamid.into(),
        status: s.into(),
        rank,
        at,
        raw_json: "{}".into(),
        ..Default::default()
    }
}

fn outbound(conversation_id: i64, text: &str, key: Option<&str>) -> NewOutbound {
    NewOutbound {
        conversation_id,
        phone_number_id: "200".into(),
        contact_key: "5511".into(),
        msg_type: "text".into(),
        body: Some(text.into()),
        payload_json: format!("{{\"type\":\"text\",\"body\":\"{text}\"}}"),
        dedupe_key: key.map_or_else(
            || format!("test:{}", uuid::Uuid::new_v4().simple()),
            String::from,
        ),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_redelivered_message_is_stored_once() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let first = store
            .record_webhook(&[inbound("wamid.A", "5511", 1000)], &[], &[])
            .await
            .unwrap();
        let again = store
            .record_webhook(&[inbound("wamid.A", "5511", 1000)], &[], &[])
            .await
            .unwrap();
        assert_eq!(first.new_messages.len(), 1, "{}", db.label);
        assert_eq!(again.new_messages.len(), 0, "{}", db.label);
        assert_eq!(again.duplicates, 1, "{}", db.label);
        assert_eq!(
            store.pending_inbound(-1_000_000, 10).await.unwrap().len(),
            1,
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn statuses_never_move_a_message_backwards_and_early_ones_wait_for_the_send() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let conv = conversation_for(&store, "5511", 1000).await;
        let id = store
            .enqueue_outbound(&outbound(conv, "hi", None))
            .await
            .unwrap()
            .unwrap();
        // A receipt arrives before the sender recorded the wamid: it is kept and applied later.
        store
            .record_webhook(&[], &[status("wamid.OUT", "delivered", 3, 2000)], &[])
            .await
            .unwrap();
        let claimed = store.claim_due_outbox(10, 30_000).await.unwrap();
        assert_eq!(claimed.len(), 1, "{}", db.label);
        store.record_sent(id, "wamid.OUT").await.unwrap();
        assert_eq!(
            store.message(id).await.unwrap().unwrap().status,
            "delivered",
            "{}",
            db.label
        );
        // read, then a late duplicate delivered and a late sent: read stays read.
        let out = store
            .record_webhook(
                &[],
                &[
                    status("wamid.OUT", "read", 4, 3000),
                    status("wamid.OUT", "delivered", 3, 2000),
                    status("wamid.OUT", "sent", 2, 1500),
                ],
                &[],
            )
            .await
            .unwrap();
        assert_eq!(
            out.statuses_new, 2,
            "{}: (delivered was a duplicate)",
            db.label
        );
        assert_eq!(
            store.message(id).await.unwrap().unwrap().status,
            "read",
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn the_outbox_claims_once_retries_and_fails_visibly() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let conv = conversation_for(&store, "5511", 1000).await;
        let a = store
            .enqueue_outbound(&outbound(conv, "a", Some("k1")))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .enqueue_outbound(&outbound(conv, "a", Some("k1")))
                .await
                .unwrap(),
            None,
            "{}",
            db.label
        );
        let b = store
            .enqueue_outbound(&outbound(conv, "b", None))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store.claim_due_outbox(10, 30_000).await.unwrap().len(),
            2,
            "{}",
            db.label
        );
        assert!(
            store.claim_due_outbox(10, 30_000).await.unwrap().is_empty(),
            "{}: claimed twice",
            db.label
        );
        store
            .record_retry(a, 0, Some(131000), "temporary")
            .await
            .unwrap();
        store
            .record_failed(b, Some(131026), "undeliverable")
            .await
            .unwrap();
        let again = store.claim_due_outbox(10, 30_000).await.unwrap();
        assert_eq!(
            again.iter().map(|c| (c.id, c.attempts)).collect::<Vec<_>>(),
            vec![(a, 2)],
            "{}",
            db.label
        );
        let failed = store.message(b).await.unwrap().unwrap();
        assert_eq!(
            (failed.status.as_str(), failed.error_code),
            ("failed", Some(131026)),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn a_send_left_in_flight_is_recognised_by_its_receipt_and_not_sent_again() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let conv = conversation_for(&store, "5511", 1000).await;
        let sent = store
            .enqueue_outbound(&outbound(conv, "sent before the crash", None))
            .await
            .unwrap()
            .unwrap();
        let lost = store
            .enqueue_outbound(&outbound(conv, "never left", None))
            .await
            .unwrap()
            .unwrap();
        store.claim_due_outbox(10, -1).await.unwrap(); // leases already expired: as after a crash
        let mut receipt = status("wamid.X", "sent", 2, 5000);
        receipt.callback = Some(callback_data(sent));
        store.record_webhook(&[], &[receipt], &[]).await.unwrap();
        let mut in_flight = store.expired_in_flight().await.unwrap();
        in_flight.sort();
        assert_eq!(in_flight, vec![sent, lost], "{}", db.label);
        assert!(store.settle_in_flight(sent).await.unwrap(), "{}", db.label);
        assert!(!store.settle_in_flight(lost).await.unwrap(), "{}", db.label);
        let m = store.message(sent).await.unwrap().unwrap();
        assert_eq!(
            (m.wamid.as_deref(), m.status.as_str()),
            (Some("wamid.X"), "sent"),
            "{}",
            db.label
        );
        let requeued = store.claim_due_outbox(10, 30_000).await.unwrap();
        assert_eq!(
            requeued.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![lost],
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn the_window_runs_from_the_latest_inbound_message() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let (contact, _) = tx
            .upsert_contact(
                &ContactFacts {
                    contact_key: "US.1".into(),
                    user_id: Some("US.1".into()),
                    ..Default::default()
                },
                false,
            )
            .await
            .unwrap();
        let first = tx
            .touch_conversation(contact, "200", 10_000, 1000)
            .await
            .unwrap();
        let later = tx
            .touch_conversation(contact, "200", 20_000, 1000)
            .await
            .unwrap();
        let older = tx
            .touch_conversation(contact, "200", 15_000, 1000)
            .await
            .unwrap();
        tx.mark_processed(&ProcessedInbound {
            message_id: 0,
            conversation_id: first.id,
            triage_json: None,
        })
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(first.previous_inbound_at, None, "{}", db.label);
        assert_eq!(later.previous_inbound_at, Some(10_000), "{}", db.label);
        assert_eq!(first.id, later.id, "{}", db.label);
        assert_eq!(
            older.window_expires_at,
            Some(21_000),
            "{}: an older message must not shorten the window",
            db.label
        );
        let list = store.list_conversations(10, None).await.unwrap();
        assert_eq!(list[0].user_id.as_deref(), Some("US.1"), "{}", db.label);
    }
}

#[tokio::test]
async fn media_downloads_retry_and_a_redelivery_revives_a_failed_one() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let mut m = inbound("wamid.IMG", "5511", 1000);
        m.msg_type = "image".into();
        m.media = Some(("media-1".into(), Some("image/jpeg".into()), None));
        let out = store.record_webhook(&[m.clone()], &[], &[]).await.unwrap();
        let msg_id = out.new_messages[0].0;
        let jobs = store.claim_media_jobs(10, 60_000).await.unwrap();
        assert_eq!(jobs.len(), 1, "{}", db.label);
        store
            .record_media_error(jobs[0].id, "download timed out", None)
            .await
            .unwrap();
        assert_eq!(
            store.media_of(msg_id).await.unwrap().unwrap().status,
            "failed",
            "{}",
            db.label
        );
        store.record_webhook(&[m], &[], &[]).await.unwrap();
        let again = store.claim_media_jobs(10, 60_000).await.unwrap();
        assert_eq!(
            again.len(),
            1,
            "{}: a redelivered webhook must retry the failed download",
            db.label
        );
        store
            .record_media_stored(again[0].id, "ab/cd", 42, None)
            .await
            .unwrap();
        let row = store.media_of(msg_id).await.unwrap().unwrap();
        assert_eq!(
            (row.status.as_str(), row.size),
            ("stored", Some(42)),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn unreadable_webhooks_are_kept_as_dead_letters() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        store
            .record_dead_letter("not JSON", b"{oops")
            .await
            .unwrap();
        let list = store.list_dead_letters(10).await.unwrap();
        assert_eq!(
            (list[0].reason.as_str(), list[0].body.as_str()),
            ("not JSON", "{oops"),
            "{}",
            db.label
        );
    }
}

#[tokio::test]
async fn the_follow_up_sweep_reads_only_cases_with_a_promise_a_replacement_or_a_parcel_to_watch() {
    use lifeline_desk::clocks::{Clock, ClockKind};
    use lifeline_server::{cases::CaseExtras, store::CaseRow};
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let now = chrono::Utc::now();
        let clock = |kind: ClockKind| Clock {
            kind,
            started_at: now,
            deadline: now + chrono::Duration::hours(2),
            met_at: None,
        };
        let promise = serde_json::to_string(&[
            clock(ClockKind::Resolution),
            clock(ClockKind::Promise {
                text: "te respondo em até 2 horas".into(),
            }),
        ])
        .unwrap();
        let plain = serde_json::to_string(&[clock(ClockKind::Resolution)]).unwrap();
        let watching = serde_json::to_string(&CaseExtras {
            replacement_order: Some("1044".into()),
            ..Default::default()
        })
        .unwrap();
        let nothing = serde_json::to_string(&CaseExtras::default()).unwrap();
        // (shopper, kind, clocks, extras, status): which of these may owe the shopper a follow-up.
        let cases = [
            ("5511", "damaged", &promise, &nothing, "acknowledged"),
            ("5512", "damaged", &plain, &nothing, "acknowledged"),
            ("5513", "damaged", &plain, &watching, "resolved"),
            ("5514", "damaged", &promise, &nothing, "closed"),
            // An open parcel problem: its tracking is watched.
            ("5515", "delayed", &plain, &nothing, "investigating"),
            ("5516", "lost", &plain, &nothing, "resolved"),
        ];
        let mut ids = Vec::new();
        for (key, kind, clocks, extras, status) in cases {
            let conversation_id = conversation_for(&store, key, now.timestamp_millis()).await;
            let mut tx = store.begin().await.unwrap();
            let id = tx
                .insert_case(&CaseRow {
                    conversation_id,
                    phone_number_id: "200".into(),
                    contact_key: key.into(),
                    kind: kind.into(),
                    priority: "normal".into(),
                    status: status.into(),
                    labels_json: "[]".into(),
                    clocks_json: clocks.clone(),
                    offers_json: Some(extras.clone()),
                    opened_at: now.timestamp_millis(),
                    updated_at: now.timestamp_millis(),
                    ..CaseRow::default()
                })
                .await
                .unwrap();
            tx.commit().await.unwrap();
            ids.push(id);
        }
        let found: Vec<i64> = store
            .follow_up_candidates(0, 10)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(found, vec![ids[0], ids[2], ids[4]], "on {}", db.url);
        let page: Vec<i64> = store
            .follow_up_candidates(ids[0], 1)
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect();
        assert_eq!(page, vec![ids[2]], "the next page, on {}", db.url);
    }
}
