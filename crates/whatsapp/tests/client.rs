//! The production client against a fake Graph API over real HTTP on loopback.

mod common;

use std::time::Duration;

use common::fake_graph::*;
use lifeline_whatsapp::client::{ClientError, CloudClient};
use lifeline_whatsapp::errors::ErrorClass;
use lifeline_whatsapp::outbound::{OutboundMessage, ReplyButton};
use serde_json::json;

fn client(fake: &FakeGraph, token: &str) -> CloudClient {
    CloudClient::new(
        reqwest::Client::new(),
        &format!("{}/", fake.base),
        VERSION,
        NUMBER_ID,
        token.to_owned(),
    )
}

fn text(body: &str) -> OutboundMessage {
    OutboundMessage::Text {
        body: body.into(),
        preview_url: false,
    }
}

#[tokio::test]
async fn a_sent_message_posts_the_documented_body_with_the_bearer_token() {
    let fake = FakeGraph::start().await;
    let sent = client(&fake, TOKEN)
        .send(
            &phone("5511987654321"),
            &text("Oi Ana, já estou vendo o seu pedido."),
            Some("wamid.IN1"),
            Some("outbox-42"),
        )
        .await
        .expect("sent");
    assert_eq!(sent.wamid, "wamid.FAKE1");
    assert_eq!(sent.wa_id.as_deref(), Some("5511987654321"));
    assert_eq!(sent.message_status, None);

    let seen = fake.requests();
    assert_eq!(seen.len(), 1);
    let r = &seen[0];
    assert_eq!(
        (r.method, r.path.as_str()),
        ("POST", "/v25.0/200000000000002/messages")
    );
    assert_eq!(
        r.authorization.as_deref(),
        Some(&*format!("Bearer {TOKEN}"))
    );
    assert_eq!(r.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        r.json,
        Some(json!({
            "messaging_product": "whatsapp", "recipient_type": "individual", "to": "+5511987654321",
            "type": "text", "text": { "body": "Oi Ana, já estou vendo o seu pedido." },
            "context": { "message_id": "wamid.IN1" }, "biz_opaque_callback_data": "outbox-42" }))
    );
}

#[tokio::test]
async fn a_paced_template_reports_its_message_status() {
    let fake = FakeGraph::start().await;
    let msg = OutboundMessage::Template {
        name: "order_update".into(),
        language: "en".into(),
        components: vec![],
    };
    let sent = client(&fake, TOKEN)
        .send(&phone("+15550002222"), &msg, None, None)
        .await
        .expect("sent");
    assert_eq!(sent.message_status.as_deref(), Some("accepted"));
    assert_eq!(
        fake.requests()[0].json.as_ref().expect("json")["template"]["language"]["code"],
        "en"
    );
}

#[tokio::test]
async fn a_message_over_the_limits_is_refused_before_any_request() {
    let fake = FakeGraph::start().await;
    let msg = OutboundMessage::Buttons {
        body: "Which do you prefer?".into(),
        header: None,
        footer: None,
        buttons: vec![ReplyButton {
            id: "r".into(),
            title: "Refund my whole order".into(),
        }],
    };
    let err = client(&fake, TOKEN)
        .send(&phone("+15550002222"), &msg, None, None)
        .await
        .expect_err("refused");
    assert!(matches!(err, ClientError::Limit(_)));
    assert_eq!(
        err.to_string(),
        "button title 'Refund my whole order' is 21 characters; WhatsApp allows 20"
    );
    assert_eq!(err.class(), ErrorClass::Permanent);
    assert!(fake.requests().is_empty());
}

#[tokio::test]
async fn a_graph_error_object_is_read_with_code_details_and_trace() {
    let fake = FakeGraph::start().await;
    let err = client(&fake, TOKEN)
        .send(&phone(TO_NOT_ALLOWED), &text("hi"), None, None)
        .await
        .expect_err("refused");
    assert_eq!(
        err,
        ClientError::Api {
            http_status: 400,
            code: 131030,
            subcode: Some(2655007),
            message: "(#131030) Recipient phone number not in allowed list".into(),
            details: Some("Recipient phone number not in allowed list".into()),
            fbtrace_id: Some("AbC123xyz".into()),
        }
    );
    assert_eq!(err.code(), Some(131030));
    assert_eq!(err.class(), ErrorClass::Permanent);
}

#[tokio::test]
async fn an_expired_token_is_a_credential_error() {
    let fake = FakeGraph::start().await;
    let err = client(&fake, "EAAG-old-token-revoked")
        .send(&phone("+15550002222"), &text("hi"), None, None)
        .await
        .expect_err("401");
    assert!(matches!(
        err,
        ClientError::Api {
            http_status: 401,
            code: 190,
            ..
        }
    ));
    assert_eq!(err.class(), ErrorClass::Credential);
}

#[tokio::test]
async fn a_gateway_error_without_a_graph_object_is_transient() {
    let fake = FakeGraph::start().await;
    let err = client(&fake, TOKEN)
        .send(&phone(TO_BAD_GATEWAY), &text("hi"), None, None)
        .await
        .expect_err("502");
    assert!(
        matches!(&err, ClientError::Http { http_status: 502, body } if body.contains("Bad Gateway"))
    );
    assert_eq!(err.code(), None);
    assert_eq!(err.class(), ErrorClass::Transient);
}

#[tokio::test]
async fn an_accepted_answer_without_a_wamid_is_a_decode_error_not_retried() {
    let fake = FakeGraph::start().await;
    let err = client(&fake, TOKEN)
        .send(&phone(TO_GARBLED), &text("hi"), None, None)
        .await
        .expect_err("no wamid");
    assert!(matches!(err, ClientError::Decode(_)));
    assert_eq!(err.class(), ErrorClass::Permanent);
}

#[tokio::test]
async fn a_slow_answer_times_out_as_a_transient_transport_error() {
    let fake = FakeGraph::start().await;
    let c =
        client(&fake, TOKEN).with_timeouts(Duration::from_millis(200), Duration::from_millis(200));
    let err = c
        .send(&phone(TO_SLOW), &text("hi"), None, None)
        .await
        .expect_err("timeout");
    assert!(
        matches!(&err, ClientError::Transport(t) if t.contains("timed out")),
        "{err:?}"
    );
    assert_eq!(err.class(), ErrorClass::Transient);
}

#[tokio::test]
async fn an_unreachable_api_is_transient_and_known_not_to_have_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let c = CloudClient::new(
        reqwest::Client::new(),
        &base,
        VERSION,
        NUMBER_ID,
        TOKEN.into(),
    );
    let err = c
        .send(&phone("+15550002222"), &text("hi"), None, None)
        .await
        .expect_err("refused");
    assert!(matches!(err, ClientError::Unreached(_)), "{err:?}");
    assert_eq!(err.class(), ErrorClass::Transient);
}

#[tokio::test]
async fn the_token_never_appears_in_debug_or_error_text() {
    let fake = FakeGraph::start().await;
    let c = client(&fake, TOKEN);
    assert!(!format!("{c:?}").contains(TOKEN));
    assert!(format!("{c:?}").contains("[redacted]"));
    let err = c
        .send(&phone(TO_ECHO_TOKEN), &text("hi"), None, None)
        .await
        .expect_err("refused");
    assert!(!err.to_string().contains(TOKEN), "{err}");
    assert!(!format!("{err:?}").contains(TOKEN), "{err:?}");
    assert!(err.to_string().contains("[redacted]"));
}

#[tokio::test]
async fn mark_read_posts_the_read_receipt_and_optionally_the_typing_indicator() {
    let fake = FakeGraph::start().await;
    let c = client(&fake, TOKEN);
    c.mark_read("wamid.IN1", false).await.expect("read");
    c.mark_read("wamid.IN2", true)
        .await
        .expect("read and typing");
    let seen = fake.requests();
    assert_eq!(seen[0].path, "/v25.0/200000000000002/messages");
    assert_eq!(
        seen[0].json,
        Some(
            json!({ "messaging_product": "whatsapp", "status": "read", "message_id": "wamid.IN1" })
        )
    );
    assert_eq!(
        seen[1].json,
        Some(
            json!({ "messaging_product": "whatsapp", "status": "read", "message_id": "wamid.IN2",
            "typing_indicator": { "type": "text" } })
        )
    );
}

#[tokio::test]
async fn templates_are_listed_across_pages_without_sending_the_token_elsewhere() {
    let fake = FakeGraph::start().await;
    let all = client(&fake, TOKEN)
        .list_templates(WABA_ID)
        .await
        .expect("listed");
    let names: Vec<(String, String)> = all
        .iter()
        .map(|t| (t.name.clone(), t.language.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("order_update".into(), "es_MX".into()),
            ("order_update".into(), "en".into()),
            ("delay_notice".into(), "pt_BR".into()),
            ("refund_done".into(), "de".into()),
        ]
    );
    assert_eq!(all[0].status, "APPROVED");
    assert_eq!(all[0].category, "UTILITY");
    assert_eq!(all[0].components[0]["type"], "BODY");

    let seen = fake.requests();
    assert_eq!(seen.len(), 3);
    assert!(seen
        .iter()
        .all(|r| r.path == "/v25.0/100000000000001/message_templates"));
    assert!(seen
        .iter()
        .all(|r| r.authorization.as_deref() == Some(&*format!("Bearer {TOKEN}"))));
    assert_eq!(seen[0].query.get("after"), None);
    assert_eq!(seen[1].query.get("after").map(String::as_str), Some("CUR1"));
    assert_eq!(seen[2].query.get("after").map(String::as_str), Some("CUR2"));
}

/// The address of a shopper's phone, as the desk passes it to the client.
fn phone(number: &str) -> lifeline_whatsapp::Recipient {
    lifeline_whatsapp::Recipient::parse(number).expect("a phone number")
}
