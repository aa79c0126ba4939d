//! The conversation screen of a long conversation shows its latest messages.

mod common;
mod web_common;

use common::app::{envelope, spawn_app, text_value, Signature};
use lifeline_desk::Role;
use web_common::signed_in;

#[tokio::test]
async fn a_long_conversation_shows_its_latest_messages() {
    let app = spawn_app().await;
    let start = chrono::Utc::now().timestamp() - 3600;
    let values: Vec<_> = (0..320)
        .map(|i| {
            text_value(
                "31612345678",
                "Daan de Vries",
                &format!("wamid.LONG{i}"),
                &format!("bericht nummer {i}."),
                start + i,
            )
        })
        .collect();
    for chunk in values.chunks(80) {
        let body = envelope(&app.number_id(), chunk.to_vec());
        assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    }
    let id = app.wait_conversation("31612345678").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let thread = common::app::eventually(20, "every message handled", || async {
        let t = b.get(&format!("/conversations/{id}/thread")).await;
        t.body.contains("bericht nummer 319.").then_some(t)
    })
    .await;
    assert!(
        !thread.body.contains("bericht nummer 0."),
        "the oldest ones give way"
    );
    assert!(thread.body.matches("class=\"bubble ").count() <= 300);
}
