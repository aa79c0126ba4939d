//! A fake Graph API on 127.0.0.1:0: records every request and answers like the Cloud API,
//! including its error objects, multipart uploads, expiring media URLs and template paging.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use sha2::Digest;

pub const TOKEN: &str = "EAAG-test-token-0123456789";
pub const VERSION: &str = "v25.0";
pub const NUMBER_ID: &str = "200000000000002";
pub const WABA_ID: &str = "100000000000001";
/// A media id the fake does not know.
pub const MISSING_MEDIA: &str = "404000000000404";

/// Recipients that make the fake misbehave in a chosen way.
pub const TO_NOT_ALLOWED: &str = "+15550000400";
pub const TO_BAD_GATEWAY: &str = "+15550000502";
pub const TO_SLOW: &str = "+15550000408";
pub const TO_ECHO_TOKEN: &str = "+15550000999";
pub const TO_GARBLED: &str = "+15550000200";

/// One multipart part as the fake received it.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: &'static str,
    pub path: String,
    pub query: HashMap<String, String>,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub json: Option<Value>,
    pub parts: Vec<Part>,
}

#[derive(Clone, Default)]
struct Fake {
    base: Arc<Mutex<String>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

pub struct FakeGraph {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeGraph {
    pub async fn start() -> FakeGraph {
        let fake = Fake::default();
        let app = Router::new()
            .route("/{version}/{number}/messages", post(messages))
            .route("/{version}/{number}/media", post(upload))
            .route("/{version}/{id}", get(media_info))
            .route("/{version}/{waba}/message_templates", get(templates))
            .route("/files/{name}", get(download))
            .fallback(anything_else)
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        *fake.base.lock().expect("lock") = base.clone();
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        FakeGraph {
            base,
            seen: fake.seen,
        }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().expect("lock").clone()
    }
}

fn record(
    fake: &Fake,
    method: &'static str,
    uri: &Uri,
    headers: &HeaderMap,
    json: Option<Value>,
    parts: Vec<Part>,
) {
    let query = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    fake.seen.lock().expect("lock").push(Seen {
        method,
        path: uri.path().to_owned(),
        query,
        authorization: header("authorization"),
        content_type: header("content-type"),
        json,
        parts,
    });
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {TOKEN}"))
}

fn graph_error(status: StatusCode, code: i64, details: &str) -> Response {
    let body = json!({ "error": {
        "message": format!("(#{code}) {details}"), "type": "OAuthException", "code": code,
        "error_subcode": 2655007, "error_data": { "messaging_product": "whatsapp", "details": details },
        "fbtrace_id": "AbC123xyz" } });
    (status, Json(body)).into_response()
}

fn expired_token() -> Response {
    graph_error(
        StatusCode::UNAUTHORIZED,
        190,
        "Error validating access token: Session has expired",
    )
}

async fn messages(State(fake): State<Fake>, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let json: Option<Value> = serde_json::from_slice(&body).ok();
    record(&fake, "POST", &uri, &headers, json.clone(), vec![]);
    if !authorized(&headers) {
        return expired_token();
    }
    let json = json.unwrap_or(Value::Null);
    if json["status"] == "read" {
        return Json(json!({ "success": true })).into_response();
    }
    let to = json["to"].as_str().unwrap_or("").to_owned();
    match to.as_str() {
        TO_NOT_ALLOWED => graph_error(
            StatusCode::BAD_REQUEST,
            131030,
            "Recipient phone number not in allowed list",
        ),
        TO_BAD_GATEWAY => (StatusCode::BAD_GATEWAY, "<html>Bad Gateway</html>").into_response(),
        TO_ECHO_TOKEN => {
            let auth = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            graph_error(
                StatusCode::BAD_REQUEST,
                100,
                &format!("Invalid parameter near {auth}"),
            )
        }
        TO_GARBLED => (StatusCode::OK, "{\"messages\": []}").into_response(),
        TO_SLOW => {
            tokio::time::sleep(Duration::from_secs(3)).await;
            Json(json!({})).into_response()
        }
        _ => {
            let n = fake.seen.lock().expect("lock").len();
            let wa_id = to.trim_start_matches('+').to_owned();
            let status = if json["type"] == "template" {
                json!("accepted")
            } else {
                Value::Null
            };
            let mut message = json!({ "id": format!("wamid.FAKE{n}") });
            if !status.is_null() {
                message["message_status"] = status;
            }
            Json(json!({ "messaging_product": "whatsapp",
                "contacts": [ { "input": to, "wa_id": wa_id } ], "messages": [ message ] }))
            .into_response()
        }
    }
}

async fn upload(
    State(fake): State<Fake>,
    uri: Uri,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let mut parts = Vec::new();
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let data = field.bytes().await.map(|b| b.to_vec()).unwrap_or_default();
        parts.push(Part {
            name,
            file_name,
            content_type,
            data,
        });
    }
    let size = parts
        .iter()
        .find(|p| p.name == "file")
        .map_or(0, |p| p.data.len());
    record(&fake, "POST", &uri, &headers, None, parts);
    if !authorized(&headers) {
        return expired_token();
    }
    Json(json!({ "id": format!("1037543291543{size}") })).into_response()
}

pub fn file_bytes(name: &str) -> Vec<u8> {
    format!("the bytes of {name}").into_bytes()
}

async fn media_info(
    State(fake): State<Fake>,
    Path((_v, id)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    record(&fake, "GET", &uri, &headers, None, vec![]);
    if !authorized(&headers) {
        return expired_token();
    }
    if id == "missing" || id == MISSING_MEDIA {
        return graph_error(
            StatusCode::BAD_REQUEST,
            100,
            "Unsupported get request. Object with ID 'missing' does not exist",
        );
    }
    let base = fake.base.lock().expect("lock").clone();
    let bytes = file_bytes(&id);
    Json(
        json!({ "messaging_product": "whatsapp", "url": format!("{base}/files/{id}"),
        "mime_type": "image/jpeg", "sha256": hex::encode(sha2::Sha256::digest(&bytes)),
        "file_size": bytes.len().to_string(), "id": id }),
    )
    .into_response()
}

/// Any other request is recorded too (so a test sees a path that left the API) and answered 404.
async fn anything_else(State(fake): State<Fake>, uri: Uri, headers: HeaderMap) -> Response {
    record(&fake, "OTHER", &uri, &headers, None, vec![]);
    StatusCode::NOT_FOUND.into_response()
}

async fn download(
    State(fake): State<Fake>,
    Path(name): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    record(&fake, "GET", &uri, &headers, None, vec![]);
    if !authorized(&headers) {
        return expired_token();
    }
    if name == "expired" {
        return (StatusCode::NOT_FOUND, "").into_response();
    }
    file_bytes(&name).into_response()
}

fn template(name: &str, lang: &str) -> Value {
    json!({ "id": format!("t-{name}-{lang}"), "name": name, "language": lang, "status": "APPROVED",
        "category": "UTILITY", "components": [ { "type": "BODY", "text": "Hi {{1}}, order {{2}} is on its way" } ] })
}

async fn templates(
    State(fake): State<Fake>,
    Path((v, waba)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    record(&fake, "GET", &uri, &headers, None, vec![]);
    if !authorized(&headers) {
        return expired_token();
    }
    let base = fake.base.lock().expect("lock").clone();
    let page = match q.get("after").map(String::as_str) {
        None => {
            json!({ "data": [ template("order_update", "es_MX"), template("order_update", "en") ],
            "paging": { "cursors": { "before": "B0", "after": "CUR1" },
                "next": format!("{base}/{v}/{waba}/message_templates?limit=100&after=CUR1&access_token={TOKEN}") } })
        }
        // The second page's next link points at another host: the client must not send the token there.
        Some("CUR1") => json!({ "data": [ template("delay_notice", "pt_BR"), { "no_name": true } ],
            "paging": { "cursors": { "before": "B1", "after": "CUR2" },
                "next": format!("https://elsewhere.example/{v}/{waba}/message_templates?after=CUR2") } }),
        Some(_) => {
            json!({ "data": [ template("refund_done", "de") ], "paging": { "cursors": { "before": "B2", "after": "CUR3" } } })
        }
    };
    Json(page).into_response()
}
