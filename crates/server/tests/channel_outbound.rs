//! The WhatsApp channel, outbound: what agents send reaches the shopper, within WhatsApp's rules
//! (limits, the 24-hour window, the pair rate), with receipts, retries and credential health visible.

mod common;

use std::time::Duration;

use common::{
    app::{
        accepted, desk_hears, envelope, eventually, fake_graph, graph_error, now_s, outbound_when,
        quiet_desk, quiet_desk_on, send, sent_count, shopper_writes, status_value, text_value,
        Signature, Tweak,
    },
    db,
};
use serde_json::{json, Value};

#[tokio::test]
async fn text_buttons_and_a_list_from_an_agent_reach_the_shopper() {
    let app = quiet_desk(|_, _| {}).await;
    let c = shopper_writes(&app, "34611000001", "Lucía").await;
    let buttons = json!({"message": {"type": "buttons", "body": "Your parcel arrived damaged. What would you like?",
        "buttons": [{"id": "reship", "title": "Send a new one"}, {"id": "refund", "title": "Refund me"}]}});
    let list = json!({"message": {"type": "list", "body": "What went wrong?", "button": "Choose",
        "sections": [{"title": "Problems", "rows": [{"id": "damaged", "title": "It arrived damaged", "description": "Broken or missing parts"}]}]}});
    for body in [
        json!({"text": "Your parcel left Madrid today."}),
        buttons,
        list,
    ] {
        let (status, answer) = send(&app, c, body).await;
        assert_eq!(status, 202, "{answer}");
    }
    let sent = sent_count(&app, "34611000001", 3).await;
    let by_kind = |k: &str| {
        sent.iter()
            .find(|s| s.body["type"] == "interactive" && s.body["interactive"]["type"] == k)
            .map(|s| s.body.clone())
    };
    let text = sent
        .iter()
        .find(|s| s.body["type"] == "text")
        .expect("the text arrives");
    assert_eq!(text.body["text"]["body"], "Your parcel left Madrid today.");
    let b = by_kind("button").expect("the buttons arrive");
    assert_eq!(
        b["interactive"]["action"]["buttons"][1]["reply"]["title"],
        "Refund me"
    );
    let l = by_kind("list").expect("the list arrives");
    assert_eq!(
        l["interactive"]["action"]["sections"][0]["rows"][0]["id"],
        "damaged"
    );
    assert_eq!(l["interactive"]["action"]["button"], "Choose");
    let out = outbound_when(&app, "34611000001", "three receipts", |out| {
        out.len() == 3
            && out
                .iter()
                .all(|m| m["status"] == "delivered" || m["status"] == "read")
    })
    .await;
    let kinds: Vec<&str> = out.iter().filter_map(|m| m["type"].as_str()).collect();
    assert_eq!(kinds, ["text", "buttons", "list"]);
    assert!(out
        .iter()
        .all(|m| m["wamid"].as_str().is_some_and(|w| w.starts_with("wamid."))));
}

#[tokio::test]
async fn a_button_title_of_21_characters_is_refused_clearly_and_nothing_is_sent() {
    let app = quiet_desk(|_, _| {}).await;
    let c = shopper_writes(&app, "34611000002", "Pablo").await;
    let title = "Please send a new one";
    assert_eq!(title.chars().count(), 21);
    let (status, answer) = send(
        &app,
        c,
        json!({"message": {"type": "buttons", "body": "What now?",
        "buttons": [{"id": "reship", "title": title}]}}),
    )
    .await;
    assert_eq!(status, 422, "{answer}");
    let error = answer["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("20") && error.contains(title),
        "says which title and the limit: {error}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        app.sandbox.sent_to("34611000002").is_empty(),
        "nothing reached the shopper"
    );
    assert!(
        app.outbound_of("34611000002").await.is_empty(),
        "nothing was queued"
    );
}

async fn receipts_out_of_order_and_twice_still_end_at_read(db: db::TestDb) {
    let no_receipts: Tweak = |sim, _| sim.auto_receipts = false;
    let app = quiet_desk_on(db, no_receipts).await;
    let c = shopper_writes(&app, "34611000003", "Marta").await;
    assert_eq!(send(&app, c, json!({"text": "On its way!"})).await.0, 202);
    let out = outbound_when(&app, "34611000003", "the message accepted", |o| {
        o.len() == 1 && o[0]["wamid"].is_string()
    })
    .await;
    let wamid = out[0]["wamid"].as_str().unwrap().to_string();
    let t = now_s();
    let receipt = |status: &str, at: i64| {
        envelope(
            &app.number_id(),
            vec![status_value(&wamid, status, at, "34611000003", None)],
        )
    };
    for (status, at) in [
        ("read", t + 20),
        ("delivered", t + 10),
        ("read", t + 20),
        ("delivered", t + 10),
        ("sent", t + 5),
    ] {
        assert_eq!(
            app.post_webhook(&receipt(status, at), Signature::Good)
                .await
                .status(),
            200
        );
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let m = &app.outbound_of("34611000003").await[0];
    assert_eq!(m["status"], "read", "read stays read: {m:#}");
    let read_at = chrono::DateTime::from_timestamp(t + 20, 0)
        .unwrap()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    assert_eq!(
        m["status_at"],
        read_at.as_str(),
        "the time of the read receipt"
    );
}

#[tokio::test]
async fn a_closed_window_refuses_free_text_and_sends_the_fallback_template_instead() {
    let app = quiet_desk(|_, _| {}).await;
    let c = desk_hears(&app, "4915200000001", "wamid.OLD.1", now_s() - 25 * 3600).await;
    let (status, answer) = send(&app, c, json!({"text": "Sorry for the wait!"})).await;
    assert_eq!(status, 409, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .unwrap_or_default()
            .starts_with("window closed"),
        "{answer}"
    );
    let template = json!({"type": "template", "name": "order_update", "language": "en", "components": [
        {"type": "body", "parameters": [{"type": "text", "text": "Jonas"}, {"type": "text", "text": "#4521"},
                                        {"type": "text", "text": "it left our warehouse today"}]}]});
    let (status, answer) = send(
        &app,
        c,
        json!({"text": "Sorry for the wait!", "fallback_template": template}),
    )
    .await;
    assert_eq!(status, 202, "{answer}");
    let sent = sent_count(&app, "4915200000001", 1).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].body["type"], "template",
        "the template goes out, not the free text"
    );
    assert_eq!(sent[0].body["template"]["name"], "order_update");
    let out = outbound_when(&app, "4915200000001", "the template delivered", |o| {
        o.len() == 1 && (o[0]["status"] == "delivered" || o[0]["status"] == "read")
    })
    .await;
    assert_eq!(out[0]["type"], "template");
}

async fn a_window_only_the_desk_believes_open_fails_visibly_with_131047(db: db::TestDb) {
    let app = quiet_desk_on(db, |_, _| {}).await;
    // The desk hears from this shopper, but WhatsApp (the simulator) never did: its window is closed.
    let c = desk_hears(&app, "4915200000002", "wamid.DESKONLY.1", now_s()).await;
    let (status, answer) = send(&app, c, json!({"text": "We are on it!"})).await;
    assert_eq!(status, 202, "the desk thinks the window is open: {answer}");
    let out = outbound_when(&app, "4915200000002", "the failed status", |o| {
        o.len() == 1 && o[0]["status"] == "failed"
    })
    .await;
    assert_eq!(out[0]["error"]["code"], 131047, "{:#}", out[0]);
    let reason = out[0]["error"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("24-hour window"), "{reason}");
    let sent = app.sandbox.sent_to("4915200000002");
    assert_eq!(
        sent.len(),
        1,
        "WhatsApp accepted it (200) and failed it later"
    );
    assert_eq!(sent[0].error_code, Some(131047));
}

#[tokio::test]
async fn receipts_out_of_order_and_twice_still_end_at_read_on_sqlite() {
    receipts_out_of_order_and_twice_still_end_at_read(db::sqlite()).await;
}

#[tokio::test]
async fn receipts_out_of_order_and_twice_still_end_at_read_on_postgres() {
    if let Some(pg) = db::postgres().await {
        receipts_out_of_order_and_twice_still_end_at_read(pg).await;
    }
}

#[tokio::test]
async fn a_window_only_the_desk_believes_open_fails_visibly_with_131047_on_sqlite() {
    a_window_only_the_desk_believes_open_fails_visibly_with_131047(db::sqlite()).await;
}

#[tokio::test]
async fn a_window_only_the_desk_believes_open_fails_visibly_with_131047_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_window_only_the_desk_believes_open_fails_visibly_with_131047(pg).await;
    }
}

#[tokio::test]
async fn five_messages_to_one_shopper_keep_to_the_pair_rate_and_all_arrive() {
    let app = quiet_desk(|sim, desk| {
        sim.pair_interval = Duration::from_secs(1);
        sim.pair_burst = 2;
        desk.sending.pair_interval = Duration::from_secs(1);
        desk.sending.pair_burst = 2;
    })
    .await;
    let c = shopper_writes(&app, "34611000004", "Javier").await;
    for i in 1..=5 {
        assert_eq!(
            send(&app, c, json!({"text": format!("Update {i} of 5")}))
                .await
                .0,
            202
        );
    }
    let sent = sent_count(&app, "34611000004", 5).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let sent_after = app.sandbox.sent_to("34611000004");
    assert_eq!(sent_after.len(), 5, "each once");
    let mut texts: Vec<String> = sent
        .iter()
        .filter_map(|s| s.body["text"]["body"].as_str().map(String::from))
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        (1..=5)
            .map(|i| format!("Update {i} of 5"))
            .collect::<Vec<_>>()
    );
    let rejected = app.sandbox.stats().rejected_by_code;
    assert_eq!(
        rejected.get(&131056),
        None,
        "the simulator refused none for the pair rate: {rejected:?}"
    );
    let first = sent.iter().map(|s| s.accepted_at).min().unwrap();
    let last = sent.iter().map(|s| s.accepted_at).max().unwrap();
    assert!(
        last - first >= Duration::from_millis(2500),
        "a burst of 2, then one a second: spread over {:?}",
        last - first
    );
}

#[tokio::test]
async fn a_transient_error_is_retried_with_growing_waits_until_delivered() {
    let (graph, calls) = fake_graph(|attempt| match attempt {
        1 | 2 => graph_error(500, 131000, "Something went wrong"),
        _ => accepted("wamid.FAKE.RETRIED"),
    })
    .await;
    let app = quiet_desk(|_, desk| desk.numbers[0].api_base = format!("{graph}/graph")).await;
    let c = desk_hears(&app, "4915200000003", "wamid.RETRY.IN", now_s()).await;
    assert_eq!(
        send(&app, c, json!({"text": "Checking with the carrier now."}))
            .await
            .0,
        202
    );
    let waiting = outbound_when(&app, "4915200000003", "the first failure, shown", |o| {
        o.len() == 1 && o[0]["error"]["code"] == 131000
    })
    .await;
    assert_eq!(
        waiting[0]["status"], "queued",
        "a transient error is retried: {:#}",
        waiting[0]
    );
    assert!(
        waiting[0]["next_attempt_at"].is_string(),
        "the next attempt is shown"
    );
    outbound_when(&app, "4915200000003", "accepted on the third try", |o| {
        o[0]["wamid"] == "wamid.FAKE.RETRIED"
    })
    .await;
    let receipt = envelope(
        &app.number_id(),
        vec![status_value(
            "wamid.FAKE.RETRIED",
            "delivered",
            now_s(),
            "4915200000003",
            None,
        )],
    );
    assert_eq!(
        app.post_webhook(&receipt, Signature::Good).await.status(),
        200
    );
    let out = outbound_when(&app, "4915200000003", "delivered", |o| {
        o[0]["status"] == "delivered"
    })
    .await;
    assert_eq!(out[0]["attempts"], 3);
    assert!(
        out[0]["error"].is_null(),
        "the old error is cleared once it went through: {:#}",
        out[0]
    );
    let times = calls.lock().unwrap().clone();
    assert_eq!(times.len(), 3);
    let (first_wait, second_wait) = (times[1] - times[0], times[2] - times[1]);
    assert!(
        first_wait >= Duration::from_millis(1500),
        "backoff, not a hot loop: {first_wait:?}"
    );
    assert!(
        second_wait > first_wait + Duration::from_millis(1000),
        "the wait grows: {first_wait:?} then {second_wait:?}"
    );
}

#[tokio::test]
async fn an_expired_token_flags_the_number_unhealthy_while_inbound_keeps_flowing() {
    let (graph, _calls) = fake_graph(|_| {
        graph_error(
            401,
            190,
            "Error validating access token: Session has expired",
        )
    })
    .await;
    let app = quiet_desk(|_, desk| desk.numbers[0].api_base = format!("{graph}/graph")).await;
    let pnid = app.number_id();
    let c = desk_hears(&app, "4915200000004", "wamid.TOKEN.IN1", now_s()).await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200, "healthy before any send");
    assert_eq!(send(&app, c, json!({"text": "Let me check."})).await.0, 202);
    let body = eventually(10, "/readyz to turn 503", || async {
        let r = app.get("/readyz").await;
        if r.status() == 503 {
            r.json::<Value>().await.ok()
        } else {
            None
        }
    })
    .await;
    let number = body["numbers"]
        .as_array()
        .and_then(|n| n.iter().find(|n| n["phone_number_id"] == pnid.as_str()))
        .cloned();
    let number = number.expect("/readyz names the number");
    assert_eq!(number["health"]["healthy"], false);
    assert_eq!(number["health"]["error_code"], 190);
    assert!(
        number["health"]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("token"),
        "{number}"
    );
    let numbers = app.api("/numbers").await;
    assert_eq!(numbers["numbers"][0]["health"]["healthy"], false);
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(&format!(
            "lifeline_number_healthy{{phone_number_id=\"{pnid}\"}} 0"
        )),
        "{metrics}"
    );
    // Inbound keeps flowing.
    let more = envelope(
        &pnid,
        vec![text_value(
            "4915200000004",
            "Shopper",
            "wamid.TOKEN.IN2",
            "Any news?",
            now_s(),
        )],
    );
    assert_eq!(app.post_webhook(&more, Signature::Good).await.status(), 200);
    eventually(10, "the second message stored", || async {
        (app.inbound_of("4915200000004").await.len() == 2).then_some(())
    })
    .await;
    let out = app.outbound_of("4915200000004").await;
    assert_eq!(
        out[0]["error"]["code"], 190,
        "the reason is on the message too: {:#}",
        out[0]
    );
    assert_ne!(
        out[0]["status"], "failed",
        "kept for when the token is renewed"
    );
}

#[tokio::test]
async fn a_receipt_that_arrives_before_the_send_is_recorded_is_still_applied() {
    use axum::{routing::post, Json, Router};
    use std::sync::{Arc, Mutex};
    // This Graph API tells the desk "delivered" (a signed webhook, answered 200) before it answers the send.
    let desk_url: Arc<Mutex<String>> = Arc::default();
    let url = desk_url.clone();
    let router = Router::new().route(
        "/graph/{version}/{pnid}/messages",
        post(move |Json(body): Json<Value>| {
            let url = url.clone();
            async move {
                let to = body["to"].as_str().unwrap_or_default().to_string();
                let receipt = envelope(
                    "106540352242922",
                    vec![status_value(
                        "wamid.EARLY.1",
                        "delivered",
                        now_s(),
                        &to,
                        None,
                    )],
                );
                let desk = url.lock().unwrap().clone();
                let http = reqwest::Client::new();
                let r =
                    common::app::post_signed(&http, &desk, "sandbox-app-secret", &receipt).await;
                assert_eq!(r.status(), 200);
                accepted("wamid.EARLY.1")
            }
        }),
    );
    let graph = common::app::serve_fake(router).await;
    let app = quiet_desk(|_, desk| desk.numbers[0].api_base = format!("{graph}/graph")).await;
    *desk_url.lock().unwrap() = app.desk.clone();
    let c = desk_hears(&app, "4915200000005", "wamid.EARLY.IN", now_s()).await;
    assert_eq!(
        send(&app, c, json!({"text": "Your refund is on its way."}))
            .await
            .0,
        202
    );
    let out = outbound_when(&app, "4915200000005", "the early receipt applied", |o| {
        o.len() == 1 && o[0]["status"] == "delivered"
    })
    .await;
    assert_eq!(out[0]["wamid"], "wamid.EARLY.1");
}
