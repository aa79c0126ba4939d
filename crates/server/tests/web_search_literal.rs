//! Searching the queue and the inbox: what an agent types is looked for as written. `%` and `_` are
//! characters a name may contain, not wildcards that match every shopper. Accents and case do not
//! matter: "lucia garcia" or "CONCEICAO" finds Lucía García and João Conceição, on both databases.

mod common;
mod web_common;

use common::{
    app::{envelope, eventually, now_s, quiet_desk_on, text_value, Signature, TestApp},
    db,
};
use lifeline_desk::Role;
use web_common::signed_in;

const ANA: &str = "5511987652001";
const CAIO: &str = "5511987652002";
const LUCIA: &str = "34600111222";
const JOAO: &str = "5511987653001";
const LUCAS: &str = "5511987653002";

/// Two shoppers write; only Caio's name has a `%` in it. Returns their conversation ids.
async fn two_shoppers(app: &TestApp) -> (i64, i64) {
    for (wa_id, name, wamid) in [
        (ANA, "Ana Souza", "wamid.Q.ANA"),
        (CAIO, "Caio 100% Real", "wamid.Q.CAIO"),
    ] {
        let text = "Meu pedido 1001 chegou quebrado";
        let body = envelope(
            &app.number_id(),
            vec![text_value(wa_id, name, wamid, text, now_s())],
        );
        assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    }
    let ana = app.wait_conversation(ANA).await;
    let caio = app.wait_conversation(CAIO).await;
    eventually(10, "a case for each shopper", || async {
        (found(app, "").await.len() == 2).then_some(())
    })
    .await;
    (ana, caio)
}

/// The contact keys of the cases `GET /api/v1/cases?q=…` finds (`q` already URL-encoded).
async fn found(app: &TestApp, q: &str) -> Vec<String> {
    let mut keys: Vec<String> = app.api(&format!("/cases?all=true&q={q}")).await["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["contact_key"].as_str().map(str::to_string))
        .collect();
    keys.sort();
    keys
}

/// The conversation ids the inbox's conversation list shows for `q` (URL-encoded).
async fn listed(b: &web_common::Browser, q: &str) -> Vec<i64> {
    let page = b.get(&format!("/inbox/rows?q={q}")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.body
        .split("data-id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn percent_and_underscore_are_searched_for_literally_on_sqlite() {
    percent_and_underscore_are_searched_for_literally(db::sqlite()).await;
}

#[tokio::test]
async fn percent_and_underscore_are_searched_for_literally_on_postgres() {
    if let Some(pg) = db::postgres().await {
        percent_and_underscore_are_searched_for_literally(pg).await;
    }
}

async fn percent_and_underscore_are_searched_for_literally(db: db::TestDb) {
    let app = quiet_desk_on(db, |_, _| {}).await;
    let (ana, caio) = two_shoppers(&app).await;

    assert_eq!(found(&app, "%25").await, vec![CAIO], "only a name with a %");
    assert_eq!(found(&app, "100%25").await, vec![CAIO]);
    assert!(found(&app, "_").await.is_empty(), "nobody's name has an _");
    assert!(found(&app, "%25%25").await.is_empty());
    assert_eq!(
        found(&app, "souza").await,
        vec![ANA],
        "plain search still works"
    );

    let b = signed_in(&app, "rui@shop.example", Role::Agent).await;
    assert_eq!(listed(&b, "%25").await, vec![caio]);
    assert!(listed(&b, "_").await.is_empty());
    assert!(
        listed(&b, "%5C").await.is_empty(),
        "a backslash is literal too"
    );
    let mut everyone = listed(&b, "").await;
    everyone.sort();
    let mut both = vec![ana, caio];
    both.sort();
    assert_eq!(everyone, both);
}

/// Three shoppers write. Returns their conversation ids.
async fn three_shoppers(app: &TestApp) -> [i64; 3] {
    for (wa_id, name, wamid, text) in [
        (
            LUCIA,
            "Lucía García",
            "wamid.A.LUCIA",
            "Mi pedido 1003 llegó roto",
        ),
        (
            JOAO,
            "JOÃO Conceição",
            "wamid.A.JOAO",
            "Meu pedido 1001 não chegou",
        ),
        (
            LUCAS,
            "Lucas Souza",
            "wamid.A.LUCAS",
            "Cadê meu pedido 1002?",
        ),
    ] {
        let body = envelope(
            &app.number_id(),
            vec![text_value(wa_id, name, wamid, text, now_s())],
        );
        assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    }
    let ids = [
        app.wait_conversation(LUCIA).await,
        app.wait_conversation(JOAO).await,
        app.wait_conversation(LUCAS).await,
    ];
    eventually(10, "a case for each shopper", || async {
        (found(app, "").await.len() == 3).then_some(())
    })
    .await;
    ids
}

#[tokio::test]
async fn names_are_found_without_their_accents_on_sqlite() {
    names_are_found_without_their_accents(db::sqlite()).await;
}

#[tokio::test]
async fn names_are_found_without_their_accents_on_postgres() {
    if let Some(pg) = db::postgres().await {
        names_are_found_without_their_accents(pg).await;
    }
}

async fn names_are_found_without_their_accents(db: db::TestDb) {
    let app = quiet_desk_on(db, |_, _| {}).await;
    let [lucia, joao, _] = three_shoppers(&app).await;

    for typed in [
        "lucia",
        "garcia",
        "LUCIA%20GARCIA",
        "Luc%C3%ADa",
        "GARC%C3%8DA",
    ] {
        assert_eq!(found(&app, typed).await, vec![LUCIA], "the queue, {typed}");
    }
    for typed in ["joao", "conceicao", "Concei%C3%A7%C3%A3o", "jo%C3%A3o"] {
        assert_eq!(found(&app, typed).await, vec![JOAO], "the queue, {typed}");
    }
    assert_eq!(
        found(&app, "luc").await,
        vec![LUCIA, LUCAS],
        "Lucía and Lucas both start so"
    );
    assert!(found(&app, "lucio").await.is_empty());

    let b = signed_in(&app, "rui@shop.example", Role::Agent).await;
    assert_eq!(listed(&b, "garcia").await, vec![lucia], "the inbox");
    assert_eq!(listed(&b, "CONCEICAO").await, vec![joao]);
    assert_eq!(listed(&b, "Concei%C3%A7%C3%A3o").await, vec![joao]);
}
