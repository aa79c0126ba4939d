use std::time::Duration;

use lifeline_sandbox::{Chaos, ShopperMessage};
use serde_json::json;

use crate::world::{all, statuses_of, text_body, world};

#[tokio::test]
async fn a_shopper_text_with_accents_and_emoji_arrives_signed_as_ascii_json() {
    let w = world(|_| {}).await;
    let ana = w.shopper("5511987654321", "Ana Souza");
    let text = "Olá! Cadê meu pedido? 📦 Já faz 10 dias";
    let wamid =
        w.sb.shopper_says(&ana, ShopperMessage::Text(text.into()))
            .await;

    let got = w
        .wait_for("the inbound webhook", |g| g.first().cloned())
        .await;
    assert!(
        got.signature_ok,
        "signature must be HMAC-SHA256 of the exact bytes"
    );
    assert!(got.raw.is_ascii(), "every byte must be ASCII");
    let raw = std::str::from_utf8(&got.raw).unwrap();
    assert!(
        raw.contains(r"Ol\u00e1") && raw.contains(r"\ud83d\udce6"),
        "lowercase escapes and surrogate pairs: {raw}"
    );
    assert_eq!(got.content_type, "application/json");
    assert_eq!(got.json["object"], "whatsapp_business_account");
    let entry = &got.json["entry"][0];
    assert_eq!(entry["id"], w.number.waba_id);
    let value = &entry["changes"][0]["value"];
    assert_eq!(entry["changes"][0]["field"], "messages");
    assert_eq!(
        value["metadata"]["phone_number_id"],
        w.number.phone_number_id
    );
    let bsuid = w.sb.identity("5511987654321").unwrap().user_id;
    assert!(bsuid.starts_with("BR."), "{bsuid}");
    assert_eq!(
        value["contacts"][0],
        json!({"profile": {"name": "Ana Souza", "username": "@ana.rio"},
               "wa_id": "5511987654321", "user_id": bsuid})
    );
    let msg = &value["messages"][0];
    assert_eq!(msg["id"], wamid);
    assert_eq!(msg["from"], "5511987654321");
    assert_eq!(msg["from_user_id"], bsuid);
    assert_eq!(msg["type"], "text");
    assert_eq!(msg["text"]["body"], text);
    assert!(msg["timestamp"].as_str().unwrap().parse::<i64>().unwrap() > 1_700_000_000);
}

#[tokio::test]
async fn a_shopper_given_a_user_id_is_username_only_and_reached_through_recipient() {
    let w = world(|_| {}).await;
    let mut sam = w.shopper("14155550199", "Sam");
    sam.user_id = Some("US.1349120865530274".into());
    w.sb.shopper_says(&sam, ShopperMessage::Text("hi".into()))
        .await;
    let msg = w
        .wait_for("inbound", |g| all(g, "messages").first().cloned())
        .await;
    assert_eq!(msg["from_user_id"], "US.1349120865530274");
    assert!(msg.get("from").is_none());
    let contact = &w.received()[0].json["entry"][0]["changes"][0]["value"]["contacts"][0];
    assert_eq!(contact["user_id"], "US.1349120865530274");
    assert!(contact.get("wa_id").is_none());

    let by_user_id = json!({"messaging_product": "whatsapp", "recipient": "US.1349120865530274",
                            "type": "text", "text": {"body": "Hi Sam!"}});
    let (status, body) = w.send(&by_user_id).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["contacts"][0],
        json!({"input": "US.1349120865530274", "user_id": "US.1349120865530274"})
    );
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    let sent = w
        .wait_for("sent", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    assert_eq!(sent["recipient_user_id"], "US.1349120865530274");
    assert!(sent.get("recipient_id").is_none(), "{sent}");
}

#[tokio::test]
async fn a_webhook_answered_with_500_is_redelivered_then_accepted() {
    let w = world(|_| {}).await;
    w.hook.script.lock().unwrap().extend([500, 503]);
    let ana = w.shopper("5511987654321", "Ana");
    w.sb.shopper_says(&ana, ShopperMessage::Text("oi".into()))
        .await;
    let got = w
        .wait_for("three attempts", |g| (g.len() >= 3).then(|| g.to_vec()))
        .await;
    assert_eq!(
        got[0].raw, got[1].raw,
        "a redelivery carries the same bytes"
    );
    assert_eq!(got[1].raw, got[2].raw);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let stats = w.sb.stats();
    assert_eq!(
        (
            stats.webhooks_retried,
            stats.webhooks_delivered,
            stats.webhooks_dropped
        ),
        (2, 1, 0)
    );
    assert_eq!(w.received().len(), 3, "no more attempts after a 200");
    assert_eq!(w.sb.pending_webhooks(), 0);
}

#[tokio::test]
async fn a_webhook_refused_past_the_retry_schedule_is_dropped_and_counted() {
    let w = world(|c| c.retry_schedule = vec![Duration::from_millis(10)]).await;
    w.hook.script.lock().unwrap().extend([500, 500, 500]);
    let ana = w.shopper("5511987654321", "Ana");
    w.sb.shopper_says(&ana, ShopperMessage::Text("oi".into()))
        .await;
    w.wait_for("two attempts", |g| (g.len() >= 2).then_some(()))
        .await;
    for _ in 0..100 {
        if w.sb.stats().webhooks_dropped == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(w.sb.stats().webhooks_dropped, 1);
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert_eq!(w.received().len(), 2);
}

#[tokio::test]
async fn under_chaos_duplicates_are_delivered() {
    let w = world(|c| {
        c.chaos = Chaos {
            duplicate: 1.0,
            ..Chaos::none()
        }
    })
    .await;
    let ana = w.shopper("5511987654321", "Ana");
    let wamid =
        w.sb.shopper_says(&ana, ShopperMessage::Text("oi".into()))
            .await;
    let copies = w
        .wait_for("a duplicate", |g| {
            let same: Vec<_> = all(g, "messages")
                .into_iter()
                .filter(|m| m["id"] == wamid)
                .collect();
            (same.len() >= 2).then_some(same.len())
        })
        .await;
    assert_eq!(copies, 2);
    assert!(w.received().iter().all(|r| r.signature_ok));
    assert_eq!(w.sb.stats().webhooks_duplicated, 1);
}

#[tokio::test]
async fn under_chaos_updates_are_batched_into_one_post() {
    let w = world(|c| {
        c.chaos = Chaos {
            batch: 1.0,
            batch_linger: Duration::from_millis(80),
            ..Chaos::none()
        }
    })
    .await;
    let ana = w.shopper("5511987654321", "Ana");
    let carlos = w.shopper("5215512345678", "Carlos");
    for i in 0..3 {
        w.sb.shopper_says(&ana, ShopperMessage::Text(format!("ana {i}")))
            .await;
        w.sb.shopper_says(&carlos, ShopperMessage::Text(format!("carlos {i}")))
            .await;
    }
    let got = w
        .wait_for("six messages", |g| {
            (all(g, "messages").len() >= 6).then(|| g.to_vec())
        })
        .await;
    assert!(
        got.len() < 6,
        "expected fewer POSTs than messages, got {}",
        got.len()
    );
    let changes = got[0].json["entry"][0]["changes"].as_array().unwrap().len();
    assert!(changes > 1, "first POST should batch several changes");
    assert!(got.iter().all(|r| r.signature_ok && r.raw.is_ascii()));
    assert!(w.sb.stats().webhooks_batched >= 1);
}

#[tokio::test]
async fn under_chaos_read_can_come_without_delivered() {
    let w = world(|c| {
        c.auto_receipts = true;
        c.chaos = Chaos {
            read_without_delivered: 1.0,
            ..Chaos::none()
        };
    })
    .await;
    let ana = w.shopper("5511987654321", "Ana");
    w.sb.shopper_says(&ana, ShopperMessage::Text("oi".into()))
        .await;
    let (_, body) = w.send(&text_body("5511987654321", "Olá, Ana!")).await;
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    let kinds = w
        .wait_for("read", |g| {
            let s: Vec<String> = statuses_of(g, &wamid)
                .iter()
                .map(|s| s["status"].as_str().unwrap().to_string())
                .collect();
            s.contains(&"read".to_string()).then_some(s)
        })
        .await;
    assert_eq!(kinds, vec!["sent", "read"]);
    let read = statuses_of(&w.received(), &wamid).pop().unwrap();
    assert!(
        read.get("pricing").is_some(),
        "the first of delivered/read carries pricing"
    );
}

#[tokio::test]
async fn auto_receipts_play_sent_delivered_read_with_pricing_on_sent_and_delivered() {
    let w = world(|c| c.auto_receipts = true).await;
    let ana = w.shopper("5511987654321", "Ana");
    w.sb.shopper_says(&ana, ShopperMessage::Text("oi".into()))
        .await;
    let mut body = text_body("+55 11 98765-4321", "Olá, Ana!");
    body["biz_opaque_callback_data"] = json!("case-77");
    let (_, resp) = w.send(&body).await;
    let wamid = resp["messages"][0]["id"].as_str().unwrap().to_string();
    let statuses = w
        .wait_for("read", |g| {
            let s = statuses_of(g, &wamid);
            (s.len() == 3).then_some(s)
        })
        .await;
    let names: Vec<_> = statuses
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sent", "delivered", "read"]);
    assert_eq!(statuses[0]["recipient_id"], "5511987654321");
    assert_eq!(statuses[0]["biz_opaque_callback_data"], "case-77");
    assert_eq!(statuses[0]["pricing"]["type"], "free_customer_service");
    assert_eq!(statuses[0]["pricing"]["category"], "service");
    assert!(statuses[1].get("pricing").is_some() && statuses[2].get("pricing").is_none());
    let record = w.sb.sent_to("5511987654321").pop().unwrap();
    assert_eq!(record.latest_status(), Some("read"));
    assert_eq!(record.statuses.len(), 3);
}

#[tokio::test]
async fn the_verification_handshake_needs_the_challenge_echoed() {
    use axum::extract::Query;
    use axum::routing::get;
    use std::collections::HashMap;
    async fn good(Query(q): Query<HashMap<String, String>>) -> (axum::http::StatusCode, String) {
        if q.get("hub.mode").map(String::as_str) == Some("subscribe")
            && q.get("hub.verify_token").map(String::as_str) == Some("vt")
        {
            (
                axum::http::StatusCode::OK,
                q.get("hub.challenge").cloned().unwrap_or_default(),
            )
        } else {
            (axum::http::StatusCode::FORBIDDEN, String::new())
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!(
        "http://{}/webhooks/whatsapp",
        listener.local_addr().unwrap()
    );
    tokio::spawn(async move {
        let app =
            axum::Router::new().route("/webhooks/whatsapp", get(good).post(|| async { "ok" }));
        axum::serve(listener, app).await.unwrap()
    });
    let sb = lifeline_sandbox::Sandbox::new(lifeline_sandbox::SimConfig::demo(
        &url,
        "http://127.0.0.1:1",
    ));
    assert_eq!(sb.verify_webhook("vt").await, Ok(()));
    let refused = sb.verify_webhook("wrong").await.unwrap_err();
    assert!(refused.contains("403"), "{refused}");
}

#[tokio::test]
async fn an_unsupported_message_carries_error_131051() {
    let w = world(|_| {}).await;
    let ana = w.shopper("5511987654321", "Ana");
    w.sb.shopper_says(
        &ana,
        ShopperMessage::Unsupported {
            kind: "edit".into(),
        },
    )
    .await;
    let msg = w
        .wait_for("inbound", |g| all(g, "messages").first().cloned())
        .await;
    assert_eq!(msg["type"], "unsupported");
    assert_eq!(msg["unsupported"]["type"], "edit");
    assert_eq!(msg["errors"][0]["code"], 131051);
}
