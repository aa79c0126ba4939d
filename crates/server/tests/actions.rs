//! A shopper's tap on a remedy button, kept as a pending action and carried out by the actions worker:
//! refunded once and confirmed once (even when tapped twice), carried out later when the shop fails
//! the first attempt or the desk stopped before it got to it, and answered in the shopper's language
//! when it cannot be done. Two desks claiming at once never take the same action.

mod common;

use std::sync::{Arc, Mutex};

use common::{
    app::{case_with_order, desk_with_fake_shopify, eventually, timeline_events, TestApp},
    db::{self, TestDb},
    shoppers::tap_button,
};
use lifeline_commerce::fakes::FakeShopify;
use lifeline_sandbox::{SentRecord, Shopper, ShopperMessage};
use lifeline_server::{
    cases::taps::{self, Tap},
    store::{CompensationRow, NewAction, Store},
};
use serde_json::{json, Value};

/// Lena's phone finds order 1023 of the demo orders.
const LENA: &str = "4915212345678";

/// A desk on `db` whose shop is a fake Shopify holding the demo orders.
async fn desk_on(db: TestDb) -> (TestApp, FakeShopify) {
    desk_with_fake_shopify(db, "shpat_actions").await
}

fn lena(app: &TestApp) -> Shopper {
    Shopper {
        wa_id: LENA.into(),
        name: "Lena Schmidt".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

/// Lena writes (in German) that her parcel is lost; a supervisor sends the draft's options as buttons.
/// Returns the case id and the offer as it reached her phone.
async fn offered(app: &TestApp) -> (i64, SentRecord) {
    let words = "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück";
    app.sandbox
        .shopper_says(&lena(app), ShopperMessage::Text(words.into()))
        .await;
    let id = case_with_order(app, LENA).await;
    let draft = app.api(&format!("/cases/{id}/draft?role=supervisor")).await;
    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": draft["text"], "options": draft["buttons"], "actor": "sara", "role": "supervisor",
                   // The draft's "for the trouble" coupon is left out; only the options are offered.
                   "send_anyway": true}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    let offer = eventually(10, "the buttons at Lena's phone", || async {
        app.sandbox
            .sent_to(LENA)
            .into_iter()
            .find(|m| m.body["type"] == "interactive")
    })
    .await;
    (id, offer)
}

/// Lena taps the button of `remedy` (its id, e.g. `full_refund`); returns the button's title.
async fn tap(app: &TestApp, offer: &SentRecord, remedy: &str) -> String {
    tap_button(app, &lena(app), offer, remedy).await
}

/// The case once it has `n` pending actions and none is still queued or running.
async fn settled(app: &TestApp, id: i64, n: usize) -> Value {
    eventually(30, "the taps carried out or given up", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        // The taps' own actions (each remedy approved on the way has one too, settled by its request).
        let all = case["pending_actions"].as_array()?;
        let finished = all
            .iter()
            .all(|a| a["status"] == "done" || a["status"] == "failed");
        let actions: Vec<&Value> = all.iter().filter(|a| a["kind"] == "tap").collect();
        (actions.len() == n && finished).then_some(case)
    })
    .await
}

/// What the desk has queued or sent to Lena since `before` outbound messages.
async fn told_since(app: &TestApp, before: usize) -> Vec<String> {
    app.outbound_of(LENA)
        .await
        .into_iter()
        .skip(before)
        .map(|m| m["text"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The confirmations of her refund (they name the 119,00 € refunded) since `before` outbound messages;
/// a follow-up on her parcel may go meanwhile.
async fn refund_confirmations(app: &TestApp, before: usize) -> Vec<String> {
    let mut told = told_since(app, before).await;
    told.retain(|t| t.contains("119,00"));
    told
}

#[tokio::test]
async fn a_tap_is_carried_out_once_and_confirmed_once_even_when_tapped_twice() {
    for db in db::all().await {
        let label = db.label;
        let (app, shop) = desk_on(db).await;
        let (id, offer) = offered(&app).await;
        let before = app.outbound_of(LENA).await.len();
        tap(&app, &offer, "full_refund").await;
        tap(&app, &offer, "full_refund").await;
        let case = settled(&app, id, 2).await;
        let actions = case["pending_actions"].as_array().unwrap();
        assert!(
            actions
                .iter()
                .all(|a| a["status"] == "done" || a["kind"] != "tap"),
            "{label}: {case:#}"
        );
        assert_eq!(shop.refunds().len(), 1, "{label}: refunded once");
        let done: Vec<&Value> = case["compensations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "done")
            .collect();
        assert_eq!(done.len(), 1, "{label}: {case:#}");
        let told = refund_confirmations(&app, before).await;
        assert_eq!(told.len(), 1, "{label}: confirmed once: {told:?}");
        eventually(10, "the confirmation at Lena's phone", || async {
            let texts: Vec<String> = app
                .sandbox
                .sent_to(LENA)
                .iter()
                .filter_map(|m| m.body["text"]["body"].as_str().map(str::to_string))
                .collect();
            texts.contains(&told[0]).then_some(())
        })
        .await;
        assert!(
            timeline_events(&case).iter().any(|e| e == "action_done"),
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_tap_the_shop_fails_at_first_is_carried_out_on_a_later_attempt_once() {
    let (app, shop) = desk_on(db::sqlite()).await;
    let (id, offer) = offered(&app).await;
    let before = app.outbound_of(LENA).await.len();
    shop.fail_next(500);
    tap(&app, &offer, "full_refund").await;
    let case = settled(&app, id, 1).await;
    let action = &case["pending_actions"][0];
    assert_eq!(action["kind"], "tap", "{case:#}");
    assert_eq!(action["status"], "done", "{case:#}");
    assert_eq!(action["attempts"], 2, "{action}");
    assert!(
        action["last_error"].as_str().unwrap_or("").contains("500"),
        "{action}"
    );
    assert_eq!(shop.refunds().len(), 1, "refunded once");
    let ev = timeline_events(&case);
    let at = |name: &str| ev.iter().position(|e| e == name);
    assert!(
        at("action_failed").is_some()
            && at("action_failed") < at("action_retried")
            && at("action_retried") < at("action_done"),
        "the timeline shows the failed attempt and the one that worked: {ev:?}"
    );
    let told = refund_confirmations(&app, before).await;
    assert_eq!(told.len(), 1, "confirmed once: {told:?}");
}

/// Starts the stopped desk again on its address and database.
async fn start_again(app: &mut TestApp) {
    let listener = tokio::net::TcpListener::bind(app.desk.trim_start_matches("http://"))
        .await
        .unwrap();
    let running = lifeline_server::app::start(app.config.clone(), listener, None)
        .await
        .unwrap();
    app.running = Some(running);
}

#[tokio::test]
async fn a_tap_stored_when_the_desk_stopped_is_carried_out_by_the_next_desk_once() {
    for db in db::all().await {
        let label = db.label;
        let (mut app, shop) = desk_on(db).await;
        let (id, _offer) = offered(&app).await;
        let before = app.outbound_of(LENA).await.len();
        let conversation = app.wait_conversation(LENA).await;
        // Her first message stands for the tap's own (the key of its action).
        let message = app.inbound_of(LENA).await[0]["id"].as_i64().unwrap();
        app.stop().await;
        // The inbound transaction wrote the tap, and the desk stopped before carrying it out.
        let store = Store::connect(&app.config.database_url).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let tapped = Tap {
            case_id: id,
            remedy: lifeline_desk::Remedy::FullRefund,
            conversation_id: conversation,
            message_id: message,
        };
        assert!(taps::queue(&mut tx, [tapped]).await.unwrap());
        tx.commit().await.unwrap();
        assert!(shop.refunds().is_empty());

        start_again(&mut app).await;
        let case = settled(&app, id, 1).await;
        assert_eq!(
            case["pending_actions"][0]["status"], "done",
            "{label}: {case:#}"
        );
        assert_eq!(shop.refunds().len(), 1, "{label}: refunded once");
        let told = refund_confirmations(&app, before).await;
        assert_eq!(told.len(), 1, "{label}: confirmed once: {told:?}");
    }
}

#[tokio::test]
async fn a_second_option_the_policy_refuses_is_answered_in_the_shoppers_language() {
    let (app, shop) = desk_on(db::sqlite()).await;
    let (id, offer) = offered(&app).await;
    tap(&app, &offer, "full_refund").await;
    settled(&app, id, 1).await;
    let before = app.outbound_of(LENA).await.len();
    let title = tap(&app, &offer, "replacement").await;
    let case = settled(&app, id, 2).await;
    let taps: Vec<&Value> = case["pending_actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["kind"] == "tap")
        .collect();
    let refused = taps[1];
    assert_eq!(refused["status"], "failed", "{case:#}");
    assert!(
        refused["last_error"]
            .as_str()
            .unwrap_or("")
            .contains("already refunded in full"),
        "the agent reads why: {refused}"
    );
    assert!(shop.draft_orders().is_empty(), "nothing was reshipped");
    let mut told = told_since(&app, before).await;
    told.retain(|t| t.contains(&format!("*{title}*")));
    assert_eq!(told.len(), 1, "one answer naming what she tapped: {told:?}");
    assert!(
        told[0].contains("Das tut mir leid"),
        "in German: {}",
        told[0]
    );
    eventually(10, "the answer at Lena's phone", || async {
        app.sandbox
            .sent_to(LENA)
            .iter()
            .any(|m| m.body["text"]["body"] == told[0].as_str())
            .then_some(())
    })
    .await;
    let line = case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["what"]["event"] == "choice_refused")
        .cloned()
        .unwrap_or_else(|| panic!("the refusal on the timeline: {case:#}"));
    assert_eq!(line["what"]["remedy"]["type"], "replacement", "{line}");
}

/// Holders claiming from one database at once, each finishing what it took.
async fn claim_all(store: Store, holder: &'static str, seen: Arc<Mutex<Vec<(i64, i64)>>>) {
    let mut idle = 0;
    while idle < 20 {
        let claimed = store.claim_due_actions(holder, 30_000, 3).await.unwrap();
        if claimed.is_empty() {
            idle += 1;
            tokio::task::yield_now().await;
            continue;
        }
        idle = 0;
        for a in claimed {
            seen.lock().unwrap().push((a.case_id, a.id));
            assert!(store.finish_action(a.id, holder).await.unwrap());
        }
    }
}

#[tokio::test]
async fn two_desks_claiming_at_once_take_each_action_once_and_a_cases_in_order() {
    for db in db::all().await {
        let store = Store::connect(&db.url).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let actions: Vec<NewAction> = (0..40)
            .map(|i| NewAction {
                case_id: 1 + i % 8,
                kind: "test".into(),
                payload_json: "{}".into(),
                idempotency_key: format!("test:{i}"),
            })
            .collect();
        assert_eq!(tx.queue_actions(&actions).await.unwrap(), 40);
        assert_eq!(
            tx.queue_actions(&actions[..5]).await.unwrap(),
            0,
            "a key is stored once"
        );
        tx.commit().await.unwrap();
        let other = Store::connect(&db.url).await.unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        tokio::join!(
            claim_all(store.clone(), "desk-a", seen.clone()),
            claim_all(other, "desk-b", seen.clone()),
        );
        let seen = seen.lock().unwrap().clone();
        let mut ids: Vec<i64> = seen.iter().map(|(_, id)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!((seen.len(), ids.len()), (40, 40), "{}: each once", db.label);
        for case in 1..=8 {
            let order: Vec<i64> = seen
                .iter()
                .filter(|(c, _)| *c == case)
                .map(|(_, id)| *id)
                .collect();
            assert!(
                order.windows(2).all(|w| w[0] < w[1]),
                "{}: case {case} in order: {order:?}",
                db.label
            );
        }
    }
}

#[tokio::test]
async fn an_agents_refund_approved_just_before_the_desk_died_is_carried_out_once_after_it() {
    for db in db::all().await {
        let label = db.label;
        let (mut app, shop) = desk_on(db).await;
        let (id, _offer) = offered(&app).await;
        let before = app.outbound_of(LENA).await.len();
        let case = app.api(&format!("/cases/{id}")).await;
        app.stop().await;
        // The agent's refund was approved and written, and the desk died before it called the shop.
        let store = Store::connect(&app.config.database_url).await.unwrap();
        let approved = store
            .insert_compensation(&CompensationRow {
                case_id: id,
                store: case["order"]["store"].as_str().map(String::from),
                order_number: Some("1023".into()),
                remedy_json: serde_json::to_string(&lifeline_desk::Remedy::FullRefund).unwrap(),
                value_minor: 11900,
                currency: "EUR".into(),
                status: "approved".into(),
                requested_by: "mia".into(),
                requested_role: "agent".into(),
                idempotency_key: format!("case:{id}:full_refund"),
                ..CompensationRow::default()
            })
            .await
            .unwrap();
        let waiting = store.case_actions(id).await.unwrap();
        assert!(
            waiting
                .iter()
                .any(|a| a.kind == "remedy" && a.status == "queued"),
            "{label}: the approval wrote its action: {waiting:?}"
        );
        // The grace left to the request that approved it has passed (it never came back).
        store.make_actions_due(id).await.unwrap();
        start_again(&mut app).await;
        eventually(
            30,
            "the refund carried out by the restarted desk",
            || async {
                let c = store.compensation(approved.id).await.unwrap()?;
                (c.status == "done").then_some(())
            },
        )
        .await;
        assert_eq!(shop.refunds().len(), 1, "{label}: refunded once");
        let told = eventually(10, "the confirmation", || async {
            let told = refund_confirmations(&app, before).await;
            (!told.is_empty()).then_some(told)
        })
        .await;
        assert_eq!(told.len(), 1, "{label}: confirmed once: {told:?}");
    }
}
