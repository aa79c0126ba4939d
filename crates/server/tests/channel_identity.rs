//! Shoppers as WhatsApp names them since 2026: a business-scoped user id (BSUID) in every webhook, a phone
//! only when WhatsApp shares it, a username, and a new BSUID when the number changes. The desk answers at
//! the address Meta accepts (a phone in `to`, a BSUID in `recipient`), keeps the ids apart, never shows a
//! BSUID as a phone, and keeps one conversation across a change of id.

mod common;
mod web_common;

use std::sync::{Arc, Mutex};

use axum::{extract::Path, routing::post, Json, Router};
use common::{
    app::{
        envelope, eventually, graph_error, now_s, quiet_desk_on, serve_fake, spawn_app_with,
        Signature, TestApp,
    },
    db,
};
use serde_json::{json, Value};

/// A Graph API that addresses as Meta does in 2026 and records every body it accepted.
async fn strict_graph() -> (String, Arc<Mutex<Vec<Value>>>) {
    let seen: Arc<Mutex<Vec<Value>>> = Arc::default();
    let log = seen.clone();
    let router = Router::new().route(
        "/graph/{version}/{pnid}/messages",
        post(move |Path((_v, _p)): Path<(String, String)>, Json(body): Json<Value>| {
            let log = log.clone();
            async move {
                use axum::response::IntoResponse;
                let to = body["to"].as_str().unwrap_or("");
                let recipient = body["recipient"].as_str().unwrap_or("");
                let phone = |s: &str| {
                    let d = s.strip_prefix('+').unwrap_or(s);
                    !d.is_empty() && d.chars().all(|c| c.is_ascii_digit())
                };
                if !to.is_empty() && !phone(to) {
                    return graph_error(400, 131009, "Invalid E.164 phone number");
                }
                if to.is_empty() && !recipient.is_empty() && phone(recipient) {
                    return graph_error(400, 131009, "Invalid BSUID format");
                }
                if to.is_empty() && recipient.is_empty() {
                    return graph_error(400, 131008, "Required parameter is missing");
                }
                let n = {
                    let mut s = log.lock().unwrap();
                    s.push(body.clone());
                    s.len()
                };
                Json(json!({"messaging_product": "whatsapp",
                    "contacts": [{"input": if to.is_empty() { recipient } else { to }, "user_id": recipient}],
                    "messages": [{"id": format!("wamid.OUT{n}")}]}))
                .into_response()
            }
        }),
    );
    (serve_fake(router).await, seen)
}

/// A desk with greetings on, sending through the strict Graph API.
async fn desk_on(db: common::db::TestDb, graph: &str) -> TestApp {
    let graph = format!("{graph}/graph");
    spawn_app_with(db, move |_, desk| desk.numbers[0].api_base = graph).await
}

/// One 2026 text message: `phone` only when WhatsApp shares it.
fn message_2026(
    phone: Option<&str>,
    bsuid: &str,
    username: Option<&str>,
    wamid: &str,
    text: &str,
) -> Value {
    let mut contact = json!({"profile": {"name": "Sam Rivera"}, "user_id": bsuid});
    let mut msg = json!({"from_user_id": bsuid, "id": wamid, "timestamp": now_s().to_string(),
        "type": "text", "text": {"body": text}});
    if let Some(p) = phone {
        contact["wa_id"] = json!(p);
        msg["from"] = json!(p);
    }
    if let Some(u) = username {
        contact["profile"]["username"] = json!(u);
    }
    json!({"contacts": [contact], "messages": [msg]})
}

async fn deliver(app: &TestApp, value: Value) {
    let body = envelope(&app.number_id(), vec![value]);
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
}

/// The bodies the Graph API accepted, once there are `n`.
async fn accepted(seen: &Arc<Mutex<Vec<Value>>>, n: usize) -> Vec<Value> {
    eventually(20, &format!("{n} accepted sends"), || async {
        let s = seen.lock().unwrap().clone();
        (s.len() >= n).then_some(s)
    })
    .await
}

#[tokio::test]
async fn a_shopper_with_phone_and_bsuid_is_answered_at_the_phone() {
    for db in db::all().await {
        let (graph, seen) = strict_graph().await;
        let app = desk_on(db, &graph).await;
        deliver(
            &app,
            message_2026(
                Some("5511987654321"),
                "BR.7349120865530274",
                None,
                "wamid.P1",
                "Oi, meu pedido #1001 não chegou",
            ),
        )
        .await;
        let sent = accepted(&seen, 1).await;
        assert_eq!(sent[0]["to"], "+5511987654321", "{}", sent[0]);
        assert!(sent[0].get("recipient").is_none(), "{}", sent[0]);
        let c = app.conversations().await;
        assert_eq!(c[0]["contact"]["phone"], "+5511987654321");
        assert_eq!(c[0]["contact"]["user_id"], "BR.7349120865530274");
        let out = eventually(10, "the acknowledgement recorded as accepted", || async {
            let out = app.outbound_of("BR.7349120865530274").await;
            out.iter()
                .any(|m| m["wamid"] == "wamid.OUT1")
                .then_some(out)
        })
        .await;
        assert_ne!(out[0]["status"], "failed", "{}", out[0]);
    }
}

#[tokio::test]
async fn a_username_only_shopper_is_answered_through_recipient_and_never_shown_a_phone() {
    for db in db::all().await {
        let (graph, seen) = strict_graph().await;
        let app = desk_on(db, &graph).await;
        deliver(
            &app,
            message_2026(
                None,
                "US.13491208655302741918",
                Some("@sam.rivera"),
                "wamid.U1",
                "Hi, my parcel never arrived",
            ),
        )
        .await;
        let sent = accepted(&seen, 1).await;
        assert_eq!(
            sent[0]["recipient"], "US.13491208655302741918",
            "{}",
            sent[0]
        );
        assert!(sent[0].get("to").is_none(), "{}", sent[0]);
        assert_eq!(sent[0]["recipient_type"], "individual");

        let c = &app.conversations().await[0];
        assert_eq!(c["contact"]["username"], "@sam.rivera");
        assert!(c["contact"]["phone"].is_null(), "{c}");
        assert!(c["contact"]["wa_id"].is_null(), "{c}");
        assert_eq!(
            c["contact"]["country"], "US",
            "the BSUID's country stands in for the phone's"
        );
        // A receipt that names the shopper only by BSUID still reaches the message.
        let status = json!({"statuses": [{"id": "wamid.OUT1", "status": "delivered",
            "timestamp": now_s().to_string(), "recipient_user_id": "US.13491208655302741918"}]});
        deliver(&app, status).await;
        eventually(10, "the acknowledgement delivered", || async {
            let out = app.outbound_of("US.13491208655302741918").await;
            out.iter().any(|m| m["status"] == "delivered").then_some(())
        })
        .await;
        // An agent's reply goes the same way.
        let id = c["id"].as_i64().unwrap();
        let (status, answer) = app
            .api_post(
                &format!("/conversations/{id}/messages"),
                json!({"text": "We are on it, Sam."}),
            )
            .await;
        assert_eq!(status, 202, "{answer}");
        let sent = accepted(&seen, 2).await;
        assert_eq!(sent[1]["recipient"], "US.13491208655302741918");
    }
}

#[tokio::test]
async fn screens_show_the_name_and_username_never_a_bsuid_as_a_phone() {
    let (graph, _seen) = strict_graph().await;
    let app = quiet_desk_on(db::sqlite(), move |_, desk| {
        desk.numbers[0].api_base = format!("{graph}/graph")
    })
    .await;
    let mut m = message_2026(
        None,
        "US.13491208655302741918",
        Some("@sam.rivera"),
        "wamid.S1",
        "Hello?",
    );
    m["contacts"][0]["profile"]["name"] = json!("");
    deliver(&app, m).await;
    let c = app.wait_conversation("US.13491208655302741918").await;
    let cases = app.api("/cases").await;
    assert!(!cases.to_string().contains("+US."), "{cases}");
    let browser =
        web_common::signed_in(&app, "lead@shop.example", lifeline_desk::Role::Admin).await;
    for page in [
        "/inbox".to_string(),
        "/inbox?view=conversations".to_string(),
        format!("/conversations/{c}"),
    ] {
        let html = browser.get(&page).await.body;
        assert!(!html.contains("+US."), "{page} shows a BSUID as a phone");
        assert!(
            html.contains("@sam.rivera"),
            "{page} names the shopper by username"
        );
    }
}

/// The `system` notice Meta sends when a shopper's BSUID changes.
fn user_id_changed(old: &str, new: &str, wamid: &str) -> Value {
    json!({"messages": [{"from_user_id": old, "id": wamid, "timestamp": now_s().to_string(), "type": "system",
        "system": {"body": format!("User Sam Rivera changed from {old} to {new}"), "type": "user_changed_user_id",
                   "user_id": new, "previous_user_id": old}}]})
}

#[tokio::test]
async fn a_changed_bsuid_keeps_the_conversation_its_case_and_its_window() {
    for db in db::all().await {
        let (graph, seen) = strict_graph().await;
        let app = desk_on(db, &graph).await;
        let (old, new) = ("US.13491208655302741918", "US.99887766554433221100");
        deliver(
            &app,
            message_2026(
                None,
                old,
                Some("@sam.rivera"),
                "wamid.C1",
                "Where is my order #1001?",
            ),
        )
        .await;
        accepted(&seen, 1).await;
        let conversation = app.wait_conversation(old).await;
        let case = eventually(10, "a case", || async {
            app.api("/cases").await["cases"][0]["id"].as_i64()
        })
        .await;
        deliver(&app, user_id_changed(old, new, "wamid.C2")).await;
        deliver(
            &app,
            message_2026(None, new, Some("@sam.rivera"), "wamid.C3", "Any news?"),
        )
        .await;
        eventually(
            10,
            "the new id's message in the same conversation",
            || async {
                let inbound = app.inbound_of(old).await;
                (inbound.len() == 3).then_some(())
            },
        )
        .await;
        let all = app.conversations().await;
        assert_eq!(all.len(), 1, "one conversation: {all:?}");
        assert_eq!(all[0]["id"], conversation);
        assert_eq!(all[0]["contact"]["user_id"], new);
        assert!(all[0]["window_open_until"].is_string(), "{}", all[0]);
        let cases = app.api("/cases").await;
        assert_eq!(cases["cases"].as_array().unwrap().len(), 1, "{cases}");
        let timeline = app.api(&format!("/cases/{case}")).await;
        assert!(
            timeline.to_string().contains("shopper_id_changed"),
            "{timeline}"
        );
        // The agent's reply reaches the new id.
        let (status, answer) = app
            .api_post(
                &format!("/conversations/{conversation}/messages"),
                json!({"text": "Still on it, Sam."}),
            )
            .await;
        assert_eq!(status, 202, "{answer}");
        let sent = eventually(20, "the reply at the new id", || async {
            let s = seen.lock().unwrap().clone();
            s.iter()
                .find(|b| b["text"]["body"] == "Still on it, Sam.")
                .cloned()
        })
        .await;
        assert_eq!(sent["recipient"], new, "{sent}");
    }
}
