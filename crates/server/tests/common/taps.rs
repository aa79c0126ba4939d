//! A desk whose shop may be generous or staffed only some hours, and Lena, whose lost parcel of the
//! demo order #1023 an agent answers with the draft's options: the start of every tap scenario.

use lifeline_sandbox::{SentRecord, Shopper, ShopperMessage};
use serde_json::{json, Value};

use super::{
    app::{eventually, spawn_app_with, TestApp},
    cases::{first_case_with_order, labels, offer, texts_at},
    db,
    shoppers::{shopper, tap_button},
};

/// Lena's phone is on the demo order #1023 (119,00 €, Germany).
pub const LENA: &str = "4915212345678";

/// A desk whose shop is a fake Shopify holding the demo orders; `generous` lets an agent offer a full
/// refund or a replacement of Lena's order on their own (and the order take both), so that a second
/// remedy on top of the first waits for a supervisor.
pub async fn shop_desk(
    generous: bool,
    staffed: Option<toml::Value>,
) -> (TestApp, lifeline_commerce::fakes::FakeShopify) {
    let token = "shpat_lifecycle";
    let orders = lifeline_commerce::demo_store().orders();
    let shop = lifeline_commerce::fakes::FakeShopify::start(token, orders)
        .await
        .unwrap();
    let base = shop.base_url();
    let app = spawn_app_with(db::sqlite(), move |_, desk| {
        let store: toml::Table = toml::from_str(&format!(
            "name = \"main\"\nkind = \"shopify\"\nshop = \"lifeline-test\"\n\
             access_token = \"{token}\"\napi_base = \"{base}\""
        ))
        .unwrap();
        desk.stores = vec![store];
        if generous {
            let policy: toml::Table = toml::from_str(
                "order_cap_percent = 300\n[authority.agent]\nmax_percent = 100\n\
                 max_amount = { EUR = 100000 }",
            )
            .unwrap();
            desk.desk
                .insert("policy".into(), toml::Value::Table(policy));
        }
        if let Some(hours) = staffed {
            desk.desk.insert("staffed_hours".into(), hours);
        }
    })
    .await;
    (app, shop)
}

/// Lena writes (in German) that her parcel of order #1023 is lost and an agent of `role` offers the
/// draft's options; returns her, the case id and the offer at her phone.
pub async fn lena_offered(app: &TestApp, role: &str) -> (Shopper, i64, SentRecord) {
    let lena = shopper(app, LENA, "Lena Schmidt");
    let words = "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück";
    app.sandbox
        .shopper_says(&lena, ShopperMessage::Text(words.into()))
        .await;
    let id = first_case_with_order(app, LENA).await["id"]
        .as_i64()
        .unwrap();
    let sent = offer(app, id, LENA, role).await;
    (lena, id, sent)
}

/// Lena taps `first`, which is carried out (the case resolved), then `second`, which is not: returns
/// the case once it is back under investigation with a promise to her running, and the answer she
/// got naming what she tapped.
pub async fn second_tap_not_carried_out(
    app: &TestApp,
    (lena, id, sent): &(Shopper, i64, SentRecord),
    first: &str,
    second: &str,
) -> (Value, String) {
    tap_button(app, lena, sent, first).await;
    eventually(15, "the first choice carried out", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        (case["status"] == "resolved").then_some(())
    })
    .await;
    let title = tap_button(app, lena, sent, second).await;
    let case = eventually(15, "the case back in front of an agent", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        let promised = case["clocks"]
            .as_array()?
            .iter()
            .any(|c| c["kind"]["type"] == "promise" && c["state"] == "running");
        (case["status"] == "investigating" && promised).then_some(case)
    })
    .await;
    let answer = eventually(30, "the answer at Lena's phone", || async {
        let told = texts_at(app, LENA);
        told.into_iter().find(|t| t.contains(&format!("*{title}*")))
    })
    .await;
    assert!(
        labels(&case).contains(&"needs follow-up".to_string()),
        "{case:#}"
    );
    (case, answer)
}

/// The id of the request for `remedy` on case `id` waiting in the supervisors' queue.
pub async fn waiting_approval(app: &TestApp, id: i64, remedy: &str) -> i64 {
    let waiting = app.api("/approvals").await;
    (waiting["approvals"].as_array().into_iter().flatten())
        .find(|c| c["case_id"] == id && c["remedy"]["type"] == remedy)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("{remedy} waits in the supervisors' queue: {waiting:#}"))
}

/// A supervisor decides the request `approval` (`approve` or `reject`) with `reason`.
pub async fn decide(app: &TestApp, approval: i64, how: &str, reason: &str) -> Value {
    let (status, body) = app
        .api_post(
            &format!("/approvals/{approval}/{how}"),
            json!({"actor": "sara", "role": "supervisor", "reason": reason}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body
}
