//! Every way an agent's words reach a shopper passes the same checks: the conversation screen's form,
//! the REST API's messages and the case reply all stop a blame-shifting text with the tone check's
//! findings, and "send anyway" sends it. On a conversation with a case, the case's reply box is the
//! screen's only composer.

mod common;
mod web_common;

use common::app::{case_with_order, eventually, spawn_app_with, TestApp};
use lifeline_desk::Role;
use lifeline_sandbox::{Shopper, ShopperMessage};
use web_common::signed_in;

const BLAME: &str =
    "It's the carrier's fault, nothing we can do. You should have chosen express shipping.";

/// Ana writes about a late parcel; returns (case id, conversation id) once the acknowledgement is out.
async fn ana_waits(app: &TestApp) -> (i64, i64) {
    let shopper = Shopper {
        wa_id: "5511987654321".into(), // the phone on order #1001
        name: "Ana Souza".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    let text = "Oi! Meu pedido #1001 está parado há 9 dias, cadê?";
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(text.into()))
        .await;
    let id = case_with_order(app, &shopper.wa_id).await;
    let case = app.api(&format!("/cases/{id}")).await;
    eventually(10, "the acknowledgement", || async {
        (!app.sandbox.sent_to(&shopper.wa_id).is_empty()).then_some(())
    })
    .await;
    (id, case["conversation_id"].as_i64().unwrap())
}

async fn desk() -> TestApp {
    spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await
}

/// What the desk has queued or sent to the shopper so far, as the API lists it.
async fn sent_bodies(app: &TestApp, conversation: i64) -> Vec<String> {
    app.api(&format!("/conversations/{conversation}/messages"))
        .await["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["direction"] == "outbound")
        .map(|m| m.to_string())
        .collect()
}

#[tokio::test]
async fn a_blaming_text_is_stopped_by_the_tone_check_on_every_way_in() {
    let app = desk().await;
    let (case, conv) = ana_waits(&app).await;
    let before = sent_bodies(&app, conv).await.len();

    let (status, body) = app
        .api_post(
            &format!("/conversations/{conv}/messages"),
            serde_json::json!({"text": BLAME}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["tone"].as_array().is_some_and(|f| !f.is_empty()),
        "the findings come back: {body}"
    );

    let b = signed_in(&app, "agent@shop.example", Role::Agent).await;
    let csrf = b.csrf().await;
    let web = b
        .post(
            &format!("/conversations/{conv}/reply"),
            &[("csrf", &csrf), ("text", BLAME)],
        )
        .await;
    assert_eq!(web.status, 400, "refused: {}", web.body);
    assert!(
        web.body.contains("The tone check stopped this reply") && web.body.contains("Better:"),
        "{}",
        web.body
    );

    let (status, body) = app
        .api_post(
            &format!("/cases/{case}/reply"),
            serde_json::json!({"text": BLAME, "actor": "agent@shop.example"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        sent_bodies(&app, conv).await.len(),
        before,
        "nothing went out"
    );

    let (status, body) = app
        .api_post(
            &format!("/conversations/{conv}/messages"),
            serde_json::json!({"text": BLAME, "send_anyway": true}),
        )
        .await;
    assert_eq!(status, 202, "sent anyway: {body}");
    assert_eq!(sent_bodies(&app, conv).await.len(), before + 1);
}

#[tokio::test]
async fn on_a_case_the_case_reply_box_is_the_only_composer() {
    let app = desk().await;
    let (_, conv) = ana_waits(&app).await;
    let b = signed_in(&app, "agent@shop.example", Role::Agent).await;
    let page = b.get(&format!("/conversations/{conv}")).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("id=\"composer\""), "{}", page.body);
    assert!(page.body.contains("Reply on the case"), "{}", page.body);
    let panel = b.get(&format!("/conversations/{conv}/cases")).await;
    assert_eq!(
        panel
            .body
            .matches("<textarea name=\"text\" rows=\"5\" id=\"reply\"")
            .count(),
        1
    );
}
