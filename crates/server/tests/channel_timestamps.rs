//! The WhatsApp channel, times: a webhook's `timestamp` is the shopper's word about when they wrote.
//! One that cannot be true (2^63−1 seconds, say) is kept for agents as a webhook error and replaced by
//! the time it arrived, so it neither overflows the 24-hour window nor closes it for later messages.

mod common;

use common::{
    app::{envelope, eventually, now_s, quiet_desk_on, send, text_value, Signature, TestApp},
    db,
};
use serde_json::json;

const SHOPPER: &str = "5511987651001";

/// A signed webhook with one text message whose `timestamp` is written as given.
fn message_at(app: &TestApp, wamid: &str, text: &str, timestamp: &str) -> Vec<u8> {
    let mut value = text_value(SHOPPER, "Lia", wamid, text, 0);
    value["messages"][0]["timestamp"] = json!(timestamp);
    envelope(&app.number_id(), vec![value])
}

#[tokio::test]
async fn an_absurd_timestamp_leaves_the_window_to_later_messages_on_sqlite() {
    an_absurd_timestamp_leaves_the_window_to_later_messages(db::sqlite()).await;
}

#[tokio::test]
async fn an_absurd_timestamp_leaves_the_window_to_later_messages_on_postgres() {
    if let Some(pg) = db::postgres().await {
        an_absurd_timestamp_leaves_the_window_to_later_messages(pg).await;
    }
}

async fn an_absurd_timestamp_leaves_the_window_to_later_messages(db: db::TestDb) {
    let app = quiet_desk_on(db, |_, _| {}).await;
    let absurd = message_at(
        &app,
        "wamid.TS.ABSURD",
        "Oi, cadê meu pedido?",
        "9223372036854775807",
    );
    assert_eq!(
        app.post_webhook(&absurd, Signature::Good).await.status(),
        200
    );
    let conversation = app.wait_conversation(SHOPPER).await;
    let normal = message_at(&app, "wamid.TS.NORMAL", "Alguém aí?", &now_s().to_string());
    assert_eq!(
        app.post_webhook(&normal, Signature::Good).await.status(),
        200
    );
    eventually(10, "both messages in the conversation", || async {
        (app.inbound_of(SHOPPER).await.len() == 2).then_some(())
    })
    .await;

    let c = app.api(&format!("/conversations/{conversation}")).await;
    assert_eq!(c["window_open"], true, "{c:#}");
    let (status, answer) = send(
        &app,
        conversation,
        json!({"text": "Estamos verificando, Lia."}),
    )
    .await;
    assert_eq!(
        status, 202,
        "an agent may answer inside the window: {answer}"
    );

    let errors = app.api("/webhook-errors").await["webhook_errors"].clone();
    let kept = errors
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.contains("wamid.TS.ABSURD"))
        })
        .unwrap_or_else(|| panic!("the absurd time is shown to agents: {errors:#}"));
    assert!(
        kept["title"]
            .as_str()
            .unwrap()
            .contains("9223372036854775807"),
        "{kept:#}"
    );
    let messages = app.inbound_of(SHOPPER).await;
    let first = messages
        .iter()
        .find(|m| m["wamid"] == "wamid.TS.ABSURD")
        .expect("the message itself is kept");
    assert_eq!(first["text"], "Oi, cadê meu pedido?");
}

#[tokio::test]
async fn a_receipt_with_an_absurd_timestamp_is_kept_as_a_webhook_error() {
    let app = quiet_desk_on(db::sqlite(), |_, _| {}).await;
    let body = envelope(
        &app.number_id(),
        vec![common::app::status_value(
            "wamid.TS.RECEIPT",
            "delivered",
            -5,
            SHOPPER,
            None,
        )],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let errors = app.api("/webhook-errors").await["webhook_errors"].clone();
    assert!(
        errors.as_array().unwrap().iter().any(|e| e["title"]
            .as_str()
            .is_some_and(|t| t.contains("wamid.TS.RECEIPT") && t.contains("-5"))),
        "{errors:#}"
    );
}
