//! The file store and the demo data, through the `Shop` and `Tracker` traits.

use chrono::{Duration, Utc};
use lifeline_commerce::*;
use std::collections::HashSet;
use std::sync::Arc;

fn tmp_dir(tag: &str) -> std::path::PathBuf {
    let dir =
        std::env::temp_dir().join(format!("lifeline-commerce-{tag}-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn refund(amount: i64, currency: &str, key: &str) -> RefundRequest {
    RefundRequest {
        amount: Money::new(amount, currency),
        reason: "Parcel lost".into(),
        idempotency_key: key.into(),
        notify: true,
        through_gateway: true,
        lines: Vec::new(),
    }
}

#[test]
fn the_demo_covers_every_market_status_and_marketplace() {
    let orders = demo_store().orders();
    assert!(orders.len() >= 40, "{} orders", orders.len());
    let markets: HashSet<_> = orders
        .iter()
        .filter_map(|o| o.customer.country.clone())
        .collect();
    for m in ["BR", "MX", "ES", "FR", "DE", "IT", "ID", "NL"] {
        assert!(markets.contains(m), "no order in {m}");
    }
    let statuses: HashSet<_> = orders
        .iter()
        .flat_map(|o| o.shipments.iter().map(|s| s.status))
        .collect();
    assert_eq!(statuses.len(), 9, "{statuses:?}");
    assert!(orders
        .iter()
        .any(|o| o.channel == Channel::Amazon && !o.may_contact_first()));
    assert!(orders
        .iter()
        .any(|o| o.channel == Channel::Ebay && o.is_marketplace() && o.may_contact_first()));
    let numbers: HashSet<_> = orders
        .iter()
        .map(|o| o.number.parse::<u32>().unwrap())
        .collect();
    assert_eq!(numbers.len(), orders.len());
    assert!(numbers.iter().all(|n| *n >= 1001));
    for o in &orders {
        let sum = o
            .line_items
            .iter()
            .map(|l| l.unit_price.minor * i64::from(l.quantity))
            .sum::<i64>();
        assert_eq!(sum, o.total.minor, "order {} total", o.number);
    }
}

/// A shopper reading the demo's tracking next to the order sees one story: the parcel is scanned after
/// the order was placed, and is not promised for before it left.
#[test]
fn the_demo_parcels_keep_their_story() {
    for o in demo_store().orders() {
        for s in &o.shipments {
            for c in &s.checkpoints {
                assert!(
                    c.at > o.placed_at + Duration::hours(6),
                    "order {} placed {} has a scan at {} ({})",
                    o.number,
                    o.placed_at,
                    c.at,
                    c.message
                );
            }
            if let (Some(eta), Some(first)) = (
                s.estimated_delivery,
                s.checkpoints.iter().map(|c| c.at).min(),
            ) {
                assert!(
                    eta > first,
                    "order {} is due before its first scan",
                    o.number
                );
            }
            if s.status == ShipmentStatus::AvailableForPickup {
                let arrived = s.last_movement().unwrap();
                let until = s
                    .pickup_until
                    .expect("a pickup point says until when it holds the parcel");
                assert!(
                    until > arrived,
                    "order {} is held until before it arrived",
                    o.number
                );
                assert!(
                    s.checkpoints
                        .iter()
                        .filter(|c| c.status == Some(ShipmentStatus::AvailableForPickup))
                        .all(|c| c.place.is_some()),
                    "order {}: where it waits",
                    o.number
                );
            }
        }
    }
}

#[tokio::test]
async fn a_demo_shopper_finds_a_parcel_stalled_for_nine_days() {
    let store = demo_store();
    let mine = store
        .recent_orders_by_contact(Some("+55 11 98765-4321"), None)
        .await
        .unwrap();
    assert!(
        mine.len() >= 2
            && mine
                .iter()
                .all(|o| o.customer.name.as_deref() == Some("Ana Souza"))
    );
    assert!(
        mine.windows(2).all(|w| w[0].placed_at >= w[1].placed_at),
        "newest first"
    );
    let order = store.order_by_number("#1001").await.unwrap().unwrap();
    let parcel = &order.shipments[0];
    let still = parcel.since_last_movement(Utc::now()).unwrap();
    assert!(still >= Duration::days(9) && still < Duration::days(9) + Duration::minutes(5));
    assert!(parcel.is_stalled(Utc::now(), Duration::days(7)));
    let text = order.to_string();
    assert!(
        text.contains("Order #1001") && text.contains("Ana Souza") && text.contains("249.90 BRL"),
        "{text}"
    );
    for phone in [
        "5215512345678",
        "34612345678",
        "33612345678",
        "4915112345678",
        "393471234567",
        "6281234567890",
        "31612345678",
    ] {
        assert!(
            !store
                .recent_orders_by_contact(Some(phone), None)
                .await
                .unwrap()
                .is_empty(),
            "{phone}"
        );
    }
    assert!(store.order_by_number("999999").await.unwrap().is_none());
}

#[tokio::test]
async fn the_demo_tracker_reads_the_same_parcels() {
    let store = Arc::new(demo_store());
    let tracker = demo_tracker(store.clone());
    let order = store.order_by_number("1007").await.unwrap().unwrap();
    let number = &order.shipments[0].tracking_number;
    let parcel = tracker.track(number, None).await.unwrap().unwrap();
    assert_eq!(parcel.status, ShipmentStatus::Exception);
    assert_eq!(parcel.sub_status.as_deref(), Some("Exception_004"));
    assert!(tracker.track("NOPE", None).await.unwrap().is_none());
    assert!(tracker.register("NOPE", None, None).await.is_err());
    assert!(matches!(
        tracker.verify_push(&Default::default(), b"[]"),
        Err(CommerceError::Unsupported(_))
    ));
    let known = vec![
        Shipment {
            status: ShipmentStatus::InTransit,
            ..parcel.clone()
        },
        parcel.clone(),
    ];
    let changed = reconcile(&tracker, &known).await;
    assert_eq!(changed.len(), 1, "only the stale copy differs");
}

#[tokio::test]
async fn actions_are_journaled_once_and_survive_a_restart() {
    let dir = tmp_dir("journal");
    let path = dir.join("orders.json");
    std::fs::write(&path, DEMO_ORDERS).unwrap();
    let store = FileStore::open("shop", &path).unwrap();
    let order = store.order_by_number("1012").await.unwrap().unwrap();
    let first = store
        .refund(&order, &refund(1000, "EUR", "k1"))
        .await
        .unwrap();
    let again = store
        .refund(&order, &refund(1000, "EUR", "k1"))
        .await
        .unwrap();
    assert_eq!(first, again);
    let too_much = store
        .refund(&order, &refund(order.total.minor, "EUR", "k2"))
        .await;
    assert!(
        matches!(too_much, Err(CommerceError::UserErrors(_))),
        "{too_much:?}"
    );
    assert!(store
        .refund(&order, &refund(100, "BRL", "k3"))
        .await
        .is_err());
    let rep = store
        .create_replacement(
            &order,
            &[ReplacementItem {
                line_item_id: "1012-1".into(),
                quantity: 1,
            }],
            "Reship",
            "r1",
        )
        .await
        .unwrap();
    assert_eq!(rep.order_number, "1012-R1");
    assert!(store
        .create_replacement(
            &order,
            &[ReplacementItem {
                line_item_id: "x".into(),
                quantity: 1
            }],
            "",
            "r2"
        )
        .await
        .is_err());
    let code = DiscountRequest {
        value: DiscountValue::PercentBasisPoints(500),
        code: "SORRY-1012".into(),
        expires_at: None,
        idempotency_key: "d1".into(),
    };
    store.create_discount_code(&order, &code).await.unwrap();
    store
        .add_note(
            &order,
            "Refunded 10 € for the delay",
            &["refund in progress".to_string()],
        )
        .await
        .unwrap();

    let reopened = FileStore::open("shop", &path).unwrap();
    assert_eq!(reopened.journal().len(), 4);
    let after = reopened.order_by_number("1012").await.unwrap().unwrap();
    assert_eq!(after.financial_status, FinancialStatus::PartiallyRefunded);
    assert!(after.note.as_deref().unwrap().contains("Refunded 10 €"));
    assert!(after.tags.contains(&"refund in progress".to_string()));
    let copy = reopened.order_by_number("1012-R1").await.unwrap().unwrap();
    assert_eq!(copy.total.minor, 0);
    assert_eq!(
        reopened
            .refund(&after, &refund(1000, "EUR", "k1"))
            .await
            .unwrap(),
        first
    );
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_csv_export_is_reloaded_when_it_changes() {
    let dir = tmp_dir("csv");
    let path = dir.join("orders.csv");
    let header = "number,placed_at,currency,customer_name,phone,email,country,item_name,quantity,unit_price,tracking_number,shipment_status,last_event_at\n";
    std::fs::write(&path, format!("{header}2001,-2d,EUR,Emma Visser,31642345678,emma@voorbeeld.nl,NL,Puzzel,1,19.95,3SABC123,in_transit,-1d\n")).unwrap();
    let store = FileStore::open("csv", &path).unwrap();
    assert_eq!(
        store.order_by_number("2001").await.unwrap().unwrap().total,
        Money::new(1995, "EUR")
    );
    assert!(store.order_by_number("2002").await.unwrap().is_none());
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&path, format!("{header}2001,-2d,EUR,Emma,,,NL,Puzzel,1,19.95,,,\n2002,-1d,EUR,Bram,,,NL,Thermos,2,22.50,,,\n")).unwrap();
    let f = std::fs::File::options().append(true).open(&path).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(2))
        .unwrap();
    assert_eq!(
        store
            .order_by_number("2002")
            .await
            .unwrap()
            .unwrap()
            .total
            .minor,
        4500
    );
    std::fs::write(&path, "number,placed_at\nbroken").unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(4))
        .unwrap();
    assert!(
        store.order_by_number("2002").await.unwrap().is_some(),
        "a broken edit keeps the last good orders"
    );
    assert!(FileStore::open("csv", &dir.join("missing.json")).is_err());
    std::fs::remove_dir_all(dir).ok();
}
