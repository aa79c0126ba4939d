//! A Graph API outage: transient errors are retried for a span that suits the message, the number's
//! health and /readyz show the outage meanwhile, and an automatic acknowledgement that would arrive too
//! late is dropped with a reason that says so (never "it will be retried").

mod common;

use std::time::Duration;

use common::app::{desk_hears, eventually, fake_graph, graph_error, now_s, spawn_app_with};

#[tokio::test]
async fn an_acknowledgement_that_would_arrive_late_is_dropped_visibly_and_readyz_shows_the_outage()
{
    // Every send answers 500 "Something went wrong": a Graph outage.
    let (graph, calls) = fake_graph(|_| graph_error(500, 131000, "Something went wrong")).await;
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        desk.numbers[0].api_base = format!("{graph}/graph");
        desk.sending.retry_acknowledgements_for = Duration::from_secs(3);
    })
    .await;
    let conversation = desk_hears(&app, "5511976540031", "wamid.OUT.1", now_s()).await;
    let ready = eventually(15, "/readyz to show the outage", || async {
        let r = app.get("/readyz").await;
        let status = r.status().as_u16();
        let body: serde_json::Value = r.json().await.ok()?;
        (status == 503 && body["numbers"][0]["state"] == "outage").then_some(body)
    })
    .await;
    assert!(ready["numbers"][0]["reason"].is_string(), "{ready}");
    let ack = eventually(30, "the acknowledgement given up", || async {
        let messages = app
            .api(&format!("/conversations/{conversation}/messages"))
            .await;
        messages["messages"]
            .as_array()?
            .iter()
            .find(|m| m["direction"] == "outbound" && m["status"] == "failed")
            .cloned()
    })
    .await;
    let reason = ack["error"]["reason"].as_str().unwrap_or_default();
    assert!(reason.contains("dropped rather than sent late"), "{ack}");
    assert!(!reason.contains("will be retried"), "{reason}");
    assert!(
        calls.lock().unwrap().len() >= 2,
        "it was retried before it was dropped"
    );
}

#[tokio::test]
async fn an_agents_reply_keeps_trying_through_an_outage_and_says_when() {
    let (graph, calls) = fake_graph(|attempt| match attempt {
        1..=3 => graph_error(503, 131016, "Service unavailable"),
        _ => common::app::accepted("wamid.OUT.AGENT"),
    })
    .await;
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        desk.numbers[0].api_base = format!("{graph}/graph");
        desk.greeting.enabled = false;
        desk.sending.retry_acknowledgements_for = Duration::from_secs(1);
    })
    .await;
    let conversation = desk_hears(&app, "5511976540032", "wamid.OUT.2", now_s()).await;
    let (status, answer) = app
        .api_post(
            &format!("/conversations/{conversation}/messages"),
            serde_json::json!({"text": "Estamos verificando com a transportadora."}),
        )
        .await;
    assert_eq!(status, 202, "{answer}");
    let retrying = eventually(15, "the reply waiting to be tried again", || async {
        let messages = app
            .api(&format!("/conversations/{conversation}/messages"))
            .await;
        messages["messages"]
            .as_array()?
            .iter()
            .find(|m| {
                m["direction"] == "outbound"
                    && m["error"]["reason"]
                        .as_str()
                        .is_some_and(|r| r.contains("trying again at"))
            })
            .cloned()
    })
    .await;
    assert_eq!(retrying["status"], "queued", "{retrying}");
    eventually(60, "the reply sent once WhatsApp is back", || async {
        let messages = app
            .api(&format!("/conversations/{conversation}/messages"))
            .await;
        messages["messages"]
            .as_array()?
            .iter()
            .any(|m| m["wamid"] == "wamid.OUT.AGENT")
            .then_some(())
    })
    .await;
    assert_eq!(calls.lock().unwrap().len(), 4);
}
