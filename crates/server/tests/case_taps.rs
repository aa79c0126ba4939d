//! A tap the desk does not carry out is answered honestly, in the shopper's language: refused, or
//! waiting for a supervisor's approval, it is never confirmed as done; the shopper hears when a person
//! replies, and the case is put in front of an agent with that promise running.

mod common;

use common::{
    app::timeline_events,
    cases::labels,
    taps::{decide, lena_offered, second_tap_not_carried_out, shop_desk, waiting_approval},
};

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
    // A supervisor approves: the refund is made once, and the case is resolved with nothing left to
    // follow up.
    let pending = waiting_approval(&app, id, "full_refund").await;
    let body = decide(&app, pending, "approve", "").await;
    assert_eq!(body["status"], "done", "{body}");
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
