//! The inbox and conversation screens: shopper text is always shown as text, replies go through the
//! outbox to the shopper's phone, a closed window offers templates only, files and live events are
//! for signed-in people only.

mod common;
mod web_common;

use std::time::Duration;

use common::app::{envelope, eventually, now_s, spawn_app, text_value, Signature, TestApp};
use futures::StreamExt;
use lifeline_desk::Role;
use serde_json::json;
use web_common::{signed_in, Browser};

/// A shopper writes through the sandbox phone (so the sandbox knows the window is open).
async fn shopper_writes(app: &TestApp, wa_id: &str, message: serde_json::Value) {
    let r = app
        .http
        .post(format!("{}/sandbox/api/shoppers/{wa_id}/messages", app.sim))
        .json(&message)
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success(),
        "the sandbox took the message: {}",
        r.status()
    );
}

#[tokio::test]
async fn a_shoppers_name_and_words_are_shown_as_text_never_as_markup() {
    let app = spawn_app().await;
    let body = envelope(
        &app.number_id(),
        vec![text_value(
            "5511912345678",
            "<script>alert(1)</script>",
            "wamid.XSS1",
            "<img src=x onerror=alert(2)> onde está?",
            now_s(),
        )],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let id = app.wait_conversation("5511912345678").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let escaped_name = "&#60;script&#62;alert(1)&#60;/script&#62;";
    for path in [
        "/inbox?view=conversations".to_string(),
        "/inbox/rows".into(),
        format!("/conversations/{id}"),
        format!("/conversations/{id}/thread"),
    ] {
        let in_thread = path.starts_with("/conversations");
        let page = eventually(10, "the shopper in the page", || async {
            let p = b.get(&path).await;
            (if in_thread {
                p.body.contains("onerror")
            } else {
                p.body.contains("alert(1)")
            })
            .then_some(p)
        })
        .await;
        assert_eq!(page.status, 200, "{path}");
        assert!(
            !page.body.contains("<script>alert(1)"),
            "{path}: the name is escaped"
        );
        assert!(
            !page.body.contains("<img src=x"),
            "{path}: the text is escaped"
        );
        if in_thread {
            assert!(
                page.body.contains("&#60;img src=x onerror=alert(2)&#62;"),
                "{path}"
            );
        }
        if !path.ends_with("/thread") {
            assert!(page.body.contains(escaped_name), "{path}: {}", page.body);
        }
    }
    let css = app
        .http
        .get(format!("{}/static/app.css", app.desk))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(
        css.headers()["content-encoding"],
        "gzip",
        "assets go out compressed"
    );
    let csp = app
        .http
        .get(format!("{}/login", app.desk))
        .send()
        .await
        .unwrap();
    assert!(csp.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("script-src 'self'"));
}

#[tokio::test]
async fn the_inbox_lists_triage_unread_marks_and_finds_people_by_name_or_phone() {
    let app = spawn_app().await;
    shopper_writes(
        &app,
        "5511987654321",
        json!({"type": "text", "text": "Meu pedido #1001 não chegou, já faz 9 dias"}),
    )
    .await;
    shopper_writes(
        &app,
        "4915112345678",
        json!({"type": "text", "text": "Hallo, wo ist meine Bestellung?"}),
    )
    .await;
    app.wait_conversation("5511987654321").await;
    app.wait_conversation("4915112345678").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let inbox = eventually(10, "both conversations triaged", || async {
        let p = b.get("/inbox?view=conversations").await;
        (p.body.matches("class=\"tag kind\"").count() == 2).then_some(p)
    })
    .await;
    assert!(inbox.body.contains("Ana Souza") && inbox.body.contains("Jonas Weber"));
    assert!(inbox.body.contains("+5511987654321"));
    assert_eq!(
        inbox.body.matches("class=\"line unread\"").count(),
        2,
        "nothing read yet"
    );
    let found = b.get("/inbox?view=conversations&q=jonas").await;
    assert!(found.body.contains("Jonas Weber") && !found.body.contains("Ana Souza"));
    let by_phone = b.get("/inbox?view=conversations&q=%2B55%2011%209876").await;
    assert!(by_phone.body.contains("Ana Souza") && !by_phone.body.contains("Jonas Weber"));
    let nobody = b.get("/inbox?view=conversations&q=zzzz").await;
    assert!(nobody.body.contains("Nobody matches"));

    let id = app.conversation_id("5511987654321").await.unwrap();
    assert_eq!(b.get(&format!("/conversations/{id}")).await.status, 200);
    let after = b.get("/inbox?view=conversations").await;
    assert_eq!(
        after.body.matches("class=\"line unread\"").count(),
        1,
        "opening a conversation reads it"
    );
}

#[tokio::test]
async fn a_reply_from_the_conversation_screen_reaches_the_shoppers_phone() {
    let app = spawn_app().await;
    shopper_writes(
        &app,
        "31612345678",
        json!({"type": "text", "text": "Mijn pakket is nog niet aangekomen"}),
    )
    .await;
    let id = app.wait_conversation("31612345678").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    // Triage opens a case: its reply box is the screen's composer; the form still takes free text.
    let page = web_common::case_screen(&app, &b, "31612345678", id).await;
    let r = b
        .post(
            &format!("/conversations/{id}/reply"),
            &[
                ("csrf", &page.csrf()),
                ("text", "Hoi Daan, ik zoek het meteen voor je uit."),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{id}").as_str())
    );
    let sent = eventually(10, "the reply at the sandbox phone", || async {
        app.sandbox.sent_to("31612345678").into_iter().find(|s| {
            s.body.pointer("/text/body").and_then(|v| v.as_str())
                == Some("Hoi Daan, ik zoek het meteen voor je uit.")
        })
    })
    .await;
    assert_eq!(sent.kind, "text");
    let out = app.outbound_of("31612345678").await;
    assert!(
        out.iter().any(|m| m["author"] == "ana@shop.example"),
        "the agent is the author: {out:?}"
    );
    let thread = eventually(10, "ticks in the thread", || async {
        let t = b.get(&format!("/conversations/{id}/thread")).await;
        t.body.contains("ik zoek het meteen").then_some(t)
    })
    .await;
    assert!(
        thread.body.contains("class=\"bubble out"),
        "{}",
        thread.body
    );
    let empty = b
        .post(
            &format!("/conversations/{id}/reply"),
            &[("csrf", &page.csrf()), ("text", "   ")],
        )
        .await;
    assert_eq!(empty.status, 400);
}

#[tokio::test]
async fn a_closed_window_offers_only_approved_utility_templates() {
    let app = spawn_app().await;
    let two_days_ago = now_s() - 2 * 24 * 3600;
    let body = envelope(
        &app.number_id(),
        vec![text_value(
            "4915112345678",
            "Jonas Weber",
            "wamid.OLD1",
            "Wo ist mein Paket?",
            two_days_ago,
        )],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let id = app.wait_conversation("4915112345678").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let page = web_common::case_screen(&app, &b, "4915112345678", id).await;
    let panel = b.get(&format!("/conversations/{id}/cases")).await;
    assert!(
        !panel.body.contains("id=\"reply\""),
        "no free text once the window closed"
    );
    assert!(
        panel.body.contains("value=\"order_update|de\""),
        "{}",
        panel.body
    );
    assert!(
        !panel.body.contains("seasonal_sale"),
        "marketing templates are never offered"
    );
    let free = b
        .post(
            &format!("/conversations/{id}/reply"),
            &[("csrf", &page.csrf()), ("text", "Hallo?")],
        )
        .await;
    assert_eq!(free.status, 400);
    assert!(
        free.body
            .contains("Window closed: the shopper has not written in 24 hours"),
        "{}",
        free.body
    );

    let missing = b
        .post(
            &format!("/conversations/{id}/template"),
            &[("csrf", &page.csrf()), ("template", "order_update|de")],
        )
        .await;
    assert_eq!(
        missing.status, 400,
        "every value must be filled: {}",
        missing.body
    );
    // Fill every value the template asks for, as an agent would.
    let mut form = vec![
        ("csrf".to_string(), page.csrf()),
        ("template".to_string(), "order_update|de".to_string()),
    ];
    for (i, part) in panel
        .body
        .split("name=\"order_update-de-p")
        .skip(1)
        .enumerate()
    {
        let n = part.split('"').next().unwrap();
        form.push((
            format!("order_update-de-p{n}"),
            if i == 0 {
                "Jonas".into()
            } else {
                format!("value {n}")
            },
        ));
    }
    assert!(
        form.len() >= 3,
        "the picker asks for the values: {}",
        panel.body
    );
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = b
        .post(&format!("/conversations/{id}/template"), &form)
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let sent = eventually(10, "the template at the sandbox", || async {
        app.sandbox
            .sent_to("4915112345678")
            .into_iter()
            .find(|s| s.kind == "template")
    })
    .await;
    assert_eq!(
        sent.body.pointer("/template/name").and_then(|v| v.as_str()),
        Some("order_update")
    );
}

#[tokio::test]
async fn photos_are_served_to_signed_in_people_only() {
    let app = spawn_app().await;
    shopper_writes(
        &app,
        "5511987654321",
        json!({"type": "image", "sample": true, "caption": "chegou assim"}),
    )
    .await;
    app.wait_conversation("5511987654321").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let id = app.conversation_id("5511987654321").await.unwrap();
    let thread = eventually(15, "the photo stored", || async {
        let t = b.get(&format!("/conversations/{id}/thread")).await;
        t.body.contains("<img src=\"/media/").then_some(t)
    })
    .await;
    let src = thread
        .body
        .split("<img src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let stranger = Browser::new(&app.desk).get(&src).await;
    assert_eq!(stranger.status, 303);
    let r = b.open(&src).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("image/"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(!r.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn live_events_tell_a_signed_in_screen_about_new_messages() {
    let app = spawn_app().await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let r = b.open("/events").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let mut stream = r.bytes_stream();
    let mut seen = String::new();
    let mut wrote = false;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while !seen.contains("\"event\":\"inbound_message\"") {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("an event in time");
        seen.push_str(&String::from_utf8_lossy(
            &chunk.expect("the stream stays open").unwrap(),
        ));
        if seen.contains("event: hello") && !wrote {
            wrote = true;
            shopper_writes(
                &app,
                "33612345678",
                json!({"type": "text", "text": "Bonjour, mon colis est en retard"}),
            )
            .await;
        }
    }
    let id = app.conversation_id("33612345678").await.unwrap();
    assert!(
        seen.contains(&format!("\"conversation_id\":{id}")),
        "{seen}"
    );
    assert!(!seen.contains("colis"), "events never carry message bodies");
}
