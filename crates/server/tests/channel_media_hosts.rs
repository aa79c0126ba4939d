//! The WhatsApp channel, media from strangers: a webhook's media id goes into a Graph API path with the
//! access token, and the answer's URL is where the token goes next. An id that is not Meta's is never
//! requested, and a URL off the Graph API and Meta's media hosts never gets the token; both show agents
//! a download error while the message itself is kept.

mod common;

use std::sync::{Arc, Mutex};

use axum::{
    extract::Path,
    http::{HeaderMap, Uri},
    response::IntoResponse,
    routing::get,
    Json, Router,
};
use common::{
    app::{envelope, eventually, now_s, serve_fake, spawn_app_with, Signature, TestApp},
    db,
};
use serde_json::{json, Value};

/// What a fake server was asked: (path, Authorization header).
type Seen = Arc<Mutex<Vec<(String, Option<String>)>>>;

fn remember(seen: &Seen, uri: &Uri, headers: &HeaderMap) {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    seen.lock().unwrap().push((uri.path().to_string(), auth));
}

/// A host that is neither the Graph API nor Meta's: it records every request and serves any file.
async fn foreign_host() -> (String, Seen) {
    let seen: Seen = Arc::default();
    let s = seen.clone();
    let router = Router::new().fallback(move |uri: Uri, headers: HeaderMap| {
        let s = s.clone();
        async move {
            remember(&s, &uri, &headers);
            "whatever the attacker serves"
        }
    });
    (serve_fake(router).await, seen)
}

/// A Graph API that records every request and answers media lookups with a URL on `file_host`.
async fn graph_pointing_at(file_host: String) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let (s1, s2) = (seen.clone(), seen.clone());
    let info = move |Path((_v, id)): Path<(String, String)>, uri: Uri, headers: HeaderMap| {
        let (s, host) = (s1.clone(), file_host.clone());
        async move {
            remember(&s, &uri, &headers);
            Json(
                json!({"messaging_product": "whatsapp", "url": format!("{host}/files/{id}"),
                "mime_type": "image/jpeg", "sha256": "00", "file_size": "3", "id": id}),
            )
        }
    };
    let router = Router::new()
        .route("/graph/{version}/{id}", get(info))
        .fallback(move |uri: Uri, headers: HeaderMap| {
            let s = s2.clone();
            async move {
                remember(&s, &uri, &headers);
                (axum::http::StatusCode::NOT_FOUND, "no such path").into_response()
            }
        });
    (serve_fake(router).await, seen)
}

async fn desk_on(db: db::TestDb, graph: &str) -> TestApp {
    let base = format!("{graph}/graph");
    spawn_app_with(db, move |_, desk| {
        desk.greeting.enabled = false;
        desk.numbers[0].api_base = base;
    })
    .await
}

fn photo_with_id(app: &TestApp, wa_id: &str, wamid: &str, id: &str) -> Vec<u8> {
    let value = json!({
        "contacts": [{"profile": {"name": "Eva"}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": wamid, "timestamp": now_s().to_string(), "type": "image",
                      "image": {"id": id, "mime_type": "image/jpeg", "caption": "Veja a caixa"}}]
    });
    envelope(&app.number_id(), vec![value])
}

/// The shopper's one message, once its media shows a download error that will not be retried.
async fn failed_media(app: &TestApp, key: &str) -> Value {
    eventually(15, "the download error, shown", || async {
        let m = app.inbound_of(key).await;
        m.into_iter().find(|m| m["media"]["status"] == "failed")
    })
    .await
}

fn with_token(seen: &Seen) -> Vec<(String, Option<String>)> {
    seen.lock()
        .unwrap()
        .iter()
        .filter(|(_, auth)| auth.is_some())
        .cloned()
        .collect()
}

#[tokio::test]
async fn a_media_id_that_is_a_path_is_never_requested_on_sqlite() {
    a_media_id_that_is_a_path_is_never_requested(db::sqlite()).await;
}

#[tokio::test]
async fn a_media_id_that_is_a_path_is_never_requested_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_media_id_that_is_a_path_is_never_requested(pg).await;
    }
}

async fn a_media_id_that_is_a_path_is_never_requested(db: db::TestDb) {
    let (foreign, foreign_seen) = foreign_host().await;
    let (graph, graph_seen) = graph_pointing_at(foreign).await;
    let app = desk_on(db, &graph).await;
    let body = photo_with_id(
        &app,
        "5511987653001",
        "wamid.MEDIA.PATH",
        "../../../../etc/passwd",
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);

    let m = failed_media(&app, "5511987653001").await;
    assert_eq!(m["text"], "Veja a caixa", "the message itself is kept");
    let error = m["media"]["error"].as_str().unwrap_or_default();
    assert!(error.contains("not a WhatsApp media id"), "{m:#}");
    let graph_calls = graph_seen.lock().unwrap().clone();
    assert!(
        graph_calls
            .iter()
            .all(|(path, _)| path.starts_with("/graph/")),
        "nothing left the Graph API's path: {graph_calls:?}"
    );
    assert!(
        !graph_calls.iter().any(|(path, _)| path.contains("passwd")),
        "{graph_calls:?}"
    );
    assert!(foreign_seen.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_media_url_on_a_foreign_host_never_gets_the_token() {
    let (foreign, foreign_seen) = foreign_host().await;
    let (graph, graph_seen) = graph_pointing_at(foreign.clone()).await;
    let app = desk_on(db::sqlite(), &graph).await;
    let body = photo_with_id(&app, "5511987653002", "wamid.MEDIA.FOREIGN", "8100");
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);

    let m = failed_media(&app, "5511987653002").await;
    let error = m["media"]["error"].as_str().unwrap_or_default();
    assert!(error.contains("refusing to send the access token"), "{m:#}");
    assert_eq!(
        m["media"]["attempts"], 1,
        "a refused host is not retried: {m:#}"
    );
    assert_eq!(
        with_token(&foreign_seen),
        vec![],
        "the foreign host never saw the token"
    );
    assert!(
        graph_seen
            .lock()
            .unwrap()
            .iter()
            .any(|(path, auth)| path.ends_with("/8100") && auth.is_some()),
        "the lookup itself went to the Graph API"
    );
    assert!(!foreign.is_empty());
}
