//! Prints how long the connectors take: demo loading, file-store lookups, money parsing, and
//! HTTP round trips to the loopback fakes (the connector's own overhead, not a real shop's).
//! Run: `cargo bench -p lifeline-commerce --features fakes --profile dev` (or without
//! `--profile dev` for optimized figures).

use lifeline_commerce::config::{
    AfterShipConfig, ShopifyConfig, StoreConfig, TrackingConfig, WooCommerceConfig,
};
use lifeline_commerce::fakes::{FakeAfterShip, FakeShopify, FakeWooCommerce};
use lifeline_commerce::*;
use std::future::Future;
use std::time::{Duration, Instant};

fn report(what: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let pick = |q: f64| samples[((samples.len() as f64 - 1.0) * q) as usize];
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    println!(
        "{what:<44} n={:<5} mean {:>9.1?}  p50 {:>9.1?}  p95 {:>9.1?}",
        samples.len(),
        mean,
        pick(0.5),
        pick(0.95)
    );
}

async fn time<F: Future>(n: usize, mut f: impl FnMut() -> F) -> Vec<Duration> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        f().await;
        out.push(t.elapsed());
    }
    out
}

async fn local() {
    report(
        "demo store load (44 orders, JSON)",
        time(200, || async { demo_store() }).await,
    );
    let store = demo_store();
    report(
        "file store order_by_number",
        time(2000, || store.order_by_number("1030")).await,
    );
    report(
        "file store recent_orders_by_contact",
        time(2000, || {
            store.recent_orders_by_contact(Some("5511987654321"), None)
        })
        .await,
    );
    let amounts = ["24.90", "1.5", "249000", "0.05", "12345678.99"];
    let t = Instant::now();
    for _ in 0..20_000 {
        for a in amounts {
            std::hint::black_box(Money::parse(a, "EUR").ok());
        }
    }
    println!(
        "{:<44} {:.0} ns per amount",
        "Money::parse",
        t.elapsed().as_nanos() as f64 / 100_000.0
    );
}

async fn remote() {
    let http = reqwest::Client::new();
    let orders = demo_store().orders();
    let shopify = FakeShopify::start("tok", orders.clone())
        .await
        .expect("fake");
    let cfg = StoreConfig::Shopify(ShopifyConfig {
        name: "b".into(),
        shop: "acme".into(),
        access_token: "tok".into(),
        api_version: "2025-10".into(),
        api_base: Some(shopify.base_url()),
        numbers: vec![],
        webhook_secret: None,
        previous_webhook_secret: None,
    });
    let shop = build_shop(&cfg, http.clone()).expect("shop");
    report(
        "Shopify order_by_number via loopback fake",
        time(300, || shop.order_by_number("1001")).await,
    );
    let woo = FakeWooCommerce::start("ck", "cs", orders.clone())
        .await
        .expect("fake");
    let cfg = StoreConfig::Woocommerce(WooCommerceConfig {
        name: "w".into(),
        url: woo.base_url(),
        consumer_key: "ck".into(),
        consumer_secret: "cs".into(),
        numbers: vec![],
    });
    let shop = build_shop(&cfg, http.clone()).expect("shop");
    report(
        "WooCommerce order_by_number via loopback fake",
        time(300, || shop.order_by_number("1001")).await,
    );
    let parcels: Vec<Shipment> = orders.iter().flat_map(|o| o.shipments.clone()).collect();
    let number = parcels[0].tracking_number.clone();
    let aftership = FakeAfterShip::start("k", parcels.clone())
        .await
        .expect("fake");
    let cfg = TrackingConfig::Aftership(AfterShipConfig {
        api_key: "k".into(),
        webhook_secret: None,
        api_base: Some(aftership.base_url()),
        api_version: "2025-01".into(),
    });
    let tracker = build_tracker(&cfg, http).expect("tracker");
    report(
        "AfterShip track via loopback fake",
        time(300, || tracker.track(&number, None)).await,
    );
    let t = Instant::now();
    let changed = reconcile(&*tracker, &parcels).await;
    println!(
        "{:<44} {} parcels polled in {:.1?} ({} changed)",
        "reconcile (AfterShip fake)",
        parcels.len(),
        t.elapsed(),
        changed.len()
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        local().await;
        remote().await;
    });
}
