//! Try the phone page without the desk: the sandbox plus a tiny stand-in desk that answers every shopper.
//!
//! `cargo run -p lifeline-sandbox --example echo_desk [bind]` then open http://<bind>/sandbox/phone.
//! A text gets a reply with two buttons; a tap or a photo gets a short confirmation.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use lifeline_sandbox::{Sandbox, SimConfig};
use serde_json::{json, Value};

#[derive(Clone)]
struct Desk {
    graph: String,
    token: String,
    http: reqwest::Client,
}

impl Desk {
    async fn send(&self, body: Value) {
        let sent = self
            .http
            .post(&self.graph)
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await;
        match sent {
            Ok(resp) if !resp.status().is_success() => {
                eprintln!("send refused: {}", resp.text().await.unwrap_or_default())
            }
            Err(e) => eprintln!("send failed: {e}"),
            Ok(_) => {}
        }
    }

    async fn answer(&self, message: &Value) {
        // A phone goes in `to`; a shopper who shares none is reached by BSUID in `recipient`.
        let address = match (message["from"].as_str(), message["from_user_id"].as_str()) {
            (Some(phone), _) => ("to", phone),
            (None, Some(user_id)) => ("recipient", user_id),
            (None, None) => return,
        };
        let wamid = message["id"].as_str().unwrap_or_default();
        self.send(
            json!({"messaging_product": "whatsapp", "status": "read", "message_id": wamid,
                         "typing_indicator": {"type": "text"}}),
        )
        .await;
        let reply = match message["type"].as_str() {
            Some("text") => json!({"type": "interactive", "interactive": {"type": "button",
                "body": {"text": "Thanks for writing! I'm looking at your order now. Would you prefer a reship or a refund?"},
                "footer": {"text": "Echo desk"},
                "action": {"buttons": [{"type": "reply", "reply": {"id": "reship", "title": "Reship"}},
                                       {"type": "reply", "reply": {"id": "refund", "title": "Refund"}}]}}}),
            Some("interactive") => {
                let title = message["interactive"]["button_reply"]["title"]
                    .as_str()
                    .unwrap_or("that");
                json!({"type": "text", "text": {"body": format!("Done: {title}. You'll get the details here shortly.")}})
            }
            Some("reaction" | "system") => return,
            Some(kind) => {
                json!({"type": "text", "text": {"body": format!("Got your {kind}, thank you!")}})
            }
            None => return,
        };
        let mut body = json!({"messaging_product": "whatsapp", "context": {"message_id": wamid}});
        body[address.0] = json!(address.1);
        if let (Some(b), Some(r)) = (body.as_object_mut(), reply.as_object()) {
            b.extend(r.clone());
        }
        self.send(body).await;
    }
}

async fn webhook(State(desk): State<Desk>, raw: Bytes) -> &'static str {
    let payload: Value = serde_json::from_slice(&raw).unwrap_or(Value::Null);
    let changes = payload["entry"].as_array().into_iter().flatten();
    let values = changes.flat_map(|e| e["changes"].as_array().cloned().unwrap_or_default());
    for value in values {
        for message in value["value"]["messages"].as_array().into_iter().flatten() {
            let (desk, message) = (desk.clone(), message.clone());
            tokio::spawn(async move { desk.answer(&message).await });
        }
    }
    "ok"
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let bind = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8090".to_string());
    let listener = tokio::net::TcpListener::bind(&bind).await?;
    let base = format!("http://{}", listener.local_addr()?);
    let config = SimConfig::demo(&format!("{base}/webhooks/whatsapp"), &base);
    let number = config.numbers[0].clone();
    let desk = Desk {
        graph: format!(
            "{base}/graph/{}/{}/messages",
            config.api_version, number.phone_number_id
        ),
        token: number.access_token.clone(),
        http: reqwest::Client::new(),
    };
    let sandbox = Sandbox::new(config);
    let app = sandbox.router().merge(
        Router::new()
            .route("/webhooks/whatsapp", post(webhook))
            .with_state(desk),
    );
    println!("Phone page: {base}/sandbox/phone");
    axum::serve(listener, app).await?;
    Ok(())
}
