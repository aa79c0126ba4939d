use std::time::Duration;

use serde_json::{json, Value};

use crate::world::{all, statuses_of, world};

#[tokio::test]
async fn the_phone_page_is_served_with_its_script() {
    let w = world(|_| {}).await;
    let resp = w
        .http
        .get(format!("{}/sandbox/phone", w.base))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = resp.text().await.unwrap();
    assert!(html.contains("<script>") && html.contains("/sandbox/api/events"));
    assert!(html.contains("textContent"));
    assert!(
        !html.contains("innerHTML"),
        "data must never reach the DOM through innerHTML"
    );
}

#[tokio::test]
async fn a_button_tap_from_the_phone_carries_the_business_message_as_context() {
    let w = world(|_| {}).await;
    let shoppers: Value = w
        .http
        .get(format!("{}/sandbox/api/shoppers", w.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let lucia = shoppers["shoppers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Lucía García")
        .unwrap()
        .clone();
    let wa_id = lucia["wa_id"].as_str().unwrap().to_string();
    let api = format!("{}/sandbox/api/shoppers/{wa_id}", w.base);

    let said = w
        .http
        .post(format!("{api}/messages"))
        .json(&json!({"type": "text", "text": "Mi paquete llegó roto"}))
        .send()
        .await
        .unwrap();
    assert_eq!(said.status().as_u16(), 201);
    let buttons = json!({"messaging_product": "whatsapp", "to": wa_id, "type": "interactive",
        "interactive": {"type": "button", "body": {"text": "¿Prefieres reenvío o reembolso?"},
        "action": {"buttons": [{"type": "reply", "reply": {"id": "reship", "title": "Reenvío"}},
                               {"type": "reply", "reply": {"id": "refund", "title": "Reembolso"}}]}}});
    let (status, body) = w.send(&buttons).await;
    assert_eq!(status, 200, "{body}");
    let business = body["messages"][0]["id"].as_str().unwrap().to_string();

    let thread: Value = w
        .http
        .get(format!("{api}/thread"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = thread["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[1]["dir"], "out");
    assert_eq!(
        items[1]["body"]["interactive"]["action"]["buttons"][1]["reply"]["title"],
        "Reembolso"
    );

    let tap = json!({"type": "button_reply", "id": "refund", "title": "Reembolso", "context_wamid": business});
    assert_eq!(
        w.http
            .post(format!("{api}/messages"))
            .json(&tap)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16(),
        201
    );
    let reply = w
        .wait_for("the tap", |g| all(g, "messages").get(1).cloned())
        .await;
    assert_eq!(reply["type"], "interactive");
    assert_eq!(
        reply["interactive"]["button_reply"],
        json!({"id": "refund", "title": "Reembolso"})
    );
    assert_eq!(reply["context"]["id"], business);
    assert_eq!(reply["context"]["from"], w.number.display_phone_number);
}

#[tokio::test]
async fn a_message_shown_on_the_phone_is_delivered_then_read() {
    let w = world(|_| {}).await;
    let api = format!("{}/sandbox/api/shoppers/33612345678", w.base);
    w.http
        .post(format!("{api}/messages"))
        .json(&json!({"type": "image", "sample": true, "caption": "le carton"}))
        .send()
        .await
        .unwrap();
    let (_, body) = w
        .send(&crate::world::text_body(
            "33612345678",
            "Merci Camille, je regarde tout de suite.",
        ))
        .await;
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    w.wait_for("sent", |g| statuses_of(g, &wamid).first().cloned())
        .await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        statuses_of(&w.received(), &wamid).len(),
        1,
        "only sent until the phone shows it"
    );

    let seen = w
        .http
        .post(format!("{api}/seen"))
        .json(&json!({"wamids": [wamid]}))
        .send()
        .await
        .unwrap();
    assert_eq!(seen.json::<Value>().await.unwrap()["shown"], 1);
    let names = w
        .wait_for("read", |g| {
            let s: Vec<String> = statuses_of(g, &wamid)
                .iter()
                .map(|s| s["status"].as_str().unwrap().to_string())
                .collect();
            (s.len() == 3).then_some(s)
        })
        .await;
    assert_eq!(names, ["sent", "delivered", "read"]);
    let photo = all(&w.received(), "messages")[0].clone();
    assert_eq!(photo["image"]["mime_type"], "image/png");
    let stats: Value = w
        .http
        .get(format!("{}/sandbox/api/stats", w.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["accepted_sends"], 1);
    assert_eq!(stats["inbound_messages"], 1);
}

#[tokio::test]
async fn an_invented_shopper_needs_a_number_of_their_country() {
    let w = world(|_| {}).await;
    let url = format!("{}/sandbox/api/shoppers", w.base);
    let bad = w
        .http
        .post(&url)
        .json(&json!({"name": "Mia", "wa_id": "+44 7700 900123", "country": "NL"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 400);
    let ok = w
        .http
        .post(&url)
        .json(&json!({"name": "Mia", "wa_id": "+31 6 98765432", "country": "NL"}))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status().as_u16(), 201);
    assert_eq!(ok.json::<Value>().await.unwrap()["wa_id"], "31698765432");
}
