//! A case's life tells the truth: an offer leaves it waiting for the shopper (resolved only once their
//! choice is carried out or an agent resolves it), and a later message never silently rewrites the
//! case: a new problem gets its own case, and priority only goes up. (Taps not carried out: case_taps.)

mod common;

use common::{
    app::{eventually, spawn_app_with, TestApp},
    cases::{cases_of, clock, first_case_with_order, labels, offer, texts_at},
    db,
    shoppers::{shopper, tap_button},
};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};

/// Ana's phone is on the demo order #1001 (a stalled parcel to São Paulo).
const ANA: &str = "5511987654321";
/// Lena's phone is on the demo order #1023 (119,00 €, Germany).
const LENA: &str = "4915212345678";
/// The phone on the demo order #1022 (Germany).
const JONAS: &str = "4915112345678";

async fn demo_desk() -> TestApp {
    spawn_app_with(db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await
}

/// Ana writes (in Portuguese) that her parcel of order #1001 has not moved for 9 days.
async fn ana_writes_of_her_stalled_parcel() -> (TestApp, Shopper) {
    let app = demo_desk().await;
    let ana = shopper(&app, ANA, "Ana Souza");
    let words = "Oi, meu pedido #1001 está parado há 9 dias, o rastreio não se mexe";
    app.sandbox
        .shopper_says(&ana, ShopperMessage::Text(words.into()))
        .await;
    (app, ana)
}

#[tokio::test]
async fn an_offer_leaves_the_case_waiting_until_the_shoppers_choice_is_carried_out() {
    let (app, ana) = ana_writes_of_her_stalled_parcel().await;
    let id = first_case_with_order(&app, ANA).await["id"]
        .as_i64()
        .unwrap();
    let sent = offer(&app, id, ANA, "supervisor").await;
    // The draft's coupon "for the trouble" went with the offer and was really created…
    eventually(10, "the coupon code at Ana's phone", || async {
        texts_at(&app, ANA)
            .iter()
            .any(|t| t.contains("SORRY-1001"))
            .then_some(())
    })
    .await;
    // …but the shopper has not chosen yet: the case waits for her, answered but not resolved.
    let waiting = app.api(&format!("/cases/{id}")).await;
    assert_eq!(waiting["status"], "waiting_customer", "{waiting:#}");
    assert_eq!(clock(&waiting, "first_human_reply"), "met", "{waiting:#}");
    assert_eq!(clock(&waiting, "resolution"), "running", "{waiting:#}");
    assert!(waiting["resolved_at"].is_null(), "{waiting:#}");
    assert!(!labels(&waiting).contains(&"resolved".to_string()));

    tap_button(&app, &ana, &sent, "replacement").await;
    let resolved = eventually(15, "the case resolved by Ana's choice", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        (case["status"] == "resolved").then_some(case)
    })
    .await;
    assert_eq!(clock(&resolved, "resolution"), "met", "{resolved:#}");
    let done = resolved["compensations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["remedy"]["type"] == "replacement" && c["status"] == "done");
    assert!(done, "resolved once the replacement was made: {resolved:#}");
    eventually(10, "Ana hears of her replacement", || async {
        let told = texts_at(&app, ANA);
        told.iter().any(|t| t.contains("1001-R1")).then_some(())
    })
    .await;
}

#[tokio::test]
async fn an_agent_resolving_the_case_meets_its_resolution_clock() {
    let (app, _ana) = ana_writes_of_her_stalled_parcel().await;
    let id = first_case_with_order(&app, ANA).await["id"]
        .as_i64()
        .unwrap();
    let r = app
        .http
        .patch(format!("{}/api/v1/cases/{id}", app.desk))
        .bearer_auth(&app.token)
        .json(&json!({"actor": "sara", "status": "resolved"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let case = app.api(&format!("/cases/{id}")).await;
    assert_eq!(case["status"], "resolved", "{case:#}");
    assert_eq!(clock(&case, "resolution"), "met", "{case:#}");
}

#[tokio::test]
async fn a_double_charge_in_an_open_delay_case_opens_a_payment_case_of_its_own() {
    let (app, ana) = ana_writes_of_her_stalled_parcel().await;
    let delay = first_case_with_order(&app, ANA).await;
    assert_eq!(delay["kind"], "delayed", "{delay:#}");
    let before = delay["priority"].clone();
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("E tem mais: vocês me cobraram duas vezes!".into()),
        )
        .await;
    let cases = eventually(10, "a second case for the double charge", || async {
        let cases = cases_of(&app, ANA).await;
        (cases.len() == 2).then_some(cases)
    })
    .await;
    let (delay, payment) = (&cases[0], &cases[1]);
    assert_eq!(
        delay["kind"], "delayed",
        "the delay stays a delay: {delay:#}"
    );
    assert_eq!(delay["priority"], before, "{delay:#}");
    assert_eq!(payment["kind"], "payment", "{payment:#}");
    assert!(payment["status"] != "resolved" && payment["status"] != "closed");
    let note = |case: &Value, words: &str| {
        case["timeline"].as_array().unwrap().iter().any(|e| {
            e["what"]["event"] == "note_added"
                && e["what"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains(words))
        })
    };
    assert!(
        note(payment, &format!("#{}", delay["id"])),
        "the payment case names the delay case beside it: {payment:#}"
    );
    assert!(
        note(delay, "payment"),
        "the delay case says another problem was raised: {delay:#}"
    );
    // A thank-you afterwards is a follow-up: no third case.
    app.sandbox
        .shopper_says(&ana, ShopperMessage::Text("obrigada".into()))
        .await;
    eventually(10, "the thank-you read into a case", || async {
        let cases = cases_of(&app, ANA).await;
        let timelines = cases.iter().filter_map(|c| c["timeline"].as_array());
        let mut lines = timelines.flatten();
        lines
            .any(|e| e["what"]["event"] == "shopper_wrote")
            .then_some(())
    })
    .await;
    assert_eq!(cases_of(&app, ANA).await.len(), 2);
}

#[tokio::test]
async fn a_later_message_never_lowers_the_priority_or_turns_a_payment_case_into_a_lost_one() {
    let app = demo_desk().await;
    let lena = shopper(&app, LENA, "Lena Schmidt");
    let words = "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück";
    app.sandbox
        .shopper_says(&lena, ShopperMessage::Text(words.into()))
        .await;
    let lost = first_case_with_order(&app, LENA).await;
    assert_eq!(
        (lost["kind"].as_str(), lost["priority"].as_str()),
        (Some("lost"), Some("urgent"))
    );
    let id = lost["id"].as_i64().unwrap();
    // "Where is it now?" reads as a tracking question (normal priority) on its own.
    app.sandbox
        .shopper_says(&lena, ShopperMessage::Text("Wo ist es denn jetzt?".into()))
        .await;
    let after = eventually(10, "the second message on the case", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        let wrote = case["timeline"]
            .as_array()?
            .iter()
            .any(|e| e["what"]["event"] == "shopper_wrote");
        wrote.then_some(case)
    })
    .await;
    assert_eq!(after["priority"], "urgent", "{after:#}");
    assert_eq!(after["kind"], "lost", "{after:#}");
    assert_eq!(
        cases_of(&app, LENA).await.len(),
        1,
        "the same story, one case"
    );

    // A payment case stays a payment case whatever a vague follow-up reads as ("never got" reads as a
    // lost parcel on its own).
    let jonas = shopper(&app, JONAS, "Jonas Weber");
    app.sandbox
        .shopper_says(
            &jonas,
            ShopperMessage::Text("Ich wurde für Bestellung 1022 doppelt belastet".into()),
        )
        .await;
    let payment = first_case_with_order(&app, JONAS).await;
    assert_eq!(payment["kind"], "payment", "{payment:#}");
    let pid = payment["id"].as_i64().unwrap();
    app.sandbox
        .shopper_says(
            &jonas,
            ShopperMessage::Text("Ich habe die E-Mail nie bekommen".into()),
        )
        .await;
    eventually(10, "the follow-up read", || async {
        let cases = cases_of(&app, JONAS).await;
        let timelines = cases.iter().filter_map(|c| c["timeline"].as_array());
        let mut lines = timelines.flatten();
        let read = lines.any(|e| e["what"]["event"] == "shopper_wrote");
        (read || cases.len() > 1).then_some(())
    })
    .await;
    let payment = app.api(&format!("/cases/{pid}")).await;
    assert_eq!(payment["kind"], "payment", "{payment:#}");
    assert_eq!(payment["priority"], "high", "{payment:#}");
}
