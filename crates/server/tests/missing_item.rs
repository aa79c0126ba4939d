//! A missing item, end to end through the HTTP API: the shopper of a two-line order says which line
//! did not come (in Italian, in Portuguese, or in German after being asked), the draft names that line,
//! and the replacement or refund carried out in the shop covers that line alone.

mod common;

use common::{
    app::{case_with_order, eventually, spawn_app_with, TestApp},
    cases::{done, for_line, offers_nothing_to_make_good, remedy_types},
};
use lifeline_commerce::{fakes::FakeShopify, FileStore};
use lifeline_sandbox::{SentRecord, Shopper, ShopperMessage};
use serde_json::{json, Value};

const MARTA: &str = "393471234567";

/// Marta's order 2001: a TV she received and its remote control.
const ORDER: &str = r#"{"store": "test", "orders": [{
  "number": "2001", "channel": "shop", "placed_at": "-6d", "currency": "EUR", "financial_status": "paid",
  "customer": {"name": "Marta Rossi", "phone": "393471234567", "email": "marta.rossi@example.it",
               "country": "IT", "city": "Torino", "id": "cust-2001"},
  "items": [
    {"id": "2001-1", "sku": "TV-55", "name": "Smart TV 55 inch", "quantity": 1, "unit_price": "469.00", "variant_id": "var-TV-55"},
    {"id": "2001-2", "sku": "TV-RC", "name": "TV remote control", "quantity": 1, "unit_price": "12.90", "variant_id": "var-TV-RC"}
  ],
  "tags": [],
  "shipments": [{"carrier": "BRT", "tracking_number": "BRT2001", "status": "delivered",
    "checkpoints": [{"at": "-5d", "place": "Milano, IT", "message": "Parcel accepted", "status": "in_transit"},
                    {"at": "-1d", "place": "Torino, IT", "message": "Delivered", "status": "delivered"}]}],
  "fulfilment_status": "fulfilled"
}]}"#;

/// A desk whose one shop is a fake Shopify holding order 2001.
async fn desk() -> (TestApp, FakeShopify) {
    let orders = FileStore::from_json("test", ORDER)
        .expect("the order reads")
        .orders();
    let shop = FakeShopify::start("shpat_missing", orders).await.unwrap();
    let base = shop.base_url();
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        let store: toml::Table = toml::from_str(&format!(
            "name = \"main\"\nkind = \"shopify\"\nshop = \"lifeline-test\"\n\
             access_token = \"shpat_missing\"\napi_base = \"{base}\""
        ))
        .unwrap();
        desk.stores = vec![store];
    })
    .await;
    (app, shop)
}

/// The shop's id of the remote control's line.
fn remote_line(shop: &FakeShopify) -> String {
    shop.orders()[0].line_items[1].id.clone()
}

fn marta(app: &TestApp) -> Shopper {
    Shopper {
        wa_id: MARTA.into(),
        name: "Marta Rossi".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

async fn says(app: &TestApp, text: &str) {
    app.sandbox
        .shopper_says(&marta(app), ShopperMessage::Text(text.into()))
        .await;
}

async fn draft(app: &TestApp, id: i64) -> Value {
    app.api(&format!("/cases/{id}/draft?role=supervisor")).await
}

/// A supervisor sends the draft with its buttons; returns the offer as it reached Marta's phone.
async fn offer(app: &TestApp, id: i64, draft: &Value) -> SentRecord {
    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": draft["text"], "options": draft["buttons"], "actor": "sara",
                   "role": "supervisor"}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    eventually(10, "the buttons at Marta's phone", || async {
        app.sandbox
            .sent_to(MARTA)
            .into_iter()
            .find(|m| m.body["type"] == "interactive")
    })
    .await
}

#[tokio::test]
async fn the_missing_remote_is_named_and_only_it_is_sent_again() {
    let (app, shop) = desk().await;
    says(
        &app,
        "Ciao, nel pacco dell'ordine 2001 mancava il telecomando",
    )
    .await;
    let id = case_with_order(&app, MARTA).await;
    let d = draft(&app, id).await;
    let text = d["text"].as_str().unwrap_or("");
    assert!(text.contains("1 × «TV remote control»"), "{text}");
    assert!(!text.contains("Smart TV"), "the TV came: {text}");
    assert_eq!(d["facts"]["item"], "TV remote control", "{d:#}");
    let types = remedy_types(&d);
    assert!(
        types.contains(&"line_replacement".into()) && types.contains(&"line_refund".into()),
        "{types:?}"
    );
    assert!(
        !types
            .iter()
            .any(|t| t == "replacement" || t == "full_refund"),
        "{types:?}"
    );

    let offer = offer(&app, id, &d).await;
    let wanted = format!(":remedy:line_replacement.1.{}", remote_line(&shop));
    let button = offer.body["interactive"]["action"]["buttons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["reply"]["id"]
                .as_str()
                .is_some_and(|i| i.ends_with(&wanted))
        })
        .cloned()
        .unwrap_or_else(|| panic!("a button for the remote's line: {:#}", offer.body));
    app.sandbox
        .shopper_says(
            &marta(&app),
            ShopperMessage::ButtonReply {
                id: button["reply"]["id"].as_str().unwrap().into(),
                title: button["reply"]["title"].as_str().unwrap().into(),
                context_wamid: offer.wamid.clone(),
            },
        )
        .await;
    let comp = done(&app, id, "line_replacement").await;
    for_line(&comp, "TV remote control", 1, 1290);
    let drafts = shop.draft_orders();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let lines = drafts[0]["lineItems"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let remote_variant = shop.orders()[0].line_items[1].variant_id.clone().unwrap();
    assert_eq!(
        lines,
        vec![json!({"variantId": remote_variant, "quantity": 1})],
        "only the remote is sent again"
    );
}

#[tokio::test]
async fn a_refund_of_the_missing_line_refunds_that_line_only() {
    let (app, shop) = desk().await;
    says(&app, "Oi, o controle não veio na caixa do pedido 2001").await;
    let id = case_with_order(&app, MARTA).await;
    let d = draft(&app, id).await;
    let refund = d["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["remedy"]["type"] == "line_refund")
        .map(|o| o["remedy"].clone())
        .unwrap_or_else(|| panic!("a refund of the remote's line: {d:#}"));
    let (status, comp) = app
        .api_post(
            &format!("/cases/{id}/actions"),
            json!({"remedy": refund, "actor": "sara", "role": "supervisor"}),
        )
        .await;
    assert_eq!(status, 200, "{comp}");
    assert_eq!(comp["status"], "done", "{comp}");
    assert_eq!(comp["value_minor"], 1290, "{comp}");
    let refunds = shop.refunds();
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    assert_eq!(
        refunds[0]["refundLineItems"],
        json!([{"lineItemId": remote_line(&shop), "quantity": 1, "restockType": "NO_RESTOCK"}]),
        "{:#}",
        refunds[0]
    );
    assert_eq!(
        refunds[0]["transactions"][0]["amount"], "12.90",
        "{:#}",
        refunds[0]
    );
}

#[tokio::test]
async fn when_the_shopper_does_not_say_which_item_the_draft_asks_and_offers_no_remedy() {
    let (app, _shop) = desk().await;
    says(
        &app,
        "Hallo, in meinem Paket zur Bestellung 2001 fehlt etwas",
    )
    .await;
    let id = case_with_order(&app, MARTA).await;
    let d = draft(&app, id).await;
    let text = d["text"].as_str().unwrap_or("");
    assert!(
        text.contains("Welcher Artikel fehlt?")
            && text.contains("• Smart TV 55 inch")
            && text.contains("• TV remote control"),
        "{text}"
    );
    offers_nothing_to_make_good(&d);
    let before = app.inbound_of(MARTA).await.len();
    says(&app, "die Fernbedienung").await;
    eventually(10, "her answer stored", || async {
        (app.inbound_of(MARTA).await.len() > before).then_some(())
    })
    .await;
    let d = eventually(10, "the draft naming the remote", || async {
        let d = draft(&app, id).await;
        (d["facts"]["item"] == "TV remote control").then_some(d)
    })
    .await;
    let text = d["text"].as_str().unwrap_or("");
    assert!(text.contains("1 × „TV remote control“"), "{text}");
    assert!(
        remedy_types(&d).contains(&"line_replacement".into()),
        "{d:#}"
    );
}
