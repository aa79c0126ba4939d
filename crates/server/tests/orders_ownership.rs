//! An order belongs to its shopper: a shopper who names someone else's order hears nothing of it (no
//! name, item, carrier or amount, no button) and is asked to confirm the email or postcode on it; once
//! they do, or an agent vouches for it, the desk uses the order. Phones match in any spelling.

mod common;

use common::{
    app::{eventually, spawn_app_with, TestApp},
    db::{self, TestDb},
};
use lifeline_commerce::{fakes::FakeShopify, Order};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};

/// Order #1024: Anna Müller's drone, in Berlin, her phone written the German national way.
fn annas_order() -> Order {
    let orders = lifeline_commerce::demo_store().orders();
    let mut o = orders
        .into_iter()
        .find(|o| !o.shipments.is_empty())
        .unwrap();
    o.number = "1024".into();
    o.id = "1024".into();
    o.customer.name = Some("Anna Müller".into());
    o.customer.first_name = Some("Anna".into());
    o.customer.phone = Some("01701234567".into());
    o.customer.email = Some("anna.mueller@example.de".into());
    o.customer.postcode = Some("10115".into());
    o.customer.country = Some("DE".into());
    o.customer.city = Some("Berlin".into());
    o.line_items.truncate(1);
    o.line_items[0].name = "Mini-Drohne mit Kamera".into();
    if let Some(s) = o.shipments.first_mut() {
        s.carrier = Some("DHL Paket".into());
        s.tracking_number = "00340434161094042557".into();
    }
    o
}

/// What nothing sent to, or drafted for, another shopper may contain.
const ANNAS: [&str; 6] = [
    "Anna",
    "Müller",
    "Drohne",
    "DHL",
    "00340434161094042557",
    "example.de",
];

async fn desk_with_annas_order(db: TestDb) -> (TestApp, FakeShopify) {
    let fake = FakeShopify::start("shpat_own", vec![annas_order()])
        .await
        .unwrap();
    let base = fake.base_url();
    let app = spawn_app_with(db, move |_, desk| {
        desk.stores = vec![toml::from_str(&format!(
            "name = \"acme\"\nkind = \"shopify\"\nshop = \"acme\"\naccess_token = \"shpat_own\"\napi_base = \"{base}\"\n"
        ))
        .unwrap()];
    })
    .await;
    (app, fake)
}

fn shopper(app: &TestApp, wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

/// The shopper's case once the desk has judged its order (verified or not).
async fn judged_case(app: &TestApp, key: &str) -> Value {
    eventually(10, "the case with its order judged", || async {
        let cases = app.api("/cases").await["cases"].as_array().cloned()?;
        let c = common::app::case_of_shopper(app, cases, key).await?;
        let full = app.api(&format!("/cases/{}", c["id"])).await;
        full["ownership"].is_object().then_some(full)
    })
    .await
}

/// Everything the shopper received, as text.
fn received(app: &TestApp, wa_id: &str) -> Vec<String> {
    app.sandbox
        .sent_to(wa_id)
        .iter()
        .map(|m| m.body.to_string())
        .collect()
}

fn assert_nothing_of_annas(what: &str, text: &str) {
    for word in ANNAS {
        assert!(!text.contains(word), "{what} names {word:?}: {text}");
    }
}

#[tokio::test]
async fn a_shopper_asking_about_another_customers_order_hears_nothing_of_it_until_she_confirms_its_email(
) {
    for db in db::all().await {
        let (app, _shop) = desk_with_annas_order(db).await;
        let sari = shopper(&app, "6281234567890", "Sari Dewi");
        let says = |t: &str| {
            app.sandbox
                .shopper_says(&sari, ShopperMessage::Text(t.into()))
        };
        says("Halo kak, pesanan #1024 punya teman saya belum sampai").await;
        let case = judged_case(&app, "6281234567890").await;
        let id = case["id"].as_i64().unwrap();
        assert!(
            case["order"].is_null(),
            "the order stays off the case: {case}"
        );
        assert_eq!(case["ownership"]["verified"], false);
        let line = case["ownership"]["line"].as_str().unwrap();
        assert!(
            line.starts_with("order #1024 belongs to another customer"),
            "{line}"
        );
        assert!(
            line.contains("email, postcode, name not confirmed"),
            "{line}"
        );
        assert_nothing_of_annas("the agent's line", line);

        let asked = eventually(10, "the shopper asked to confirm", || async {
            let all = received(&app, "6281234567890");
            all.iter().any(|m| m.contains("kode pos")).then_some(all)
        })
        .await;
        for m in &asked {
            assert_nothing_of_annas("a message to Sari", m);
        }
        let draft = app.api(&format!("/cases/{id}/draft?role=supervisor")).await;
        assert_eq!(draft["situation"], "confirm_owner");
        assert_eq!(draft["buttons"], json!([]), "no remedy buttons: {draft}");
        assert_eq!(draft["options"], json!([]), "no compensation: {draft}");
        assert_nothing_of_annas("the draft", &draft.to_string());

        says("email nya anna.mueller@example.de").await;
        let verified = eventually(10, "the order verified", || async {
            let c = app.api(&format!("/cases/{id}")).await;
            let noted = c["timeline"]
                .to_string()
                .contains("they confirmed the email");
            (c["ownership"]["verified"] == true && c["order"].is_object() && noted).then_some(c)
        })
        .await;
        assert_eq!(verified["order"]["order"]["number"], "1024");
        let draft = app.api(&format!("/cases/{id}/draft?role=supervisor")).await;
        assert_ne!(draft["situation"], "confirm_owner");
        assert_eq!(draft["facts"]["item"], "Mini-Drohne mit Kamera", "{draft}");
    }
}

#[tokio::test]
async fn the_owner_writing_from_her_international_number_gets_her_national_form_order_at_once() {
    let (app, _shop) = desk_with_annas_order(db::sqlite()).await;
    let anna = shopper(&app, "491701234567", "Anna");
    app.sandbox
        .shopper_says(
            &anna,
            ShopperMessage::Text("Wo ist meine Bestellung #1024?".into()),
        )
        .await;
    let case = judged_case(&app, "491701234567").await;
    assert_eq!(case["ownership"]["verified"], true, "{case}");
    assert_eq!(case["order"]["order"]["number"], "1024");
    let id = case["id"].as_i64().unwrap();
    let draft = app.api(&format!("/cases/{id}/draft")).await;
    assert_eq!(draft["facts"]["carrier"], "DHL Paket", "{draft}");
    let got = received(&app, "491701234567");
    assert!(
        !got.iter().any(|m| m.contains("Postleitzahl")),
        "the owner is not asked to confirm: {got:?}"
    );
}

#[tokio::test]
async fn an_agent_marks_another_phones_order_as_the_shoppers_and_the_timeline_says_who() {
    for db in db::all().await {
        let (app, _shop) = desk_with_annas_order(db).await;
        let max = shopper(&app, "4915111122233", "Max");
        app.sandbox
            .shopper_says(
                &max,
                ShopperMessage::Text("Bestellung #1024, wo bleibt sie?".into()),
            )
            .await;
        let case = judged_case(&app, "4915111122233").await;
        assert_eq!(case["ownership"]["verified"], false);
        let id = case["id"].as_i64().unwrap();
        let (status, body) = app
            .api_post(
                &format!("/cases/{id}/order/verify"),
                json!({"actor": "mia"}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let c = app.api(&format!("/cases/{id}")).await;
        assert_eq!(c["ownership"]["verified"], true);
        assert_eq!(c["order"]["order"]["number"], "1024");
        let timeline = c["timeline"].to_string();
        assert!(timeline.contains("marked verified by mia"), "{timeline}");
        assert!(timeline.contains("agent:mia"), "{timeline}");
    }
}

#[tokio::test]
async fn a_formal_shopper_is_asked_to_confirm_the_order_formally_and_without_her_first_name() {
    let (app, _shop) = desk_with_annas_order(db::sqlite()).await;
    let petra = shopper(&app, "4915199988877", "Petra Schulz");
    let said = "Sehr geehrte Damen und Herren, wo bleibt die Bestellung #1024?";
    app.sandbox
        .shopper_says(&petra, ShopperMessage::Text(said.into()))
        .await;
    let case = judged_case(&app, "4915199988877").await;
    assert_eq!(case["ownership"]["verified"], false, "{case}");
    let asked = eventually(10, "the shopper asked to confirm", || async {
        let all = received(&app, "4915199988877");
        all.into_iter().find(|m| m.contains("Postleitzahl"))
    })
    .await;
    assert!(
        asked.contains("Bevor ich Ihnen Details zur Bestellung #1024 gebe")
            && asked.contains("Schreiben Sie mir bitte")
            && !asked.contains("dir")
            && !asked.contains("Petra"),
        "{asked}"
    );
    assert_nothing_of_annas("the question", &asked);
    let id = case["id"].as_i64().unwrap();
    let draft = app.api(&format!("/cases/{id}/draft?role=supervisor")).await;
    let text = draft["text"].as_str().unwrap_or("");
    assert_eq!(draft["situation"], "confirm_owner");
    assert!(
        text.contains("Bevor ich Ihnen") && !text.contains("Petra"),
        "{text}"
    );
}
