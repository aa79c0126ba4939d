//! A number's health as monitoring and agents see it, across restarts and desks: the real `lifeline`
//! binary checks each number's token at start, so a revoked one shows in `/readyz` before any send; desks
//! on one database show what either of them recorded; a restarted desk remembers it until a check clears
//! it; and a Graph outage shows while it lasts.

mod common;

use std::process::{Child, Command, Stdio};

use axum::{
    extract::Path,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use common::{
    app::{eventually, graph_error, serve_fake},
    db::{self, tempdir},
};
use lifeline_sandbox::{Sandbox, SimConfig};
use serde_json::{json, Value};
use tokio::sync::watch;

/// How the fake Graph API answers `GET /{phone-number-id}`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Graph {
    /// Keeps the request waiting until the test picks another answer.
    Held,
    Works,
    Down,
    Revoked,
}

/// A Graph API whose answer the test changes while desks run; returns its base and the switch.
async fn fake_graph(first: Graph) -> (String, watch::Sender<Graph>) {
    let (switch, answer) = watch::channel(first);
    let number = move |Path((_version, pnid)): Path<(String, String)>| {
        let mut answer = answer.clone();
        async move {
            let now = answer
                .wait_for(|a| *a != Graph::Held)
                .await
                .map(|a| *a)
                .unwrap_or(Graph::Down);
            graph_answer(now, &pnid)
        }
    };
    let router = Router::new().route("/graph/{version}/{pnid}", get(number));
    (format!("{}/graph", serve_fake(router).await), switch)
}

fn graph_answer(answer: Graph, pnid: &str) -> Response {
    match answer {
        Graph::Works => {
            Json(json!({"id": pnid, "display_phone_number": "+1 555-078-3881"})).into_response()
        }
        Graph::Revoked => graph_error(
            401,
            190,
            "Error validating access token: The session has been invalidated",
        ),
        Graph::Down | Graph::Held => (
            StatusCode::BAD_GATEWAY,
            "graph.facebook.com is down for maintenance",
        )
            .into_response(),
    }
}

/// One `lifeline serve` process with its own config file and data dir.
struct Desk {
    dir: tempdir::Dir,
    url: String,
    api_token: String,
    child: Option<Child>,
    http: reqwest::Client,
}

impl Desk {
    /// A desk whose one number talks to `graph` with `access_token`; its database is `database_url`,
    /// or a SQLite file of its own.
    fn new(graph: &str, access_token: Option<&str>, database_url: Option<&str>) -> Desk {
        let dir = tempdir::Dir::new();
        let sim = SimConfig::demo("http://127.0.0.1:1/webhooks/whatsapp", "http://127.0.0.1:1");
        let mut config = lifeline_server::sandbox::desk_config_for(&sim, graph, &dir.0);
        config.numbers.truncate(1);
        if let Some(token) = access_token {
            config.numbers[0].access_token = lifeline_server::config::Secret::new(token);
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        config.bind = format!("127.0.0.1:{port}");
        if let Some(url) = database_url {
            config.database_url = url.to_string();
        }
        let text = toml::to_string(&config).expect("the config serializes");
        std::fs::write(dir.0.join("lifeline.toml"), text).unwrap();
        Desk {
            url: format!("http://127.0.0.1:{port}"),
            api_token: config.api_token.expose().to_string(),
            dir,
            child: None,
            http: reqwest::Client::new(),
        }
    }

    /// Starts the binary and waits until it answers `/healthz`.
    async fn start(&mut self) {
        let log = std::fs::File::create(self.dir.0.join("desk.log")).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lifeline"));
        cmd.arg("--config")
            .arg(self.dir.0.join("lifeline.toml"))
            .arg("serve")
            .current_dir(&self.dir.0)
            .env("RUST_LOG", "info,sqlx=warn")
            .stdout(Stdio::null())
            .stderr(log);
        for (name, _) in std::env::vars().filter(|(k, _)| k.starts_with("LIFELINE_")) {
            cmd.env_remove(name);
        }
        self.child = Some(cmd.spawn().expect("the lifeline binary starts"));
        eventually(20, "the desk answering /healthz", || async {
            let r = self.http.get(format!("{}/healthz", self.url)).send().await;
            r.ok().filter(|r| r.status() == 200).map(|_| ())
        })
        .await;
    }

    /// SIGTERM, then waits for the process to finish its graceful stop.
    async fn stop(&mut self) {
        let mut child = self.child.take().expect("a running desk");
        let term = Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
        assert!(term.unwrap().success());
        let status = eventually(20, "the desk to stop", || {
            let done = child.try_wait().unwrap();
            async move { done }
        })
        .await;
        assert!(status.success(), "a clean stop: {status}");
    }

    /// `/readyz`: its status and this desk's one number.
    async fn readiness(&self) -> (u16, Value) {
        let r = self.http.get(format!("{}/readyz", self.url)).send().await;
        let r = r.expect("/readyz answers");
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap();
        (status, body["numbers"][0].clone())
    }

    /// Polls `/readyz` until the number is in `state`; returns the status and the number.
    async fn readiness_when(&self, state: &str) -> (u16, Value) {
        let what = format!("/readyz to show the number {state}");
        eventually(20, &what, || async {
            let (status, number) = self.readiness().await;
            (number["state"] == state).then_some((status, number))
        })
        .await
    }

    async fn text(&self, path: &str) -> String {
        let r = self
            .http
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.api_token);
        r.send().await.unwrap().text().await.unwrap()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The simulator on a port of its own; returns it with the Graph base its numbers answer on.
async fn simulator() -> (Sandbox, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let sandbox = Sandbox::new(SimConfig::demo(
        "http://127.0.0.1:1/webhooks/whatsapp",
        &base,
    ));
    let router = sandbox.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (sandbox, format!("{base}/graph"))
}

#[tokio::test]
async fn a_desk_started_with_a_revoked_token_is_not_ready_before_it_sends_anything() {
    let (sandbox, graph) = simulator().await;
    let mut desk = Desk::new(&graph, Some("a-token-meta-revoked"), None);
    desk.start().await;

    let (status, number) = desk.readiness_when("credentials").await;
    assert_eq!(status, 503, "{number}");
    assert_eq!(number["health"]["error_code"], 190, "{number}");
    let reason = number["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("access token"), "{number}");
    assert!(number["since"].is_string(), "{number}");
    assert_eq!(sandbox.stats().accepted_sends, 0, "nothing was sent");

    let pnid = number["phone_number_id"].as_str().unwrap().to_string();
    let metrics = desk.text("/metrics").await;
    for series in [
        format!("lifeline_number_healthy{{phone_number_id=\"{pnid}\"}} 0"),
        format!("lifeline_number_state{{phone_number_id=\"{pnid}\",state=\"credentials\"}} 1"),
        format!("lifeline_number_state{{phone_number_id=\"{pnid}\",state=\"healthy\"}} 0"),
    ] {
        assert!(metrics.contains(&series), "{series} in {metrics}");
    }
    let numbers: Value = serde_json::from_str(&desk.text("/api/v1/numbers").await).unwrap();
    assert_eq!(numbers["numbers"][0]["health"]["state"], "credentials");
}

#[tokio::test]
async fn a_desk_with_the_right_token_is_ready() {
    let (_sandbox, graph) = simulator().await;
    let mut desk = Desk::new(&graph, None, None);
    desk.start().await;
    let (status, number) = desk.readiness().await;
    assert_eq!(
        (status, &number["state"]),
        (200, &json!("healthy")),
        "{number}"
    );
}

#[tokio::test]
async fn what_one_desk_records_the_other_shows_within_seconds() {
    let Some(pg) = db::postgres().await else {
        eprintln!("LIFELINE_TEST_POSTGRES_URL is not set: two desks need one PostgreSQL database");
        return;
    };
    // Desk B's own check never answers, so what it shows can only come from desk A.
    let (quiet_graph, _held) = fake_graph(Graph::Held).await;
    let (down_graph, _down) = fake_graph(Graph::Down).await;
    let mut a = Desk::new(&down_graph, None, Some(&pg.url));
    let mut b = Desk::new(&quiet_graph, None, Some(&pg.url));
    b.start().await;
    assert_eq!(b.readiness().await.0, 200, "nothing recorded yet");
    a.start().await;

    let (status, seen_by_a) = a.readiness_when("outage").await;
    assert_eq!(status, 503);
    let (status, seen_by_b) = b.readiness_when("outage").await;
    assert_eq!(status, 503, "{seen_by_b}");
    assert!(
        seen_by_b["reason"]
            .as_str()
            .is_some_and(|r| r.contains("down for maintenance")),
        "desk B shows desk A's reason: {seen_by_b}"
    );
    assert_eq!(seen_by_b["since"], seen_by_a["since"]);
}

#[tokio::test]
async fn a_restarted_desk_remembers_a_revoked_token_until_a_check_clears_it() {
    let (graph, answer) = fake_graph(Graph::Revoked).await;
    let mut desk = Desk::new(&graph, None, None);
    desk.start().await;
    let (_, before) = desk.readiness_when("credentials").await;
    desk.stop().await;

    answer.send_replace(Graph::Held);
    desk.start().await;
    let (status, after) = desk.readiness().await;
    assert_eq!(
        status, 503,
        "still flagged while the check is under way: {after}"
    );
    assert_eq!(after["state"], "credentials");
    assert_eq!(
        after["since"], before["since"],
        "the same problem, since then"
    );
    assert_eq!(after["reason"], before["reason"]);

    answer.send_replace(Graph::Works);
    let (status, number) = desk.readiness_when("healthy").await;
    assert_eq!(status, 200, "{number}");
}

#[tokio::test]
async fn a_graph_outage_shows_until_the_graph_answers_again() {
    let (graph, answer) = fake_graph(Graph::Down).await;
    let mut desk = Desk::new(&graph, None, None);
    desk.start().await;
    let (status, number) = desk.readiness_when("outage").await;
    assert_eq!(status, 503, "{number}");
    assert!(
        number["reason"].as_str().is_some_and(|r| r.contains("502")),
        "{number}"
    );
    let metrics = desk.text("/metrics").await;
    assert!(metrics.contains("state=\"outage\"} 1"), "{metrics}");

    answer.send_replace(Graph::Works);
    let (status, number) = desk.readiness_when("healthy").await;
    assert_eq!(status, 200, "{number}");
}
