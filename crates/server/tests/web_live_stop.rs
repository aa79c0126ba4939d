//! A desk that stops ends the agents' live event streams instead of waiting for the tabs to close, so
//! SIGTERM is quick even with the inbox open; the browser reconnects to whichever desk answers next.

mod common;
mod web_common;

use std::time::Duration;

use common::app::spawn_app;
use futures::StreamExt;
use lifeline_desk::Role;
use web_common::signed_in;

#[tokio::test]
async fn a_stopping_desk_ends_the_live_event_stream() {
    let mut app = spawn_app().await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let r = b.open("/events").await;
    assert_eq!(r.status(), 200);
    let mut stream = r.bytes_stream();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut seen = String::new();
    while !seen.contains("event: hello") {
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("the hello in time")
            .expect("the stream is open")
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }

    let stopped = tokio::spawn(async move { app.stop().await });
    // Well inside the 25 s the desk would otherwise wait for open connections.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        match tokio::time::timeout_at(deadline, stream.next()).await {
            Err(_) => panic!("the event stream is still open after the stop signal"),
            Ok(None) | Ok(Some(Err(_))) => break,
            Ok(Some(Ok(_))) => continue,
        }
    }
    tokio::time::timeout_at(deadline, stopped)
        .await
        .expect("the desk stops without waiting for the tab")
        .unwrap();
}
