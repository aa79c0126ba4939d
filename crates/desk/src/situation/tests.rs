//! The situation picked from the kind, the order and the parcel.

use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn with_order(status: &str) -> Facts {
    Facts {
        order_number: Some("1042".into()),
        shipment_status: Some(status.into()),
        ..Facts::default()
    }
}

#[test]
fn a_parcel_silent_for_nine_days_is_stalled_even_when_asked_where_it_is() {
    let mut f = with_order("in_transit");
    f.days_since_movement = Some(9);
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::Stalled
    );
    f.days_since_movement = Some(10);
    assert_eq!(
        situation(ExceptionKind::Lost, &f, now()),
        Situation::LostInTransit
    );
    f.days_since_movement = Some(7);
    assert_eq!(
        situation(ExceptionKind::Delayed, &f, now()),
        Situation::WhereIsMyOrder(Whereabouts::Moving)
    );
}

#[test]
fn lateness_comes_from_the_estimated_date_when_not_given() {
    let mut f = with_order("in_transit");
    f.estimated_delivery = NaiveDate::from_ymd_opt(2026, 11, 18);
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::DelayedMoving
    );
}

#[test]
fn facts_refine_the_kind() {
    let f = with_order("delivered");
    assert_eq!(
        situation(ExceptionKind::Lost, &f, now()),
        Situation::DeliveredNotReceived
    );
    let mut customs = with_order("in_transit");
    customs.shipment_sub_status = Some("InTransit_CustomsProcessing".into());
    assert_eq!(
        situation(ExceptionKind::Delayed, &customs, now()),
        Situation::CustomsHold
    );
    let mut paid = with_order("pending");
    assert_eq!(
        situation(ExceptionKind::Payment, &paid, now()),
        Situation::PaymentUnmatched
    );
    paid.charged_twice = mentions_double_charge("me cobraron DOS VECES");
    assert_eq!(
        situation(ExceptionKind::Payment, &paid, now()),
        Situation::PaymentDoubleCharge
    );
    assert_eq!(
        situation(ExceptionKind::Damaged, &Facts::default(), now()),
        Situation::AskOrderNumber
    );
    let mut unknown = with_order("in_transit");
    unknown.order_found = Some(false);
    assert_eq!(
        situation(ExceptionKind::Delayed, &unknown, now()),
        Situation::WhereIsMyOrder(Whereabouts::NoOrderFound)
    );
}

#[test]
fn a_parcel_going_back_to_the_shop_is_not_a_delivery_to_rebook() {
    let mut f = with_order("exception");
    f.shipment_sub_status = Some("Exception_011".into());
    f.shopper_says = lifeline_triage::Situation::NotHome;
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::ReturnedToSender
    );
    f.shipment_sub_status = Some("Exception_007".into());
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::DeliveryFailed
    );
}

#[test]
fn every_key_parses_back() {
    for s in Situation::ALL {
        assert_eq!(Situation::from_key(s.key()), Some(s));
    }
}
