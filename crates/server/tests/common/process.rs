//! The real `lifeline` binary as a test drives it: a config file in a temp dir, `serve` started and
//! stopped (SIGKILL, SIGTERM, abort through a fault hook), and the simulator beside it on its own port.

use std::{
    path::PathBuf,
    process::{Child, Command, ExitStatus, Stdio},
    time::Duration,
};

use lifeline_sandbox::{Sandbox, Shopper, SimConfig};
use serde_json::Value;

use super::{app::eventually, db::tempdir};

pub const PNID: &str = "106540352242922";
pub const APP_SECRET: &str = "sandbox-app-secret";
pub const TOKEN: &str = "crash-test-token";

/// A port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One desk process and its files.
pub struct Desk {
    dir: tempdir::Dir,
    port: u16,
    child: Option<Child>,
    pub http: reqwest::Client,
    starts: usize,
    /// Lines added to the `[sending]` section of its lifeline.toml (`settle_window = "2s"`, say).
    pub sending: String,
    /// The database it shares with other desks (PostgreSQL); None: a SQLite file of its own.
    pub database_url: Option<String>,
    /// Sections appended to its lifeline.toml (`[desk]`, `[[stores]]`, `[tracking]`...).
    pub extra: String,
}

impl Desk {
    pub fn new() -> Desk {
        Desk {
            dir: tempdir::Dir::new(),
            port: free_port(),
            child: None,
            http: reqwest::Client::new(),
            starts: 0,
            sending: String::new(),
            database_url: None,
            extra: String::new(),
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.0.join("lifeline.toml")
    }

    /// Writes lifeline.toml: SQLite in the temp dir (or the shared `database_url`), a 2 s lease, the
    /// number's Graph API at `graph_base`, then `extra`.
    pub fn configure(&self, graph_base: &str) {
        let data = self.dir.0.join("data");
        let db = self
            .database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.dir.0.join("lifeline.db").display()));
        let toml = format!(
            r#"bind = "127.0.0.1:{port}"
database_url = "{db}"
data_dir = "{data}"
api_token = "{TOKEN}"

[sending]
lease = "2s"
{sending}

[[numbers]]
phone_number_id = "{PNID}"
display_phone_number = "15550783881"
access_token = "sandbox-access-token"
app_secret = "{APP_SECRET}"
verify_token = "sandbox-verify-token"
api_base = "{graph_base}"
api_version = "v23.0"

{extra}
"#,
            port = self.port,
            sending = self.sending,
            extra = self.extra,
            data = data.display(),
        );
        std::fs::write(self.config_path(), toml).unwrap();
    }

    /// Runs `lifeline serve` with the extra environment, and waits until it answers.
    pub async fn start(&mut self, env: &[(&str, &str)]) {
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
        eventually(60, "the desk answering /healthz", || {
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
    pub async fn exited(&mut self, secs: u64) -> ExitStatus {
        let child = self.child.as_mut().expect("a running desk");
        let status = eventually(secs, "the desk process to exit", || {
            let s = child.try_wait().unwrap();
            async move { s }
        })
        .await;
        self.child = None;
        status
    }

    pub fn kill_9(&mut self) {
        let mut child = self.child.take().expect("a running desk");
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }

    pub fn sigterm(&self) {
        let pid = self.child.as_ref().expect("a running desk").id();
        let ok = Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    pub fn log(&self) -> String {
        (1..=self.starts)
            .map(|i| {
                std::fs::read_to_string(self.dir.0.join(format!("desk-{i}.log")))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("\n--- restart ---\n")
    }

    pub async fn api(&self, path: &str) -> Value {
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

    /// POST on the REST API; returns status and JSON.
    pub async fn api_post(&self, path: &str, body: Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}/api/v1{path}", self.url()))
            .bearer_auth(TOKEN)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// The outbound messages of every conversation, by the shopper's phone (or contact key).
    pub async fn outbound(&self) -> Vec<(String, Value)> {
        let mut all = Vec::new();
        for c in self.api("/conversations").await["conversations"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            // The shopper's phone when WhatsApp shared it, else the contact key.
            let key = c["contact"]["wa_id"]
                .as_str()
                .or(c["contact"]["key"].as_str())
                .unwrap_or_default()
                .to_string();
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
pub async fn simulator(desk: &Desk) -> (Sandbox, String) {
    simulator_with(desk, |_| {}).await
}

/// [`simulator`], with `tweak` applied to its configuration (receipts off, say).
pub async fn simulator_with(desk: &Desk, tweak: impl FnOnce(&mut SimConfig)) -> (Sandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut config = SimConfig::demo(&format!("{}/webhooks/whatsapp", desk.url()), &base);
    config.auto_receipts = true;
    config.retry_schedule = [200, 500, 1000, 1000, 2000, 2000, 3000, 5000, 5000]
        .map(Duration::from_millis)
        .to_vec();
    tweak(&mut config);
    let sandbox = Sandbox::new(config);
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (sandbox, format!("{base}/graph"))
}

pub fn shopper(wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: PNID.into(),
    }
}

pub fn is_recorded(m: &Value) -> bool {
    ["accepted", "sent", "delivered", "read"].contains(&m["status"].as_str().unwrap_or_default())
}
