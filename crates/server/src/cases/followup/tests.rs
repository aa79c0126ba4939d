//! What is due, decided over plain data at a `now` the test chooses, including one years away from
//! the real clock: nothing here may read today's date.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lifeline_commerce::{Shipment, ShipmentStatus};
use lifeline_desk::clocks::{Clock, ClockKind};
use lifeline_desk::followup::news::ParcelNews::{self, LostByCarrier, Moving};
use lifeline_desk::followup::{FollowUpReason, FollowUpSettings};

use super::{delivery_due, due};
use crate::cases::{set_extras, CaseExtras};
use crate::store::CaseRow;

fn case_with(clocks: &[Clock], extras: &CaseExtras) -> CaseRow {
    let mut row = CaseRow {
        status: "acknowledged".into(),
        clocks_json: serde_json::to_string(clocks).unwrap(),
        ..CaseRow::default()
    };
    set_extras(&mut row, extras);
    row
}

#[test]
fn a_promise_is_due_a_tenth_of_its_span_before_its_deadline_and_only_once() {
    let now = Utc::now();
    let promise = |started_mins_ago: i64, deadline_in_mins: i64| Clock {
        kind: ClockKind::Promise {
            text: "by tomorrow".into(),
        },
        started_at: now - Duration::minutes(started_mins_ago),
        deadline: now + Duration::minutes(deadline_in_mins),
        met_at: None,
    };
    let none = CaseExtras::default();
    // 100 minutes long, 5 to go: inside the last tenth.
    assert!(due(&case_with(&[promise(95, 5)], &none), now));
    // 100 minutes long, 50 to go: not yet.
    assert!(!due(&case_with(&[promise(50, 50)], &none), now));
    // A day long, 10 minutes to go: the lead is capped at 15 minutes.
    assert!(due(&case_with(&[promise(1430, 10)], &none), now));
    let kept = Clock {
        met_at: Some(now),
        ..promise(95, 5)
    };
    assert!(!due(&case_with(&[kept], &none), now));
    let p = promise(95, 5);
    let followed = CaseExtras {
        promises_followed: vec![p.deadline.timestamp_millis()],
        ..CaseExtras::default()
    };
    assert!(!due(&case_with(&[p], &followed), now));
}

#[test]
fn a_replacement_is_watched_until_its_tracking_and_last_check_in_went_out() {
    let now = Utc::now();
    let watching = |tracking_sent, check_in_sent| CaseExtras {
        replacement_order: Some("1044".into()),
        replacement_tracking_sent: tracking_sent,
        last_check_in_sent: check_in_sent,
        ..CaseExtras::default()
    };
    assert!(due(&case_with(&[], &watching(false, false)), now));
    assert!(due(&case_with(&[], &watching(true, false)), now));
    assert!(!due(&case_with(&[], &watching(true, true)), now));
    assert!(!due(&case_with(&[], &CaseExtras::default()), now));
}

/// Fifteen years from the machine's clock: a decision that read the real time would go wrong here.
fn far_from_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2041, 3, 14, 15, 0, 0).unwrap()
}

fn delayed_case() -> CaseRow {
    CaseRow {
        status: "acknowledged".into(),
        kind: "delayed".into(),
        ..CaseRow::default()
    }
}

fn parcel(status: ShipmentStatus, last_moved: DateTime<Utc>) -> Shipment {
    Shipment {
        carrier: Some("Correios".into()),
        tracking_number: "LP00007926919BR".into(),
        tracking_url: None,
        status,
        sub_status: None,
        checkpoints: Vec::new(),
        last_movement_at: Some(last_moved),
        estimated_delivery: None,
        pickup_until: None,
    }
}

#[test]
fn years_from_now_a_parcel_still_for_nine_days_is_chased_once_then_treated_as_lost() {
    let (now, settings, case) = (far_from_now(), FollowUpSettings::default(), delayed_case());
    let still = parcel(ShipmentStatus::InTransit, now - Duration::days(9));
    let mut e = CaseExtras::default();
    let chase = vec![FollowUpReason::StalledChaseCarrier];
    assert_eq!(
        delivery_due(&settings, &case, &still, Moving, &mut e, now),
        chase
    );
    assert_eq!(e.chased_at, Some(now.timestamp_millis()));
    let later = now + Duration::hours(1);
    assert_eq!(
        delivery_due(&settings, &case, &still, Moving, &mut e, later),
        vec![]
    );
    let after_chase = now + settings.lost_after_chase + Duration::minutes(1);
    let lost = vec![FollowUpReason::TreatAsLost];
    assert_eq!(
        delivery_due(&settings, &case, &still, Moving, &mut e, after_chase),
        lost
    );
    let again = after_chase + Duration::minutes(1);
    assert_eq!(
        delivery_due(&settings, &case, &still, Moving, &mut e, again),
        vec![]
    );
}

#[test]
fn years_from_now_a_parcel_that_moved_three_days_ago_is_only_watched_and_its_change_passed_on() {
    let (now, settings, case) = (far_from_now(), FollowUpSettings::default(), delayed_case());
    let moving = parcel(ShipmentStatus::InTransit, now - Duration::days(3));
    let mut e = CaseExtras::default();
    assert_eq!(
        delivery_due(&settings, &case, &moving, Moving, &mut e, now),
        vec![]
    );
    let look_again = now + settings.tracking_recheck;
    assert_eq!(e.delivery_next_at, Some(look_again.timestamp_millis()));
    let out = parcel(ShipmentStatus::OutForDelivery, look_again);
    let changed = vec![FollowUpReason::TrackingChanged];
    assert_eq!(
        delivery_due(
            &settings,
            &case,
            &out,
            ParcelNews::OutForDelivery,
            &mut e,
            look_again
        ),
        changed
    );
}

#[test]
fn years_from_now_an_open_parcel_case_is_due_when_its_next_look_has_come() {
    let now = far_from_now();
    let looking_at = |next: DateTime<Utc>| {
        let mut row = delayed_case();
        let e = CaseExtras {
            delivery_next_at: Some(next.timestamp_millis()),
            ..CaseExtras::default()
        };
        set_extras(&mut row, &e);
        row
    };
    assert!(due(&looking_at(now - Duration::minutes(1)), now));
    assert!(!due(&looking_at(now + Duration::minutes(1)), now));
}

#[test]
fn years_from_now_a_parcel_the_carrier_declared_lost_is_told_lost_once_and_never_chased() {
    let (now, settings, case) = (far_from_now(), FollowUpSettings::default(), delayed_case());
    let lost = Shipment {
        sub_status: Some("Exception_013".into()),
        ..parcel(ShipmentStatus::Exception, now - Duration::days(9))
    };
    let mut e = CaseExtras::default();
    let told = vec![FollowUpReason::DeclaredLost];
    assert_eq!(
        delivery_due(&settings, &case, &lost, LostByCarrier, &mut e, now),
        told
    );
    assert_eq!(e.chased_at, None, "nobody was asked to chase it");
    for later in [Duration::hours(1), Duration::days(3), Duration::days(10)] {
        assert_eq!(
            delivery_due(&settings, &case, &lost, LostByCarrier, &mut e, now + later),
            vec![],
            "{later}"
        );
    }
}

#[test]
fn years_from_now_a_parcel_waiting_to_be_collected_going_back_or_never_handed_over_is_not_chased() {
    let (now, settings, case) = (far_from_now(), FollowUpSettings::default(), delayed_case());
    for (status, news) in [
        (
            ShipmentStatus::AvailableForPickup,
            ParcelNews::AtPickupPoint,
        ),
        (ShipmentStatus::Exception, ParcelNews::Customs),
        (ShipmentStatus::InfoReceived, ParcelNews::NotHandedOver),
        (ShipmentStatus::Exception, ParcelNews::ReturnedToSender),
    ] {
        let still = parcel(status, now - Duration::days(9));
        let mut e = CaseExtras::default();
        assert_eq!(
            delivery_due(&settings, &case, &still, news, &mut e, now),
            vec![],
            "{news:?}"
        );
        let days_on = now + Duration::days(3);
        assert_eq!(
            delivery_due(&settings, &case, &still, news, &mut e, days_on),
            vec![],
            "{news:?}"
        );
    }
}
