//! The desk's tone through the real API: a formal German shopper is answered with "Sie", and once the
//! desk has greeted them, its next automatic message and the agent's draft start without a second greeting.

mod common;

use std::time::Duration;

use common::app::{envelope, eventually, now_s, spawn_app_with, text_value, Signature, TestApp};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::Value;

const LENA: &str = "4915112345678";

async fn lena_writes(app: &TestApp, wamid: &str, text: &str, ts: i64) {
    let body = envelope(
        &app.number_id(),
        vec![text_value(LENA, "Lena Vogt", wamid, text, ts)],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
}

/// The texts the desk sent or queued to Lena, once there are `n`.
async fn desk_said(app: &TestApp, n: usize) -> Vec<String> {
    eventually(10, &format!("{n} messages to Lena"), || async {
        let out: Vec<String> = app
            .outbound_of(LENA)
            .await
            .iter()
            .filter_map(|m| m["text"].as_str().map(str::to_string))
            .collect();
        (out.len() >= n).then_some(out)
    })
    .await
}

fn opens_with_greeting(text: &str) -> bool {
    ["Guten Tag", "Hallo", "Hi "]
        .iter()
        .any(|g| text.starts_with(g))
}

#[tokio::test]
async fn a_formal_german_shopper_hears_sie_and_is_greeted_once() {
    // A conversation silent for a minute starts anew, so the second message (written two minutes
    // later, by its timestamp) is acknowledged too.
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        desk.greeting.new_conversation_after = Duration::from_secs(60);
    })
    .await;
    let lena = Shopper {
        wa_id: LENA.into(),
        name: "Lena Vogt".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    let text = "Sehr geehrte Damen und Herren, mein Paket ist noch immer nicht angekommen.";
    app.sandbox
        .shopper_says(&lena, ShopperMessage::Text(text.into()))
        .await;
    let said = desk_said(&app, 1).await;
    assert!(
        said[0].starts_with("Guten Tag, vielen Dank, dass Sie uns Bescheid geben.")
            && !said[0].contains("Lena")
            && said[0].contains("Schicken Sie mir bitte Ihre Bestellnummer?")
            && !said[0].contains(" du "),
        "the first acknowledgement greets her formally: {}",
        said[0]
    );

    lena_writes(
        &app,
        "wamid.lena.2",
        "Ich warte weiterhin auf meine Lieferung, die Bestellnummer finde ich leider nicht.",
        now_s() + 120,
    )
    .await;
    let said = desk_said(&app, 2).await;
    assert!(
        !opens_with_greeting(&said[1]) && said[1].contains(" Sie ") && !said[1].contains(" du "),
        "the second acknowledgement, minutes later, has no second greeting: {}",
        said[1]
    );

    let case: Value = eventually(10, "Lena's case", || async {
        let cases = app.api("/cases?all=true").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        common::app::case_of_shopper(&app, cases, LENA).await
    })
    .await;
    let draft = app
        .api(&format!("/cases/{}/draft?role=agent", case["id"]))
        .await;
    let text = draft["text"].as_str().unwrap_or("");
    assert!(
        !opens_with_greeting(text) && text.contains("Sie") && !text.contains(" du "),
        "the agent's draft follows her register without greeting again: {text}"
    );
    assert_eq!(draft["facts"]["register"], "formal", "{draft:#}");
    assert_eq!(draft["facts"]["greeted"], true, "{draft:#}");
}
