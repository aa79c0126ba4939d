//! The case screens through a browser: the case panel (order, parcel, clocks, notes, corrections), the
//! playbook draft sent through the case engine, the tone check with "send anyway", remedies with the
//! policy's answer, approvals for supervisors only, shortcuts, and the inbox's Cases view.

mod common;
mod web_common;

use common::app::{eventually, spawn_app_with, timeline_events, TestApp};
use lifeline_desk::Role;
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};
use web_common::{signed_in, Browser};

async fn desk_with_demo_shop() -> TestApp {
    spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await
}

/// A shopper writes; returns (case id, conversation id) once the case has its order.
async fn case_from(app: &TestApp, wa_id: &str, name: &str, text: &str) -> (i64, i64) {
    let shopper = Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(text.into()))
        .await;
    eventually(10, "the case with its order", || async {
        let cases = app.api("/cases").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let c = common::app::case_of_shopper(app, cases, wa_id).await?;
        let id = c["id"].as_i64()?;
        let full = app.api(&format!("/cases/{id}")).await;
        full["order"]
            .is_object()
            .then(|| (id, full["conversation_id"].as_i64().unwrap()))
    })
    .await
}

/// Every `value` of the inputs named `name`.
fn values(html: &str, name: &str) -> Vec<String> {
    html.split(&format!("name=\"{name}\" value=\""))
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn the_case_panel_shows_order_parcel_and_clocks_and_takes_corrections_and_notes() {
    let app = desk_with_demo_shop().await;
    let (id, conv) = case_from(
        &app,
        "5511987654321",
        "Ana Souza",
        "Oi, cadê o pedido #1001?",
    )
    .await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let screen = b.get(&format!("/conversations/{conv}")).await;
    assert_eq!(screen.status, 200);
    assert!(screen
        .body
        .contains(&format!("data-panel=\"/conversations/{conv}/cases\"")));
    let p = b.get(&format!("/conversations/{conv}/cases")).await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.body.contains(&format!("id=\"case-{id}\"")), "{}", p.body);
    assert!(p.body.contains("Order 1001"), "{}", p.body);
    assert!(p.body.contains("LP00007926919BR"), "the tracking number");
    assert!(p.body.contains("class=\"clock running\""), "{}", p.body);
    assert!(p.body.contains(" left</span>"), "time left on a clock");
    // The timeline speaks words, not the events' fields.
    assert!(
        p.body.contains("<strong>Case opened</strong>"),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("<strong>Acknowledged</strong>"),
        "{}",
        p.body
    );
    for raw in [
        "{&quot;type&quot;",
        "{\"type\"",
        "message id:",
        "first_human_reply",
        "status changed",
    ] {
        assert!(!p.body.contains(raw), "{raw} shows through: {}", p.body);
    }
    // The kind shows once, in words, as the kind tag, not again among the board labels.
    let tags = p.body.split("<p class=\"tags\">").nth(1).unwrap_or("");
    let tags = tags.split("</p>").next().unwrap_or("");
    assert!(tags.contains("tag kind"), "{tags}");
    assert_eq!(
        tags.matches("where is my order").count() + tags.matches(">late<").count(),
        1,
        "{tags}"
    );
    assert!(
        !tags.contains("where_is_my_order") && !tags.contains("delayed"),
        "no wire names: {tags}"
    );
    let csrf = p.csrf();
    let r = b
        .post(
            &format!("/cases/{id}/correct"),
            &[
                ("csrf", &csrf),
                ("kind", "lost"),
                ("priority", "urgent"),
                ("assignee", "me"),
            ],
        )
        .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{conv}").as_str())
    );
    let case = app.api(&format!("/cases/{id}")).await;
    assert_eq!(case["kind"], "lost");
    assert_eq!(case["priority"], "urgent");
    assert_eq!(case["assignee"], "ana@shop.example");
    assert!(timeline_events(&case).iter().any(|e| e == "kind_corrected"));
    let note = "<script>alert(1)</script> the shopper prefers a refund";
    let r = b
        .post(
            &format!("/cases/{id}/notes"),
            &[("csrf", &csrf), ("text", note)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let p = b.get(&format!("/conversations/{conv}/cases")).await;
    assert!(
        p.body
            .contains("&#60;script&#62;alert(1)&#60;/script&#62; the shopper prefers a refund"),
        "{}",
        p.body
    );
    assert!(
        !p.body.contains("<script>alert"),
        "shopper and agent text is escaped"
    );
    let r = b
        .post(
            &format!("/cases/{id}/notes"),
            &[("csrf", "wrong"), ("text", "x")],
        )
        .await;
    assert_eq!(r.status, 403, "a form without its CSRF token is refused");
}

#[tokio::test]
async fn the_playbook_draft_is_sent_through_the_case_with_its_buttons() {
    let app = desk_with_demo_shop().await;
    let (id, conv) = case_from(
        &app,
        "5511987654321",
        "Bia Lima",
        "Oi, meu pedido #1001 está parado há 9 dias, o rastreio não se mexe",
    )
    .await;
    let b = signed_in(&app, "maria@shop.example", Role::Agent).await;
    let draft = app.api(&format!("/cases/{id}/draft?role=agent")).await;
    let text = draft["text"].as_str().unwrap().to_string();
    let p = b
        .get(&format!("/conversations/{conv}/cases?use={id}"))
        .await;
    assert_eq!(p.status, 200);
    let ticked: Vec<String> = values(&p.body, "option");
    assert_eq!(
        ticked.len(),
        draft["buttons"].as_array().unwrap().len(),
        "{}",
        p.body
    );
    assert!(p.body.contains("checked"), "the draft's buttons are ticked");
    let first_words: String = text
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        p.body.contains(&first_words),
        "the reply box holds the draft"
    );
    let before = app.sandbox.sent_to("5511987654321").len();
    let csrf = p.csrf();
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf), ("text", &text)];
    for o in &ticked {
        form.push(("option", o));
    }
    let gestures: Vec<String> = values(&p.body, "gesture");
    for g in &gestures {
        form.push(("gesture", g));
    }
    let r = b.post(&format!("/cases/{id}/reply"), &form).await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{conv}").as_str()),
        "{}",
        r.body
    );
    let body_of = |m: &Value| {
        m["interactive"]["body"]["text"]
            .as_str()
            .or(m["text"]["body"].as_str())
            .unwrap_or("")
            .to_string()
    };
    let sent = eventually(5, "the draft reaches the shopper", || async {
        app.sandbox
            .sent_to("5511987654321")
            .into_iter()
            .skip(before)
            .map(|s| s.body)
            .find(|b| body_of(b) == text)
    })
    .await;
    if !ticked.is_empty() {
        assert_eq!(
            sent["type"], "interactive",
            "the buttons go with it: {sent}"
        );
    }
    if !gestures.is_empty() {
        eventually(5, "the gesture the draft gave is carried out", || async {
            app.sandbox
                .sent_to("5511987654321")
                .iter()
                .any(|s| body_of(&s.body).contains("SORRY-1001"))
                .then_some(())
        })
        .await;
    }
    let case = app.api(&format!("/cases/{id}")).await;
    assert!(timeline_events(&case).iter().any(|e| e == "reply_sent"));
}

#[tokio::test]
async fn a_blame_shifting_reply_shows_the_finding_and_send_anyway_records_the_override() {
    let app = desk_with_demo_shop().await;
    let (id, conv) = case_from(
        &app,
        "33622345678",
        "Lucas Bernard",
        "Bonjour, ma commande 1018 n'avance plus depuis 10 jours",
    )
    .await;
    let b = signed_in(&app, "maria@shop.example", Role::Agent).await;
    let csrf = b.csrf().await;
    let text = "C'est la faute du transporteur, on ne peut rien faire.";
    let r = b
        .post(
            &format!("/cases/{id}/reply"),
            &[("csrf", &csrf), ("text", text)],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.body.contains("blame shifting"), "{}", r.body);
    assert!(r.body.contains("Better:"));
    assert!(
        r.body.contains("name=\"send_anyway\""),
        "a send-anyway button"
    );
    assert!(
        r.body.contains("faute du transporteur"),
        "the reply stays in the box"
    );
    let case = app.api(&format!("/cases/{id}")).await;
    assert!(
        !timeline_events(&case).iter().any(|e| e == "reply_sent"),
        "nothing went out"
    );
    let r = b
        .post(
            &format!("/cases/{id}/reply"),
            &[("csrf", &csrf), ("text", text), ("send_anyway", "1")],
        )
        .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{conv}").as_str())
    );
    let case = app.api(&format!("/cases/{id}")).await;
    let ev = timeline_events(&case);
    assert!(ev.iter().any(|e| e == "tone_override"), "{ev:?}");
    assert!(ev.iter().any(|e| e == "reply_sent"), "{ev:?}");
}

#[tokio::test]
async fn an_agents_refund_beyond_authority_waits_and_a_supervisor_approves_it() {
    let app = desk_with_demo_shop().await;
    let (id, conv) = case_from(
        &app,
        "4915212345678",
        "Lena Schmidt",
        "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück",
    )
    .await;
    let tom = signed_in(&app, "tom@shop.example", Role::Agent).await;
    let p = tom.get(&format!("/conversations/{conv}/cases")).await;
    let refund = p
        .body
        .split("<li class=\"remedy ")
        .find(|li| li.contains("value=\"full_refund\""))
        .unwrap_or_else(|| panic!("a full refund option: {}", p.body));
    assert!(refund.starts_with("approval"), "{refund}");
    assert!(
        refund.contains("needs approval by a supervisor"),
        "{refund}"
    );
    let r = tom
        .post(
            &format!("/cases/{id}/remedy"),
            &[("csrf", &p.csrf()), ("remedy", "full_refund")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let p = tom.get(&format!("/conversations/{conv}/cases")).await;
    assert!(p.body.contains("pending approval"), "it waits: {}", p.body);
    let pending = app.api("/approvals").await["approvals"][0].clone();
    assert_eq!(pending["case_id"], id);
    let approval = pending["id"].as_i64().unwrap();
    let before = app.sandbox.sent_to("4915212345678").len();

    assert_eq!(
        tom.get("/approvals").await.status,
        403,
        "agents do not see approvals"
    );
    let r = tom
        .post(
            &format!("/approvals/{approval}/approve"),
            &[("csrf", &tom.csrf().await)],
        )
        .await;
    assert_eq!(r.status, 403, "nor approve");

    let sara = signed_in(&app, "sara@shop.example", Role::Supervisor).await;
    let page = sara.get("/approvals").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<strong>Full refund</strong>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("1023") && page.body.contains("tom@shop.example (agent)"));
    let r = sara
        .post(
            &format!("/approvals/{approval}/approve"),
            &[("csrf", &page.csrf())],
        )
        .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, "/approvals"),
        "{}",
        r.body
    );
    let case = app.api(&format!("/cases/{id}")).await;
    let status = case["compensations"][0]["status"].clone();
    assert_eq!(status, json!("done"), "{case}");
    assert!(timeline_events(&case)
        .iter()
        .any(|e| e == "approval_approved"));
    eventually(5, "the refund confirmation", || async {
        (app.sandbox.sent_to("4915212345678").len() > before).then_some(())
    })
    .await;
    assert!(!sara
        .get("/approvals")
        .await
        .body
        .contains(&format!("approval-{approval}")));
}

#[tokio::test]
async fn a_shortcut_expands_into_the_case_reply_box_and_the_cases_view_lists_the_queue() {
    let app = desk_with_demo_shop().await;
    let (s, _) = app.api_post("/canned-replies", json!({"shortcut": "rastreio", "language": "pt", "text": "Oi {name}! Acompanhe o pedido {order} aqui: {tracking_link}"})).await;
    assert_eq!(s, 201);
    let (id, conv) = case_from(
        &app,
        "5511987654321",
        "Caio Reis",
        "Oi, cadê o pedido #1001?",
    )
    .await;
    let b: Browser = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let csrf = b.csrf().await;
    let before = app.sandbox.sent_to("5511987654321").len();
    let r = b
        .post(
            &format!("/cases/{id}/reply"),
            &[("csrf", &csrf), ("text", "/rastreio")],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("Acompanhe o pedido 1001") || r.body.contains("Acompanhe o pedido #1001"),
        "{}",
        r.body
    );
    assert!(r.body.contains("LP00007926919BR"));
    let snippet = b.get(&format!("/cases/{id}/canned/rastreio")).await;
    assert_eq!(snippet.status, 200);
    let snippet: Value = serde_json::from_str(&snippet.body).unwrap();
    let text = snippet["text"].as_str().unwrap();
    assert!(text.starts_with("Oi ") && !text.contains('{'), "{text}");
    assert_eq!(snippet["warning"], Value::Null, "Caio writes Portuguese");
    let nothing = b.get(&format!("/cases/{id}/canned/nothing")).await;
    assert_eq!(nothing.status, 404);
    assert!(nothing.body.contains("No canned reply /nothing."));
    assert_eq!(
        app.sandbox.sent_to("5511987654321").len(),
        before,
        "a shortcut is never sent as is"
    );

    let queue = b.get("/inbox?view=cases").await;
    assert_eq!(queue.status, 200);
    assert!(
        queue
            .body
            .contains(&format!("/conversations/{conv}#case-{id}")),
        "{}",
        queue.body
    );
    let other = b.get("/inbox?view=cases&kind=payment").await;
    assert!(
        !other.body.contains(&format!("#case-{id}\"")),
        "filtered out by kind"
    );
    let convs = b.get("/inbox?view=conversations").await;
    assert!(
        convs.body.contains("data-live=\"/inbox/rows\""),
        "the conversations view is one click away"
    );
}

#[tokio::test]
async fn a_supervisor_rejects_with_a_reason_that_lands_on_the_timeline() {
    let app = desk_with_demo_shop().await;
    let (id, conv) = case_from(
        &app,
        "4915212345678",
        "Lena Schmidt",
        "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück",
    )
    .await;
    let tom = signed_in(&app, "tom@shop.example", Role::Agent).await;
    let csrf = tom.csrf().await;
    let form = [("csrf", csrf.as_str()), ("remedy", "full_refund")];
    assert_eq!(
        tom.post(&format!("/cases/{id}/remedy"), &form).await.status,
        303
    );
    let approval = app.api("/approvals").await["approvals"][0]["id"]
        .as_i64()
        .unwrap();
    let sara = signed_in(&app, "sara@shop.example", Role::Admin).await;
    let csrf = sara.csrf().await;
    let why = "<b>Wait</b> for the carrier's answer first";
    let path = format!("/approvals/{approval}/reject");
    let r = sara.post(&path, &[("csrf", &csrf), ("reason", why)]).await;
    assert_eq!((r.status, r.location.as_str()), (303, "/approvals"));
    let again = sara.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(again.status, 400, "decided once: {}", again.body);
    let p = tom.get(&format!("/conversations/{conv}/cases")).await;
    assert!(
        p.body.contains("class=\"comp-status\">rejected"),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("&#60;b&#62;Wait&#60;/b&#62;"),
        "the reason, escaped"
    );
}
