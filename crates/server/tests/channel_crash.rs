//! The WhatsApp channel, exactly once as the shopper sees it: the real `lifeline` binary is aborted right
//! after WhatsApp accepted a send, killed with queued replies, and stopped with SIGTERM mid-send; after a
//! restart every reply has reached the shopper exactly once.

mod common;

use std::{
    path::PathBuf,
    process::{Child, Command, ExitStatus, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

use axum::{routing::post, Json, Router};
use common::{
    app::{envelope, eventually, now_s, post_signed, serve_fake, text_value},
    db::tempdir,
};
use lifeline_sandbox::{Sandbox, Shopper, ShopperMessage, SimConfig};
use serde_json::{json, Value};

const PNID: &str = "106540352242922";
const APP_SECRET: &str = "sandbox-app-secret";
const TOKEN: &str = "crash-test-token";

/// A port nothing listens on (yet).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One desk process and its files.
struct Desk {
    dir: tempdir::Dir,
    port: u16,
    child: Option<Child>,
    http: reqwest::Client,
    starts: usize,
}

impl Desk {
    fn new() -> Desk {
        Desk {
            dir: tempdir::Dir::new(),
            port: free_port(),
            child: None,
            http: reqwest::Client::new(),
            starts: 0,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn config_path(&self) -> PathBuf {
        self.dir.0.join("lifeline.toml")
    }

    /// Writes lifeline.toml: SQLite in the temp dir, a 2 s lease, the number's Graph API at `graph_base`.
    fn configure(&self, graph_base: &str) {
        let data = self.dir.0.join("data");
        let toml = format!(
            r#"bind = "127.0.0.1:{port}"
database_url = "sqlite://{db}"
data_dir = "{data}"
api_token = "{TOKEN}"

[sending]
lease = "2s"

[[numbers]]
phone_number_id = "{PNID}"
display_phone_number = "15550783881"
access_token = "sandbox-access-token"
app_secret = "{APP_SECRET}"
verify_token = "sandbox-verify-token"
api_base = "{graph_base}"
api_version = "v23.0"
"#,
            port = self.port,
            db = self.dir.0.join("lifeline.db").display(),
            data = data.display(),
        );
        std::fs::write(self.config_path(), toml).unwrap();
    }

    /// Runs `lifeline serve` with the extra environment, and waits until it answers.
    async fn start(&mut self, env: &[(&str, &str)]) {
        self.starts += 1;
        let log =
            std::fs::File::create(self.dir.0.join(format!("desk-{}.log", self.starts))).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lifeline"));
        cmd.arg("--config")
            .arg(self.config_path())
            .arg("serve")
            .current_dir(&self.dir.0);
        for (k, _) in std::env::vars() {
            if k.starts_with("LIFELINE_") {
                cmd.env_remove(k);
            }
        }
        cmd.envs(env.iter().copied())
            .env("RUST_LOG", "info,sqlx=warn");
        cmd.stdout(Stdio::null()).stderr(log);
        self.child = Some(cmd.spawn().expect("the lifeline binary starts"));
        let health = format!("{}/healthz", self.url());
        let http = self.http.clone();
        eventually(20, "the desk answering /healthz", || {
            let (http, health) = (http.clone(), health.clone());
            async move {
                http.get(health)
                    .send()
                    .await
                    .ok()
                    .filter(|r| r.status() == 200)
                    .map(|_| ())
            }
        })
        .await;
    }

    /// Waits for the process to end by itself.
    async fn exited(&mut self, secs: u64) -> ExitStatus {
        let child = self.child.as_mut().expect("a running desk");
        let status = eventually(secs, "the desk process to exit", || {
            let s = child.try_wait().unwrap();
            async move { s }
        })
        .await;
        self.child = None;
        status
    }

    fn kill_9(&mut self) {
        let mut child = self.child.take().expect("a running desk");
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }

    fn sigterm(&self) {
        let pid = self.child.as_ref().expect("a running desk").id();
        let ok = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn log(&self) -> String {
        (1..=self.starts)
            .map(|i| {
                std::fs::read_to_string(self.dir.0.join(format!("desk-{i}.log")))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n--- restart ---\n")
    }

    async fn api(&self, path: &str) -> Value {
        let r = self
            .http
            .get(format!("{}/api/v1{path}", self.url()))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "GET {path}: {}", r.status());
        r.json().await.unwrap()
    }

    /// The outbound messages of every conversation, by contact key.
    async fn outbound(&self) -> Vec<(String, Value)> {
        let mut all = Vec::new();
        for c in self.api("/conversations").await["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            let key = c["contact"]["key"].as_str().unwrap_or_default().to_string();
            let msgs = self
                .api(&format!("/conversations/{}/messages", c["id"]))
                .await["messages"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            all.extend(
                msgs.into_iter()
                    .filter(|m| m["direction"] == "outbound")
                    .map(|m| (key.clone(), m)),
            );
        }
        all
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The simulator on its own port, delivering signed webhooks to `desk` and retrying while it is down.
async fn simulator(desk: &Desk) -> (Sandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = SimConfig::demo(&format!("{}/webhooks/whatsapp", desk.url()), &base);
    config.auto_receipts = true;
    config.retry_schedule = [200, 500, 1000, 1000, 2000, 2000, 3000, 5000, 5000]
        .map(Duration::from_millis)
        .to_vec();
    let sandbox = Sandbox::new(config);
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (sandbox, format!("{base}/graph"))
}

fn shopper(wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: PNID.into(),
    }
}

fn is_recorded(m: &Value) -> bool {
    ["accepted", "sent", "delivered", "read"].contains(&m["status"].as_str().unwrap_or_default())
}

#[tokio::test]
async fn a_crash_right_after_whatsapp_accepted_a_reply_does_not_send_it_twice() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    desk.configure(&graph);
    desk.start(&[("LIFELINE_FAULT_ABORT_AFTER_SEND", "1")])
        .await;
    sandbox
        .shopper_says(
            &shopper("5511976540001", "Ana"),
            ShopperMessage::Text("Meu pedido não chegou".into()),
        )
        .await;
    let status = desk.exited(20).await;
    assert!(
        !status.success(),
        "the desk aborted after the send: {status}"
    );
    let sent = sandbox.sent_to("5511976540001");
    assert_eq!(
        sent.len(),
        1,
        "WhatsApp accepted the acknowledgement before the crash"
    );
    let wamid = sent[0].wamid.clone();

    desk.start(&[]).await;
    let out = eventually(30, "the reply matched to WhatsApp's receipt", || async {
        let out = desk.outbound().await;
        out.iter()
            .any(|(_, m)| m["wamid"] == wamid.as_str() && is_recorded(m))
            .then_some(out)
    })
    .await;
    assert_eq!(out.len(), 1, "one reply in the conversation: {out:#?}");
    assert_eq!(
        sandbox.sent_to("5511976540001").len(),
        1,
        "the shopper got it once\n{}",
        desk.log()
    );
}

#[tokio::test]
async fn queued_replies_survive_kill_9_and_each_is_delivered_once() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    // First the number points at a port where nothing answers: replies queue up, none is sent.
    desk.configure(&format!("http://127.0.0.1:{}/graph", free_port()));
    desk.start(&[]).await;
    let shoppers = [
        shopper("5511976540002", "Bruno"),
        shopper("5511976540003", "Carla"),
        shopper("5511976540004", "Diego"),
    ];
    for s in &shoppers {
        sandbox
            .shopper_says(s, ShopperMessage::Text("Cadê meu pedido?".into()))
            .await;
    }
    let conversations = eventually(15, "three conversations", || async {
        let c = desk.api("/conversations").await["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        (c.len() == 3).then_some(c)
    })
    .await;
    for c in &conversations {
        let r = desk.http.post(format!("{}/api/v1/conversations/{}/messages", desk.url(), c["id"])).bearer_auth(TOKEN)
            .json(&json!({"text": format!("Estamos verificando, {}!", c["contact"]["name"].as_str().unwrap_or_default())}))
            .send().await.unwrap();
        assert_eq!(r.status(), 202);
    }
    eventually(15, "six replies queued", || async {
        (desk.outbound().await.len() == 6).then_some(())
    })
    .await;
    assert!(
        desk.outbound().await.iter().all(|(_, m)| !is_recorded(m)),
        "nothing could be sent yet"
    );
    desk.kill_9();

    desk.configure(&graph);
    desk.start(&[]).await;
    let out = eventually(40, "all six replies recorded as sent", || async {
        let out = desk.outbound().await;
        (out.len() == 6 && out.iter().all(|(_, m)| is_recorded(m))).then_some(out)
    })
    .await;
    for s in &shoppers {
        let at_phone = sandbox.sent_to(&s.wa_id);
        assert_eq!(
            at_phone.len(),
            2,
            "{} gets the acknowledgement and the agent's reply, once each\n{}",
            s.name,
            desk.log()
        );
        let mine: Vec<&Value> = out
            .iter()
            .filter(|(k, _)| *k == s.wa_id)
            .map(|(_, m)| m)
            .collect();
        for record in &at_phone {
            assert!(
                mine.iter().any(|m| m["wamid"] == record.wamid.as_str()),
                "the desk knows every wamid WhatsApp issued"
            );
        }
    }
}

#[tokio::test]
async fn sigterm_waits_for_the_sends_in_flight_and_exits_cleanly() {
    let mut desk = Desk::new();
    // A slow Graph API: each send takes a second, long enough to be stopped in the middle of it.
    let calls: Arc<Mutex<Vec<String>>> = Arc::default();
    let seen = calls.clone();
    let router = Router::new().route(
        "/graph/{version}/{pnid}/messages",
        post(move |Json(body): Json<Value>| {
            let seen = seen.clone();
            async move {
                let n = {
                    let mut s = seen.lock().unwrap();
                    s.push(body["to"].as_str().unwrap_or_default().to_string());
                    s.len()
                };
                tokio::time::sleep(Duration::from_millis(1200)).await;
                Json(json!({"messaging_product": "whatsapp", "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                    "messages": [{"id": format!("wamid.SLOW.{n}")}]}))
            }
        }),
    );
    let graph = serve_fake(router).await;
    desk.configure(&format!("{graph}/graph"));
    desk.start(&[]).await;
    for i in 1..=3 {
        let wa_id = format!("3161234500{i}");
        let body = envelope(
            PNID,
            vec![text_value(
                &wa_id,
                "Sanne",
                &format!("wamid.TERM.{i}"),
                "Waar is mijn pakket?",
                now_s(),
            )],
        );
        assert_eq!(
            post_signed(&desk.http, &desk.url(), APP_SECRET, &body)
                .await
                .status(),
            200
        );
    }
    eventually(15, "three sends in flight", || async {
        (calls.lock().unwrap().len() == 3).then_some(())
    })
    .await;
    desk.sigterm();
    let status = desk.exited(20).await;
    assert!(
        status.success(),
        "SIGTERM ends the desk cleanly: {status}\n{}",
        desk.log()
    );

    // After a restart, the three replies are recorded with the wamids WhatsApp gave before the stop.
    desk.start(&[]).await;
    let out = desk.outbound().await;
    assert_eq!(out.len(), 3);
    for (key, m) in &out {
        assert_eq!(
            m["status"],
            "accepted",
            "{key}: recorded before the exit: {m:#}\n{}",
            desk.log()
        );
        let wamid = m["wamid"].as_str().unwrap_or_default();
        assert!(
            ["wamid.SLOW.1", "wamid.SLOW.2", "wamid.SLOW.3"].contains(&wamid),
            "{wamid}"
        );
    }
    tokio::time::sleep(Duration::from_secs(3)).await; // past the 2 s lease: nothing is sent again
    assert_eq!(calls.lock().unwrap().len(), 3, "each reply was sent once");
}
