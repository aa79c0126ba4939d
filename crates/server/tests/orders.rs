//! Orders and parcels: a message that names an order gets it attached; a failing shop never delays the
//! acknowledgement and its reason is shown.

mod common;

use common::{
    app::{eventually, spawn_app_with},
    db,
};
use lifeline_sandbox::{Shopper, ShopperMessage};

fn shopper(app: &common::app::TestApp, wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

async fn conversation_id(app: &common::app::TestApp, key: &str) -> i64 {
    eventually(5, "the conversation", || async {
        app.conversations()
            .await
            .iter()
            .find(|c| common::app::names(c, key))
            .and_then(|c| c["id"].as_i64())
    })
    .await
}

#[tokio::test]
async fn an_order_named_in_a_message_is_attached_with_its_parcel() {
    let app = spawn_app_with(db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await;
    let ana = shopper(&app, "5511987654321", "Ana Souza");
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("Oi, cadê meu pedido #1001?".into()),
        )
        .await;
    let id = conversation_id(&app, "5511987654321").await;
    let orders = eventually(5, "order 1001 attached", || async {
        let o = app.api(&format!("/conversations/{id}/orders")).await["orders"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        o.iter()
            .any(|o| o["order_number"] == "1001" && o["order"].is_object())
            .then_some(o)
    })
    .await;
    let order = &orders.iter().find(|o| o["order_number"] == "1001").unwrap()["order"];
    assert_eq!(order["customer"]["name"], "Ana Souza");
    assert!(
        order["shipments"][0]["tracking_number"].is_string(),
        "the parcel comes with the order: {order}"
    );
    assert!(
        order["total"]["minor"].is_i64(),
        "money is exact minor units: {}",
        order["total"]
    );
    // The acknowledgement names the order instead of asking for it.
    let ack = eventually(5, "the acknowledgement", || async {
        app.sandbox.sent_to("5511987654321").first().cloned()
    })
    .await;
    let ack = ack.body["text"]["body"].as_str().unwrap().to_string();
    assert!(ack.contains("1001"), "{ack}");
}

#[tokio::test]
async fn a_shopper_who_names_no_order_gets_their_recent_order_found_by_phone() {
    let app = spawn_app_with(db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await;
    let jonas = shopper(&app, "4915112345678", "Jonas Weber");
    app.sandbox
        .shopper_says(
            &jonas,
            ShopperMessage::Text("Hallo, wo bleibt mein Paket?".into()),
        )
        .await;
    let id = conversation_id(&app, "4915112345678").await;
    eventually(5, "an order found by phone", || async {
        let o = app.api(&format!("/conversations/{id}/orders")).await["orders"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        o.iter()
            .any(|o| o["source"] == "phone" && o["order"]["customer"]["name"] == "Jonas Weber")
            .then_some(())
    })
    .await;
}

#[tokio::test]
async fn a_failing_shop_never_delays_the_acknowledgement_and_says_why() {
    // A Shopify store whose host refuses connections.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let app = spawn_app_with(db::sqlite(), move |_, desk| {
        let store: toml::Table = toml::from_str(&format!(
            "name = \"main\"\nkind = \"shopify\"\nshop = \"acme\"\naccess_token = \"shpat_x\"\napi_base = \"http://{closed}\"\n"
        ))
        .unwrap();
        desk.stores = vec![store];
    })
    .await;
    let ana = shopper(&app, "5511987654322", "Ana");
    let started = std::time::Instant::now();
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("meu pedido #4063 não chegou".into()),
        )
        .await;
    eventually(5, "the acknowledgement", || async {
        (!app.sandbox.sent_to("5511987654322").is_empty()).then_some(())
    })
    .await;
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    let id = conversation_id(&app, "5511987654322").await;
    let orders = eventually(20, "the shop's failure recorded", || async {
        let o = app.api(&format!("/conversations/{id}/orders")).await["orders"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        o.iter()
            .any(|o| o["order_number"] == "4063" && o["error"].is_string())
            .then_some(o)
    })
    .await;
    let error = orders[0]["error"].as_str().unwrap();
    assert!(!error.is_empty(), "the agent sees why: {error}");
}

#[tokio::test]
async fn a_carrier_push_updates_the_parcel_the_agent_sees() {
    use lifeline_commerce::{fakes::FakeAfterShip, ShipmentStatus};
    // The demo order 1001's parcel, as the tracker knows it.
    let order = lifeline_commerce::demo_store()
        .orders()
        .into_iter()
        .find(|o| o.number == "1001")
        .unwrap();
    let mut parcel = order.shipments[0].clone();
    let fake = FakeAfterShip::start("as-key", vec![parcel.clone()])
        .await
        .unwrap();
    let base = fake.base_url();
    let app = spawn_app_with(db::sqlite(), move |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        desk.tracking = Some(
            toml::from_str(&format!("kind = \"aftership\"\napi_key = \"as-key\"\nwebhook_secret = \"push-secret\"\napi_base = \"{base}\"\n")).unwrap(),
        );
    })
    .await;
    let ana = shopper(&app, "5511987654321", "Ana Souza");
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("Oi, cadê meu pedido #1001?".into()),
        )
        .await;
    let id = conversation_id(&app, "5511987654321").await;
    eventually(5, "order 1001 with its parcel", || async {
        let o = app.api(&format!("/conversations/{id}/orders")).await;
        (o["orders"][0]["order"]["shipments"][0]["status"] == "in_transit").then_some(())
    })
    .await;
    parcel.status = ShipmentStatus::OutForDelivery;
    fake.update(&parcel);
    let (body, signature) = fake
        .webhook(&parcel.tracking_number, "push-secret")
        .unwrap();
    let forged = app
        .http
        .post(format!("{}/webhooks/tracking", app.desk))
        .header("aftership-hmac-sha256", "bm90IHRoZSBzaWduYXR1cmU=")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 401);
    let r = app
        .http
        .post(format!("{}/webhooks/tracking", app.desk))
        .header("aftership-hmac-sha256", signature)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let o = app.api(&format!("/conversations/{id}/orders")).await;
    assert_eq!(
        o["orders"][0]["order"]["shipments"][0]["status"], "out_for_delivery",
        "{o:#}"
    );
}

/// Shopify's `orders/updated` body for order 1001 once it has shipped in a second parcel and been refunded.
const SHOPIFY_1001_UPDATED: &str = r##"{"id":450789469,"name":"#1001","created_at":"2026-11-01T10:00:00-03:00",
  "currency":"BRL","total_price":"289.80","financial_status":"refunded","fulfillment_status":"fulfilled",
  "email":"ana.souza@exemplo.com.br","phone":null,"note":"","tags":"",
  "customer":{"id":207119551,"first_name":"Ana","last_name":"Souza","email":"ana.souza@exemplo.com.br","phone":"+55 11 98765-4321"},
  "shipping_address":{"country_code":"BR","city":"São Paulo","phone":null},
  "line_items":[{"id":466157049,"name":"Tênis de corrida","sku":"RUN-AZ-38","quantity":1,"price":"249.90","variant_id":39072856}],
  "fulfillments":[{"tracking_company":"Correios","tracking_numbers":["LB555666777BR"],
    "tracking_urls":["https://rastreamento.correios.com.br/?objetos=LB555666777BR"],
    "shipment_status":"in_transit","updated_at":"2026-11-21T08:00:00Z"}]}"##;

#[tokio::test]
async fn a_shopify_order_webhook_updates_the_order_the_agent_sees_once_and_only_when_signed() {
    use lifeline_commerce::{fakes::FakeShopify, webhook::hmac_sha256_base64};
    let fake = FakeShopify::start("shpat_orders", lifeline_commerce::demo_store().orders())
        .await
        .unwrap();
    let base = fake.base_url();
    let app = spawn_app_with(db::sqlite(), move |_, desk| {
        desk.stores = vec![toml::from_str(&format!(
            "name = \"acme\"\nkind = \"shopify\"\nshop = \"acme\"\naccess_token = \"shpat_orders\"\n\
             api_base = \"{base}\"\nwebhook_secret = \"shpss_new\"\nprevious_webhook_secret = \"shpss_old\"\n"
        ))
        .unwrap()];
    })
    .await;
    let ana = shopper(&app, "5511987654321", "Ana Souza");
    app.sandbox
        .shopper_says(
            &ana,
            ShopperMessage::Text("Oi, cadê meu pedido #1001?".into()),
        )
        .await;
    let id = conversation_id(&app, "5511987654321").await;
    eventually(5, "order 1001 from the shop", || async {
        let o = app.api(&format!("/conversations/{id}/orders")).await;
        (o["orders"][0]["order"]["number"] == "1001").then_some(())
    })
    .await;
    let url = format!("{}/webhooks/shopify", app.desk);
    let post = |domain: &'static str,
                secret: &'static str,
                webhook_id: &'static str,
                body: &'static str| {
        let http = app.http.clone();
        let url = url.clone();
        async move {
            let r = http
                .post(url)
                .header("content-type", "application/json")
                .header("x-shopify-topic", "orders/updated")
                .header("x-shopify-shop-domain", domain)
                .header("x-shopify-webhook-id", webhook_id)
                .header(
                    "x-shopify-hmac-sha256",
                    hmac_sha256_base64(secret.as_bytes(), body.as_bytes()),
                )
                .body(body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (status, r.text().await.unwrap())
        }
    };
    let order = || async {
        app.api(&format!("/conversations/{id}/orders")).await["orders"][0]["order"].clone()
    };
    // Forged, or from a shop this desk does not know: refused, and the order is untouched.
    let (s, why) = post("acme.myshopify.com", "guess", "w-1", SHOPIFY_1001_UPDATED).await;
    assert_eq!(s, 401, "{why}");
    let (s, why) = post(
        "other.myshopify.com",
        "shpss_new",
        "w-1",
        SHOPIFY_1001_UPDATED,
    )
    .await;
    assert_eq!(s, 404, "{why}");
    assert!(why.contains("other.myshopify.com"), "{why}");
    assert_ne!(order().await["financial_status"], "refunded");
    // Signed with the secret from before a rotation: taken, and the agent sees the refund and the new parcel.
    let (s, why) = post(
        "acme.myshopify.com",
        "shpss_old",
        "w-1",
        SHOPIFY_1001_UPDATED,
    )
    .await;
    assert_eq!(s, 200, "{why}");
    let o = order().await;
    assert_eq!(o["financial_status"], "refunded", "{o:#}");
    assert_eq!(
        o["shipments"][0]["tracking_number"], "LB555666777BR",
        "{o:#}"
    );
    // The same delivery again is acknowledged without being applied twice.
    let (s, why) = post(
        "acme.myshopify.com",
        "shpss_new",
        "w-1",
        SHOPIFY_1001_UPDATED,
    )
    .await;
    assert_eq!((s, why.as_str()), (200, "already handled"));
    // A signed body that is not an order: a clear 400, and the body is kept for the operator.
    let (s, why) = post(
        "acme.myshopify.com",
        "shpss_new",
        "w-2",
        "{\"id\": \"not an order\"}",
    )
    .await;
    assert_eq!(s, 400, "{why}");
    let dead = app.api("/dead-letters").await;
    assert!(
        dead.to_string()
            .contains("unreadable Shopify order webhook"),
        "{dead:#}"
    );
}
