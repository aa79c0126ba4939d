//! The case composer over real HTTP: a photo or PDF attached to a reply reaches the shopper as a media
//! message (a file too big or of the wrong type is refused in plain words), the template form of a case
//! whose window has closed sends the template with its values, and "Retry" tries a failed refund or a
//! failed message again, with the timeline showing both attempts.

mod common;
mod web_common;

use common::app::{
    case_with_order, desk_with_fake_shopify, envelope, eventually, now_s, spawn_app_with,
    text_value, timeline_events, Signature, TestApp,
};
use lifeline_desk::Role;
use lifeline_sandbox::{GraphError, Shopper, ShopperMessage};
use web_common::{signed_in, Browser, Page};

async fn desk_with_demo_shop() -> TestApp {
    desk_with_demo_shop_on(common::db::sqlite()).await
}

async fn desk_with_demo_shop_on(db: common::db::TestDb) -> TestApp {
    spawn_app_with(db, |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await
}

/// A shopper writes; returns (case id, conversation id) once the case has its order and the
/// acknowledgement has reached the phone.
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
    let id = case_with_order(app, wa_id).await;
    let case = app.api(&format!("/cases/{id}")).await;
    let ids = (id, case["conversation_id"].as_i64().unwrap());
    eventually(10, "the acknowledgement", || async {
        (!app.sandbox.sent_to(wa_id).is_empty()).then_some(())
    })
    .await;
    ids
}

/// Posts the attachment form as a browser does (multipart, the page's CSRF token).
async fn attach(
    b: &Browser,
    case: i64,
    csrf: &str,
    name: &str,
    mime: &str,
    bytes: Vec<u8>,
) -> Page {
    let file = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_string())
        .mime_str(mime)
        .unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .text("caption", "The label on your parcel")
        .part("file", file);
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/cases/{case}/attachment", b.base))
        .header("cookie", b.cookie_header())
        .multipart(form)
        .send()
        .await
        .unwrap();
    Page {
        status: r.status().as_u16(),
        location: r
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default(),
        set_cookies: Vec::new(),
        body: r.text().await.unwrap(),
    }
}

fn png(size: usize) -> Vec<u8> {
    let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
    b.resize(size, 7);
    b
}

#[tokio::test]
async fn a_photo_and_a_pdf_from_the_composer_reach_the_shopper_and_bad_files_are_refused() {
    let app = desk_with_demo_shop().await;
    let wa = "5511987654321"; // the phone on order #1001
    let (id, conv) = case_from(&app, wa, "Ana Souza", "Oi, cadê o pedido #1001?").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let p = b.get(&format!("/conversations/{conv}/cases")).await;
    assert!(
        p.body
            .contains(&format!("action=\"/cases/{id}/attachment\"")),
        "{}",
        p.body
    );
    assert!(
        !p.body.contains(&format!("action=\"/cases/{id}/template\"")),
        "templates wait until asked for while the window is open"
    );
    let asked = b
        .get(&format!("/conversations/{conv}/cases?templates={id}"))
        .await;
    assert!(asked
        .body
        .contains(&format!("action=\"/cases/{id}/template\"")));
    let csrf = p.csrf();
    let before = app.sandbox.sent_to(wa).len();

    let r = attach(&b, id, &csrf, "label.png", "image/png", png(2048)).await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{conv}").as_str()),
        "{}",
        r.body
    );
    let photo = eventually(5, "the photo reaches the shopper", || async {
        app.sandbox
            .sent_to(wa)
            .into_iter()
            .skip(before)
            .find(|s| s.kind == "image")
    })
    .await;
    assert!(photo.body["image"]["id"].is_string(), "{}", photo.body);
    assert_eq!(photo.body["image"]["caption"], "The label on your parcel");

    let pdf = b"%PDF-1.7 an invoice".to_vec();
    let r = attach(&b, id, &csrf, "invoice.pdf", "application/pdf", pdf).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let doc = eventually(5, "the PDF reaches the shopper", || async {
        app.sandbox
            .sent_to(wa)
            .into_iter()
            .find(|s| s.kind == "document")
    })
    .await;
    assert_eq!(doc.body["document"]["filename"], "invoice.pdf");

    let screen = b.get(&format!("/conversations/{conv}")).await;
    let at = screen
        .body
        .find("src=\"/sent-media/")
        .unwrap_or_else(|| panic!("the photo shows in the thread: {}", screen.body));
    let src: String = screen.body[at + 5..].split('"').next().unwrap().into();
    let file = b.open(&src).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "image/png");
    assert!(screen.body.contains("invoice.pdf"));

    let r = attach(&b, id, &csrf, "huge.png", "image/png", png(6 * 1024 * 1024)).await;
    assert_eq!(r.status, 400);
    assert!(
        r.body
            .contains("huge.png is 6.0 MB: WhatsApp takes photos up to 5 MB."),
        "{}",
        r.body
    );
    let r = attach(&b, id, &csrf, "clip.zip", "application/zip", vec![1; 64]).await;
    assert_eq!(r.status, 400);
    assert!(
        r.body
            .contains("attach a photo (JPEG or PNG) or a document such as a PDF"),
        "{}",
        r.body
    );
    let r = attach(&b, id, "not the token", "label.png", "image/png", png(64)).await;
    assert_eq!(r.status, 403, "a form without its CSRF token is refused");
    assert_eq!(
        app.sandbox.sent_to(wa).len(),
        before + 2,
        "nothing else went out"
    );
}

#[tokio::test]
async fn a_closed_window_offers_the_template_form_which_previews_and_sends_it() {
    let app = desk_with_demo_shop().await;
    let wa = "4915112340002";
    let old = envelope(
        &app.number_id(),
        vec![text_value(
            wa,
            "Jonas Weber",
            "wamid.COMPOSEROLD",
            "Wo ist meine Bestellung 1023?",
            now_s() - 2 * 86_400,
        )],
    );
    assert_eq!(app.post_webhook(&old, Signature::Good).await.status(), 200);
    let (id, conv) = eventually(10, "the case", || async {
        let cases = app.api("/cases").await["cases"].as_array().cloned()?;
        let c = common::app::case_of_shopper(&app, cases, wa).await?;
        Some((c["id"].as_i64()?, c["conversation_id"].as_i64()?))
    })
    .await;
    let b = signed_in(&app, "maria@shop.example", Role::Agent).await;
    let p = eventually(10, "the templates in the panel", || async {
        let p = b.get(&format!("/conversations/{conv}/cases")).await;
        p.body.contains("value=\"order_update|de\"").then_some(p)
    })
    .await;
    assert!(p.body.contains("The 24-hour window has closed"));
    assert!(
        !p.body.contains(&format!("action=\"/cases/{id}/reply\"")),
        "no free text once the window closed"
    );
    assert!(
        !p.body.contains("seasonal_sale"),
        "never a marketing template"
    );
    let fields: Vec<String> = p
        .body
        .split("name=\"order_update-de-p")
        .skip(1)
        .map(|rest| format!("order_update-de-p{}", rest.split('"').next().unwrap()))
        .collect();
    let csrf = p.csrf();
    let values: Vec<String> = (1..=fields.len()).map(|i| format!("Wert {i}")).collect();
    let mut form: Vec<(&str, &str)> = vec![("csrf", &csrf), ("template", "order_update|de")];
    for (f, v) in fields.iter().zip(&values) {
        form.push((f, v));
    }
    let mut preview = form.clone();
    preview.push(("preview", "1"));
    let r = b.post(&format!("/cases/{id}/template"), &preview).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("The shopper will read:"), "{}", r.body);
    for v in &values {
        assert!(r.body.contains(v.as_str()), "the preview holds {v}");
    }
    assert!(app.sandbox.sent_to(wa).iter().all(|s| s.kind != "template"));

    let r = b.post(&format!("/cases/{id}/template"), &form).await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{conv}").as_str()),
        "{}",
        r.body
    );
    let sent = eventually(5, "the template reaches the shopper", || async {
        app.sandbox
            .sent_to(wa)
            .into_iter()
            .find(|s| s.kind == "template")
    })
    .await;
    assert_eq!(sent.body["template"]["name"], "order_update");
    let params = sent.body["template"]["components"][0]["parameters"].to_string();
    for v in &values {
        assert!(params.contains(v.as_str()), "{params}");
    }
    let case = app.api(&format!("/cases/{id}")).await;
    assert!(timeline_events(&case).iter().any(|e| e == "reply_sent"));

    let missing = [("csrf", csrf.as_str()), ("template", "order_update|de")];
    let r = b.post(&format!("/cases/{id}/template"), &missing).await;
    if !fields.is_empty() {
        assert_eq!(r.status, 400);
        assert!(r.body.contains("Fill in value {{1}}"), "{}", r.body);
    }
}

#[tokio::test]
async fn a_refund_the_shop_failed_is_retried_from_the_panel_and_the_timeline_shows_both() {
    for db in common::db::all().await {
        refund_retried_on(db).await;
    }
}

async fn refund_retried_on(db: common::db::TestDb) {
    let (app, shop) = desk_with_fake_shopify(db, "shpat_composer").await;
    // Lena is a customer of the demo orders: her phone finds order 1023.
    let wa = "4915212345678";
    let (id, conv) = case_from(
        &app,
        wa,
        "Lena Schmidt",
        "Mein Paket 1023 ist seit 9 Tagen verschwunden, ich will mein Geld zurück",
    )
    .await;
    let sara = signed_in(&app, "sara@shop.example", Role::Supervisor).await;
    let p = sara.get(&format!("/conversations/{conv}/cases")).await;
    let refund = p
        .body
        .split("<li class=\"remedy ")
        .skip(1)
        .find(|li| li.contains("value=\"full_refund\""))
        .unwrap_or_else(|| panic!("a full refund option: {}", p.body));
    assert!(refund.starts_with("allowed"), "{refund}");

    shop.fail_next(500);
    let form = [("csrf", p.csrf()), ("remedy", "full_refund".into())];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = sara.post(&format!("/cases/{id}/remedy"), &form).await;
    assert_eq!(r.status, 303, "{}", r.body);
    let case = app.api(&format!("/cases/{id}")).await;
    assert_eq!(case["compensations"][0]["status"], "failed", "{case}");
    let action = case["compensations"][0]["id"].as_i64().unwrap();
    let p = sara.get(&format!("/conversations/{conv}/cases")).await;
    assert!(
        p.body
            .contains(&format!("action=\"/actions/{action}/retry\"")),
        "a retry button: {}",
        p.body
    );
    assert!(p.body.contains("class=\"failure\""), "the reason shows");
    assert!(shop.refunds().is_empty());

    let r = sara
        .post(&format!("/actions/{action}/retry"), &[("csrf", &p.csrf())])
        .await;
    assert_eq!(
        (r.status, r.location.as_str()),
        (303, format!("/conversations/{conv}").as_str()),
        "{}",
        r.body
    );
    let case = app.api(&format!("/cases/{id}")).await;
    assert_eq!(case["compensations"][0]["status"], "done", "{case}");
    assert_eq!(shop.refunds().len(), 1, "refunded once");
    let ev = timeline_events(&case);
    let at = |name: &str| ev.iter().position(|e| e == name);
    assert!(
        at("action_failed") < at("action_retried") && at("action_retried") < at("action_done"),
        "{ev:?}"
    );
    assert!(at("action_failed").is_some());
    let p = sara.get(&format!("/conversations/{conv}/cases")).await;
    assert!(!p.body.contains(&format!("/actions/{action}/retry")));
    // The timeline names the remedy in words, not as the stored JSON.
    assert!(
        p.body.contains("<strong>Tried again</strong>"),
        "{}",
        p.body
    );
    assert!(
        p.body.contains("Full refund") && !p.body.contains("remedy: "),
        "{}",
        p.body
    );
    let again = sara
        .post(&format!("/actions/{action}/retry"), &[("csrf", &p.csrf())])
        .await;
    assert_eq!(again.status, 400, "a done action is not retried");
}

#[tokio::test]
async fn a_failed_message_shows_why_and_is_sent_again_once() {
    for db in common::db::all().await {
        message_retried_on(db).await;
    }
}

async fn message_retried_on(db: common::db::TestDb) {
    let app = desk_with_demo_shop_on(db).await;
    let wa = "5511987654321"; // the phone on order #1001
    let (id, conv) = case_from(&app, wa, "Bia Lima", "Oi, cadê o pedido #1001?").await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let csrf = b.csrf().await;
    app.sandbox.fail_next_sends(GraphError::undeliverable(), 1);
    let words = "Oi Bia, estou vendo o pedido 1001 agora.";
    let r = b
        .post(
            &format!("/conversations/{conv}/reply"),
            &[("csrf", &csrf), ("text", words)],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let screen = eventually(10, "the failure in the thread", || async {
        let s = b.get(&format!("/conversations/{conv}")).await;
        s.body.contains("/retry\"").then_some(s)
    })
    .await;
    let at = screen.body.find("<p class=\"failure\">").unwrap();
    assert!(screen.body[at..].contains("Retry"), "{}", screen.body);
    let path = screen.body[..screen.body.find("/retry\"").unwrap()]
        .rsplit("action=\"")
        .next()
        .unwrap()
        .to_string()
        + "/retry";
    let before = app.sandbox.sent_to(wa).len();
    let r = b.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(r.status, 303, "{}", r.body);
    eventually(5, "the second attempt reaches the shopper", || async {
        app.sandbox
            .sent_to(wa)
            .into_iter()
            .skip(before)
            .find(|s| s.body["text"]["body"] == words)
    })
    .await;
    let r = b.post(&path, &[("csrf", &csrf)]).await;
    assert_eq!(r.status, 400, "tried again once: {}", r.body);
    let screen = b.get(&format!("/conversations/{conv}")).await;
    assert!(screen.body.contains("Tried again: see below."));
    let case = app.api(&format!("/cases/{id}")).await;
    assert!(timeline_events(&case)
        .iter()
        .any(|e| e == "message_retried"));
}
