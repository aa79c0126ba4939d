//! Runs the browser tests (e2e/, node's test runner with playwright-core and the system's Chromium)
//! against a real desk and WhatsApp sandbox. Only when LIFELINE_E2E=1 (.ci/run sets it), since they
//! need Chromium and `npm ci` in e2e/.

mod common;

use std::{path::PathBuf, time::Duration};

use common::app::{envelope, now_s, spawn_app_with, text_value, Signature};
use lifeline_desk::Role;

#[tokio::test]
async fn the_browser_tests_pass() {
    if std::env::var("LIFELINE_E2E").as_deref() != Ok("1") {
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"web_browser: SKIPPED, the browser tests run only with LIFELINE_E2E=1 (Chromium and `npm ci` in e2e/)\n",
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    assert!(
        root.join("e2e/node_modules/playwright-core").exists(),
        "run `npm ci` in e2e/ first (playwright-core, no browser download)"
    );
    // The demo shop, so cases have their orders and remedies.
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await;
    let state = &app.running.as_ref().expect("the desk runs").state;

    // An admin with two-step verification on, as the e2e tests sign in.
    let (email, password) = ("e2e-admin@shop.example", "browser tests password");
    lifeline_server::web::create_person(&state.store, email, Role::Admin, Some(password))
        .await
        .unwrap();
    let id = state
        .store
        .account_by_email(email)
        .await
        .unwrap()
        .unwrap()
        .id;
    let secret = lifeline_server::web::twostep::new_secret();
    state.store.confirm_totp(id, &secret, 0, &[]).await.unwrap();

    // An agent and a supervisor (password only), for a refund beyond the agent's authority.
    let staff_password = "browser tests staff password";
    let (agent, supervisor) = ("e2e-agent@shop.example", "e2e-supervisor@shop.example");
    for (who, role) in [(agent, Role::Agent), (supervisor, Role::Supervisor)] {
        lifeline_server::web::create_person(&state.store, who, role, Some(staff_password))
            .await
            .unwrap();
    }
    // A canned reply for the case composer's /shortcut.
    let canned = serde_json::json!({"shortcut": "rastreio", "language": "pt",
        "text": "Oi {name}! Acompanhe o pedido {order} aqui: {tracking_link}"});
    assert_eq!(app.api_post("/canned-replies", canned).await.0, 201);
    // One in English only, so an Italian shopper's composer warns before it is sent.
    let english_only = serde_json::json!({"shortcut": "giftwrap", "language": "en",
        "text": "Hi {name}! Order {order} can still be gift-wrapped, free of charge."});
    assert_eq!(app.api_post("/canned-replies", english_only).await.0, 201);

    // A shopper who wrote two days ago: the window has closed.
    let old = envelope(
        &app.number_id(),
        vec![text_value(
            "4915112345678",
            "Jonas Weber",
            "wamid.E2EOLD",
            "Wo ist mein Paket?",
            now_s() - 2 * 86_400,
        )],
    );
    assert_eq!(app.post_webhook(&old, Signature::Good).await.status(), 200);
    let closed = app.wait_conversation("4915112345678").await;

    let mut child = tokio::process::Command::new("node")
        .args(["--test", "e2e/"])
        .current_dir(&root)
        .env("LIFELINE_DESK", &app.desk)
        .env("LIFELINE_SIM", &app.sim)
        .env("LIFELINE_EMAIL", email)
        .env("LIFELINE_PASSWORD", password)
        .env("LIFELINE_TOTP_SECRET", &secret)
        .env("LIFELINE_CLOSED_CONVERSATION", closed.to_string())
        .env("LIFELINE_AGENT_EMAIL", agent)
        .env("LIFELINE_SUPERVISOR_EMAIL", supervisor)
        .env("LIFELINE_STAFF_PASSWORD", staff_password)
        .kill_on_drop(true)
        .spawn()
        .expect("node is installed");
    let status = tokio::time::timeout(Duration::from_secs(300), child.wait())
        .await
        .expect("the browser tests finish within 5 minutes")
        .unwrap();
    assert!(
        status.success(),
        "the browser tests failed (screenshots in e2e/artifacts/)"
    );
}
