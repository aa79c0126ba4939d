use std::time::Duration;

use lifeline_sandbox::ShopperMessage;
use serde_json::{json, Value};

use crate::world::{statuses_of, text_body, world, World};

async fn shopper_writes(w: &World, wa_id: &str) {
    let s = w.shopper(wa_id, "Shopper");
    w.sb.shopper_says(&s, ShopperMessage::Text("hello".into()))
        .await;
}

fn code(body: &Value) -> i64 {
    body["error"]["code"].as_i64().unwrap_or(-1)
}

fn buttons(titles: &[&str]) -> Value {
    let list: Vec<Value> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| json!({"type": "reply", "reply": {"id": format!("b{i}"), "title": t}}))
        .collect();
    json!({"messaging_product": "whatsapp", "to": "5511987654321", "type": "interactive",
           "interactive": {"type": "button", "body": {"text": "Reship or refund?"}, "action": {"buttons": list}}})
}

#[tokio::test]
async fn a_send_inside_the_window_is_accepted_with_the_exact_success_shape() {
    let w = world(|_| {}).await;
    shopper_writes(&w, "5511987654321").await;
    let (status, body) = w
        .send(&text_body(
            "+5511987654321",
            "Oi Ana, já estou verificando o pedido #1042.",
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    assert!(wamid.starts_with("wamid."));
    let bsuid = w.sb.identity("5511987654321").unwrap().user_id;
    assert_eq!(
        body,
        json!({"messaging_product": "whatsapp",
               "contacts": [{"input": "+5511987654321", "wa_id": "5511987654321", "user_id": bsuid}],
               "messages": [{"id": wamid}]})
    );
    let sent = w
        .wait_for("sent status", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    assert_eq!(sent["status"], "sent");
    let records = w.sb.sent_to("5511987654321");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].wamid, wamid);
    assert_eq!(records[0].kind, "text");
    assert_eq!(
        records[0].body["text"]["body"],
        "Oi Ana, já estou verificando o pedido #1042."
    );
    assert_eq!(w.sb.stats().accepted_sends, 1);
}

#[tokio::test]
async fn a_bad_or_missing_token_is_refused_with_401_and_code_190() {
    let w = world(|_| {}).await;
    let wrong = w
        .http
        .post(w.messages_url())
        .bearer_auth("not-the-token")
        .json(&text_body("5511987654321", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 401);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(code(&body), 190);
    assert_eq!(body["error"]["type"], "OAuthException");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("(#190)"));
    assert!(body["error"]["fbtrace_id"].is_string());
    let missing = w
        .http
        .post(w.messages_url())
        .json(&text_body("5511987654321", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status().as_u16(), 401);
    assert_eq!(w.sb.stats().rejected_by_code.get(&190), Some(&2));
}

#[tokio::test]
async fn payload_limits_are_refused_with_131009_or_100() {
    let w = world(|_| {}).await;
    shopper_writes(&w, "5511987654321").await;
    let (status, body) = w.send(&buttons(&["Reenviar o pedido já!"])).await; // 21 characters
    assert_eq!((status, code(&body)), (400, 131009), "{body}");
    assert!(body["error"]["error_data"]["details"]
        .as_str()
        .unwrap()
        .contains("20"));
    let (status, body) = w
        .send(&buttons(&["Reship", "Refund", "Wait", "Other"]))
        .await;
    assert_eq!((status, code(&body)), (400, 131009));
    let (_, body) = w.send(&buttons(&["Same", "Same"])).await;
    assert_eq!(code(&body), 131009);
    let rows: Vec<Value> = (0..11)
        .map(|i| json!({"id": format!("r{i}"), "title": format!("Option {i}")}))
        .collect();
    let list = json!({"messaging_product": "whatsapp", "to": "5511987654321", "type": "interactive",
        "interactive": {"type": "list", "body": {"text": "Pick one"},
          "action": {"button": "Options", "sections": [{"title": "A", "rows": rows[..6]}, {"title": "B", "rows": rows[6..]}]}}});
    assert_eq!(code(&w.send(&list).await.1), 131009);
    let (_, body) = w.send(&text_body("5511987654321", &"x".repeat(4097))).await;
    assert_eq!(code(&body), 131009);
    let (_, body) = w
        .send(&json!({"messaging_product": "whatsapp", "to": "5511987654321", "type": "text"}))
        .await;
    assert_eq!(code(&body), 100);
    let (status, body) = w.send(&buttons(&["Reenviar", "Reembolso"])).await;
    assert_eq!(status, 200, "a valid button message is accepted: {body}");
}

#[tokio::test]
async fn sends_beyond_the_numbers_throughput_are_refused_with_130429() {
    let w = world(|c| c.throughput_mps = 3).await;
    let sends = (0..10).map(|i| w.send_owned(text_body(&format!("55119876543{i:02}"), "x")));
    let codes: Vec<i64> = futures::future::join_all(sends)
        .await
        .into_iter()
        .map(|(status, body)| if status == 200 { 200 } else { code(&body) })
        .collect();
    let accepted = codes.iter().filter(|c| **c == 200).count();
    let throttled = codes.iter().filter(|c| **c == 130429).count();
    assert!((3..10).contains(&accepted), "{codes:?}");
    assert_eq!(
        accepted + throttled,
        10,
        "every refusal is 130429: {codes:?}"
    );
    assert_eq!(
        w.sb.stats().rejected_by_code.get(&130429),
        Some(&(throttled as u64))
    );
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(
        w.send(&text_body("5511000000001", "x")).await.0,
        200,
        "the bucket refills"
    );
}

#[tokio::test]
async fn the_pair_limit_refuses_after_the_burst_with_131056() {
    let w = world(|c| {
        c.pair_burst = 3;
        c.pair_interval = Duration::from_secs(60);
    })
    .await;
    shopper_writes(&w, "5511987654321").await;
    for _ in 0..3 {
        assert_eq!(w.send(&text_body("5511987654321", "x")).await.0, 200);
    }
    let (status, body) = w.send(&text_body("5511987654321", "x")).await;
    assert_eq!((status, code(&body)), (400, 131056));
    assert_eq!(
        w.send(&text_body("34612345678", "x")).await.0,
        200,
        "another shopper is not affected"
    );
}

#[tokio::test]
async fn a_free_form_send_outside_the_window_is_accepted_then_fails_with_131047() {
    let w = world(|c| c.window = Duration::from_millis(80)).await;
    shopper_writes(&w, "5511987654321").await;
    tokio::time::sleep(Duration::from_millis(120)).await;
    let (status, body) = w.send(&text_body("5511987654321", "Still there?")).await;
    assert_eq!(status, 200, "{body}");
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    let failed = w
        .wait_for("failed status", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["errors"][0]["code"], 131047);
    assert_eq!(failed["errors"][0]["title"], "Re-engagement message");
    assert!(failed.get("pricing").is_none());
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        statuses_of(&w.received(), &wamid).len(),
        1,
        "no sent before failed"
    );
    assert_eq!(w.sb.sent_to("5511987654321")[0].error_code, Some(131047));
}

fn template(name: &str, lang: &str, params: &[&str]) -> Value {
    let params: Vec<Value> = params
        .iter()
        .map(|p| json!({"type": "text", "text": p}))
        .collect();
    json!({"messaging_product": "whatsapp", "to": "34612345678", "type": "template",
           "template": {"name": name, "language": {"code": lang}, "components": [{"type": "body", "parameters": params}]}})
}

#[tokio::test]
async fn a_template_is_allowed_outside_the_window_and_unknown_ones_are_refused() {
    let w = world(|_| {}).await;
    let (status, body) = w
        .send(&template(
            "order_update",
            "es",
            &["Lucía", "#1043", "tu paquete ya está en Madrid"],
        ))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["messages"][0]["message_status"], "accepted");
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    let sent = w
        .wait_for("sent", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    assert_eq!(sent["status"], "sent");
    assert_eq!(sent["pricing"]["category"], "utility");
    assert_eq!(sent["pricing"]["type"], "regular");
    let (_, body) = w
        .send(&template("order_update", "sv", &["a", "b", "c"]))
        .await;
    assert_eq!(code(&body), 132001);
    let (_, body) = w.send(&template("no_such_template", "en", &[])).await;
    assert_eq!(code(&body), 132001);
    let (status, body) = w.send(&template("order_update", "es", &["only one"])).await;
    assert_eq!((status, code(&body)), (400, 132000));
}

#[tokio::test]
async fn a_reaction_gets_only_a_sent_status_and_mark_read_answers_success() {
    let w = world(|c| c.auto_receipts = true).await;
    let ana = w.shopper("5511987654321", "Ana");
    let inbound =
        w.sb.shopper_says(&ana, ShopperMessage::Text("chegou quebrado".into()))
            .await;
    let (status, body) = w
        .send(&json!({"messaging_product": "whatsapp", "status": "read", "message_id": inbound, "typing_indicator": {"type": "text"}}))
        .await;
    assert_eq!((status, body), (200, json!({"success": true})));
    let react = json!({"messaging_product": "whatsapp", "to": "5511987654321", "type": "reaction",
                       "reaction": {"message_id": inbound, "emoji": "🙏"}});
    let (status, body) = w.send(&react).await;
    assert_eq!(status, 200, "{body}");
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    w.wait_for("sent", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let statuses = statuses_of(&w.received(), &wamid);
    assert_eq!(statuses.len(), 1);
    assert_eq!(statuses[0]["status"], "sent");
}

#[tokio::test]
async fn templates_are_listed_page_by_page_with_cursors() {
    let w = world(|_| {}).await;
    let mut url = format!(
        "{}/graph/v23.0/{}/message_templates?limit=4",
        w.base, w.number.waba_id
    );
    let mut names = Vec::new();
    for _ in 0..20 {
        let page: Value = w
            .http
            .get(&url)
            .bearer_auth(&w.number.access_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for t in page["data"].as_array().unwrap() {
            assert_eq!(t["status"], "APPROVED");
            names.push(format!(
                "{}/{}",
                t["name"].as_str().unwrap(),
                t["language"].as_str().unwrap()
            ));
        }
        assert!(page["paging"]["cursors"]["after"].is_string());
        match page["paging"]["next"].as_str() {
            Some(next) => url = next.to_string(),
            None => break,
        }
    }
    assert_eq!(names.len(), w.sb.config().templates.len());
    assert!(
        names.contains(&"case_follow_up/pt_BR".to_string())
            && names.contains(&"order_update/nl".to_string())
    );
    let denied = w.http.get(&url).bearer_auth("nope").send().await.unwrap();
    assert_eq!(denied.status().as_u16(), 401);
}

#[tokio::test]
async fn injected_trouble_refuses_or_fails_the_next_sends() {
    use lifeline_sandbox::GraphError;
    let w = world(|_| {}).await;
    shopper_writes(&w, "5511987654321").await;
    w.sb.refuse_next_sends(GraphError::service_unavailable(), 1);
    let (status, body) = w.send(&text_body("5511987654321", "x")).await;
    assert_eq!((status, code(&body)), (503, 131016));
    w.sb.fail_next_sends(GraphError::something_went_wrong(), 1);
    let (status, body) = w.send(&text_body("5511987654321", "x")).await;
    assert_eq!(status, 200);
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    let failed = w
        .wait_for("failed", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    assert_eq!(failed["errors"][0]["code"], 131000);
    let (status, _) = w.send(&text_body("5511987654321", "x")).await;
    assert_eq!(status, 200, "trouble is used up");

    w.sb.make_undeliverable("4915112345678");
    let mut to_jonas = template("order_update", "de", &["Jonas", "#1050", "unterwegs"]);
    to_jonas["to"] = json!("4915112345678");
    let (status, body) = w.send(&to_jonas).await;
    assert_eq!(status, 200, "{body}");
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    let failed = w
        .wait_for("131026", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    assert_eq!(failed["status"], "failed");
    assert_eq!(failed["errors"][0]["code"], 131026);
}
