//! The WooCommerce connector against a fake REST v3 site on loopback.
#![cfg(feature = "fakes")]

use chrono::Duration;
use lifeline_commerce::config::{StoreConfig, WooCommerceConfig};
use lifeline_commerce::fakes::FakeWooCommerce;
use lifeline_commerce::*;
use std::sync::Arc;

fn config(url: &str, secret: &str) -> StoreConfig {
    StoreConfig::Woocommerce(WooCommerceConfig {
        name: "eu".into(),
        url: url.into(),
        consumer_key: "ck_test".into(),
        consumer_secret: secret.into(),
        numbers: vec![],
    })
}

fn shop(fake: &FakeWooCommerce) -> Arc<dyn Shop> {
    build_shop(&config(&fake.base_url(), "cs_test"), reqwest::Client::new()).unwrap()
}

/// The demo orders, where a renumbering plugin gave #1001 the id 723 and #1044 the id 1001.
fn renumbered() -> Vec<Order> {
    let mut orders = demo_store().orders();
    for o in &mut orders {
        match o.number.as_str() {
            "1001" => o.id = "723".into(),
            "1044" => o.id = "1001".into(),
            _ => {}
        }
    }
    orders
}

#[tokio::test]
async fn plain_http_is_refused_except_to_this_machine() {
    let http = reqwest::Client::new();
    let err = build_shop(&config("http://shop.example.com", "cs"), http.clone())
        .err()
        .unwrap();
    assert!(
        matches!(err, CommerceError::InsecureUrl { .. }) && err.to_string().contains("https://"),
        "{err}"
    );
    assert!(build_shop(&config("https://shop.example.com", "cs"), http.clone()).is_ok());
    for local in [
        "http://127.0.0.1:8080",
        "http://localhost",
        "http://[::1]:9",
    ] {
        assert!(
            build_shop(&config(local, "cs"), http.clone()).is_ok(),
            "{local}"
        );
    }
    assert!(matches!(
        build_shop(&config("ftp://shop.example.com", "cs"), http).err(),
        Some(CommerceError::Config(_))
    ));
}

#[tokio::test]
async fn the_number_is_checked_not_assumed_to_be_the_id() {
    let fake = FakeWooCommerce::start("ck_test", "cs_test", renumbered())
        .await
        .unwrap();
    let shop = shop(&fake);
    let order = shop.order_by_number("#1001").await.unwrap().unwrap();
    assert_eq!((order.number.as_str(), order.id.as_str()), ("1001", "723"));
    assert_eq!(order.customer.name.as_deref(), Some("Ana Souza"));
    assert_eq!(order.total, Money::new(28980, "BRL"));
    assert_eq!(order.line_items[0].unit_price, Money::new(24990, "BRL"));
    assert_eq!(
        order.shipments[0].carrier.as_deref(),
        Some("Cainiao → Correios")
    );
    assert_eq!(
        shop.order_by_number("1044").await.unwrap().unwrap().id,
        "1001"
    );
    assert!(shop.order_by_number("4242").await.unwrap().is_none());
}

#[tokio::test]
async fn searches_walk_every_page_the_site_reports() {
    let base = demo_store().order_by_number("1001").await.unwrap().unwrap();
    let orders: Vec<Order> = (0..25)
        .map(|i| {
            let mut o = base.clone();
            o.number = if i == 0 {
                "1001".into()
            } else {
                format!("1001{i}")
            };
            o.id = (800 + i).to_string();
            o.placed_at = base.placed_at + Duration::hours(i);
            o
        })
        .collect();
    let fake = FakeWooCommerce::start("ck_test", "cs_test", orders)
        .await
        .unwrap();
    let shop = shop(&fake);
    let found = shop.order_by_number("1001").await.unwrap().unwrap();
    assert_eq!(found.id, "800", "the oldest match sits on page 2");
    assert_eq!(fake.calls(), 3, "GET /orders/1001, then two search pages");
    let mine = shop
        .recent_orders_by_contact(None, Some("ANA.SOUZA@exemplo.com.br"))
        .await
        .unwrap();
    assert_eq!(mine.len(), 10);
    assert_eq!(mine[0].number, "100124", "newest first");
    assert_eq!(fake.calls(), 5);
}

#[tokio::test]
async fn refunds_state_api_refund_and_respect_what_is_left() {
    let fake = FakeWooCommerce::start("ck_test", "cs_test", renumbered())
        .await
        .unwrap();
    let shop = shop(&fake);
    let order = shop.order_by_number("1001").await.unwrap().unwrap();
    let req = |minor, key: &str, gateway| RefundRequest {
        amount: Money::new(minor, "BRL"),
        reason: "Parcel lost (desk case 88)".into(),
        idempotency_key: key.into(),
        notify: true,
        through_gateway: gateway,
        lines: Vec::new(),
    };
    let done = shop.refund(&order, &req(2490, "r1", true)).await.unwrap();
    assert_eq!(done.amount, Money::new(2490, "BRL"));
    assert_eq!(
        shop.refund(&order, &req(2490, "r1", true)).await.unwrap(),
        done
    );
    shop.refund(&order, &req(1000, "r2", false)).await.unwrap();
    let sent = fake.refunds();
    assert_eq!(sent.len(), 2);
    assert_eq!(
        (sent[0]["api_refund"].clone(), sent[1]["api_refund"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(sent[0]["amount"], "24.90");
    assert_eq!(sent[0]["order_id"], 723);
    let over = shop
        .refund(&order, &req(28000, "r3", true))
        .await
        .unwrap_err();
    assert!(
        matches!(&over, CommerceError::UserErrors(m) if m[0].contains("Invalid refund amount")),
        "{over:?}"
    );
}

#[tokio::test]
async fn a_refund_for_one_line_names_that_line_and_what_it_cost() {
    let fake = FakeWooCommerce::start("ck_test", "cs_test", renumbered())
        .await
        .unwrap();
    let shop = shop(&fake);
    let order = shop.order_by_number("1001").await.unwrap().unwrap();
    let socks = order.line_items[1].clone();
    let req = RefundRequest {
        amount: socks.unit_price.clone(),
        reason: "The socks were missing (desk case 9)".into(),
        idempotency_key: "line-1".into(),
        notify: true,
        through_gateway: true,
        lines: vec![RefundLine {
            line_item_id: socks.id.clone(),
            quantity: 1,
        }],
    };
    shop.refund(&order, &req).await.unwrap();
    let sent = fake.refunds();
    assert_eq!(
        sent[0]["line_items"],
        serde_json::json!([{"id": socks.id.parse::<u64>().unwrap(), "quantity": 1,
            "refund_total": socks.unit_price.to_decimal_string()}])
    );
    let too_many = RefundRequest {
        idempotency_key: "line-2".into(),
        lines: vec![RefundLine {
            line_item_id: socks.id.clone(),
            quantity: socks.quantity + 1,
        }],
        ..req
    };
    assert!(shop.refund(&order, &too_many).await.is_err());
}

#[tokio::test]
async fn replacements_coupons_and_notes_reach_the_site() {
    let fake = FakeWooCommerce::start("ck_test", "cs_test", renumbered())
        .await
        .unwrap();
    let shop = shop(&fake);
    let order = shop.order_by_number("1001").await.unwrap().unwrap();
    let item = ReplacementItem {
        line_item_id: order.line_items[1].id.clone(),
        quantity: 1,
    };
    let rep = shop
        .create_replacement(&order, &[item], "Reship the socks", "rep-1")
        .await
        .unwrap();
    let placed = fake
        .orders()
        .into_iter()
        .find(|o| o["number"] == rep.order_number.as_str())
        .unwrap();
    assert_eq!(placed["set_paid"], true);
    assert_eq!(placed["line_items"][0]["total"], "0.00");
    assert_eq!(placed["billing"]["email"], "ana.souza@exemplo.com.br");
    let copy = shop
        .order_by_number(&rep.order_number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(copy.total.minor, 0);

    let code = DiscountRequest {
        value: DiscountValue::PercentBasisPoints(1250),
        code: "SORRY-1001".into(),
        expires_at: Some(chrono::Utc::now() + Duration::days(30)),
        idempotency_key: "c1".into(),
    };
    shop.create_discount_code(&order, &code).await.unwrap();
    let c = &fake.coupons()[0];
    assert_eq!(
        (c["discount_type"].as_str(), c["amount"].as_str()),
        (Some("percent"), Some("12.5"))
    );
    assert_eq!(c["email_restrictions"][0], "ana.souza@exemplo.com.br");
    assert_eq!(
        (
            c["usage_limit"].as_u64(),
            c["usage_limit_per_user"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let dup = DiscountRequest {
        idempotency_key: "c2".into(),
        ..code
    };
    assert!(matches!(
        shop.create_discount_code(&order, &dup).await,
        Err(CommerceError::UserErrors(_))
    ));

    shop.add_note(
        &order,
        "Reship sent, customer informed",
        &["needs follow-up".into()],
    )
    .await
    .unwrap();
    assert_eq!(fake.notes()[0]["customer_note"], false);
    let after = shop.order_by_number("1001").await.unwrap().unwrap();
    assert_eq!(after.tags, vec!["needs follow-up".to_string()]);
}

#[tokio::test]
async fn failures_become_clear_reasons() {
    let fake = FakeWooCommerce::start("ck_test", "cs_test", renumbered())
        .await
        .unwrap();
    let wrong = build_shop(
        &config(&fake.base_url(), "cs_wrong"),
        reqwest::Client::new(),
    )
    .unwrap();
    let err = wrong.order_by_number("1001").await.unwrap_err();
    assert!(
        matches!(err, CommerceError::Auth { .. }) && err.to_string().contains("cannot list"),
        "{err}"
    );
    let shop = shop(&fake);
    fake.fail_next(500);
    assert!(matches!(
        shop.order_by_number("1001").await,
        Err(CommerceError::Upstream { status: 500, .. })
    ));
    fake.throttle_next(1);
    assert!(matches!(
        shop.order_by_number("1001").await,
        Err(CommerceError::Throttled { .. })
    ));
    assert!(shop.order_by_number("1001").await.unwrap().is_some());
}

#[tokio::test]
async fn a_phone_typed_with_spaces_and_dashes_still_finds_the_shopper() {
    let mut orders = renumbered();
    for o in orders
        .iter_mut()
        .filter(|o| o.customer.name.as_deref() == Some("Ana Souza"))
    {
        o.customer.phone = Some("+55 11 98765-4321".into());
    }
    let fake = FakeWooCommerce::start("ck_test", "cs_test", orders)
        .await
        .unwrap();
    let mine = shop(&fake)
        .recent_orders_by_contact(Some("5511987654321"), None)
        .await
        .unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine
        .iter()
        .all(|o| o.customer.phone.as_deref() == Some("5511987654321")));
}
