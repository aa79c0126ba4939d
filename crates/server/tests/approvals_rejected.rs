//! A remedy a supervisor does not approve is never told as done. Lena, told that the refund she tapped
//! waits for a colleague's approval, hears that it was not approved and when a person replies, and that
//! promise runs as the case's clock; the agent gets the case back with the task of offering something
//! else. An agent's own request that is not approved sends the shopper nothing and is handed back the
//! same way.

mod common;

use common::{
    app::{eventually, timeline_events, TestApp},
    cases::{first_case_with_order, labels, texts_at},
    shoppers::{shopper, tap_button},
    taps::{decide, lena_offered, second_tap_not_carried_out, shop_desk, waiting_approval, LENA},
};
use lifeline_sandbox::ShopperMessage;
use serde_json::{json, Value};

/// The texts Lena received after the first `before`, once there are more.
async fn told_since(app: &TestApp, before: usize, what: &str) -> Vec<String> {
    // Messages to one shopper are paced some seconds apart, as WhatsApp wants.
    eventually(30, what, || async {
        let t = texts_at(app, LENA);
        (t.len() > before).then(|| t[before..].to_vec())
    })
    .await
}

/// The task the case was handed back with, once it is on the timeline.
async fn handed_back(app: &TestApp, id: i64) -> (Value, Value) {
    eventually(10, "the task on the case", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        let task = (case["timeline"].as_array().into_iter().flatten())
            .find(|e| e["what"]["task"]["kind"] == "offer_instead")
            .map(|e| e["what"]["task"].clone())?;
        Some((case, task))
    })
    .await
}

/// The case's promise clocks: (deadline, state).
fn promises(case: &Value) -> Vec<(String, String)> {
    (case["clocks"].as_array().into_iter().flatten())
        .filter(|c| c["kind"]["type"] == "promise")
        .map(|c| {
            let at = c["deadline"].as_str().unwrap_or("").to_string();
            (at, c["state"].as_str().unwrap_or("").to_string())
        })
        .collect()
}

/// No message at Lena's phone says a refund was made.
fn nothing_told_as_refunded(app: &TestApp) {
    for t in texts_at(app, LENA) {
        assert!(
            !t.contains("erstattet") && !t.contains("Erledigt"),
            "told as done: {t}"
        );
    }
}

#[tokio::test]
async fn a_tapped_refund_a_supervisor_does_not_approve_is_told_honestly_and_handed_back() {
    let (app, shop) = shop_desk(true, None).await;
    let offered = lena_offered(&app, "agent").await;
    let id = offered.1;
    let (waiting, _) =
        second_tap_not_carried_out(&app, &offered, "replacement", "full_refund").await;
    let before = texts_at(&app, LENA).len();
    let approval = waiting_approval(&app, id, "full_refund").await;
    let reason = "the replacement is already on its way";
    let body = decide(&app, approval, "reject", reason).await;
    assert_eq!(body["status"], "rejected", "{body}");

    let told = told_since(&app, before, "the answer to Lena").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].contains("*Volle Erstattung*")
            && told[0].contains("nicht freigegeben")
            && told[0].contains("innerhalb von 15 Minuten"),
        "not approved, not done, and when a person replies: {}",
        told[0]
    );
    nothing_told_as_refunded(&app);
    assert!(shop.refunds().is_empty(), "{:?}", shop.refunds());

    let (case, task) = handed_back(&app, id).await;
    assert_eq!(task["shopper_told"], true, "{task}");
    assert_eq!(task["why"], reason, "{task}");
    assert_eq!(task["remedy"]["type"], "full_refund", "{task}");
    assert_eq!(case["status"], "investigating", "{case:#}");
    assert!(
        labels(&case).contains(&"needs follow-up".to_string()),
        "{case:#}"
    );
    let events = timeline_events(&case);
    assert!(events.contains(&"approval_rejected".into()), "{events:?}");
    // The promise she was waiting on is kept by the decision; the new one runs.
    let earlier = promises(&waiting);
    let now = promises(&case);
    assert_eq!(earlier.len() + 1, now.len(), "{now:?}");
    assert!(
        now[..earlier.len()].iter().all(|(_, s)| s == "met"),
        "{now:?}"
    );
    assert_eq!(now.last().unwrap().1, "running", "{now:?}");

    // Tapped again, the refund is not made either, and she is answered.
    let before = texts_at(&app, LENA).len();
    let lena = shopper(&app, LENA, "Lena Schmidt");
    tap_button(&app, &lena, &offered.2, "full_refund").await;
    let again = told_since(&app, before, "the answer to her second tap").await;
    assert!(
        again[0].contains("Das tut mir leid") && again[0].contains("*Volle Erstattung*"),
        "{}",
        again[0]
    );
    nothing_told_as_refunded(&app);
    assert!(shop.refunds().is_empty(), "{:?}", shop.refunds());
}

#[tokio::test]
async fn an_agents_own_request_a_supervisor_does_not_approve_tells_the_shopper_nothing_and_goes_back_to_the_agent(
) {
    let (app, shop) = shop_desk(false, None).await;
    let lena = shopper(&app, LENA, "Lena Schmidt");
    let words = "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück";
    app.sandbox
        .shopper_says(&lena, ShopperMessage::Text(words.into()))
        .await;
    let id = first_case_with_order(&app, LENA).await["id"]
        .as_i64()
        .unwrap();
    let (status, comp) = app
        .api_post(
            &format!("/cases/{id}/actions"),
            json!({"remedy": {"type": "full_refund"}, "actor": "tom", "role": "agent"}),
        )
        .await;
    assert_eq!(
        (status, &comp["status"]),
        (202, &json!("pending_approval")),
        "{comp}"
    );
    let queued = eventually(10, "her acknowledgement delivered", || async {
        let queued = app.outbound_of(LENA).await.len();
        (queued > 0 && queued == app.sandbox.sent_to(LENA).len()).then_some(queued)
    })
    .await;
    let approval = waiting_approval(&app, id, "full_refund").await;
    decide(&app, approval, "reject", "").await;

    let (case, task) = handed_back(&app, id).await;
    assert_eq!(task["shopper_told"], false, "{task}");
    assert!(
        labels(&case).contains(&"needs follow-up".to_string()),
        "{case:#}"
    );
    assert_eq!(
        app.outbound_of(LENA).await.len(),
        queued,
        "nothing was queued for Lena"
    );
    nothing_told_as_refunded(&app);
    assert!(shop.refunds().is_empty(), "{:?}", shop.refunds());
}
