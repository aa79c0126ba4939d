//! `spawn_app()`: the desk and the WhatsApp simulator as two real HTTP servers on loopback, with a
//! fresh database, so tests talk to them exactly as Meta and agents would.

use std::{future::Future, time::Duration};

use lifeline_sandbox::{Sandbox, SimConfig};
use lifeline_server::{
    app::{self, Running},
    config::Config,
};
use serde_json::Value;

use super::db::{self, tempdir, TestDb};

pub struct TestApp {
    pub desk: String,
    pub sim: String,
    pub sandbox: Sandbox,
    pub token: String,
    pub http: reqwest::Client,
    pub config: Config,
    pub running: Option<Running>,
    pub db: TestDb,
    _dir: tempdir::Dir,
}

/// A desk on SQLite with a well-behaved simulator.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(db::sqlite(), |_, _| {}).await
}

/// A desk on `db`; `tweak` adjusts the simulator's and the desk's configuration before they start.
pub async fn spawn_app_with(
    db: TestDb,
    tweak: impl FnOnce(&mut SimConfig, &mut Config),
) -> TestApp {
    let desk_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sim_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let desk = format!("http://{}", desk_listener.local_addr().unwrap());
    let sim = format!("http://{}", sim_listener.local_addr().unwrap());
    let dir = tempdir::Dir::new();
    let mut sim_config = SimConfig::demo(&format!("{desk}/webhooks/whatsapp"), &sim);
    sim_config.auto_receipts = true;
    sim_config.retry_schedule = vec![Duration::from_millis(50), Duration::from_millis(200)];
    let mut config =
        lifeline_server::sandbox::desk_config_for(&sim_config, &format!("{sim}/graph"), &dir.0);
    config.database_url = db.url.clone();
    tweak(&mut sim_config, &mut config);
    let sandbox = Sandbox::new(sim_config);
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(sim_listener, router).await });
    let token = config.api_token.expose().to_string();
    let running = app::start(config.clone(), desk_listener, None)
        .await
        .expect("the desk starts");
    TestApp {
        desk,
        sim,
        sandbox,
        token,
        http: reqwest::Client::new(),
        config,
        running: Some(running),
        db,
        _dir: dir,
    }
}

impl TestApp {
    /// GET on the REST API, as JSON.
    pub async fn api(&self, path: &str) -> Value {
        let r = self
            .http
            .get(format!("{}/api/v1{path}", self.desk))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "GET {path}: {}", r.status());
        r.json().await.unwrap()
    }

    /// POST on the REST API; returns status and JSON.
    pub async fn api_post(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}/api/v1{path}", self.desk))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// POSTs a webhook body signed with the first number's app secret (or unsigned / wrongly signed).
    pub async fn post_webhook(&self, body: &[u8], signature: Signature) -> reqwest::Response {
        let mut req = self
            .http
            .post(format!("{}/webhooks/whatsapp", self.desk))
            .header("content-type", "application/json")
            .body(body.to_vec());
        let secret = self.config.numbers[0].app_secret.expose().as_bytes();
        match signature {
            Signature::Good => {
                req = req.header(
                    "x-hub-signature-256",
                    lifeline_whatsapp::signature::sign(secret, body),
                )
            }
            Signature::Wrong => {
                req = req.header(
                    "x-hub-signature-256",
                    lifeline_whatsapp::signature::sign(b"another secret", body),
                )
            }
            Signature::Missing => {}
        }
        req.send().await.unwrap()
    }

    /// The first number's phone_number_id.
    pub fn number_id(&self) -> String {
        self.config.numbers[0].phone_number_id.clone()
    }

    /// All conversations, newest first.
    pub async fn conversations(&self) -> Vec<Value> {
        self.api("/conversations").await["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The messages of the conversation whose contact key is `key` (empty when there is none yet).
    pub async fn messages_of(&self, key: &str) -> Vec<Value> {
        for c in self.conversations().await {
            if names(&c, key) {
                let id = c["id"].as_i64().unwrap();
                return self.api(&format!("/conversations/{id}/messages")).await["messages"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
        Vec::new()
    }

    /// Stops the desk gracefully.
    pub async fn stop(&mut self) {
        if let Some(r) = self.running.take() {
            r.shutdown().await.unwrap();
        }
    }
}

/// The case in `cases` of the shopper named by `id` (phone, BSUID or contact key), through their conversation.
pub async fn case_of_shopper(app: &TestApp, cases: Vec<Value>, id: &str) -> Option<Value> {
    let conversation = app.conversation_id(id).await;
    cases.into_iter().find(|c| {
        c["contact_key"] == id || conversation.is_some_and(|cv| c["conversation_id"] == cv)
    })
}

/// The id of the case of the shopper named by `id` (phone, BSUID or key), once its order is attached.
pub async fn case_with_order(app: &TestApp, id: &str) -> i64 {
    eventually(10, "the case with its order", || async {
        let cases = app.api("/cases").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let case = case_of_shopper(app, cases, id).await?["id"].as_i64()?;
        let full = app.api(&format!("/cases/{case}")).await;
        full["order"].is_object().then_some(case)
    })
    .await
}

/// What happened on a case, oldest first: the `event` of each timeline line (`created`, `action_done`…).
pub fn timeline_events(case: &Value) -> Vec<String> {
    case["timeline"]
        .as_array()
        .map(|lines| {
            lines
                .iter()
                .map(|e| e["what"]["event"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A desk on `db` whose one shop is a fake Shopify on loopback holding the demo orders, reached with
/// the access token `token`.
pub async fn desk_with_fake_shopify(
    db: TestDb,
    token: &str,
) -> (TestApp, lifeline_commerce::fakes::FakeShopify) {
    desk_with_shopify_orders(db, token, lifeline_commerce::demo_store().orders()).await
}

/// A desk on `db` whose one shop is a fake Shopify on loopback holding `orders`, reached with the
/// access token `token`.
pub async fn desk_with_shopify_orders(
    db: TestDb,
    token: &str,
    orders: Vec<lifeline_commerce::Order>,
) -> (TestApp, lifeline_commerce::fakes::FakeShopify) {
    let shop = lifeline_commerce::fakes::FakeShopify::start(token, orders)
        .await
        .unwrap();
    let base = shop.base_url();
    let app = spawn_app_with(db, |_, desk| {
        let store: toml::Table = toml::from_str(&format!(
            "name = \"main\"\nkind = \"shopify\"\nshop = \"lifeline-test\"\n\
             access_token = \"{token}\"\napi_base = \"{base}\""
        ))
        .unwrap();
        desk.stores = vec![store];
    })
    .await;
    (app, shop)
}

/// True when `id` is one of the conversation's shopper's ids: the contact key, the phone or the BSUID.
pub fn names(conversation: &Value, id: &str) -> bool {
    let c = &conversation["contact"];
    [&c["key"], &c["wa_id"], &c["user_id"]]
        .iter()
        .any(|v| *v == id)
}

pub enum Signature {
    Good,
    Wrong,
    Missing,
}

/// Polls `check` until it returns Some, or panics with `what` after `secs` seconds.
pub async fn eventually<T, F, Fut>(secs: u64, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = check().await {
            return v;
        }
        if tokio::time::Instant::now() > deadline {
            panic!("timed out waiting for: {what}");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// A webhook envelope around `value` objects for the phone number `pnid` (one entry, one change each).
pub fn envelope(pnid: &str, values: Vec<Value>) -> Vec<u8> {
    let changes: Vec<Value> = values
        .into_iter()
        .map(|mut v| {
            v["messaging_product"] = "whatsapp".into();
            v["metadata"] =
                serde_json::json!({"display_phone_number": "15550783881", "phone_number_id": pnid});
            serde_json::json!({"field": "messages", "value": v})
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": changes}]
    }))
    .unwrap()
}

/// A `value` with one text message from `wa_id`.
pub fn text_value(wa_id: &str, name: &str, wamid: &str, text: &str, ts: i64) -> Value {
    serde_json::json!({
        "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
        "messages": [{"from": wa_id, "id": wamid, "timestamp": ts.to_string(), "type": "text", "text": {"body": text}}]
    })
}

/// Now, in Unix seconds.
pub fn now_s() -> i64 {
    chrono::Utc::now().timestamp()
}

/// A webhook body from `tests/fixtures/{name}`, byte for byte.
pub fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

/// A `value` with one status receipt for `wamid` (and, for `failed`, the error Meta attaches).
pub fn status_value(
    wamid: &str,
    status: &str,
    ts: i64,
    recipient: &str,
    error: Option<(i64, &str)>,
) -> Value {
    let mut s = serde_json::json!({"id": wamid, "status": status, "timestamp": ts.to_string(), "recipient_id": recipient});
    if let Some((code, details)) = error {
        s["errors"] = serde_json::json!([{"code": code, "title": "error", "message": "error", "error_data": {"details": details}}]);
    }
    serde_json::json!({"statuses": [s]})
}

/// Serves `router` on a fresh loopback port (a fake Graph API, say); returns its base URL.
pub async fn serve_fake(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await });
    base
}

/// POSTs `body` to a desk's webhook, signed with `secret` as Meta signs it.
pub async fn post_signed(
    http: &reqwest::Client,
    desk: &str,
    secret: &str,
    body: &[u8],
) -> reqwest::Response {
    http.post(format!("{desk}/webhooks/whatsapp"))
        .header("content-type", "application/json")
        .header(
            "x-hub-signature-256",
            lifeline_whatsapp::signature::sign(secret.as_bytes(), body),
        )
        .body(body.to_vec())
        .send()
        .await
        .unwrap()
}

/// A Graph API error answer, as Meta writes it.
pub fn graph_error(http_status: u16, code: i64, details: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    let body = serde_json::json!({"error": {"message": format!("(#{code}) {details}"), "type": "OAuthException",
        "code": code, "error_data": {"messaging_product": "whatsapp", "details": details}, "fbtrace_id": "AbC123"}});
    (
        axum::http::StatusCode::from_u16(http_status).unwrap(),
        axum::Json(body),
    )
        .into_response()
}

impl TestApp {
    /// The id of the conversation whose contact key is `key`, once it exists.
    pub async fn conversation_id(&self, key: &str) -> Option<i64> {
        self.conversations()
            .await
            .iter()
            .find(|c| names(c, key))
            .and_then(|c| c["id"].as_i64())
    }

    /// Waits for the conversation of `key` and returns its id.
    pub async fn wait_conversation(&self, key: &str) -> i64 {
        eventually(10, &format!("the conversation of {key}"), || {
            self.conversation_id(key)
        })
        .await
    }

    /// GET on the desk (any path), raw.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.desk))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    /// The outbound messages of the conversation of `key`.
    pub async fn outbound_of(&self, key: &str) -> Vec<Value> {
        self.messages_of(key)
            .await
            .into_iter()
            .filter(|m| m["direction"] == "outbound")
            .collect()
    }

    /// The inbound messages of the conversation of `key`.
    pub async fn inbound_of(&self, key: &str) -> Vec<Value> {
        self.messages_of(key)
            .await
            .into_iter()
            .filter(|m| m["direction"] == "inbound")
            .collect()
    }
}

// --- Outbound helpers: a quiet desk, shoppers who write, sends and fakes of the send API. ---

use std::{
    sync::{Arc, Mutex},
    time::Instant,
};

use axum::{extract::Path, routing::post, Json, Router};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::json;

/// A change to the simulator's and the desk's configuration before they start.
pub type Tweak = fn(&mut SimConfig, &mut Config);

/// A desk whose greeting is off, so every outbound message in a test is one the test asked for.
pub async fn quiet_desk(tweak: impl FnOnce(&mut SimConfig, &mut Config)) -> TestApp {
    quiet_desk_on(db::sqlite(), tweak).await
}

/// [`quiet_desk`] on the database `db`.
pub async fn quiet_desk_on(db: TestDb, tweak: impl FnOnce(&mut SimConfig, &mut Config)) -> TestApp {
    spawn_app_with(db, |sim, desk| {
        desk.greeting.enabled = false;
        tweak(sim, desk);
    })
    .await
}

/// A shopper writes through the simulator (opening the window on both sides); returns the conversation id.
pub async fn shopper_writes(app: &TestApp, wa_id: &str, name: &str) -> i64 {
    let shopper = Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(
            &shopper,
            ShopperMessage::Text("Hola, ¿dónde está mi pedido?".into()),
        )
        .await;
    app.wait_conversation(wa_id).await
}

/// A shopper's message posted straight to the desk (the simulator never hears of it).
pub async fn desk_hears(app: &TestApp, wa_id: &str, wamid: &str, ts: i64) -> i64 {
    let body = envelope(
        &app.number_id(),
        vec![text_value(wa_id, "Shopper", wamid, "¿Hola?", ts)],
    );
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    app.wait_conversation(wa_id).await
}

/// POSTs a message to the conversation through the REST API.
pub async fn send(app: &TestApp, conversation: i64, body: Value) -> (u16, Value) {
    app.api_post(&format!("/conversations/{conversation}/messages"), body)
        .await
}

/// What the simulator delivered to `wa_id`, once there are at least `n` messages.
pub async fn sent_count(app: &TestApp, wa_id: &str, n: usize) -> Vec<lifeline_sandbox::SentRecord> {
    eventually(15, &format!("{n} messages at {wa_id}'s phone"), || async {
        let s = app.sandbox.sent_to(wa_id);
        (s.len() >= n).then_some(s)
    })
    .await
}

/// The outbound messages of `key` once `check` holds for them.
pub async fn outbound_when(
    app: &TestApp,
    key: &str,
    what: &str,
    check: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    eventually(20, what, || async {
        let out = app.outbound_of(key).await;
        check(&out).then_some(out)
    })
    .await
}

/// A fake Graph API whose send endpoint answers from `answer(attempt)`, recording when each call came.
pub async fn fake_graph(
    answer: fn(usize) -> axum::response::Response,
) -> (String, Arc<Mutex<Vec<Instant>>>) {
    let calls: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let seen = calls.clone();
    let router = Router::new().route(
        "/graph/{version}/{pnid}/messages",
        post(
            move |Path((_v, _p)): Path<(String, String)>, Json(_body): Json<Value>| {
                let seen = seen.clone();
                async move {
                    let attempt = {
                        let mut s = seen.lock().unwrap();
                        s.push(Instant::now());
                        s.len()
                    };
                    answer(attempt)
                }
            },
        ),
    );
    (serve_fake(router).await, calls)
}

/// The send API's success answer with `wamid`.
pub fn accepted(wamid: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    Json(json!({"messaging_product": "whatsapp", "contacts": [{"input": "4915200000003", "wa_id": "4915200000003"}],
        "messages": [{"id": wamid}]}))
    .into_response()
}
