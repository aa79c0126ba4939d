//! One way into the outbox: a follow-up is told once even when two sweeps race on the same case (one
//! desk's sweep run twice at once on SQLite; two desks on one PostgreSQL), and an agent replying after
//! the 24-hour window reads the same refusal on the REST API, the case API and the conversation screen.

mod common;
mod web_common;

use common::{
    app::{envelope, eventually, now_s, spawn_app, spawn_app_with, text_value, Signature, TestApp},
    db::{self, TestDb},
};
use lifeline_desk::Role;
use lifeline_sandbox::{Shopper, ShopperMessage};
use lifeline_server::{app::build_state, cases::followup::sweep_at, state::AppState};
use serde_json::{json, Value};
use web_common::signed_in;

/// Ana's case, once her first message (a broken vase) has been acknowledged.
async fn anas_case(app: &TestApp) -> i64 {
    let ana = Shopper {
        wa_id: "5511987654321".into(),
        name: "Ana Souza".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("Oi, o vaso do pedido 1001 chegou quebrado".into()),
        )
        .await;
    eventually(10, "Ana's case", || async {
        app.api("/cases").await["cases"].as_array()?.first()?["id"].as_i64()
    })
    .await
}

/// The timeline's events named `name`.
fn events_named(case: &Value, name: &str) -> Vec<Value> {
    case["timeline"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["what"]["event"] == name)
        .cloned()
        .collect()
}

async fn a_promise_is_followed_up_once_when_two_sweeps_race(db: TestDb) {
    let label = db.label;
    let postgres = label == "postgres";
    // The desk's own sweep runs at start and then not for an hour: the two racing here are the test's.
    let app = spawn_app_with(db, |_, desk| {
        desk.desk.insert("followup_every".into(), "1h".into());
    })
    .await;
    let id = anas_case(&app).await;
    let (status, answer) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": "Ana, we will have news for you within 2 hours.", "actor": "maria",
                   "send_anyway": true}),
        )
        .await;
    assert_eq!(status, 202, "{answer}");
    let case = app.api(&format!("/cases/{id}")).await;
    let promise = events_named(&case, "promise_made");
    let deadline = promise
        .first()
        .and_then(|p| p["what"]["deadline"].as_str())
        .unwrap_or_else(|| panic!("the reply made a promise: {case:#}"));
    let deadline = chrono::DateTime::parse_from_rfc3339(deadline).unwrap();
    // A minute before the deadline, the follow-up is due; both sweeps look at the same moment.
    let now = deadline.to_utc() - chrono::Duration::minutes(1);
    let desk: &AppState = &app.running.as_ref().unwrap().state;
    let other = if postgres {
        // A second desk on the same database, with pools of its own.
        Some(build_state(app.config.clone()).await.unwrap().0)
    } else {
        None // SQLite holds one desk: the same desk's sweep twice at once
    };
    let second = other.as_ref().unwrap_or(desk);
    let (a, b) = tokio::join!(sweep_at(desk, now), sweep_at(second, now));
    a.unwrap();
    b.unwrap();

    let case = app.api(&format!("/cases/{id}")).await;
    let sent = events_named(&case, "follow_up_sent");
    assert_eq!(sent.len(), 1, "one follow-up on {label}: {case:#}");
    assert_eq!(sent[0]["what"]["reason"]["reason"], "promise_due");
    let out = app.outbound_of("5511987654321").await;
    assert_eq!(
        out.len(),
        3,
        "the acknowledgement, Maria's reply and one follow-up on {label}: {out:#?}"
    );
    let phone = eventually(15, "all three on Ana's phone", || async {
        let got = app.sandbox.sent_to("5511987654321");
        (got.len() >= 3).then_some(got)
    })
    .await;
    assert_eq!(phone.len(), 3, "{phone:#?}");
}

#[tokio::test]
async fn a_promise_is_followed_up_once_when_two_sweeps_race_on_sqlite() {
    a_promise_is_followed_up_once_when_two_sweeps_race(db::sqlite()).await;
}

#[tokio::test]
async fn a_promise_is_followed_up_once_when_two_desks_sweep_at_once_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_promise_is_followed_up_once_when_two_sweeps_race(pg).await;
    }
}

/// The refusal as a web page shows it: capitalised, a full stop, HTML-escaped.
fn as_a_page_says(api_error: &str) -> String {
    let mut c = api_error.chars();
    let first: String = c.next().into_iter().flat_map(char::to_uppercase).collect();
    format!("{first}{}.", c.as_str())
}

#[tokio::test]
async fn an_agent_replying_after_the_window_reads_the_same_refusal_on_every_screen() {
    let app = spawn_app().await;
    let wa = "4915112345678";
    let two_days_ago = now_s() - 2 * 24 * 3600;
    let body = envelope(
        &app.number_id(),
        vec![text_value(
            wa,
            "Jonas Weber",
            "wamid.OLDWIN1",
            "Wo ist mein Paket 1023?",
            two_days_ago,
        )],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let conversation = app.wait_conversation(wa).await;
    let case = eventually(10, "Jonas's case", || async {
        let cases = app.api("/cases").await["cases"].as_array().cloned()?;
        common::app::case_of_shopper(&app, cases, wa).await?["id"].as_i64()
    })
    .await;

    let (status, api) = app
        .api_post(
            &format!("/conversations/{conversation}/messages"),
            json!({"text": "Hallo Jonas, Ihr Paket ist unterwegs."}),
        )
        .await;
    assert_eq!(status, 409, "{api}");
    let refusal = api["error"].as_str().unwrap().to_string();
    assert!(
        refusal.contains("24 hours") && refusal.contains("approved template"),
        "{refusal}"
    );
    let (status, on_case) = app
        .api_post(
            &format!("/cases/{case}/reply"),
            json!({"text": "Hallo Jonas, Ihr Paket ist unterwegs.", "actor": "maria"}),
        )
        .await;
    assert_eq!(
        (status, on_case["error"].as_str()),
        (409, Some(refusal.as_str()))
    );

    let b = signed_in(&app, "maria@shop.example", Role::Agent).await;
    let page = b.get(&format!("/conversations/{conversation}")).await;
    let web = b
        .post(
            &format!("/conversations/{conversation}/reply"),
            &[("csrf", &page.csrf()), ("text", "Hallo Jonas?")],
        )
        .await;
    assert_eq!(web.status, 400, "{}", web.body);
    assert!(
        web.body.contains(&as_a_page_says(&refusal)),
        "the screen says what the API says ({refusal}): {}",
        web.body
    );
    // Nothing went out: the acknowledgement could not either, a day too late for free text.
    assert!(
        app.outbound_of(wa).await.is_empty(),
        "{:#?}",
        app.outbound_of(wa).await
    );
}
