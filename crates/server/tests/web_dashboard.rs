//! The dashboard and the admin screens: charts drawn on the server, role gates, canned replies,
//! numbers and their health, templates synced on demand, the policy as configured.

mod common;
mod web_common;

use common::app::{eventually, spawn_app, TestApp};
use lifeline_desk::Role;
use lifeline_sandbox::{Shopper, ShopperMessage};
use web_common::signed_in;

async fn shopper_says(app: &TestApp, wa_id: &str, name: &str, text: &str) {
    let shopper = Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(text.into()))
        .await;
}

/// The kinds of the desk's cases, once `n` cases exist.
async fn case_kinds(app: &TestApp, n: usize) -> Vec<String> {
    eventually(10, "the cases", || async {
        let cases = app.api("/cases").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        (cases.len() >= n).then(|| {
            cases
                .iter()
                .filter_map(|c| c["kind"].as_str().map(str::to_string))
                .collect()
        })
    })
    .await
}

/// The text of the headline figure `label` on the dashboard.
fn figure(body: &str, label: &str) -> String {
    let at = format!("<span class=\"figure-label\">{label}</span><strong>");
    body.split(&at)
        .nth(1)
        .and_then(|s| s.split("</strong>").next())
        .unwrap_or_else(|| panic!("no figure {label} in:\n{body}"))
        .to_string()
}

#[tokio::test]
async fn the_dashboard_draws_the_volume_of_cases_by_kind() {
    let app = spawn_app().await;
    let sup = signed_in(&app, "sup@shop.example", Role::Supervisor).await;
    let empty = sup.get("/dashboard").await;
    assert_eq!(empty.status, 200, "{}", empty.body);
    assert_eq!(figure(&empty.body, "Cases opened"), "0");

    shopper_says(
        &app,
        "5511987654321",
        "Ana",
        "My parcel arrived broken, the vase is shattered",
    )
    .await;
    shopper_says(
        &app,
        "491701234567",
        "Jonas",
        "Mein Paket ist kaputt angekommen, alles zerbrochen",
    )
    .await;
    shopper_says(
        &app,
        "33612345678",
        "Léa",
        "Bonjour, j'ai été débitée deux fois pour ma commande",
    )
    .await;
    let kinds = case_kinds(&app, 3).await;

    let page = sup.get("/dashboard").await;
    assert_eq!(page.status, 200);
    assert_eq!(figure(&page.body, "Cases opened"), "3");
    let chart = page
        .body
        .split("<h2>Cases by kind</h2>")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("the kinds chart");
    assert!(chart.contains("<svg role=\"img\""), "{chart}");
    for kind in &kinds {
        assert!(
            chart.contains(&kind.replace('_', " ")),
            "{kind} is labelled"
        );
    }
    assert!(
        page.body.contains("aria-label=\"Cases opened per day\""),
        "the daily chart is there"
    );
    assert!(page
        .body
        .contains("href=\"/dashboard\" aria-current=\"page\""));
}

#[tokio::test]
async fn an_agent_is_refused_the_dashboard_and_every_admin_screen() {
    let app = spawn_app().await;
    let agent = signed_in(&app, "agent@shop.example", Role::Agent).await;
    for path in [
        "/dashboard",
        "/admin/numbers",
        "/admin/templates",
        "/admin/canned",
        "/admin/policy",
    ] {
        assert_eq!(agent.get(path).await.status, 403, "{path}");
    }
    let csrf = agent.csrf().await;
    let tried = agent
        .post(
            "/admin/canned",
            &[
                ("csrf", &csrf),
                ("shortcut", "hi"),
                ("language", "en"),
                ("text", "Hi!"),
            ],
        )
        .await;
    assert_eq!(tried.status, 403);
    assert_eq!(
        agent
            .post("/admin/templates/sync", &[("csrf", &csrf)])
            .await
            .status,
        403
    );
    let inbox = agent.get("/inbox").await.body;
    assert!(!inbox.contains("href=\"/dashboard\"") && !inbox.contains("href=\"/admin/numbers\""));

    let sup = signed_in(&app, "sup@shop.example", Role::Supervisor).await;
    assert_eq!(sup.get("/dashboard").await.status, 200);
    assert_eq!(
        sup.get("/admin/canned").await.status,
        403,
        "admin screens are for admins"
    );
}

#[tokio::test]
async fn an_admin_adds_and_deletes_a_canned_reply() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    let page = admin.get("/admin/canned").await;
    assert_eq!(page.status, 200);
    let csrf = page.csrf();
    let text = "Oi {name}! Seu pedido {order} está a caminho <3";
    let added = admin
        .post(
            "/admin/canned",
            &[
                ("csrf", &csrf),
                ("shortcut", "/Caminho"),
                ("language", "pt"),
                ("text", text),
            ],
        )
        .await;
    assert_eq!(added.status, 200, "{}", added.body);
    assert!(
        added.body.contains("/caminho (pt) saved."),
        "{}",
        added.body
    );
    assert!(
        added.body.contains("está a caminho &") && !added.body.contains("caminho <3"),
        "the text is escaped: {}",
        added.body
    );
    let stored = app.api("/canned-replies").await;
    let listed = stored.to_string();
    assert!(
        listed.contains("\"caminho\"") && listed.contains("a caminho <3"),
        "{listed}"
    );

    let refused = admin
        .post(
            "/admin/canned",
            &[
                ("csrf", &csrf),
                ("shortcut", "two words"),
                ("language", "pt"),
                ("text", "x"),
            ],
        )
        .await;
    assert!(refused.body.contains("Not saved"), "{}", refused.body);

    // The starter replies are listed too; the delete button on /caminho's row.
    let id = refused
        .body
        .split("<code>/caminho</code>")
        .nth(1)
        .and_then(|row| row.split("action=\"/admin/canned/").nth(1))
        .and_then(|s| s.split('/').next())
        .expect("a delete button")
        .to_string();
    let gone = admin
        .post(&format!("/admin/canned/{id}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(
        (gone.status, gone.location.as_str()),
        (303, "/admin/canned")
    );
    assert!(!admin.get("/admin/canned").await.body.contains("/caminho"));
    assert!(!app
        .api("/canned-replies")
        .await
        .to_string()
        .contains("\"caminho\""));
    let again = admin
        .post(&format!("/admin/canned/{id}/delete"), &[("csrf", &csrf)])
        .await;
    assert_eq!(again.status, 404);
    let forged = admin
        .post(
            "/admin/canned",
            &[
                ("csrf", "forged"),
                ("shortcut", "x"),
                ("language", "en"),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(forged.status, 403);
}

#[tokio::test]
async fn the_numbers_page_shows_health_and_the_webhook_address() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    let page = admin.get("/admin/numbers").await;
    assert_eq!(page.status, 200);
    let number = &app.config.numbers[0];
    assert!(
        page.body.contains(&number.display_phone_number),
        "{}",
        page.body
    );
    assert!(page.body.contains(&number.api_version));
    assert!(page
        .body
        .contains("<span class=\"health ok\">sending</span>"));
    assert!(page.body.contains("/webhooks/whatsapp"));
    assert!(
        !page.body.contains(number.access_token.expose()),
        "no token on the page"
    );

    let state = &app.running.as_ref().unwrap().state;
    let runtime = state.numbers.get(&app.number_id()).unwrap();
    runtime.mark_unhealthy(Some(190), "the access token has expired");
    let page = admin.get("/admin/numbers").await;
    assert!(page.body.contains("cannot send"), "{}", page.body);
    assert!(page
        .body
        .contains("the access token has expired (error 190)"));

    runtime.mark_healthy();
    runtime.mark_outage(None, "could not reach the Cloud API: connection refused");
    let page = admin.get("/admin/numbers").await;
    assert!(
        page.body.contains("WhatsApp unreachable, retrying"),
        "{}",
        page.body
    );
    assert!(page.body.contains("connection refused"), "{}", page.body);
}

#[tokio::test]
async fn templates_sync_on_demand_and_the_policy_is_shown() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    let page = admin.get("/admin/templates").await;
    assert_eq!(page.status, 200);
    let synced = admin
        .post("/admin/templates/sync", &[("csrf", &page.csrf())])
        .await;
    assert_eq!(
        (synced.status, synced.location.as_str()),
        (303, "/admin/templates")
    );
    let page = admin.get("/admin/templates").await;
    assert!(
        page.body.contains("<code>order_update</code>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("synced "), "{}", page.body);

    let policy = admin.get("/admin/policy").await;
    assert_eq!(policy.status, 200);
    assert!(policy.body.contains("First reply by a person"));
    assert!(
        policy.body.contains("10 min"),
        "the default SLA: {}",
        policy.body
    );
    assert!(policy.body.contains("All compensation on one order"));
}

#[tokio::test]
async fn first_response_and_compensation_given_are_measured_on_every_database() {
    for db in common::db::all().await {
        let label = db.label;
        let app = common::app::spawn_app_with(db, |_, _| {}).await;
        let sup = signed_in(&app, "sup@shop.example", Role::Supervisor).await;
        shopper_says(&app, "5511987654321", "Ana", "Meu pedido chegou quebrado").await;
        case_kinds(&app, 1).await;
        let conversation = app.wait_conversation("5511987654321").await;
        let before = sup.get("/dashboard").await;
        assert_eq!(before.status, 200, "{label}: {}", before.body);
        assert_eq!(figure(&before.body, "First response"), "–", "{label}");
        assert!(before.body.contains("None carried out."), "{label}");

        let conv = sup.get(&format!("/conversations/{conversation}")).await;
        let sent = sup
            .post(
                &format!("/conversations/{conversation}/reply"),
                &[
                    ("csrf", &conv.csrf()),
                    ("text", "Oi Ana, sinto muito! Já vejo isso."),
                ],
            )
            .await;
        assert_eq!(sent.status, 303, "{label}");
        let case_id = app.api("/cases").await["cases"][0]["id"].as_i64().unwrap();
        let store = &app.running.as_ref().unwrap().state.store;
        for (key, minor, currency) in [("a", 1250, "EUR"), ("b", 800, "EUR"), ("c", 3000, "JPY")] {
            store
                .insert_compensation(&lifeline_server::store::CompensationRow {
                    case_id,
                    remedy_json: "{\"coupon\":{\"percent\":5}}".into(),
                    value_minor: minor,
                    currency: currency.into(),
                    status: "done".into(),
                    requested_by: "sup@shop.example".into(),
                    requested_role: "supervisor".into(),
                    idempotency_key: format!("dash-{key}"),
                    ..Default::default()
                })
                .await
                .unwrap();
        }

        let after = sup.get("/dashboard").await;
        let first = figure(&after.body, "First response");
        assert!(
            first.ends_with(" s") || first.ends_with(" min"),
            "{label}: {first}"
        );
        assert!(
            after
                .body
                .contains("<td>EUR</td><td class=\"num\">2</td><td class=\"num\">20.50 EUR</td>"),
            "{label}: {}",
            after.body
        );
        assert!(after.body.contains("3000 JPY"), "{label}");
    }
}
