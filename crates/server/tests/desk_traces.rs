//! Following one message through the logs: every response carries its request id, and with
//! `LIFELINE_LOG_FORMAT=json` the real `lifeline` binary writes JSON lines whose spans name the desk,
//! the request id and route template of the webhook, and the inbound batch and send it led to.

mod common;

use common::{
    app::{envelope, eventually, now_s, text_value},
    process::*,
};
use serde_json::Value;

/// The signed webhook of one shopper's text, posted with `request_id` when given.
async fn post_webhook(desk: &Desk, wamid: &str, request_id: Option<&str>) -> reqwest::Response {
    let body = envelope(
        PNID,
        vec![text_value(
            "34612345678",
            "Lucía",
            wamid,
            "Mi pedido no ha llegado",
            now_s(),
        )],
    );
    let mut post = desk
        .http
        .post(format!("{}/webhooks/whatsapp", desk.url()))
        .header("content-type", "application/json")
        .header(
            "x-hub-signature-256",
            lifeline_whatsapp::signature::sign(APP_SECRET.as_bytes(), &body),
        )
        .body(body);
    if let Some(id) = request_id {
        post = post.header("x-request-id", id);
    }
    post.send().await.unwrap()
}

/// The desk's log lines, each parsed as JSON (a line that is not JSON fails the test).
fn json_lines(desk: &Desk) -> Vec<Value> {
    desk.log()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The line's spans, outermost first (the JSON format's `spans`).
fn spans(line: &Value) -> Vec<Value> {
    line["spans"].as_array().cloned().unwrap_or_default()
}

fn span_named(line: &Value, name: &str) -> Option<Value> {
    spans(line).into_iter().find(|s| s["name"] == name)
}

#[tokio::test]
async fn json_logs_follow_a_webhook_from_its_request_id_to_the_send() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    desk.configure(&graph);
    desk.start(&[("LIFELINE_LOG_FORMAT", "json")]).await;

    let r = post_webhook(&desk, "wamid.TRACE.1", Some("trace-me-1")).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["x-request-id"],
        "trace-me-1",
        "the caller's id comes back"
    );
    let r = post_webhook(&desk, "wamid.TRACE.2", None).await;
    let made = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(
        made.len() >= 32,
        "a request without an id gets one: {made:?}"
    );

    eventually(20, "the acknowledgement sent", || async {
        (!sandbox.sent_to("34612345678").is_empty()).then_some(())
    })
    .await;
    let lines = eventually(20, "the send in the log", || async {
        let lines = json_lines(&desk);
        lines
            .iter()
            .any(|l| span_named(l, "send").is_some_and(|s| s["wamid"].is_string()))
            .then_some(lines)
    })
    .await;

    let request = lines
        .iter()
        .find_map(|l| span_named(l, "request").filter(|s| s["request_id"] == "trace-me-1"))
        .expect("a line inside the webhook's request span");
    assert_eq!(request["route"], "/webhooks/whatsapp");
    assert_eq!(request["method"], "POST");
    let desk_id = request["desk"].as_str().expect("the desk's id").to_string();
    assert!(
        lines
            .iter()
            .any(|l| span_named(l, "request").is_some_and(|s| s["request_id"] == made.as_str())),
        "the generated id is logged too"
    );

    let batch = lines
        .iter()
        .find_map(|l| span_named(l, "inbound_batch"))
        .expect("the inbound batch's span");
    assert_eq!(batch["desk"], desk_id.as_str());
    assert!(
        batch["wamids"]
            .as_str()
            .is_some_and(|w| w.contains("wamid.TRACE.1")),
        "{batch:#}"
    );
    let send = lines
        .iter()
        .find_map(|l| span_named(l, "send").filter(|s| s["wamid"].is_string()))
        .unwrap();
    assert_eq!(send["desk"], desk_id.as_str());
    assert_eq!(send["number"], PNID);

    let text = desk.log();
    assert!(
        !text.contains("Mi pedido no ha llegado"),
        "no message body at info level"
    );
    assert!(!text.contains(APP_SECRET) && !text.contains("sandbox-access-token"));
}
