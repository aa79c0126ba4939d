//! The draft follows the parcel's real state, through the real HTTP API and the demo shop: a shopper who
//! "was not at home" hears where the parcel waits and until when, one whose parcel customs holds hears it
//! is customs and what customs asks, and an order number no shop has is said to be not found.

mod common;

use common::app::{case_of_shopper, eventually, spawn_app_with, TestApp};
use lifeline_sandbox::ShopperMessage;
use serde_json::Value;

/// The demo shop, with the post office holding #1015 until 14 March (the tracker gives no deadline, the
/// shop's own export does).
const PICKUP_UNTIL: &str = "2030-03-14";

async fn desk() -> TestApp {
    spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        let path = desk.data_dir.join("demo-orders.json");
        let mut doc: Value = serde_json::from_str(lifeline_commerce::DEMO_ORDERS).unwrap();
        for order in doc["orders"].as_array_mut().unwrap() {
            if order["number"] == "1015" {
                order["shipments"][0]["pickup_until"] = PICKUP_UNTIL.into();
            }
        }
        std::fs::write(&path, doc.to_string()).unwrap();
    })
    .await
}

/// The shopper on `wa_id` writes `text`; returns the draft once `ready` holds for it.
async fn draft_after(
    app: &TestApp,
    wa_id: &str,
    name: &str,
    text: &str,
    ready: impl Fn(&Value) -> bool,
) -> Value {
    let shopper = common::process::shopper(wa_id, name);
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(text.into()))
        .await;
    eventually(10, "the draft", || async {
        let cases = app.api("/cases?all=true").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let case = case_of_shopper(app, cases, wa_id).await?;
        let draft = app
            .api(&format!("/cases/{}/draft?role=agent", case["id"]))
            .await;
        ready(&draft).then_some(draft)
    })
    .await
}

fn remedies(draft: &Value) -> Vec<String> {
    draft["options"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| o["remedy"]["type"].as_str().unwrap_or("").to_string())
        .collect()
}

#[tokio::test]
async fn a_shopper_not_at_home_hears_where_the_parcel_waits_and_until_when() {
    let app = desk().await;
    let draft = draft_after(
        &app,
        "34642345678",
        "Pablo Moreno",
        "Hola, el repartidor dice que no estaba en casa, pedido #1015",
        |d| d["facts"]["shipment_status"].is_string(),
    )
    .await;
    let text = draft["text"].as_str().unwrap();
    assert_eq!(draft["situation"], "awaiting_pickup", "{text}");
    assert!(
        text.contains("Oficina de Correos, Calle del Coso 45, Zaragoza"),
        "{text}"
    );
    assert!(
        text.contains("Disponible en oficina para recoger"),
        "{text}"
    );
    assert!(text.contains("hasta el 14 de marzo"), "{text}");
    assert!(text.contains("LP00008037785ES"), "how to collect: {text}");
    assert!(!text.contains("en camino"), "{text}");
    assert_eq!(draft["facts"]["pickup_until"], PICKUP_UNTIL);
    assert_eq!(
        draft["facts"]["pickup_place"],
        "Oficina de Correos, Calle del Coso 45, Zaragoza"
    );
    assert!(
        !remedies(&draft).contains(&"chase_carrier".to_string()),
        "{draft:#}"
    );
}

#[tokio::test]
async fn a_shopper_whose_parcel_customs_holds_hears_what_customs_asks() {
    let app = desk().await;
    let draft = draft_after(
        &app,
        "5215512345678",
        "Carlos Ramírez",
        "Hola, ¿dónde está mi pedido #1007? ¿Tengo que pagar algo?",
        |d| d["facts"]["shipment_status"].is_string(),
    )
    .await;
    let text = draft["text"].as_str().unwrap();
    assert_eq!(draft["situation"], "customs_hold", "{text}");
    assert_eq!(draft["facts"]["shipment_sub_status"], "Exception_004");
    assert!(text.contains("aduana"), "{text}");
    assert!(
        text.contains("impuestos o aranceles de importación"),
        "{text}"
    );
    assert!(text.contains("factura del pedido #1007"), "{text}");
    assert!(
        text.contains("Held by customs: import duties and an invoice are required"),
        "{text}"
    );
    assert!(
        !remedies(&draft).contains(&"chase_carrier".to_string()),
        "{draft:#}"
    );
}

#[tokio::test]
async fn an_order_number_no_shop_has_is_said_to_be_not_found() {
    let app = desk().await;
    let draft = draft_after(
        &app,
        "5511987654321",
        "Ana Souza",
        "Oi, cadê o meu pedido #99999?",
        |d| d["facts"]["order_found"] == false,
    )
    .await;
    let text = draft["text"].as_str().unwrap();
    assert_eq!(draft["situation"], "where_no_order_found", "{text}");
    assert!(text.contains("#99999"), "{text}");
    assert!(
        !text.contains("armazém"),
        "never 'has not left our warehouse': {text}"
    );
    assert!(
        draft["buttons"].as_array().is_none_or(|b| b.is_empty()),
        "{draft:#}"
    );
}

#[tokio::test]
async fn a_failed_attempt_is_drafted_with_what_the_courier_reported() {
    let app = desk().await;
    let draft = draft_after(
        &app,
        "393471234567",
        "Giulia Rossi",
        "Il corriere dice che non ero a casa, ordine #1027",
        |d| d["facts"]["shipment_status"].is_string(),
    )
    .await;
    let text = draft["text"].as_str().unwrap();
    assert_eq!(draft["situation"], "delivery_failed", "{text}");
    assert!(
        text.contains("Tentativo di consegna non riuscito: destinatario assente"),
        "{text}"
    );
    assert!(text.contains("nuova consegna"), "how to rebook: {text}");
    assert!(
        !remedies(&draft).contains(&"chase_carrier".to_string()),
        "{draft:#}"
    );
}

#[tokio::test]
async fn a_parcel_its_carrier_declared_lost_is_drafted_as_lost_with_what_the_policy_allows() {
    let app = desk().await;
    let draft = draft_after(
        &app,
        "4916012345678",
        "Felix Müller",
        "Hallo, wo bleibt mein Paket? Bestellung #1024",
        |d| d["facts"]["shipment_status"].is_string(),
    )
    .await;
    let text = draft["text"].as_str().unwrap();
    assert_eq!(draft["situation"], "declared_lost", "{text}");
    assert_eq!(draft["facts"]["shipment_sub_status"], "Exception_013");
    assert!(text.contains("als verloren gemeldet"), "{text}");
    assert!(!text.contains("nachgehakt"), "nobody chased anyone: {text}");
    let offered = remedies(&draft);
    assert!(!offered.contains(&"chase_carrier".to_string()), "{draft:#}");
    assert!(
        offered.contains(&"replacement".to_string())
            && offered.contains(&"full_refund".to_string()),
        "the policy for a lost parcel: {offered:?}"
    );
}

#[tokio::test]
async fn an_order_not_shipped_yet_gets_no_carrier_wording() {
    let app = desk().await;
    let draft = draft_after(
        &app,
        "5551996543210",
        "Marcos Lima",
        "Meu pedido #1005 está atrasado, cadê?",
        |d| d["facts"]["order_found"] == true,
    )
    .await;
    let text = draft["text"].as_str().unwrap();
    assert_eq!(draft["situation"], "where_not_shipped", "{text}");
    assert!(!text.contains("transportadora"), "{text}");
    assert!(
        !remedies(&draft).contains(&"chase_carrier".to_string()),
        "{draft:#}"
    );
}
