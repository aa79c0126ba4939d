//! Addressing and identity as Meta has them in 2026: a phone in `to`, a BSUID in `recipient`; webhooks that
//! always name the shopper by BSUID and by phone only when shared; a BSUID that changes with the phone.

use lifeline_sandbox::{Shopper, ShopperMessage, ShopperProfile};
use lifeline_whatsapp::{OutboundMessage, Recipient};
use serde_json::{json, Value};

use crate::world::{statuses_of, text_body, value_with_message, world, World};

/// Sam shows the business a username and no phone.
fn username_only_sam(w: &World) -> (Shopper, String) {
    let sam = w.shopper("14155550199", "Sam Taylor");
    let identity =
        w.sb.add_shopper_with(&sam, "US", ShopperProfile::username_only("@sam.t"))
            .unwrap();
    (sam, identity.user_id)
}

fn by_user_id(user_id: &str, text: &str) -> Value {
    json!({"messaging_product": "whatsapp", "recipient_type": "individual", "recipient": user_id,
           "type": "text", "text": {"body": text}})
}

/// The Graph error of a refused send: code, `error_data.details` and `message`.
fn error_of(body: &Value) -> (i64, &str, &str) {
    let e = &body["error"];
    (
        e["code"].as_i64().unwrap_or(-1),
        e["error_data"]["details"].as_str().unwrap_or(""),
        e["message"].as_str().unwrap_or(""),
    )
}

async fn says(w: &World, shopper: &Shopper, text: &str) -> Value {
    let wamid =
        w.sb.shopper_says(shopper, ShopperMessage::Text(text.into()))
            .await;
    w.wait_for("the shopper's webhook", |g| value_with_message(g, &wamid))
        .await
}

async fn sent_status(w: &World, body: &Value) -> Value {
    let wamid = body["messages"][0]["id"].as_str().unwrap().to_string();
    w.wait_for("the sent status", |g| {
        statuses_of(g, &wamid).first().cloned()
    })
    .await
}

#[tokio::test]
async fn a_bsuid_in_to_is_refused_while_the_clients_recipient_body_is_accepted() {
    let w = world(|_| {}).await;
    let (sam, bsuid) = username_only_sam(&w);
    says(&w, &sam, "Where is my order?").await;

    let (status, body) = w.send(&text_body(&bsuid, "Hi Sam!")).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        error_of(&body),
        (
            131009,
            "Invalid E.164 phone number",
            "(#131009) Parameter value is not valid"
        )
    );

    let reply = OutboundMessage::Text {
        body: "Hi Sam!".into(),
        preview_url: false,
    };
    let from_client = reply.to_request_body(&Recipient::UserId(bsuid.clone()), None, None);
    let (status, body) = w.send(&from_client).await;
    assert_eq!(status, 200, "{from_client} was refused: {body}");
    assert_eq!(
        body["contacts"][0],
        json!({"input": bsuid, "user_id": bsuid}),
        "no phone for a shopper who does not share it"
    );
    assert_eq!(w.sb.sent_to(&sam.wa_id).len(), 1, "Sam got one message");
}

#[tokio::test]
async fn a_phone_in_recipient_is_refused_and_to_wins_when_both_are_given() {
    let w = world(|_| {}).await;
    let ana = w.shopper("5511987654321", "Ana Souza");
    says(&w, &ana, "Oi").await;

    for phone in ["+5511987654321", "5511987654321"] {
        let (status, body) = w.send(&by_user_id(phone, "Oi Ana")).await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(error_of(&body).0, 131009);
        assert_eq!(error_of(&body).1, "Invalid BSUID format");
    }

    let mut both = text_body("+5511987654321", "Oi Ana");
    both["recipient"] = json!("US.13491208655302741918");
    let (status, body) = w.send(&both).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contacts"][0]["wa_id"], "5511987654321");
    assert_eq!(w.sb.sent_to(&ana.wa_id).len(), 1, "Ana got it, not Jordan");
    assert!(w.sb.sent_to("14155550123").is_empty());

    let neither = json!({"messaging_product": "whatsapp", "type": "text", "text": {"body": "Oi"}});
    let (status, body) = w.send(&neither).await;
    assert_eq!((status, error_of(&body).0), (400, 131008), "{body}");
}

#[tokio::test]
async fn a_username_only_shopper_is_named_by_user_id_and_username_never_by_phone() {
    let w = world(|_| {}).await;
    let (sam, bsuid) = username_only_sam(&w);
    let value = says(&w, &sam, "Where is my order?").await;
    assert_eq!(
        value["contacts"][0],
        json!({"profile": {"name": "Sam Taylor", "username": "@sam.t"}, "user_id": bsuid})
    );
    let message = &value["messages"][0];
    assert_eq!(message["from_user_id"], bsuid);
    assert!(message.get("from").is_none(), "{message}");

    let (_, body) = w.send(&by_user_id(&bsuid, "Looking into it")).await;
    let sent = sent_status(&w, &body).await;
    assert_eq!(sent["recipient_user_id"], bsuid);
    assert!(sent.get("recipient_id").is_none(), "{sent}");

    let ana = w.shopper("5511987654321", "Ana Souza");
    says(&w, &ana, "Oi").await;
    let (_, body) = w.send(&text_body("+5511987654321", "Oi Ana")).await;
    let sent = sent_status(&w, &body).await;
    assert_eq!(sent["recipient_id"], "5511987654321");
    assert_eq!(
        sent["recipient_user_id"],
        w.sb.identity(&ana.wa_id).unwrap().user_id
    );
}

#[tokio::test]
async fn a_shopper_with_a_parent_bsuid_is_named_and_reached_by_it() {
    let w = world(|_| {}).await;
    let lena = w.shopper("4915198765432", "Lena Vogel");
    let profile = ShopperProfile {
        parent_user_id: Some("DE.ENT.11815799212886844830".into()),
        ..ShopperProfile::default()
    };
    let bsuid = w.sb.add_shopper_with(&lena, "DE", profile).unwrap().user_id;
    let value = says(&w, &lena, "Hallo").await;
    assert_eq!(
        value["contacts"][0]["parent_user_id"],
        "DE.ENT.11815799212886844830"
    );
    assert_eq!(value["contacts"][0]["wa_id"], "4915198765432");
    let message = &value["messages"][0];
    assert_eq!(message["from"], "4915198765432");
    assert_eq!(message["from_user_id"], bsuid);
    assert_eq!(
        message["from_parent_user_id"],
        "DE.ENT.11815799212886844830"
    );

    let (status, body) = w
        .send(&by_user_id("DE.ENT.11815799212886844830", "Hallo Lena"))
        .await;
    assert_eq!(status, 200, "{body}");
    let sent = sent_status(&w, &body).await;
    assert_eq!(
        sent["recipient_parent_user_id"],
        "DE.ENT.11815799212886844830"
    );
    assert_eq!(sent["recipient_user_id"], bsuid);
}

#[tokio::test]
async fn a_changed_user_id_is_announced_and_then_only_the_new_one_reaches_the_shopper() {
    let w = world(|_| {}).await;
    let (sam, old) = username_only_sam(&w);
    says(&w, &sam, "Where is my order?").await;
    let new = "US.98765432109876543210";
    let wamid = w.sb.change_user_id(&old, new).unwrap();

    let value = w
        .wait_for("the system message", |g| value_with_message(g, &wamid))
        .await;
    assert!(value.get("contacts").is_none(), "{value}");
    let message = &value["messages"][0];
    assert_eq!(
        *message,
        json!({"from_user_id": old, "id": wamid, "timestamp": message["timestamp"], "type": "system",
               "system": {"body": format!("User Sam Taylor changed from {old} to {new}"),
                          "type": "user_changed_user_id", "user_id": new, "previous_user_id": old}})
    );

    let (status, body) = w.send(&by_user_id(&old, "Still there?")).await;
    assert_eq!((status, error_of(&body).0), (400, 131026), "{body}");
    let (status, body) = w.send(&by_user_id(new, "Still there?")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contacts"][0]["user_id"], new);

    let later = says(&w, &sam, "Yes!").await;
    assert_eq!(later["messages"][0]["from_user_id"], new);
    assert_eq!(later["contacts"][0]["user_id"], new);
}

#[tokio::test]
async fn the_phone_api_creates_username_only_shoppers_and_changes_user_ids() {
    let w = world(|_| {}).await;
    let url = format!("{}/sandbox/api/shoppers", w.base);
    let post = |url: String, body: Value| {
        let http = w.http.clone();
        async move {
            let resp = http.post(url).json(&body).send().await.unwrap();
            let status = resp.status().as_u16();
            (status, resp.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let nameless =
        json!({"name": "Noor", "wa_id": "+31 6 11122233", "country": "NL", "phone_shared": false});
    assert_eq!(post(url.clone(), nameless).await.0, 400);
    let noor = json!({"name": "Noor", "wa_id": "+31 6 11122233", "country": "NL",
                      "username": "@noor.nl", "phone_shared": false});
    let (status, created) = post(url.clone(), noor).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["username"], "@noor.nl");
    assert_eq!(created["phone_shared"], false);
    let old = created["user_id"].as_str().unwrap().to_string();
    assert!(old.starts_with("NL."), "{old}");

    let (status, changed) = post(format!("{url}/31611122233/user_id"), json!({})).await;
    assert_eq!(status, 201, "{changed}");
    let new = changed["shopper"]["user_id"].as_str().unwrap().to_string();
    assert!(new.starts_with("NL.") && new != old, "{changed}");
    assert_eq!(changed["shopper"]["previous_user_ids"], json!([old]));
    let wamid = changed["wamid"].as_str().unwrap().to_string();
    let value = w
        .wait_for("the system message", |g| value_with_message(g, &wamid))
        .await;
    assert_eq!(value["messages"][0]["system"]["previous_user_id"], old);
    assert!(value["messages"][0].get("from").is_none());

    let (status, _) = post(format!("{url}/{old}/user_id"), json!({})).await;
    assert_eq!(status, 404, "the old id names no one now");
    let (status, ana) = post(format!("{url}/5511987654321/user_id"), json!({})).await;
    let wamid = ana["wamid"].as_str().unwrap().to_string();
    let value = w
        .wait_for("Ana's system message", |g| value_with_message(g, &wamid))
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        value["messages"][0]["from"], "5511987654321",
        "Ana shares her phone"
    );
}
