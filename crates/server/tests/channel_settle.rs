//! Sends whose outcome is unknown. The real `lifeline` binary dies right after WhatsApp accepted a reply,
//! before it recorded that; WhatsApp's receipt comes late, or never. A late receipt settles the send (the
//! shopper reads it once); with no receipt at all the send goes again only after the settle window.

mod common;

use std::sync::{Arc, Mutex};

use axum::{extract::Path, routing::post, Json, Router};
use common::{
    app::{envelope, eventually, now_s, post_signed, serve_fake, text_value},
    process::{is_recorded, Desk, APP_SECRET, PNID},
};
use serde_json::{json, Value};

/// A Graph API that accepts every send and records its body, and sends no receipts: they are late.
async fn silent_graph() -> (String, Arc<Mutex<Vec<(String, Value)>>>) {
    let seen: Arc<Mutex<Vec<(String, Value)>>> = Arc::default();
    let log = seen.clone();
    let router = Router::new().route(
        "/graph/{version}/{pnid}/messages",
        post(
            move |Path((_v, _p)): Path<(String, String)>, Json(body): Json<Value>| {
                let log = log.clone();
                async move {
                    let wamid = {
                        let mut s = log.lock().unwrap();
                        let wamid = format!("wamid.LATE{}", s.len() + 1);
                        s.push((wamid.clone(), body));
                        wamid
                    };
                    Json(json!({"messaging_product": "whatsapp",
                    "contacts": [{"input": "+5511976540011", "wa_id": "5511976540011"}],
                    "messages": [{"id": wamid}]}))
                }
            },
        ),
    );
    (format!("{}/graph", serve_fake(router).await), seen)
}

/// The shopper writes: the webhook goes straight to the desk.
async fn shopper_writes(desk: &Desk, wa_id: &str, wamid: &str) {
    let body = envelope(
        PNID,
        vec![text_value(
            wa_id,
            "Ana",
            wamid,
            "Meu pedido não chegou",
            now_s(),
        )],
    );
    let answer = post_signed(&desk.http, &desk.url(), APP_SECRET, &body).await;
    assert_eq!(answer.status(), 200);
}

/// The desk's `lifeline_sends_awaiting_receipt` gauge.
async fn awaiting(desk: &Desk) -> Option<u64> {
    let text = desk
        .http
        .get(format!("{}/metrics", desk.url()))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("lifeline_sends_awaiting_receipt "))
        .and_then(|v| v.trim().parse().ok())
}

#[tokio::test]
async fn a_late_receipt_settles_a_send_a_crash_left_unknown_and_nothing_is_sent_twice() {
    let mut desk = Desk::new();
    // WhatsApp accepts, but its receipts are late: none arrives until the test sends it.
    let (graph, sent) = silent_graph().await;
    desk.configure(&graph);
    desk.start(&[("LIFELINE_FAULT_ABORT_AFTER_SEND", "1")])
        .await;
    shopper_writes(&desk, "5511976540011", "wamid.IN1").await;
    assert!(
        !desk.exited(20).await.success(),
        "the desk aborted after the send"
    );
    let (wamid, body) = sent.lock().unwrap()[0].clone();

    desk.start(&[]).await;
    // The lease (2 s) runs out with no receipt: the desk holds the send instead of sending it again.
    eventually(30, "the send held for its receipt", || async {
        (awaiting(&desk).await == Some(1)).then_some(())
    })
    .await;
    let receipt = json!({"statuses": [{"id": wamid, "status": "delivered",
        "timestamp": now_s().to_string(), "recipient_id": "5511976540011",
        "biz_opaque_callback_data": body["biz_opaque_callback_data"]}]});
    let body = envelope(PNID, vec![receipt]);
    assert_eq!(
        post_signed(&desk.http, &desk.url(), APP_SECRET, &body)
            .await
            .status(),
        200
    );
    let out = eventually(30, "the reply recorded under WhatsApp's wamid", || async {
        let out = desk.outbound().await;
        out.iter()
            .any(|(_, m)| m["wamid"] == wamid.as_str() && is_recorded(m))
            .then_some(out)
    })
    .await;
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(
        sent.lock().unwrap().len(),
        1,
        "the shopper got it once\n{}",
        desk.log()
    );
    eventually(20, "nothing left waiting", || async {
        (awaiting(&desk).await == Some(0)).then_some(())
    })
    .await;
}

#[tokio::test]
async fn with_no_receipt_at_all_the_send_goes_again_after_the_settle_window() {
    let mut desk = Desk::new();
    let (graph, sent) = silent_graph().await;
    desk.sending = "settle_window = \"3s\"".into();
    desk.configure(&graph);
    desk.start(&[("LIFELINE_FAULT_ABORT_AFTER_SEND", "1")])
        .await;
    shopper_writes(&desk, "5511976540012", "wamid.IN2").await;
    assert!(!desk.exited(20).await.success());
    desk.start(&[]).await;
    let out = eventually(40, "the reply sent again and recorded", || async {
        let out = desk.outbound().await;
        (out.len() == 1 && is_recorded(&out[0].1)).then_some(out)
    })
    .await;
    let at_phone = sent.lock().unwrap().clone();
    assert_eq!(
        at_phone.len(),
        2,
        "no receipt in the window: sent once more, not lost"
    );
    assert_eq!(out[0].1["wamid"], at_phone[1].0.as_str());
}
