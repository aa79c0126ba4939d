//! AfterShip and 17TRACK connectors against fakes on loopback, webhooks and reconciliation.
#![cfg(feature = "fakes")]

use chrono::{Duration, Utc};
use lifeline_commerce::config::{AfterShipConfig, SeventeenTrackConfig, TrackingConfig};
use lifeline_commerce::fakes::{Fake17Track, FakeAfterShip};
use lifeline_commerce::*;
use reqwest::header::HeaderMap;
use std::sync::Arc;

fn demo_parcels() -> Vec<Shipment> {
    demo_store()
        .orders()
        .into_iter()
        .flat_map(|o| o.shipments)
        .collect()
}

fn parcel_of(number: &str) -> Shipment {
    demo_store()
        .orders()
        .into_iter()
        .find(|o| o.number == number)
        .unwrap()
        .shipments[0]
        .clone()
}

fn aftership(fake: &FakeAfterShip, key: &str) -> Arc<dyn Tracker> {
    let cfg = TrackingConfig::Aftership(AfterShipConfig {
        api_key: key.into(),
        webhook_secret: Some("whsec".into()),
        api_base: Some(fake.base_url()),
        api_version: "2025-01".into(),
    });
    build_tracker(&cfg, reqwest::Client::new()).unwrap()
}

fn seventeen(fake: &Fake17Track, key: &str) -> Arc<dyn Tracker> {
    let cfg = TrackingConfig::SeventeenTrack(SeventeenTrackConfig {
        api_key: key.into(),
        webhook_key: None,
        api_base: Some(fake.api_base()),
    });
    build_tracker(&cfg, reqwest::Client::new()).unwrap()
}

fn headers(name: &'static str, value: &str) -> HeaderMap {
    let mut h = HeaderMap::new();
    h.insert(name, value.parse().unwrap());
    h
}

#[tokio::test]
async fn aftership_tags_subtags_and_checkpoints_are_normalized() {
    let fake = FakeAfterShip::start("as_key", demo_parcels())
        .await
        .unwrap();
    let t = aftership(&fake, "as_key");
    let customs = parcel_of("1007");
    let got = t
        .track(&customs.tracking_number, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got.status, ShipmentStatus::Exception);
    assert_eq!(got.sub_status.as_deref(), Some("Exception_004"));
    assert_eq!(got.checkpoints.len(), customs.checkpoints.len());
    assert_eq!(
        got.checkpoints[0].message, customs.checkpoints[0].message,
        "newest first"
    );
    assert!(
        (got.checkpoints[0].at - customs.checkpoints[0].at)
            .num_seconds()
            .abs()
            < 5
    );
    assert_eq!(got.carrier.as_deref(), Some("cainiao-estafeta"));
    let stalled = t
        .track(&parcel_of("1001").tracking_number, None)
        .await
        .unwrap()
        .unwrap();
    assert!(stalled.is_stalled(Utc::now(), Duration::days(7)));
    assert!(t.track("NOSUCHNUMBER", None).await.unwrap().is_none());
    assert!(
        t.track(&customs.tracking_number, Some("dhl"))
            .await
            .unwrap()
            .is_none(),
        "the slug filters"
    );
    let by_name = t
        .track(&customs.tracking_number, Some("Cainiao → DHL"))
        .await
        .unwrap();
    assert_eq!(
        by_name.map(|s| s.tracking_number),
        Some(customs.tracking_number.clone()),
        "a carrier named for people is not sent as a slug, so the parcel is still found"
    );
    assert_eq!(fake.versions()[0], "2025-01");
}

#[tokio::test]
async fn aftership_registration_is_idempotent_and_failures_are_clear() {
    let fake = FakeAfterShip::start("as_key", demo_parcels())
        .await
        .unwrap();
    let t = aftership(&fake, "as_key");
    t.register("1Z999AA10123456784", Some("ups"), Some("1001"))
        .await
        .unwrap();
    t.register("1Z999AA10123456784", Some("ups"), Some("1001"))
        .await
        .unwrap();
    assert_eq!(fake.registrations().len(), 1);
    assert_eq!(fake.registrations()[0]["order_number"], "1001");
    assert_eq!(fake.registrations()[0]["slug"], "ups");
    // A carrier the shop names for people is no AfterShip slug: AfterShip is left to detect the courier.
    t.register("RR123456785DE", Some("DHL Express"), Some("1002"))
        .await
        .unwrap();
    assert!(
        fake.registrations()[1].get("slug").is_none(),
        "{:?}",
        fake.registrations()[1]
    );
    assert!(matches!(
        aftership(&fake, "wrong").track("X", None).await,
        Err(CommerceError::Auth { .. })
    ));
    fake.throttle_next(1);
    let err = t.track("1Z999AA10123456784", None).await.unwrap_err();
    assert!(
        matches!(
            err,
            CommerceError::Throttled {
                retry_after: Some(_),
                ..
            }
        ),
        "{err:?}"
    );
    fake.fail_next(503);
    assert!(matches!(
        t.track("1Z999AA10123456784", None).await,
        Err(CommerceError::Upstream { status: 503, .. })
    ));
}

#[tokio::test]
async fn aftership_pushes_are_verified_then_parsed() {
    let fake = FakeAfterShip::start("as_key", demo_parcels())
        .await
        .unwrap();
    let t = aftership(&fake, "as_key");
    let number = parcel_of("1017").tracking_number;
    let (body, sig) = fake.webhook(&number, "whsec").unwrap();
    t.verify_push(&headers("aftership-hmac-sha256", &sig), &body)
        .unwrap();
    let (_, other) = fake.webhook(&number, "not-the-secret").unwrap();
    assert!(matches!(
        t.verify_push(&headers("aftership-hmac-sha256", &other), &body),
        Err(CommerceError::Auth { .. })
    ));
    assert!(t.verify_push(&HeaderMap::new(), &body).is_err());
    let parcels = t.parse_push(&body).unwrap();
    assert_eq!(parcels[0].tracking_number, number);
    assert_eq!(parcels[0].status, ShipmentStatus::OutForDelivery);
    assert!(t.parse_push(b"not json").is_err());
}

#[tokio::test]
async fn reconcile_reports_only_parcels_that_moved_and_skips_finished_ones() {
    let fake = FakeAfterShip::start("as_key", demo_parcels())
        .await
        .unwrap();
    let t = aftership(&fake, "as_key");
    let known: Vec<Shipment> = track_all(&*t, &["1001", "1008", "1014"]).await;
    assert!(known[2].is_terminal(), "1014 is delivered");
    let mut moved = known[0].clone();
    moved.status = ShipmentStatus::OutForDelivery;
    moved.checkpoints.insert(
        0,
        Checkpoint {
            at: Utc::now(),
            place: Some("São Paulo, BR".into()),
            message: "Objeto saiu para entrega ao destinatário".into(),
            status: Some(ShipmentStatus::OutForDelivery),
        },
    );
    fake.update(&moved);
    let before = fake.calls();
    let changed = reconcile(&*t, &known).await;
    assert_eq!(
        fake.calls() - before,
        2,
        "the delivered parcel is not polled"
    );
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].tracking_number, moved.tracking_number);
    assert_eq!(changed[0].status, ShipmentStatus::OutForDelivery);
    fake.fail_next(500);
    let reordered = [known[1].clone(), known[0].clone()];
    let after_failure = reconcile(&*t, &reordered).await;
    assert_eq!(
        after_failure.len(),
        1,
        "one failing lookup does not hide the rest"
    );
    assert_eq!(after_failure[0].tracking_number, moved.tracking_number);
}

async fn track_all(t: &dyn Tracker, orders: &[&str]) -> Vec<Shipment> {
    let mut out = Vec::new();
    for o in orders {
        out.push(
            t.track(&parcel_of(o).tracking_number, None)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    out
}

#[tokio::test]
async fn seventeen_track_needs_registration_then_tracks() {
    let parcels = demo_parcels();
    let stalled = parcel_of("1001");
    let fake = Fake17Track::start("17key", parcels, &[]).await.unwrap();
    let t = seventeen(&fake, "17key");
    assert!(
        t.track(&stalled.tracking_number, None)
            .await
            .unwrap()
            .is_none(),
        "not registered yet"
    );
    t.register(&stalled.tracking_number, Some("3011"), Some("1001"))
        .await
        .unwrap();
    t.register(&stalled.tracking_number, Some("3011"), Some("1001"))
        .await
        .unwrap();
    assert_eq!(fake.registrations().len(), 1);
    assert_eq!(fake.registrations()[0]["carrier"], 3011);
    assert_eq!(fake.registrations()[0]["tag"], "1001");
    assert!(matches!(
        t.register("X1", None, None).await,
        Err(CommerceError::UserErrors(_))
    ));
    let got = t
        .track(&stalled.tracking_number, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got.status, ShipmentStatus::InTransit);
    assert_eq!(got.checkpoints.len(), stalled.checkpoints.len());
    let still = got.since_last_movement(Utc::now()).unwrap();
    assert!(
        still >= Duration::days(9) && still < Duration::days(10),
        "{still:?}"
    );
    assert!(got.is_stalled(Utc::now(), Duration::days(7)));
}

#[tokio::test]
async fn seventeen_track_failures_pushes_and_reconcile() {
    let lost = parcel_of("1024");
    let fake = Fake17Track::start("17key", demo_parcels(), &[lost.tracking_number.as_str()])
        .await
        .unwrap();
    let t = seventeen(&fake, "17key");
    let err = seventeen(&fake, "bad")
        .track(&lost.tracking_number, None)
        .await
        .unwrap_err();
    assert!(
        matches!(err, CommerceError::Auth { .. }) && err.to_string().contains("-18010002"),
        "{err}"
    );
    fake.throttle_next(1);
    assert!(matches!(
        t.track(&lost.tracking_number, None).await,
        Err(CommerceError::Throttled { .. })
    ));
    let got = t.track(&lost.tracking_number, None).await.unwrap().unwrap();
    assert_eq!(got.status, ShipmentStatus::Exception);
    let (body, sign) = fake.webhook(&lost.tracking_number, "17key").unwrap();
    t.verify_push(&headers("sign", &sign), &body).unwrap();
    assert!(t
        .verify_push(&headers("sign", &"0".repeat(64)), &body)
        .is_err());
    assert_eq!(
        t.parse_push(&body).unwrap()[0].tracking_number,
        lost.tracking_number
    );
    let mut found = got.clone();
    found.status = ShipmentStatus::Delivered;
    found.checkpoints.insert(
        0,
        Checkpoint {
            at: Utc::now(),
            place: None,
            message: "Zugestellt".into(),
            status: Some(ShipmentStatus::Delivered),
        },
    );
    fake.update(&found);
    let changed = reconcile(&*t, &[got]).await;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].status, ShipmentStatus::Delivered);
}
