//! Once the 24-hour window has closed, the desk offers the approved utility template in the shopper's
//! language instead of free text, and never a marketing template.

mod common;

use common::{
    app::{envelope, eventually, now_s, spawn_app_with, text_value, Signature},
    db,
};
use serde_json::json;

#[tokio::test]
async fn a_closed_window_offers_the_utility_template_in_the_shoppers_language_and_refuses_marketing(
) {
    let app = spawn_app_with(db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await;
    let old = now_s() - 25 * 3600;
    let body = envelope(
        &app.number_id(),
        vec![text_value(
            "5511987654321",
            "Ana Souza",
            "wamid.OLD1",
            "Oi, meu pedido #1001 não chegou",
            old,
        )],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let case = eventually(10, "the case", || async {
        app.api("/cases").await["cases"]
            .as_array()
            .and_then(|c| c.first().cloned())
    })
    .await;
    let id = case["id"].as_i64().unwrap();
    let draft = eventually(
        10,
        "a template suggestion (templates synced from the account)",
        || async {
            let d = app.api(&format!("/cases/{id}/draft")).await;
            d["template"].is_object().then_some(d)
        },
    )
    .await;
    assert_eq!(draft["window_open"], false);
    assert_eq!(draft["template"]["name"], "order_update", "{draft:#}");
    assert_eq!(draft["template"]["language"], "pt_BR");
    let params = draft["template"]["parameters"].as_array().unwrap().clone();
    assert_eq!(params[0], "Ana");
    assert_eq!(params[1], "#1001");
    assert!(
        params.iter().all(|p| !p.as_str().unwrap().contains('\n')),
        "template parameters are one line"
    );

    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": "Oi Ana!", "actor": "maria"}),
        )
        .await;
    assert_eq!(status, 409, "free text after the window: {body}");
    assert!(body["error"].as_str().unwrap().contains("window closed"));

    let (status, body) = app
        .api_post(&format!("/cases/{id}/reply"), json!({"template": {"name": "seasonal_sale", "language": "en", "parameters": ["Ana"]}, "actor": "maria"}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"].as_str().unwrap().contains("marketing"),
        "{body}"
    );

    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"template": draft["template"], "actor": "maria"}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    let sent = eventually(5, "the template at the shopper's phone", || async {
        app.sandbox
            .sent_to("5511987654321")
            .into_iter()
            .find(|s| s.body["type"] == "template")
    })
    .await;
    assert_eq!(sent.body["template"]["name"], "order_update");
    assert_eq!(
        sent.error_code, None,
        "the simulator accepted it outside the window"
    );
    let case = app.api(&format!("/cases/{id}")).await;
    assert!(case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["what"]["event"] == "reply_sent" && e["what"]["template"] == "order_update"));
}
