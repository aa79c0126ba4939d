//! The web app's SQL on every database the desk supports (SQLite always, PostgreSQL when
//! LIFELINE_TEST_POSTGRES_URL is set): accounts, two-step, sessions, the inbox, read marks, replies.

mod common;
mod web_common;

use common::{
    app::{eventually, spawn_app_with},
    db,
};
use lifeline_desk::Role;
use serde_json::json;
use web_common::{signed_in, totp_code, unix_now, Browser};

#[tokio::test]
async fn sign_in_two_step_inbox_and_reply_work_on_every_database() {
    for db in db::all().await {
        let label = db.label;
        let app = spawn_app_with(db, |_, _| {}).await;
        let b = signed_in(&app, "ana@shop.example", Role::Admin).await;

        let page = b.get("/account/two-step").await;
        let secret = page
            .body
            .split("<code class=\"secret\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap()
            .to_string();
        let done = b
            .post(
                "/account/two-step",
                &[
                    ("csrf", &page.csrf()),
                    ("code", &totp_code(&secret, unix_now())),
                ],
            )
            .await;
        assert_eq!(done.status, 200, "{label}");
        let code = done
            .body
            .split("<li><code>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap()
            .to_string();
        let other = Browser::new(&app.desk);
        assert_eq!(
            other
                .sign_in("ana@shop.example", "a long enough password")
                .await
                .location,
            "/login/two-step",
            "{label}"
        );
        let form = other.get("/login/two-step").await;
        assert_eq!(
            other
                .post(
                    "/login/two-step",
                    &[("csrf", &form.csrf()), ("code", &code)]
                )
                .await
                .location,
            "/inbox",
            "{label}"
        );
        assert_eq!(
            Browser::new(&app.desk)
                .sign_in("ana@shop.example", "wrong password!")
                .await
                .status,
            401,
            "{label}"
        );

        let r = app
            .http
            .post(format!(
                "{}/sandbox/api/shoppers/5511987654321/messages",
                app.sim
            ))
            .json(&json!({"type": "text", "text": "Cadê meu pedido #1001?"}))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success());
        let id = app.wait_conversation("5511987654321").await;
        let inbox = eventually(10, "the conversation in the inbox", || async {
            let p = b.get("/inbox?view=conversations&q=ana").await;
            p.body.contains("class=\"line unread\"").then_some(p)
        })
        .await;
        assert!(inbox.body.contains("Ana Souza"), "{label}");
        let queue = eventually(10, "the case in the queue", || async {
            let p = b.get("/inbox?q=%231001&assignee=unassigned").await;
            p.body.contains("data-case=").then_some(p)
        })
        .await;
        assert!(
            queue.body.contains("Ana Souza"),
            "{label}: the queue by order number"
        );
        let conv = b.get(&format!("/conversations/{id}")).await;
        assert_eq!(conv.status, 200, "{label}");
        assert!(
            !b.get("/inbox?view=conversations")
                .await
                .body
                .contains("class=\"line unread\""),
            "{label}: read once opened"
        );
        let sent = b
            .post(
                &format!("/conversations/{id}/reply"),
                &[("csrf", &conv.csrf()), ("text", "Oi Ana, já vejo isso.")],
            )
            .await;
        assert_eq!(sent.status, 303, "{label}");
        eventually(10, "the reply sent", || async {
            app.sandbox.sent_to("5511987654321").into_iter().find(|s| {
                s.body.pointer("/text/body").and_then(|v| v.as_str())
                    == Some("Oi Ana, já vejo isso.")
            })
        })
        .await;
    }
}
