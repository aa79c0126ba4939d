//! A tap the desk does not carry out is answered honestly, in the shopper's language: refused, or
//! waiting for a supervisor's approval, it is never confirmed as done; the shopper hears when a person
//! replies, and the case is put in front of an agent with that promise running.

mod common;

use common::{
    app::{eventually, spawn_app_with, timeline_events, TestApp},
    cases::{first_case_with_order, labels, offer, texts_at},
    db,
    shoppers::{shopper, tap_button},
};
use lifeline_sandbox::{SentRecord, Shopper, ShopperMessage};
use serde_json::{json, Value};

/// Lena's phone is on the demo order #1023 (119,00 €, Germany).
const LENA: &str = "4915212345678";

/// A desk whose shop is a fake Shopify holding the demo orders; `generous` lets an agent offer a full
/// refund or a replacement of Lena's order on their own (and the order take both), so that a second
/// remedy on top of the first waits for a supervisor.
async fn shop_desk(
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
async fn lena_offered(app: &TestApp, role: &str) -> (Shopper, i64, SentRecord) {
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
async fn second_tap_not_carried_out(
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
    let answer = eventually(10, "the answer at Lena's phone", || async {
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

#[tokio::test]
async fn a_refused_tap_is_answered_honestly_and_put_in_front_of_an_agent() {
    let (app, shop) = shop_desk(false, None).await;
    let offered = lena_offered(&app, "supervisor").await;
    let (case, answer) =
        second_tap_not_carried_out(&app, &offered, "full_refund", "replacement").await;
    assert!(
        answer.contains("Das tut mir leid") && answer.contains("innerhalb von 15 Minuten"),
        "sorry, and when a person replies: {answer}"
    );
    assert!(shop.draft_orders().is_empty(), "nothing was reshipped");
    let events = timeline_events(&case);
    assert!(events.contains(&"choice_refused".to_string()), "{events:?}");
    assert!(events.contains(&"promise_made".to_string()), "{events:?}");
}

#[tokio::test]
async fn a_tap_waiting_for_a_supervisor_is_answered_as_not_done_yet() {
    let (app, shop) = shop_desk(true, None).await;
    let offered = lena_offered(&app, "agent").await;
    let id = offered.1;
    let (_, answer) =
        second_tap_not_carried_out(&app, &offered, "replacement", "full_refund").await;
    assert!(
        answer.contains("Freigabe")
            && answer.contains("noch nicht erledigt")
            && answer.contains("innerhalb von 15 Minuten"),
        "it waits for approval, is not done, and a person replies: {answer}"
    );
    assert!(
        shop.refunds().is_empty(),
        "nothing was refunded: {:?}",
        shop.refunds()
    );
    let waiting = app.api("/approvals").await;
    let pending = waiting["approvals"]
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|c| c["case_id"] == id && c["remedy"]["type"] == "full_refund")
        })
        .cloned()
        .unwrap_or_else(|| panic!("the refund waits in the supervisors' queue: {waiting:#}"));
    // A supervisor approves: the refund is made once, and the case is resolved with nothing left to
    // follow up.
    let (status, body) = app
        .api_post(
            &format!("/approvals/{}/approve", pending["id"]),
            json!({"actor": "sara", "role": "supervisor"}),
        )
        .await;
    assert_eq!((status, &body["status"]), (200, &json!("done")), "{body}");
    assert_eq!(shop.refunds().len(), 1);
    let case = app.api(&format!("/cases/{id}")).await;
    assert_eq!(case["status"], "resolved", "{case:#}");
    assert!(
        !labels(&case).contains(&"needs follow-up".to_string()),
        "{case:#}"
    );
}

#[tokio::test]
async fn outside_staffed_hours_a_refused_tap_names_no_time_and_waits_for_the_team() {
    // The team works one hour tomorrow only: now is outside its hours.
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).format("%a");
    let hours = format!(
        "time_zone = \"UTC\"\nhours = [\"{} 09:00-10:00\"]",
        tomorrow.to_string().to_lowercase()
    );
    let (app, _shop) = shop_desk(false, Some(toml::from_str(&hours).unwrap())).await;
    let offered = lena_offered(&app, "supervisor").await;
    let (case, answer) =
        second_tap_not_carried_out(&app, &offered, "full_refund", "replacement").await;
    assert!(
        answer.contains("Das tut mir leid") && !answer.contains("Minuten"),
        "no time promised while nobody is at the desk: {answer}"
    );
    let promise = case["clocks"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["kind"]["type"] == "promise"))
        .cloned()
        .unwrap_or_else(|| panic!("a promise clock: {case:#}"));
    let deadline: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(promise["deadline"].clone()).unwrap();
    assert!(
        deadline > chrono::Utc::now() + chrono::Duration::hours(1),
        "the promise runs to the team's return: {promise}"
    );
}
