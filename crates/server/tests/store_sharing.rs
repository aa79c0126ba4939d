//! What desks sharing one database divide between them: leases, shoppers and numbers. Runs on SQLite
//! always and on PostgreSQL when LIFELINE_TEST_POSTGRES_URL is set.

mod common;

use common::db;
use lifeline_server::store::{NewInbound, NewOutbound, SendScope, Store};

#[tokio::test]
async fn a_lease_belongs_to_one_desk_until_it_runs_out() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        assert!(store
            .try_lease("job:followups", "desk-a", 10_000)
            .await
            .unwrap());
        assert!(
            !store
                .try_lease("job:followups", "desk-b", 10_000)
                .await
                .unwrap(),
            "{}: a live lease is not taken",
            db.label
        );
        assert!(store
            .try_lease("job:followups", "desk-a", 10_000)
            .await
            .unwrap());
        // desk-a stops renewing: its lease has run out (a negative span stands for the time passing).
        assert!(store
            .try_lease("job:followups", "desk-a", -1)
            .await
            .unwrap());
        assert!(
            store
                .try_lease("job:followups", "desk-b", 10_000)
                .await
                .unwrap(),
            "{}: a lapsed lease is taken over",
            db.label
        );
        assert!(!store
            .try_lease("job:followups", "desk-a", 10_000)
            .await
            .unwrap());
        store
            .release_lease("job:followups", "desk-b")
            .await
            .unwrap();
        assert!(store
            .try_lease("job:followups", "desk-a", 10_000)
            .await
            .unwrap());
        let held = store.leases().await.unwrap();
        assert_eq!(held.len(), 1, "{}", db.label);
        assert_eq!(held[0].holder, "desk-a", "{}", db.label);
    }
}

fn inbound(wamid: &str, key: &str, at: i64) -> NewInbound {
    NewInbound {
        phone_number_id: "200".into(),
        contact_key: key.into(),
        wamid: wamid.into(),
        msg_type: "text".into(),
        body: Some(format!("message {wamid}")),
        raw_json: "{}".into(),
        sent_at: at,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_shopper_claimed_by_one_desk_is_left_alone_by_the_other_and_read_in_order() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        // Stored out of order (two desks' webhooks): the later message first.
        store
            .record_webhook(&[inbound("wamid.2", "5511", 2000)], &[], &[])
            .await
            .unwrap();
        store
            .record_webhook(&[inbound("wamid.1", "5511", 1000)], &[], &[])
            .await
            .unwrap();
        let keys = vec!["5511".to_string()];
        let mut first = store.begin().await.unwrap();
        assert_eq!(first.claim_shoppers(&keys).await.unwrap(), keys);
        let read: Vec<String> = first
            .unprocessed_of(&keys)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|m| m.body)
            .collect();
        assert_eq!(read, ["message wamid.1", "message wamid.2"], "{}", db.label);
        if store.is_postgres() {
            let mut second = store.begin().await.unwrap();
            assert!(
                second.claim_shoppers(&keys).await.unwrap().is_empty(),
                "another desk's transaction does not get a shopper that is being handled"
            );
            second.commit().await.unwrap();
        }
        first.commit().await.unwrap();
        let mut third = store.begin().await.unwrap();
        assert_eq!(
            third.claim_shoppers(&keys).await.unwrap(),
            keys,
            "{}: the claim ends with its transaction",
            db.label
        );
        third.commit().await.unwrap();
    }
}

#[tokio::test]
async fn a_desk_claims_only_the_numbers_it_sends_for_and_those_nobody_can() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let conversation_id = db::conversation_for(&store, "5511", 1000).await;
        for (number, text) in [
            ("200", "ours"),
            ("300", "another desk's"),
            ("999", "nobody's"),
        ] {
            store
                .enqueue_outbound(&NewOutbound {
                    conversation_id,
                    phone_number_id: number.into(),
                    contact_key: "5511".into(),
                    msg_type: "text".into(),
                    body: Some(text.into()),
                    payload_json: "{}".into(),
                    dedupe_key: format!("k:{number}"),
                    ..Default::default()
                })
                .await
                .unwrap();
        }
        let scope = SendScope {
            held: vec!["200".into()],
            configured: vec!["200".into(), "300".into()],
        };
        let mut claimed: Vec<String> = store
            .claim_due_outbox_for(10, 30_000, &scope)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.phone_number_id)
            .collect();
        claimed.sort();
        assert_eq!(claimed, ["200", "999"], "{}", db.label);
    }
}

#[tokio::test]
async fn desks_starting_together_on_a_fresh_postgres_database_all_start() {
    // Only PostgreSQL is shared by several desks; a SQLite file belongs to one.
    if let Some(db) = db::postgres().await {
        let starts: Vec<_> = (0..4)
            .map(|_| {
                let url = db.url.clone();
                tokio::spawn(async move { Store::connect(&url).await.map(|_| ()) })
            })
            .collect();
        for start in starts {
            let started = start.await.unwrap();
            assert!(started.is_ok(), "{}: {:?}", db.label, started.err());
        }
    }
}
