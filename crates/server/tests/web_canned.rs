//! Canned replies as agents and admins meet them: a new desk starts with the starter set in its eight
//! languages and never gets it back over an admin's edits; `/shortcut` inserts the shopper's language
//! (or says which language stands in); a text naming an unknown placeholder is refused when saved.

mod common;
mod web_common;

use common::app::spawn_app;
use lifeline_desk::Role;
use serde_json::Value;
use web_common::signed_in;

/// The stored replies as (shortcut, language, text).
fn replies(listed: &Value) -> Vec<(String, String, String)> {
    let field = |r: &Value, k: &str| r[k].as_str().unwrap_or_default().to_string();
    listed["canned_replies"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| (field(r, "shortcut"), field(r, "language"), field(r, "text")))
        .collect()
}

fn text_of(all: &[(String, String, String)], shortcut: &str, language: &str) -> Option<String> {
    all.iter()
        .find(|(s, l, _)| s == shortcut && l == language)
        .map(|r| r.2.clone())
}

#[tokio::test]
async fn a_new_desk_has_the_starter_replies_and_a_restart_keeps_an_admins_edits() {
    let mut app = spawn_app().await;
    let all = replies(&app.api("/canned-replies").await);
    assert_eq!(all.len(), 5 * 8, "{all:?}");
    for shortcut in ["tracking", "returns", "invoice", "address", "customs"] {
        for lang in ["en", "pt", "es", "fr", "de", "it", "nl", "id"] {
            assert!(
                text_of(&all, shortcut, lang).is_some(),
                "/{shortcut} in {lang}"
            );
        }
    }
    assert!(text_of(&all, "tracking", "it")
        .unwrap()
        .starts_with("Ciao {name}!"));
    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    let page = admin.get("/admin/canned").await;
    assert!(
        page.body.contains("<code>/customs</code>"),
        "the admin screen lists them"
    );

    // The admin rewrites the English /tracking and deletes the Italian /returns.
    let csrf = page.csrf();
    let mine = "Hey {name}, order {order} is with the courier: {tracking_link}";
    let saved = admin
        .post(
            "/admin/canned",
            &[
                ("csrf", &csrf),
                ("shortcut", "tracking"),
                ("language", "en"),
                ("text", mine),
            ],
        )
        .await;
    assert!(
        saved.body.contains("/tracking (en) saved."),
        "{}",
        saved.body
    );
    let listed = app.api("/canned-replies").await;
    let returns_it = listed["canned_replies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["shortcut"] == "returns" && r["language"] == "it")
        .and_then(|r| r["id"].as_i64())
        .unwrap();
    let gone = admin
        .post(
            &format!("/admin/canned/{returns_it}/delete"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(gone.status, 303);

    // The desk restarts on the same database: the edit and the deletion stand.
    app.stop().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let again = lifeline_server::app::start(app.config.clone(), listener, None)
        .await
        .expect("the desk starts again");
    let after: Vec<(String, String, String)> = again
        .state
        .store
        .canned_replies()
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.shortcut, r.language, r.text))
        .collect();
    assert_eq!(text_of(&after, "tracking", "en").as_deref(), Some(mine));
    assert_eq!(text_of(&after, "returns", "it"), None);
    assert_eq!(after.len(), 5 * 8 - 1);
    again.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_desk_that_has_replies_of_its_own_or_deleted_them_all_gets_no_starter_set() {
    let starter = lifeline_desk::canned::starter_set().unwrap();
    for db in common::db::all().await {
        let store = lifeline_server::store::Store::connect(&db.url)
            .await
            .unwrap();
        store
            .upsert_canned_reply("oi", "pt", "Oi {name}!")
            .await
            .unwrap();
        assert_eq!(store.seed_canned_replies(&starter).await.unwrap(), 0);
        assert_eq!(
            store.canned_replies().await.unwrap().len(),
            1,
            "{}",
            db.label
        );
    }
    for db in common::db::all().await {
        let store = lifeline_server::store::Store::connect(&db.url)
            .await
            .unwrap();
        assert_eq!(store.seed_canned_replies(&starter).await.unwrap(), 40);
        for r in store.canned_replies().await.unwrap() {
            store.delete_canned_reply(r.id).await.unwrap();
        }
        assert_eq!(store.seed_canned_replies(&starter).await.unwrap(), 0);
        assert!(
            store.canned_replies().await.unwrap().is_empty(),
            "{}",
            db.label
        );
    }
}
