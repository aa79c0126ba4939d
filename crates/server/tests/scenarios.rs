//! End-to-end scenarios through the sandbox and the demo shop: what a shopper and an agent would notice.

mod common;

use common::{
    app::{eventually, spawn_app_with, TestApp},
    db,
};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};

async fn desk_with_demo_shop() -> TestApp {
    spawn_app_with(db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await
}

fn shopper(app: &TestApp, wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

/// The case of a shopper, once it exists and (optionally) has its order attached.
async fn case_of(app: &TestApp, key: &str, with_order: bool) -> Value {
    eventually(10, "the case with its order", || async {
        let cases = app.api("/cases").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        // The shopper's phone or contact key: the case belongs to their conversation.
        let conversation = app.conversation_id(key).await?;
        let c = cases
            .into_iter()
            .find(|c| c["contact_key"] == key || c["conversation_id"] == conversation)?;
        let full = app.api(&format!("/cases/{}", c["id"])).await;
        (!with_order || full["order"].is_object()).then_some(full)
    })
    .await
}

#[tokio::test]
async fn a_stalled_parcel_in_portuguese_ends_with_a_replacement_the_shopper_chose() {
    let app = desk_with_demo_shop().await;
    let ana = shopper(&app, "5511987654321", "Ana Souza");
    let started = std::time::Instant::now();
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text(
                "Oi, meu pedido #1001 está parado há 9 dias, o rastreio não se mexe".into(),
            ),
        )
        .await;
    let ack = eventually(5, "the acknowledgement", || async {
        app.sandbox.sent_to("5511987654321").first().cloned()
    })
    .await;
    assert!(
        started.elapsed().as_secs_f64() < 1.5,
        "acknowledged in {:?}",
        started.elapsed()
    );
    let ack_text = ack.body["text"]["body"].as_str().unwrap().to_string();
    assert!(
        ack_text.contains("Ana") && ack_text.contains("1001"),
        "Portuguese, by name, names the order: {ack_text}"
    );

    let case = case_of(&app, "5511987654321", true).await;
    assert_eq!(case["priority"], "high", "{case}");
    assert_eq!(case["order_number"], "1001");
    assert_eq!(case["status"], "acknowledged");
    assert!(
        case["labels"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l == "delayed"),
        "{}",
        case["labels"]
    );
    let id = case["id"].as_i64().unwrap();

    // A free replacement of R$ 289,80 is beyond an agent's authority: a supervisor handles this one.
    let draft = app.api(&format!("/cases/{id}/draft?role=supervisor")).await;
    assert_eq!(draft["language"], "pt");
    assert_eq!(draft["situation"], "stalled", "{draft}");
    let buttons = draft["buttons"].as_array().unwrap().clone();
    assert!(!buttons.is_empty() && buttons.len() <= 3, "{draft}");
    assert!(buttons
        .iter()
        .all(|b| b["title"].as_str().unwrap().chars().count() <= 20));
    let replacement = buttons
        .iter()
        .find(|b| b["remedy"]["type"] == "replacement")
        .unwrap_or_else(|| panic!("a replacement is offered: {draft:#}"))
        .clone();

    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": draft["text"], "options": buttons, "gestures": draft["gestures"], "actor": "sara", "role": "supervisor"}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    let offer = eventually(
        5,
        "the draft with its buttons at the shopper's phone",
        || async {
            app.sandbox
                .sent_to("5511987654321")
                .into_iter()
                .find(|s| s.body["type"] == "interactive")
        },
    )
    .await;
    let sent_buttons = offer.body["interactive"]["action"]["buttons"]
        .as_array()
        .unwrap()
        .clone();
    let tap = sent_buttons
        .iter()
        .find(|b| b["reply"]["title"] == replacement["title"])
        .unwrap();

    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::ButtonReply {
                id: tap["reply"]["id"].as_str().unwrap().into(),
                title: tap["reply"]["title"].as_str().unwrap().into(),
                context_wamid: offer.wamid.clone(),
            },
        )
        .await;
    let confirmation = eventually(10, "the confirmation of the replacement", || async {
        app.sandbox
            .sent_to("5511987654321")
            .into_iter()
            .filter(|s| s.body["type"] == "text")
            .map(|s| s.body["text"]["body"].as_str().unwrap_or("").to_string())
            .find(|t| t.contains("1001-R1"))
    })
    .await;
    assert!(
        !confirmation.contains("LP00007926919BR"),
        "the old parcel's tracking must not pass for the new one: {confirmation}"
    );
    // The 5% coupon the draft gave "for the trouble" was really created and its code sent.
    eventually(5, "the coupon code", || async {
        app.sandbox
            .sent_to("5511987654321")
            .into_iter()
            .any(|s| {
                s.body["text"]["body"]
                    .as_str()
                    .is_some_and(|t| t.contains("SORRY-1001"))
            })
            .then_some(())
    })
    .await;
    let case = app.api(&format!("/cases/{id}")).await;
    let done = case["compensations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["remedy"]["type"] == "replacement")
        .cloned();
    assert_eq!(
        done.map(|d| d["status"].clone()),
        Some(json!("done")),
        "{case}"
    );
    assert_eq!(case["status"], "resolved");
    let events: Vec<String> = case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"]["event"].as_str().unwrap_or("").to_string())
        .collect();
    for expected in [
        "created",
        "acknowledged",
        "reply_sent",
        "shopper_chose",
        "action_done",
    ] {
        assert!(
            events.iter().any(|e| e == expected),
            "timeline lacks {expected}: {events:?}"
        );
    }
    // The replacement really exists in the shop.
    let (_, order) = app
        .running
        .as_ref()
        .unwrap()
        .state
        .commerce
        .find_order("1001-R1", None)
        .await
        .unwrap()
        .expect("the replacement order");
    assert!(
        order.tags.iter().any(|t| t == "replacement"),
        "{:?}",
        order.tags
    );
}

#[tokio::test]
async fn a_blame_shifting_reply_is_flagged_and_can_be_sent_anyway_with_the_override_recorded() {
    let app = desk_with_demo_shop().await;
    let lucas = shopper(&app, "33622345678", "Lucas Bernard");
    app.sandbox
        .shopper_says(
            &lucas,
            ShopperMessage::Text("Bonjour, ma commande 1018 n'avance plus depuis 10 jours".into()),
        )
        .await;
    let case = case_of(&app, "33622345678", false).await;
    let id = case["id"].as_i64().unwrap();
    let text = "C'est la faute du transporteur, on ne peut rien faire.";
    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": text, "actor": "maria"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let finding = &body["tone"][0];
    assert_eq!(finding["rule"], "blame_shifting", "{body}");
    assert!(finding["better"].as_str().is_some_and(|b| !b.is_empty()));
    let (status, _) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": text, "actor": "maria", "send_anyway": true}),
        )
        .await;
    assert_eq!(status, 202);
    let case = app.api(&format!("/cases/{id}")).await;
    assert!(case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["what"]["event"] == "tone_override"));
}

#[tokio::test]
async fn an_agents_refund_beyond_their_authority_waits_for_a_supervisor() {
    let app = desk_with_demo_shop().await;
    let lena = shopper(&app, "4915212345678", "Lena Schmidt");
    app.sandbox
        .shopper_says(
            &lena,
            ShopperMessage::Text(
                "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück".into(),
            ),
        )
        .await;
    let case = case_of(&app, "4915212345678", true).await;
    let id = case["id"].as_i64().unwrap();
    let before = app.sandbox.sent_to("4915212345678").len();
    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/actions"),
            json!({"remedy": {"type": "full_refund"}, "actor": "tom", "role": "agent"}),
        )
        .await;
    match status {
        202 => {
            assert_eq!(body["status"], "pending_approval", "{body}");
            let approvals = app.api("/approvals").await;
            let pending = approvals["approvals"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["case_id"] == id)
                .cloned()
                .unwrap();
            let (s, refused) = app
                .api_post(
                    &format!("/approvals/{}/approve", pending["id"]),
                    json!({"actor": "tom", "role": "agent"}),
                )
                .await;
            assert_eq!(s, 403, "an agent cannot approve: {refused}");
            let (s, approved) = app
                .api_post(
                    &format!("/approvals/{}/approve", pending["id"]),
                    json!({"actor": "sara", "role": "supervisor"}),
                )
                .await;
            assert_eq!(s, 200, "{approved}");
            assert_eq!(approved["status"], "done", "{approved}");
        }
        other => panic!(
            "a full refund of order 1023 by an agent should wait for approval, got {other}: {body}"
        ),
    }
    let confirmation = eventually(5, "the refund confirmation", || async {
        let sent = app.sandbox.sent_to("4915212345678");
        (sent.len() > before).then(|| {
            sent.last().unwrap().body["text"]["body"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
    })
    .await;
    assert!(
        confirmation.contains('€') || confirmation.contains("EUR"),
        "the amount in the order's currency: {confirmation}"
    );
    // The same request again never refunds twice.
    let (_, again) = app
        .api_post(
            &format!("/cases/{id}/actions"),
            json!({"remedy": {"type": "full_refund"}, "actor": "tom", "role": "agent"}),
        )
        .await;
    assert!(
        again["status"] == "done" || again["error"].is_string(),
        "{again}"
    );
    let case = app.api(&format!("/cases/{id}")).await;
    let refunds = case["compensations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["remedy"]["type"] == "full_refund")
        .count();
    assert_eq!(refunds, 1);
}
