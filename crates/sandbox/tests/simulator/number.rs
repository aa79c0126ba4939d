//! `GET /{phone-number-id}`: what a desk reads at start to learn whether its token still works.

use serde_json::Value;

use crate::world::{world, World};

async fn get_number(w: &World, token: &str, fields: &str) -> (u16, Value) {
    let resp = w
        .http
        .get(format!(
            "{}/graph/v23.0/{}",
            w.base, w.number.phone_number_id
        ))
        .query(&[("fields", fields)])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    (status, resp.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_number_shows_the_fields_asked_for_to_its_own_token() {
    let w = world(|_| {}).await;
    let (status, body) = get_number(&w, &w.number.access_token, "id,display_phone_number").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["id"], w.number.phone_number_id.as_str());
    assert_eq!(
        body["display_phone_number"],
        w.number.display_phone_number.as_str()
    );
    assert!(
        body.get("quality_rating").is_none(),
        "only what was asked: {body}"
    );
}

#[tokio::test]
async fn a_wrong_token_is_refused_with_190_as_on_a_send() {
    let w = world(|_| {}).await;
    let (status, body) = get_number(&w, "revoked-token", "id,display_phone_number").await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], 190);
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("access token")),
        "{body}"
    );
}

#[tokio::test]
async fn a_field_the_number_does_not_have_is_refused() {
    let w = world(|_| {}).await;
    let (status, body) = get_number(&w, &w.number.access_token, "id,no_such_field").await;
    assert_eq!(
        (status, body["error"]["code"].as_i64()),
        (400, Some(100)),
        "{body}"
    );
}
