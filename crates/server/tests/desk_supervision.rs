//! The desk's workers under supervision, seen from outside the real `lifeline` binary: an inbound worker
//! that panics is started again, counted on /metrics and /readyz, and every shopper is still answered
//! once; SIGTERM stops every worker and the writers after them, and the process exits cleanly.

mod common;

use common::{app::eventually, process::*};
use lifeline_sandbox::ShopperMessage;
use serde_json::Value;

async fn metrics(desk: &Desk) -> String {
    desk.http
        .get(format!("{}/metrics", desk.url()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn readyz(desk: &Desk) -> Value {
    desk.http
        .get(format!("{}/readyz", desk.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_inbound_worker_that_panics_is_started_again_and_every_shopper_is_answered_once() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    desk.configure(&graph);
    desk.start(&[("LIFELINE_FAULT_PANIC_IN", "inbound")]).await;
    let (ana, bruno) = (
        shopper("5511976541001", "Ana"),
        shopper("5511976541002", "Bruno"),
    );
    sandbox
        .shopper_says(&ana, ShopperMessage::Text("Meu pedido não chegou".into()))
        .await;
    // The one shard took Ana's message and panicked on it.
    eventually(20, "the inbound worker started again", || async {
        metrics(&desk)
            .await
            .contains("lifeline_worker_restarts_total{worker=\"inbound.0\"} 1")
            .then_some(())
    })
    .await;
    let ready = readyz(&desk).await;
    let shard = ready["workers"]
        .as_array()
        .and_then(|w| w.iter().find(|w| w["name"] == "inbound.0").cloned())
        .expect("/readyz lists the inbound worker");
    assert_eq!(shard["restarts"], 1, "{ready:#}");
    assert!(
        shard["last_failure"]
            .as_str()
            .is_some_and(|f| f.contains("panicked")),
        "{shard:#}"
    );

    // The restarted shard reads the same queue: Bruno's message, dispatched to it, is answered.
    sandbox
        .shopper_says(&bruno, ShopperMessage::Text("Cadê meu pacote?".into()))
        .await;
    eventually(20, "Bruno acknowledged", || async {
        (!sandbox.sent_to(&bruno.wa_id).is_empty()).then_some(())
    })
    .await;
    // Ana's message was lost with the panic, not from the database: the sweep hands it over again.
    eventually(40, "Ana acknowledged", || async {
        (!sandbox.sent_to(&ana.wa_id).is_empty()).then_some(())
    })
    .await;
    for s in [&ana, &bruno] {
        let out = eventually(15, "the acknowledgement recorded", || async {
            let out: Vec<Value> = desk
                .outbound()
                .await
                .into_iter()
                .filter(|(k, _)| *k == s.wa_id)
                .map(|(_, m)| m)
                .collect();
            out.iter().all(is_recorded).then_some(out)
        })
        .await;
        assert_eq!(out.len(), 1, "{} is answered once: {out:#?}", s.name);
        assert_eq!(sandbox.sent_to(&s.wa_id).len(), 1, "{}", desk.log());
    }
    let log = desk.log();
    assert!(
        log.contains("worker stopped; starting it again") && log.contains("inbound.0"),
        "the restart is logged with the worker's name:\n{log}"
    );
}

#[tokio::test]
async fn sigterm_stops_every_worker_then_the_writers_and_exits_cleanly() {
    let mut desk = Desk::new();
    let (sandbox, graph) = simulator(&desk).await;
    desk.configure(&graph);
    desk.start(&[]).await;
    let carla = shopper("5511976541003", "Carla");
    sandbox
        .shopper_says(
            &carla,
            ShopperMessage::Text("O pacote veio quebrado".into()),
        )
        .await;
    eventually(20, "Carla acknowledged", || async {
        (!sandbox.sent_to(&carla.wa_id).is_empty()).then_some(())
    })
    .await;
    let workers = readyz(&desk).await["workers"].clone();
    for name in [
        "ingest",
        "inbound.0",
        "inbound.sweep",
        "sender",
        "sender.recorder",
        "numbers.health",
    ] {
        assert!(
            workers
                .as_array()
                .is_some_and(|w| w.iter().any(|w| w["name"] == name && w["running"] == true)),
            "{name} runs under supervision: {workers:#}"
        );
    }

    desk.sigterm();
    let status = desk.exited(40).await;
    let log = desk.log();
    assert!(
        status.success(),
        "SIGTERM ends the desk cleanly: {status}\n{log}"
    );
    assert!(log.contains("desk stopped"), "{log}");
    assert!(
        !log.contains("still busy") && !log.contains("still open"),
        "every worker and connection finished within the bound:\n{log}"
    );
    assert!(!log.contains("panic"), "{log}");

    // What the writers held was written: after a restart, the reply is on record as sent, once.
    desk.start(&[]).await;
    let out = desk.outbound().await;
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(is_recorded(&out[0].1), "{:#}", out[0].1);
    assert_eq!(sandbox.sent_to(&carla.wa_id).len(), 1);
}
