//! The WhatsApp channel, exactly once as the shopper sees it: the real `lifeline` binary is aborted right
//! after WhatsApp accepted a send, killed with queued replies, and stopped with SIGTERM mid-send; after a
//! restart every reply has reached the shopper exactly once.

mod common;

use std::{
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{routing::post, Json, Router};
use common::app::{envelope, eventually, now_s, post_signed, serve_fake, text_value};
use lifeline_sandbox::ShopperMessage;
use serde_json::{json, Value};

use common::process::{free_port, is_recorded, shopper, simulator, Desk, APP_SECRET, PNID, TOKEN};

#[tokio::test]
async fn a_crash_right_after_whatsapp_accepted_a_reply_does_not_send_it_twice() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    desk.configure(&graph);
    desk.start(&[("LIFELINE_FAULT_ABORT_AFTER_SEND", "1")])
        .await;
    sandbox
        .shopper_says(
            &shopper("5511976540001", "Ana"),
            ShopperMessage::Text("Meu pedido não chegou".into()),
        )
        .await;
    let status = desk.exited(20).await;
    assert!(
        !status.success(),
        "the desk aborted after the send: {status}"
    );
    let sent = sandbox.sent_to("5511976540001");
    assert_eq!(
        sent.len(),
        1,
        "WhatsApp accepted the acknowledgement before the crash"
    );
    let wamid = sent[0].wamid.clone();

    desk.start(&[]).await;
    let out = eventually(30, "the reply matched to WhatsApp's receipt", || async {
        let out = desk.outbound().await;
        out.iter()
            .any(|(_, m)| m["wamid"] == wamid.as_str() && is_recorded(m))
            .then_some(out)
    })
    .await;
    assert_eq!(out.len(), 1, "one reply in the conversation: {out:#?}");
    assert_eq!(
        sandbox.sent_to("5511976540001").len(),
        1,
        "the shopper got it once\n{}",
        desk.log()
    );
}

#[tokio::test]
async fn queued_replies_survive_kill_9_and_each_is_delivered_once() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    // First the number points at a port where nothing answers: replies queue up, none is sent.
    desk.configure(&format!("http://127.0.0.1:{}/graph", free_port()));
    desk.start(&[]).await;
    let shoppers = [
        shopper("5511976540002", "Bruno"),
        shopper("5511976540003", "Carla"),
        shopper("5511976540004", "Diego"),
    ];
    for s in &shoppers {
        sandbox
            .shopper_says(s, ShopperMessage::Text("Cadê meu pedido?".into()))
            .await;
    }
    let conversations = eventually(15, "three conversations", || async {
        let c = desk.api("/conversations").await["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        (c.len() == 3).then_some(c)
    })
    .await;
    for c in &conversations {
        let r = desk.http.post(format!("{}/api/v1/conversations/{}/messages", desk.url(), c["id"])).bearer_auth(TOKEN)
            .json(&json!({"text": format!("Estamos verificando, {}!", c["contact"]["name"].as_str().unwrap_or_default())}))
            .send().await.unwrap();
        assert_eq!(r.status(), 202);
    }
    eventually(15, "six replies queued", || async {
        (desk.outbound().await.len() == 6).then_some(())
    })
    .await;
    assert!(
        desk.outbound().await.iter().all(|(_, m)| !is_recorded(m)),
        "nothing could be sent yet"
    );
    desk.kill_9();

    desk.configure(&graph);
    desk.start(&[]).await;
    let out = eventually(40, "all six replies recorded as sent", || async {
        let out = desk.outbound().await;
        (out.len() == 6 && out.iter().all(|(_, m)| is_recorded(m))).then_some(out)
    })
    .await;
    for s in &shoppers {
        let at_phone = sandbox.sent_to(&s.wa_id);
        assert_eq!(
            at_phone.len(),
            2,
            "{} gets the acknowledgement and the agent's reply, once each\n{}",
            s.name,
            desk.log()
        );
        let mine: Vec<&Value> = out
            .iter()
            .filter(|(k, _)| *k == s.wa_id)
            .map(|(_, m)| m)
            .collect();
        for record in &at_phone {
            assert!(
                mine.iter().any(|m| m["wamid"] == record.wamid.as_str()),
                "the desk knows every wamid WhatsApp issued"
            );
        }
    }
}

#[tokio::test]
async fn sigterm_waits_for_the_sends_in_flight_and_exits_cleanly() {
    let mut desk = Desk::new();
    // A slow Graph API: each send takes a second, long enough to be stopped in the middle of it.
    let calls: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = calls.clone();
    let router = Router::new().route(
        "/graph/{version}/{pnid}/messages",
        post(move |Json(body): Json<Value>| {
            let seen = seen.clone();
            async move {
                let n = {
                    let mut s = seen.lock().unwrap();
                    s.push(body["to"].as_str().unwrap_or_default().to_string());
                    s.len()
                };
                tokio::time::sleep(Duration::from_millis(1200)).await;
                Json(json!({"messaging_product": "whatsapp", "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                    "messages": [{"id": format!("wamid.SLOW.{n}")}]}))
            }
        }),
    );
    let graph = serve_fake(router).await;
    desk.configure(&format!("{graph}/graph"));
    desk.start(&[]).await;
    for i in 1..=3 {
        let wa_id = format!("3161234500{i}");
        let body = envelope(
            PNID,
            vec![text_value(
                &wa_id,
                "Sanne",
                &format!("wamid.TERM.{i}"),
                "Waar is mijn pakket?",
                now_s(),
            )],
        );
        assert_eq!(
            post_signed(&desk.http, &desk.url(), APP_SECRET, &body)
                .await
                .status(),
            200
        );
    }
    eventually(15, "three sends in flight", || async {
        (calls.lock().unwrap().len() == 3).then_some(())
    })
    .await;
    desk.sigterm();
    let status = desk.exited(20).await;
    assert!(
        status.success(),
        "SIGTERM ends the desk cleanly: {status}\n{}",
        desk.log()
    );

    // After a restart, the three replies are recorded with the wamids WhatsApp gave before the stop.
    desk.start(&[]).await;
    let out = desk.outbound().await;
    assert_eq!(out.len(), 3);
    for (key, m) in &out {
        assert_eq!(
            m["status"],
            "accepted",
            "{key}: recorded before the exit: {m:#}\n{}",
            desk.log()
        );
        let wamid = m["wamid"].as_str().unwrap_or_default();
        assert!(
            ["wamid.SLOW.1", "wamid.SLOW.2", "wamid.SLOW.3"].contains(&wamid),
            "{wamid}"
        );
    }
    tokio::time::sleep(Duration::from_secs(3)).await; // past the 2 s lease: nothing is sent again
    assert_eq!(calls.lock().unwrap().len(), 3, "each reply was sent once");
}
