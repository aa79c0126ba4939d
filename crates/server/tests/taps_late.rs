//! The promise in the answer to a tap the desk did not carry out ("a person replies within 15
//! minutes") is kept: it runs as the case's clock, and when its time passes with no person's answer,
//! Lena hears once, in German, that it is taking longer and when a colleague answers; no "here is the
//! update I promised" before it. When a person answers in time, nothing more is sent. Sweeps run at
//! chosen times on the injected clock.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::{
    app::{eventually, TestApp},
    cases::texts_at,
    taps::{lena_offered, second_tap_not_carried_out, shop_desk, LENA},
};
use serde_json::json;

fn state(app: &TestApp) -> &lifeline_server::state::AppState {
    &app.running.as_ref().unwrap().state
}

/// Both sweeps that may speak of a promise, as the desk's workers run them, at `now`.
async fn sweeps(app: &TestApp, now: DateTime<Utc>) {
    let desk = state(app);
    lifeline_server::cases::followup::sweep_at(desk, now)
        .await
        .unwrap();
    lifeline_server::cases::promised::sweep_at(desk, now)
        .await
        .unwrap();
}

/// What Lena may hear of a promise: the honest update, or "as promised, an update" (which a promise of
/// a person's answer must not get: nobody is working on an answer the bot could give).
const OF_THE_PROMISE: [&str; 2] = ["es dauert länger, als ich gesagt habe", "wie versprochen"];

/// The messages at Lena's phone that speak of a promise.
fn of_the_promise(texts: &[String]) -> Vec<String> {
    (texts.iter())
        .filter(|t| OF_THE_PROMISE.iter().any(|w| t.contains(w)))
        .cloned()
        .collect()
}

/// Everything queued for Lena, once it has all reached her phone.
async fn settled(app: &TestApp) -> Vec<String> {
    eventually(30, "the desk's messages at Lena's phone", || async {
        let queued = app.outbound_of(LENA).await.len();
        (queued == app.sandbox.sent_to(LENA).len()).then(|| texts_at(app, LENA))
    })
    .await
}

/// Lena's second choice is refused and answered with a promise of a person within 15 minutes: returns
/// the case and when the promise falls due.
async fn lena_promised(app: &TestApp) -> (i64, DateTime<Utc>) {
    let offered = lena_offered(app, "supervisor").await;
    let (case, answer) =
        second_tap_not_carried_out(app, &offered, "full_refund", "replacement").await;
    assert!(answer.contains("innerhalb von 15 Minuten"), "{answer}");
    let clock = (case["clocks"].as_array().into_iter().flatten())
        .find(|c| c["kind"]["type"] == "promise" && c["state"] == "running")
        .unwrap_or_else(|| panic!("the promise as a clock: {case:#}"));
    let by: DateTime<Utc> = serde_json::from_value(clock["deadline"].clone()).unwrap();
    let id = offered.1;
    let kept = state(app).store.promised_answer(id).await.unwrap();
    assert_eq!(
        kept,
        Some((by.timestamp_millis(), None)),
        "the promise is kept with the case"
    );
    (id, by)
}

async fn outcome(app: &TestApp, case: i64) -> Option<String> {
    state(app).store.promised_answer(case).await.unwrap()?.1
}

#[tokio::test]
async fn a_taps_promise_that_passes_without_a_persons_answer_gets_one_honest_update() {
    let (app, _shop) = shop_desk(false, None).await;
    let (case, by) = lena_promised(&app).await;

    // Just before the time: nothing of it yet, not even "as promised, an update".
    sweeps(&app, by - Duration::minutes(1)).await;
    assert_eq!(of_the_promise(&settled(&app).await), Vec::<String>::new());
    // The time passes; the sweeps run twice at once, then again later.
    let late = by + Duration::minutes(1);
    tokio::join!(sweeps(&app, late), sweeps(&app, late));
    sweeps(&app, late + Duration::minutes(20)).await;
    let new = of_the_promise(&settled(&app).await);
    assert_eq!(new.len(), 1, "one update: {new:?}");
    let answer_by = (late + Duration::minutes(15)).with_timezone(&chrono_tz::Europe::Berlin);
    assert!(
        new[0].contains("es dauert länger, als ich gesagt habe")
            && new[0].contains(&answer_by.format("%H:%M").to_string()),
        "{}",
        new[0]
    );
    assert_eq!(outcome(&app, case).await.as_deref(), Some("told"));
}

#[tokio::test]
async fn a_taps_promise_a_person_keeps_gets_no_update() {
    let (app, _shop) = shop_desk(false, None).await;
    let (case, by) = lena_promised(&app).await;
    let (status, body) = app
        .api_post(
            &format!("/cases/{case}/reply"),
            json!({"text": "Hallo Lena, ich sehe mir die Erstattung gleich an.", "actor": "sara",
                   "send_anyway": true}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    sweeps(&app, by + Duration::minutes(1)).await;
    sweeps(&app, by + Duration::minutes(30)).await;
    let got = of_the_promise(&settled(&app).await);
    assert!(got.is_empty(), "nothing after the person's answer: {got:?}");
    assert_eq!(outcome(&app, case).await.as_deref(), Some("answered"));
}
