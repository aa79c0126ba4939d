//! Canned replies as agents and admins meet them: a new desk starts with the starter set in its eight
//! languages and never gets it back over an admin's edits; `/shortcut` inserts the shopper's language
//! (or says which language stands in); a text naming an unknown placeholder is refused when saved.

mod common;
mod web_common;

use common::app::{case_with_order, spawn_app, spawn_app_with, TestApp};
use lifeline_desk::Role;
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};
use web_common::{signed_in, Browser, Page};

const GIULIA: &str = "393471234567";

/// The demo shop's desk, where Giulia Rossi (Rome, order #1027) asks in Italian where her order is;
/// returns the desk and her case.
async fn giulia_asks() -> (TestApp, i64) {
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await;
    let giulia = Shopper {
        wa_id: GIULIA.into(),
        name: "Giulia Rossi".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    let words = "Ciao, dov'è il mio ordine #1027? Non è ancora arrivato.";
    app.sandbox
        .shopper_says(&giulia, ShopperMessage::Text(words.into()))
        .await;
    let case = case_with_order(&app, GIULIA).await;
    (app, case)
}

/// An admin saves (shortcut, language, text) on the canned replies screen.
async fn admin_saves(
    admin: &Browser,
    csrf: &str,
    (shortcut, language, text): (&str, &str, &str),
) -> Page {
    let form = [
        ("csrf", csrf),
        ("shortcut", shortcut),
        ("language", language),
        ("text", text),
    ];
    admin.post("/admin/canned", &form).await
}

/// The reply box's text after the agent sent `typed` on the case, and the line the composer shows.
async fn composer_after(b: &Browser, case: i64, typed: &str) -> (String, String) {
    let csrf = b.csrf().await;
    let r = b
        .post(
            &format!("/cases/{case}/reply"),
            &[("csrf", &csrf), ("text", typed)],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after_box = r.body.split("data-canned=").nth(1).unwrap_or_default();
    let text = after_box
        .split_once('>')
        .and_then(|(_, rest)| rest.split("</textarea>").next())
        .unwrap_or_default()
        .to_string();
    let notice = after_box
        .split("class=\"notice canned-notice\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split("</p>").next())
        .unwrap_or_default()
        .to_string();
    (text, notice)
}

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
    let saved = admin_saves(&admin, &csrf, ("tracking", "en", mine)).await;
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

#[tokio::test]
async fn tracking_to_an_italian_shopper_inserts_the_italian_text() {
    let (app, case) = giulia_asks().await;
    let agent = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let (text, notice) = composer_after(&agent, case, "/tracking").await;
    assert!(
        text.starts_with("Ciao Giulia! Ecco il tracciamento in tempo reale del tuo ordine #1027:"),
        "{text}"
    );
    assert!(
        text.contains("https://t.17track.net/it#nums=LP00008132813IT"),
        "the parcel's page opens in Italian: {text}"
    );
    assert_eq!(notice, "", "Italian is there: nothing to warn about");

    let api = app.api(&format!("/cases/{case}/canned/tracking")).await;
    assert_eq!(
        (api["language"].as_str(), api["warning"].clone()),
        (Some("it"), Value::Null)
    );
    let queued = Value::from(app.outbound_of(GIULIA).await).to_string();
    assert!(
        !queued.contains("Ecco il tracciamento"),
        "a shortcut is inserted, never sent: {queued}"
    );
}

#[tokio::test]
async fn a_shortcut_without_italian_warns_the_agent_and_an_unknown_one_says_so() {
    let (app, case) = giulia_asks().await;
    let gift = json!({"shortcut": "giftwrap", "language": "en",
        "text": "Hi {name}! Order {order} can still be gift-wrapped, free of charge: {tracking_link}"});
    assert_eq!(app.api_post("/canned-replies", gift).await.0, 201);
    let agent = signed_in(&app, "ana@shop.example", Role::Agent).await;

    let (text, notice) = composer_after(&agent, case, "/giftwrap").await;
    assert_eq!(
        text,
        "Hi Giulia! Order #1027 can still be gift-wrapped, free of charge: \
         https://t.17track.net/it#nums=LP00008132813IT",
        "an English text still opens the parcel's page in Italian"
    );
    assert_eq!(
        notice,
        "No Italian text for /giftwrap: the English one is shown."
    );
    let script = agent.get(&format!("/cases/{case}/canned/giftwrap")).await;
    let script: Value = serde_json::from_str(&script.body).unwrap();
    assert_eq!(
        script["warning"],
        "No Italian text for /giftwrap: the English one is shown."
    );
    let api = app.api(&format!("/cases/{case}/canned/giftwrap")).await;
    assert_eq!(api["language"], "en");
    assert!(api["warning"]
        .as_str()
        .unwrap()
        .starts_with("No Italian text"));

    let (text, notice) = composer_after(&agent, case, "/foo").await;
    assert_eq!(
        (text.as_str(), notice.as_str()),
        ("/foo", "No canned reply /foo.")
    );
    let script = agent.get(&format!("/cases/{case}/canned/foo")).await;
    assert_eq!(script.status, 404);
    assert!(
        script.body.contains("No canned reply /foo."),
        "{}",
        script.body
    );
}

#[tokio::test]
async fn a_text_with_an_unknown_placeholder_is_refused_with_its_name_and_kept_in_the_form() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    let csrf = admin.csrf().await;
    let typed = "Ciao {name}, il tuo {foo} è pronto";
    let refused = admin_saves(&admin, &csrf, ("pronto", "it", typed)).await;
    assert_eq!(refused.status, 200);
    assert!(
        refused.body.contains(
            "Not saved: {foo} is not a placeholder Lifeline can fill. Use one of: {name},"
        ),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains(&format!(">{typed}</textarea>"))
            && refused.body.contains("value=\"pronto\"")
            && refused.body.contains("<option selected>it</option>"),
        "what the admin typed stays in the form: {}",
        refused.body
    );
    let stored = app.api("/canned-replies").await.to_string();
    assert!(!stored.contains("\"pronto\""), "{stored}");

    let (status, why) = app
        .api_post(
            "/canned-replies",
            json!({"shortcut": "pronto", "language": "it", "text": "Ciao {nome}!"}),
        )
        .await;
    assert_eq!(status, 422, "{why}");
    assert!(
        why.to_string().contains("{nome} is not a placeholder"),
        "{why}"
    );
    let (status, _) = app
        .api_post(
            "/canned-replies",
            json!({"shortcut": "pronto", "language": "it", "text": "Ciao {name}! Ecco: {tracking_link}"}),
        )
        .await;
    assert_eq!(status, 201);
}
