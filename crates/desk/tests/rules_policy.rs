//! The compensation policy, part one: what each kind offers and under which condition, the sanity of
//! amounts, the keep-it threshold, and what a remedy costs. Limits live in `rules_policy_limits.rs`.

use chrono::{TimeZone, Utc};
use lifeline_desk::policy::{
    decide, value_minor, AffectedItem, CompensationPolicy, CompensationRequest, Decision,
    GivenCompensation,
};
use lifeline_desk::{Remedy, Role};
use lifeline_triage::ExceptionKind;

/// A request on a 40.00 USD order by an agent, nothing given before.
fn ask<'a>(kind: ExceptionKind, remedy: &'a Remedy) -> CompensationRequest<'a> {
    CompensationRequest {
        kind,
        remedy,
        order_total_minor: 4_000,
        currency: "USD",
        days_late: None,
        already_given: &[],
        role: Role::Agent,
        items: &[],
    }
}

fn why(d: &Decision) -> &str {
    match d {
        Decision::Refused { why } | Decision::NeedsApproval { why, .. } => why,
        Decision::Allowed => "",
    }
}

fn given(kind: ExceptionKind, remedy: Remedy, value_minor: i64) -> GivenCompensation {
    GivenCompensation {
        kind,
        remedy,
        value_minor,
        at: Utc.with_ymd_and_hms(2026, 11, 12, 10, 0, 0).unwrap(),
    }
}

#[test]
fn remedies_that_cost_nothing_are_always_allowed() {
    let p = CompensationPolicy::default();
    for r in [
        Remedy::ChaseCarrier,
        Remedy::AskEvidence,
        Remedy::KeepWaiting,
        Remedy::TalkToAgent,
        Remedy::ReturnLabel,
    ] {
        for kind in ExceptionKind::ALL {
            assert_eq!(
                decide(&p, &ask(kind, &r)),
                Decision::Allowed,
                "{r:?} for {kind:?}"
            );
        }
    }
}

#[test]
fn a_delay_coupon_of_5_percent_needs_more_than_5_days_late() {
    let p = CompensationPolicy::default();
    let coupon = Remedy::Coupon { basis_points: 500 };
    let mut req = ask(ExceptionKind::Delayed, &coupon);
    req.days_late = Some(9);
    assert_eq!(decide(&p, &req), Decision::Allowed);

    req.days_late = Some(5);
    let d = decide(&p, &req);
    assert_eq!(
        why(&d),
        "A 5% coupon for a delayed order needs the order to be more than 5 days late; it is 5 days late."
    );
    assert!(matches!(d, Decision::Refused { .. }));

    req.days_late = None;
    assert!(why(&decide(&p, &req)).contains("isn't known yet"));
}

#[test]
fn a_coupon_bigger_than_the_kind_allows_is_refused_with_the_limit() {
    let p = CompensationPolicy::default();
    let coupon = Remedy::Coupon {
        basis_points: 1_000,
    };
    let mut req = ask(ExceptionKind::Delayed, &coupon);
    req.days_late = Some(12);
    let d = decide(&p, &req);
    assert_eq!(
        why(&d),
        "The policy allows a coupon of up to 5% for a delayed order; a 10% coupon is more."
    );
}

#[test]
fn a_gesture_the_kind_does_not_offer_is_refused_listing_what_it_offers() {
    let p = CompensationPolicy::default();
    let d = decide(&p, &ask(ExceptionKind::Delayed, &Remedy::FullRefund));
    assert_eq!(
        why(&d),
        "The policy offers no full refund for a delayed order; it offers: coupon up to 5% (over 5 days late)."
    );
    let d = decide(
        &p,
        &ask(
            ExceptionKind::WhereIsMyOrder,
            &Remedy::Coupon { basis_points: 500 },
        ),
    );
    assert_eq!(
        why(&d),
        "The policy offers no compensation for a tracking question."
    );
}

#[test]
fn an_oversold_order_gets_20_percent_off_and_free_express_or_a_refund_and_a_coupon() {
    let p = CompensationPolicy::default();
    let discount = Remedy::OrderDiscount {
        basis_points: 2_000,
    };
    assert_eq!(
        decide(&p, &ask(ExceptionKind::OutOfStock, &discount)),
        Decision::Allowed
    );
    let express = given(ExceptionKind::OutOfStock, discount.clone(), 800);
    let req = CompensationRequest {
        already_given: std::slice::from_ref(&express),
        ..ask(ExceptionKind::OutOfStock, &Remedy::FreeExpress)
    };
    assert_eq!(
        decide(&p, &req),
        Decision::Allowed,
        "discount and express go together"
    );

    let refund = given(ExceptionKind::OutOfStock, Remedy::FullRefund, 4_000);
    let coupon = Remedy::Coupon {
        basis_points: 1_000,
    };
    let req = CompensationRequest {
        already_given: std::slice::from_ref(&refund),
        ..ask(ExceptionKind::OutOfStock, &coupon)
    };
    assert_eq!(
        decide(&p, &req),
        Decision::Allowed,
        "refund plus a coupon for next time"
    );
}

#[test]
fn partial_refunds_are_checked_against_the_order_the_items_and_the_kinds_share() {
    let p = CompensationPolicy::default();
    let too_much = Remedy::PartialRefund {
        amount_minor: 5_000,
    };
    assert!(why(&decide(&p, &ask(ExceptionKind::Payment, &too_much)))
        .contains("offer a full refund instead"));
    let zero = Remedy::PartialRefund { amount_minor: 0 };
    assert_eq!(
        why(&decide(&p, &ask(ExceptionKind::Payment, &zero))),
        "A partial refund must be more than zero."
    );
    let items = [AffectedItem {
        unit_price_minor: 700,
        quantity: 2,
    }];
    let over_items = Remedy::PartialRefund {
        amount_minor: 1_500,
    };
    let req = CompensationRequest {
        items: &items,
        ..ask(ExceptionKind::MissingItem, &over_items)
    };
    assert_eq!(
        why(&decide(&p, &req)),
        "A partial refund of 15.00 USD is more than the items concerned are worth (14.00 USD)."
    );
    let half_plus = Remedy::PartialRefund {
        amount_minor: 2_100,
    };
    assert_eq!(
        why(&decide(&p, &ask(ExceptionKind::Damaged, &half_plus))),
        "The policy allows a partial refund of up to 50% of the order (20.00 USD) for a damaged item."
    );
}

#[test]
fn an_unknown_order_total_is_refused_rather_than_guessed() {
    let p = CompensationPolicy::default();
    let req = CompensationRequest {
        order_total_minor: 0,
        ..ask(ExceptionKind::Lost, &Remedy::FullRefund)
    };
    assert!(why(&decide(&p, &req)).contains("look up the order first"));
}

#[test]
fn a_shopper_keeps_a_cheap_wrong_item_but_returns_a_valuable_one() {
    let p = CompensationPolicy::default();
    let cheap = [AffectedItem {
        unit_price_minor: 1_200,
        quantity: 1,
    }];
    let req = CompensationRequest {
        items: &cheap,
        ..ask(ExceptionKind::WrongItem, &Remedy::KeepItem)
    };
    assert_eq!(decide(&p, &req), Decision::Allowed);
    let dear = [AffectedItem {
        unit_price_minor: 3_500,
        quantity: 1,
    }];
    let req = CompensationRequest {
        items: &dear,
        ..req
    };
    assert_eq!(
        why(&decide(&p, &req)),
        "The item is worth 35.00 USD, not below the keep-it threshold of 20.00 USD; send a prepaid return label instead."
    );
    let broken = CompensationRequest {
        kind: ExceptionKind::Damaged,
        ..req
    };
    assert_eq!(
        decide(&p, &broken),
        Decision::Allowed,
        "a broken item has nothing to send back"
    );
}

#[test]
fn what_a_remedy_costs_is_exact_in_minor_units() {
    let items = [AffectedItem {
        unit_price_minor: 1_999,
        quantity: 2,
    }];
    assert_eq!(value_minor(&Remedy::FullRefund, 4_999, &[]), 4_999);
    assert_eq!(
        value_minor(&Remedy::Coupon { basis_points: 500 }, 4_999, &[]),
        250,
        "249.95 rounds half up"
    );
    assert_eq!(
        value_minor(
            &Remedy::OrderDiscount {
                basis_points: 2_000
            },
            4_999,
            &[]
        ),
        1_000
    );
    assert_eq!(value_minor(&Remedy::Replacement, 4_999, &items), 3_998);
    assert_eq!(value_minor(&Remedy::Replacement, 4_999, &[]), 4_999);
    assert_eq!(
        value_minor(&Remedy::PartialRefund { amount_minor: 123 }, 4_999, &[]),
        123
    );
    assert_eq!(value_minor(&Remedy::ChaseCarrier, 4_999, &[]), 0);
    assert_eq!(
        value_minor(
            &Remedy::Coupon {
                basis_points: 10_000
            },
            i64::MAX,
            &[]
        ),
        i64::MAX
    );
}
