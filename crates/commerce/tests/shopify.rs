//! The Shopify connector against a fake Admin GraphQL server on loopback.
#![cfg(feature = "fakes")]

use lifeline_commerce::config::ShopifyConfig;
use lifeline_commerce::fakes::FakeShopify;
use lifeline_commerce::shopify::ShopifyShop;
use lifeline_commerce::*;
use std::time::Duration;

const TOKEN: &str = "shpat_test_token";

async fn fake() -> FakeShopify {
    let mut orders = demo_store().orders();
    let mut lookalike = orders.iter().find(|o| o.number == "1001").unwrap().clone();
    lookalike.number = "10012".into();
    orders.insert(0, lookalike); // first in the answer, so only an exact check skips it
    FakeShopify::start(TOKEN, orders).await.unwrap()
}

fn client(fake: &FakeShopify, version: &str, token: &str) -> ShopifyShop {
    let cfg = ShopifyConfig {
        name: "main".into(),
        shop: "acme".into(),
        access_token: token.into(),
        api_version: version.into(),
        api_base: Some(fake.base_url()),
        numbers: vec![],
        webhook_secret: None,
        previous_webhook_secret: None,
    };
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    ShopifyShop::new(&cfg, http).unwrap()
}

#[tokio::test]
async fn an_order_is_found_by_its_exact_name_not_a_prefix_match() {
    let fake = fake().await;
    let shop = client(&fake, "2025-10", TOKEN);
    let order = shop.order_by_number("#1001").await.unwrap().unwrap();
    assert_eq!(order.number, "1001");
    assert_eq!(order.total, Money::new(28980, "BRL"));
    assert_eq!(order.customer.phone.as_deref(), Some("5511987654321"));
    assert_eq!(order.customer.first_name.as_deref(), Some("Ana"));
    assert_eq!(order.shipments[0].status, ShipmentStatus::InTransit);
    assert!(order.id.starts_with("gid://shopify/Order/"));
    assert!(order
        .admin_url
        .unwrap()
        .starts_with("https://admin.shopify.com/store/acme/orders/"));
    let by_phone = shop
        .recent_orders_by_contact(Some("+55 11 98765-4321"), None)
        .await
        .unwrap();
    assert!(
        by_phone.len() >= 2
            && by_phone
                .iter()
                .all(|o| o.customer.name.as_deref() == Some("Ana Souza"))
    );
}

#[tokio::test]
async fn an_order_older_than_sixty_days_is_explained_until_read_all_orders_is_granted() {
    let fake = fake().await;
    let shop = client(&fake, "2025-10", TOKEN);
    let err = shop.order_by_number("1002").await.unwrap_err();
    assert!(matches!(err, CommerceError::TooOld { .. }), "{err:?}");
    assert!(err.to_string().contains("60 days") && err.to_string().contains("read_all_orders"));
    fake.grant_scope("read_all_orders");
    let fresh = client(&fake, "2025-10", TOKEN);
    assert_eq!(
        fresh.order_by_number("1002").await.unwrap().unwrap().number,
        "1002"
    );
    assert!(fresh.order_by_number("99999").await.unwrap().is_none());
}

#[tokio::test]
async fn throttled_answers_are_waited_out_then_given_up_on() {
    let fake = fake().await;
    let mut shop = client(&fake, "2025-10", TOKEN);
    fake.throttle_next(2);
    assert!(shop.order_by_number("1003").await.unwrap().is_some());
    assert_eq!(fake.calls(), 3);
    shop.max_retries = 1;
    fake.throttle_next(5);
    let err = shop.order_by_number("1003").await.unwrap_err();
    assert!(
        matches!(err, CommerceError::Throttled { .. }) && err.is_transient(),
        "{err:?}"
    );
}

#[tokio::test]
async fn http_failures_become_clear_reasons() {
    let fake = fake().await;
    let bad = client(&fake, "2025-10", "shpat_wrong");
    assert!(matches!(
        bad.order_by_number("1001").await,
        Err(CommerceError::Auth { .. })
    ));
    let shop = client(&fake, "2025-10", TOKEN);
    for (status, words) in [(500, "Internal"), (402, "unpaid"), (423, "locked")] {
        fake.fail_next(status);
        let err = shop.order_by_number("1001").await.unwrap_err();
        assert!(
            matches!(err, CommerceError::Upstream { status: s, .. } if s == status),
            "{err:?}"
        );
        assert!(err.to_string().contains(words), "{err}");
    }
    fake.fail_next(429);
    assert!(
        shop.order_by_number("1001").await.is_ok(),
        "a 429 is retried after Retry-After"
    );
    fake.set_delay(Duration::from_secs(2));
    let slow = shop.order_by_number("1001").await.unwrap_err();
    assert!(
        matches!(slow, CommerceError::Transport { .. }) && slow.to_string().contains("timed out"),
        "{slow:?}"
    );
}

fn refund(minor: i64, key: &str) -> RefundRequest {
    RefundRequest {
        amount: Money::new(minor, "BRL"),
        reason: "Parcel lost".into(),
        idempotency_key: key.into(),
        notify: true,
        through_gateway: true,
        lines: Vec::new(),
    }
}

#[tokio::test]
async fn refunds_carry_an_idempotency_key_from_2026_01_and_never_pay_twice() {
    let fake = fake().await;
    let new = client(&fake, "2026-04", TOKEN);
    let order = new.order_by_number("1001").await.unwrap().unwrap();
    let done = new.refund(&order, &refund(2490, "key-1")).await.unwrap();
    assert_eq!(done.amount, Money::new(2490, "BRL"));
    let again = client(&fake, "2026-04", TOKEN)
        .refund(&order, &refund(2490, "key-1"))
        .await
        .unwrap();
    assert_eq!(
        again.id, done.id,
        "the server-side key dedupes across restarts"
    );
    assert_eq!(fake.refunds().len(), 1);
    let r = &fake.refunds()[0];
    assert_eq!(r["idempotencyKey"], "key-1");
    assert_eq!(r["transactions"][0]["amount"], "24.90");
    assert_eq!(r["transactions"][0]["kind"], "REFUND");
    assert!(r["transactions"][0]["parentId"]
        .as_str()
        .unwrap()
        .contains("OrderTransaction"));

    let old = client(&fake, "2025-10", TOKEN);
    old.refund(&order, &refund(1000, "key-2")).await.unwrap();
    assert!(
        fake.refunds()[1].get("idempotencyKey").is_none(),
        "no directive before 2026-01"
    );
    let over = old
        .refund(&order, &refund(28980, "key-3"))
        .await
        .unwrap_err();
    assert!(
        matches!(&over, CommerceError::UserErrors(m) if m[0].contains("transactions.0.amount")),
        "{over:?}"
    );
    assert!(matches!(
        old.refund(&order, &refund(0, "key-4")).await,
        Err(CommerceError::UserErrors(_))
    ));
}

#[tokio::test]
async fn a_replacement_is_a_draft_completed_at_full_discount() {
    let fake = fake().await;
    let shop = client(&fake, "2025-10", TOKEN);
    let order = shop.order_by_number("1001").await.unwrap().unwrap();
    let item = ReplacementItem {
        line_item_id: order.line_items[0].id.clone(),
        quantity: 1,
    };
    let done = shop
        .create_replacement(
            &order,
            std::slice::from_ref(&item),
            "Reship: lost in transit",
            "rep-1",
        )
        .await
        .unwrap();
    let draft = &fake.draft_orders()[0];
    assert_eq!(draft["appliedDiscount"]["valueType"], "PERCENTAGE");
    assert_eq!(draft["appliedDiscount"]["value"], 100.0);
    assert_eq!(draft["completed"], true);
    let placed = fake
        .orders()
        .into_iter()
        .find(|o| o.number == done.order_number)
        .unwrap();
    assert_eq!(placed.total.minor, 0);
    assert_eq!(
        shop.create_replacement(&order, &[item], "again", "rep-1")
            .await
            .unwrap(),
        done
    );
    assert_eq!(fake.draft_orders().len(), 1);
    let wrong = ReplacementItem {
        line_item_id: "gid://shopify/LineItem/0".into(),
        quantity: 1,
    };
    assert!(matches!(
        shop.create_replacement(&order, &[wrong], "", "rep-2").await,
        Err(CommerceError::UserErrors(_))
    ));
}

#[tokio::test]
async fn discount_codes_are_for_one_customer_in_the_field_the_version_knows() {
    let fake = fake().await;
    let order = client(&fake, "2025-10", TOKEN)
        .order_by_number("1001")
        .await
        .unwrap()
        .unwrap();
    let req = |code: &str, key: &str| DiscountRequest {
        value: DiscountValue::PercentBasisPoints(1000),
        code: code.into(),
        expires_at: Some(chrono::Utc::now() + chrono::Duration::days(30)),
        idempotency_key: key.into(),
    };
    let done = client(&fake, "2025-10", TOKEN)
        .create_discount_code(&order, &req("SORRY-1001-A", "d1"))
        .await
        .unwrap();
    assert_eq!(done.code, "SORRY-1001-A");
    client(&fake, "2025-07", TOKEN)
        .create_discount_code(&order, &req("SORRY-1001-B", "d2"))
        .await
        .unwrap();
    let codes = fake.discount_codes();
    assert_eq!(
        codes[0]["context"]["customers"]["add"][0],
        order.customer.id.clone().unwrap()
    );
    assert_eq!(codes[0]["customerGets"]["value"]["percentage"], 0.1);
    assert_eq!(codes[0]["usageLimit"], 1);
    assert_eq!(
        codes[1]["customerSelection"]["customers"]["add"][0],
        order.customer.id.clone().unwrap()
    );
    assert!(codes[1].get("context").is_none());
    let taken = client(&fake, "2025-10", TOKEN)
        .create_discount_code(&order, &req("SORRY-1001-A", "d3"))
        .await
        .unwrap_err();
    assert!(taken.to_string().contains("unique"), "{taken}");
}

#[tokio::test]
async fn notes_are_appended_and_tags_added() {
    let fake = fake().await;
    let shop = client(&fake, "2025-10", TOKEN);
    let order = shop.order_by_number("1012").await.unwrap().unwrap();
    shop.add_note(
        &order,
        "Lifeline: refund of 10 € agreed",
        &["refund in progress".into()],
    )
    .await
    .unwrap();
    let after = shop.order_by_number("1012").await.unwrap().unwrap();
    let note = after.note.unwrap();
    assert!(
        note.starts_with(order.note.as_deref().unwrap()) && note.ends_with("refund of 10 € agreed"),
        "{note}"
    );
    assert!(after.tags.contains(&"refund in progress".to_string()));
    assert_eq!(fake.notes().len(), 1);
}
