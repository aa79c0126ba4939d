//! A sandbox on 127.0.0.1:0 and a webhook receiver that checks Meta's signature itself and records raw bodies.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use hmac::{Hmac, Mac};
use lifeline_sandbox::{Chaos, Sandbox, Shopper, SimConfig, SimNumber};
use serde_json::Value;
use sha2::Sha256;

/// One POST the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub raw: Bytes,
    pub signature_ok: bool,
    pub content_type: String,
    pub json: Value,
}

#[derive(Clone, Default)]
pub struct Hook {
    pub got: Arc<Mutex<Vec<Received>>>,
    /// Status codes to answer with before answering 200.
    pub script: Arc<Mutex<VecDeque<u16>>>,
    secret: Arc<Mutex<String>>,
}

async fn receive(State(hook): State<Hook>, headers: HeaderMap, raw: Bytes) -> StatusCode {
    let secret = hook.secret.lock().unwrap().clone();
    let header = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(&raw);
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let json = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    hook.got.lock().unwrap().push(Received {
        raw,
        signature_ok: header == expected,
        content_type,
        json,
    });
    let code = hook.script.lock().unwrap().pop_front().unwrap_or(200);
    StatusCode::from_u16(code).unwrap()
}

pub struct World {
    pub sb: Sandbox,
    pub base: String,
    pub hook: Hook,
    pub http: reqwest::Client,
    pub number: SimNumber,
}

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

/// A webhook receiver checking `secret`; returns it with its URL.
async fn hook_checking(secret: &str) -> (Hook, String) {
    let hook = Hook::default();
    *hook.secret.lock().unwrap() = secret.to_string();
    let base = serve(
        Router::new()
            .route("/webhooks/whatsapp", post(receive))
            .with_state(hook.clone()),
    )
    .await;
    (hook, format!("{base}/webhooks/whatsapp"))
}

/// Another desk's webhook receiver (behind the same load balancer), checking `secret`; returns its URL.
pub async fn another_hook(secret: &str) -> (Hook, String) {
    hook_checking(secret).await
}

/// Starts a receiver and a sandbox with fast test timings; `tweak` adjusts the config first.
pub async fn world(tweak: impl FnOnce(&mut SimConfig)) -> World {
    let (hook, hook_url) = hook_checking("").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = SimConfig::demo(&hook_url, &base);
    config.retry_schedule = vec![Duration::from_millis(20), Duration::from_millis(40)];
    config.chaos = Chaos::none();
    tweak(&mut config);
    *hook.secret.lock().unwrap() = config.numbers[0].app_secret.clone();
    let number = config.numbers[0].clone();
    let sb = Sandbox::new(config);
    let router = sb.router();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    World {
        sb,
        base,
        hook,
        http: reqwest::Client::new(),
        number,
    }
}

impl World {
    pub fn shopper(&self, wa_id: &str, name: &str) -> Shopper {
        Shopper {
            wa_id: wa_id.to_string(),
            name: name.to_string(),
            user_id: None,
            phone_number_id: self.number.phone_number_id.clone(),
        }
    }

    pub fn messages_url(&self) -> String {
        format!(
            "{}/graph/v23.0/{}/messages",
            self.base, self.number.phone_number_id
        )
    }

    /// POSTs a send body with the number's token; returns the HTTP status and JSON body.
    pub async fn send(&self, body: &Value) -> (u16, Value) {
        let resp = self
            .http
            .post(self.messages_url())
            .bearer_auth(&self.number.access_token)
            .json(body)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// Like `send`, owning its body, for firing many sends at once.
    pub async fn send_owned(&self, body: Value) -> (u16, Value) {
        self.send(&body).await
    }

    /// GET on the simulator, as JSON.
    pub async fn get_json(&self, path: &str) -> Value {
        let resp = self.http.get(format!("{}{path}", self.base)).send().await;
        resp.unwrap().json().await.unwrap()
    }

    /// Waits until `pick` finds something in the received webhooks, or panics after 5 s.
    pub async fn wait_for<T>(&self, what: &str, pick: impl Fn(&[Received]) -> Option<T>) -> T {
        for _ in 0..500 {
            if let Some(found) = pick(&self.hook.got.lock().unwrap()) {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!(
            "timed out waiting for {what}; got {:#?}",
            self.hook.got.lock().unwrap()
        );
    }

    pub fn received(&self) -> Vec<Received> {
        self.hook.got.lock().unwrap().clone()
    }
}

/// Every `value.<field>[]` element across the received bodies, in arrival order.
pub fn all(got: &[Received], field: &str) -> Vec<Value> {
    got.iter()
        .flat_map(|r| r.json["entry"].as_array().cloned().unwrap_or_default())
        .flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default())
        .flat_map(|c| c["value"][field].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The `value` of the received webhook that carries the message `wamid`.
pub fn value_with_message(got: &[Received], wamid: &str) -> Option<Value> {
    got.iter()
        .flat_map(|r| r.json["entry"].as_array().cloned().unwrap_or_default())
        .flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default())
        .map(|c| c["value"].clone())
        .find(|v| v["messages"][0]["id"] == wamid)
}

/// The statuses received for one wamid, in arrival order.
pub fn statuses_of(got: &[Received], wamid: &str) -> Vec<Value> {
    all(got, "statuses")
        .into_iter()
        .filter(|s| s["id"] == wamid)
        .collect()
}

pub fn text_body(to: &str, text: &str) -> Value {
    serde_json::json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": to, "type": "text", "text": {"body": text}})
}
