//! The WhatsApp channel, inbound: handshake, signatures, storage, the acknowledgement.

mod common;

use common::{
    app::{envelope, eventually, now_s, spawn_app, spawn_app_with, text_value, Signature},
    db,
};
use lifeline_sandbox::{Shopper, ShopperMessage};

#[tokio::test]
async fn the_handshake_echoes_the_challenge_only_for_our_verify_token() {
    let app = spawn_app().await;
    let url = |token: &str| {
        format!("{}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444", app.desk)
    };
    let good = app
        .http
        .get(url("sandbox-verify-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), 200);
    assert_eq!(good.text().await.unwrap(), "1158201444");
    let bad = app.http.get(url("guess")).send().await.unwrap();
    assert_eq!(bad.status(), 403);
}

#[tokio::test]
async fn a_wrong_or_missing_signature_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let body = envelope(
        &app.number_id(),
        vec![text_value(
            "5511900000001",
            "Ana",
            "wamid.SIG1",
            "oi",
            now_s(),
        )],
    );
    assert_eq!(
        app.post_webhook(&body, Signature::Wrong).await.status(),
        401
    );
    assert_eq!(
        app.post_webhook(&body, Signature::Missing).await.status(),
        401
    );
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert!(
        app.conversations().await.is_empty(),
        "an unsigned webhook must store nothing"
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let msgs = eventually(5, "the signed message", || async {
        let m = app.messages_of("5511900000001").await;
        (!m.is_empty()).then_some(m)
    })
    .await;
    assert_eq!(msgs[0]["text"], "oi");
}

#[tokio::test]
async fn a_redelivered_webhook_is_stored_once() {
    let app = spawn_app().await;
    let body = envelope(
        &app.number_id(),
        vec![text_value(
            "5511900000002",
            "Ana",
            "wamid.DUP1",
            "cadê meu pedido?",
            now_s(),
        )],
    );
    for _ in 0..3 {
        assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    }
    let msgs = eventually(5, "the message and its acknowledgement", || async {
        let m = app.messages_of("5511900000002").await;
        (m.len() >= 2).then_some(m)
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let msgs_after = app.messages_of("5511900000002").await;
    assert_eq!(msgs_after.len(), msgs.len());
    let inbound = msgs_after
        .iter()
        .filter(|m| m["direction"] == "inbound")
        .count();
    let outbound = msgs_after
        .iter()
        .filter(|m| m["direction"] == "outbound")
        .count();
    assert_eq!(
        (inbound, outbound),
        (1, 1),
        "one message, one acknowledgement"
    );
}

#[tokio::test]
async fn a_body_over_3_mb_is_refused_with_413_and_malformed_json_is_kept_as_a_dead_letter() {
    let app = spawn_app().await;
    let big = vec![b' '; 3 * 1024 * 1024 + 1];
    assert_eq!(app.post_webhook(&big, Signature::Good).await.status(), 413);
    let bad = b"{\"object\": \"whatsapp_business_account\", \"entry\": [ oops";
    assert_eq!(app.post_webhook(bad, Signature::Good).await.status(), 400);
    let letters = app.api("/dead-letters").await;
    assert_eq!(
        letters["dead_letters"][0]["body"],
        String::from_utf8_lossy(bad).as_ref()
    );
}

async fn a_shopper_is_acknowledged_in_their_language(db: db::TestDb) {
    let app = spawn_app_with(db, |_, _| {}).await;
    let shopper = Shopper {
        wa_id: "5511987654321".into(),
        name: "Ana Souza".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    let started = std::time::Instant::now();
    app.sandbox
        .shopper_says(
            &shopper,
            ShopperMessage::Text("Oi, meu pedido não chegou".into()),
        )
        .await;
    let sent = eventually(5, "the acknowledgement at the shopper's phone", || async {
        let s = app.sandbox.sent_to("5511987654321");
        (!s.is_empty()).then_some(s)
    })
    .await;
    let elapsed = started.elapsed();
    let text = sent[0].body["text"]["body"].as_str().unwrap().to_string();
    assert!(text.contains("Ana"), "by name: {text}");
    assert!(
        text.contains("minutos"),
        "in Portuguese, with a time: {text}"
    );
    assert!(elapsed.as_secs_f64() < 5.0);
    // The receipt comes back and the desk shows the message as delivered or read.
    eventually(5, "the acknowledgement's receipt", || async {
        let m = app.messages_of("5511987654321").await;
        m.iter()
            .any(|m| {
                m["direction"] == "outbound"
                    && (m["status"] == "read" || m["status"] == "delivered")
            })
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_shopper_is_acknowledged_in_their_language_on_sqlite() {
    a_shopper_is_acknowledged_in_their_language(db::sqlite()).await;
}

#[tokio::test]
async fn a_shopper_is_acknowledged_in_their_language_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_shopper_is_acknowledged_in_their_language(pg).await;
    }
}

#[tokio::test]
async fn a_message_without_any_sender_id_is_kept_for_the_operator_not_lost() {
    let app = spawn_app().await;
    let value = serde_json::json!({
        "messages": [{"id": "wamid.NOSENDER", "timestamp": now_s().to_string(), "type": "text", "text": {"body": "oi"}}]
    });
    let body = envelope(&app.number_id(), vec![value]);
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let errors = app.api("/webhook-errors").await;
    let text = errors.to_string();
    assert!(text.contains("wamid.NOSENDER"), "{errors}");
}
