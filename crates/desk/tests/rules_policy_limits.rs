//! The compensation policy, part two: authority by role and currency, never compensating twice, the
//! per-order cap, and the policy file.

use chrono::{TimeZone, Utc};
use lifeline_desk::policy::{
    decide, AffectedItem, CompensationPolicy, CompensationRequest, Decision, GivenCompensation,
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
fn an_agent_may_refund_a_small_lost_order_but_a_large_one_needs_a_supervisor() {
    let p = CompensationPolicy::default();
    assert_eq!(
        decide(&p, &ask(ExceptionKind::Lost, &Remedy::FullRefund)),
        Decision::Allowed
    );

    let big = CompensationRequest {
        order_total_minor: 12_000,
        ..ask(ExceptionKind::Lost, &Remedy::FullRefund)
    };
    assert_eq!(
        decide(&p, &big),
        Decision::NeedsApproval {
            by: Role::Supervisor,
            why: "A full refund is worth 120.00 USD, above an agent's limit of 50.00 USD; a supervisor can approve it.".into()
        }
    );
    assert_eq!(
        decide(
            &p,
            &CompensationRequest {
                role: Role::Supervisor,
                ..big
            }
        ),
        Decision::Allowed
    );

    let huge = CompensationRequest {
        order_total_minor: 90_000,
        ..big
    };
    assert!(matches!(
        decide(&p, &huge),
        Decision::NeedsApproval {
            by: Role::Admin,
            ..
        }
    ));
    assert_eq!(
        decide(
            &p,
            &CompensationRequest {
                role: Role::Admin,
                ..huge
            }
        ),
        Decision::Allowed
    );
}

#[test]
fn authority_limits_are_per_currency_and_an_unknown_currency_goes_up_the_chain() {
    let p = CompensationPolicy::default();
    // 200.00 BRL is under the agent's ~250 BRL limit.
    let brl = CompensationRequest {
        order_total_minor: 20_000,
        currency: "BRL",
        ..ask(ExceptionKind::Damaged, &Remedy::Replacement)
    };
    assert_eq!(decide(&p, &brl), Decision::Allowed);
    let zar = CompensationRequest {
        currency: "ZAR",
        ..brl
    };
    let d = decide(&p, &zar);
    assert!(
        matches!(
            d,
            Decision::NeedsApproval {
                by: Role::Admin,
                ..
            }
        ),
        "{d:?}"
    );
    assert_eq!(
        why(&d),
        "No limit in ZAR is set for an agent; an admin can approve it."
    );
}

#[test]
fn a_goodwill_percentage_above_the_agents_share_needs_approval_even_when_the_kind_allows_it() {
    let mut p = CompensationPolicy::default();
    let rule = p.kinds.get_mut(&ExceptionKind::OutOfStock).unwrap();
    rule.offers[0].max_percent = Some(40);
    let discount = Remedy::OrderDiscount {
        basis_points: 3_000,
    };
    let d = decide(&p, &ask(ExceptionKind::OutOfStock, &discount));
    assert_eq!(
        d,
        Decision::NeedsApproval {
            by: Role::Supervisor,
            why: "30% off the order is above an agent's limit of 20% of the order; a supervisor can approve it.".into()
        }
    );
}

#[test]
fn the_same_problem_is_never_compensated_twice() {
    let p = CompensationPolicy::default();
    let coupon = Remedy::Coupon { basis_points: 500 };
    let before = [given(ExceptionKind::Delayed, coupon.clone(), 200)];
    let req = CompensationRequest {
        days_late: Some(10),
        already_given: &before,
        ..ask(ExceptionKind::Delayed, &coupon)
    };
    let d = decide(&p, &req);
    assert_eq!(
        why(&d),
        "This order already got a 5% coupon for a delayed order on 12 Nov 2026; the same problem is never compensated twice."
    );
    assert!(matches!(d, Decision::Refused { .. }));
    // Not even an admin gives it twice.
    assert!(matches!(
        decide(
            &p,
            &CompensationRequest {
                role: Role::Admin,
                ..req
            }
        ),
        Decision::Refused { .. }
    ));
}

#[test]
fn a_refund_on_top_of_a_replacement_for_the_same_damage_needs_a_supervisor() {
    let p = CompensationPolicy::default();
    let before = [given(ExceptionKind::Damaged, Remedy::Replacement, 1_500)];
    let partial = Remedy::PartialRefund {
        amount_minor: 1_000,
    };
    let items = [AffectedItem {
        unit_price_minor: 1_500,
        quantity: 1,
    }];
    let req = CompensationRequest {
        already_given: &before,
        items: &items,
        ..ask(ExceptionKind::Damaged, &partial)
    };
    let d = decide(&p, &req);
    assert!(
        matches!(
            d,
            Decision::NeedsApproval {
                by: Role::Supervisor,
                ..
            }
        ),
        "{d:?}"
    );
    assert!(
        why(&d)
            .starts_with("A damaged item was already made good with a replacement on 12 Nov 2026"),
        "{}",
        why(&d)
    );
    assert_eq!(
        decide(
            &p,
            &CompensationRequest {
                role: Role::Supervisor,
                ..req
            }
        ),
        Decision::Allowed
    );
}

#[test]
fn after_a_full_refund_only_a_coupon_can_still_be_given() {
    let p = CompensationPolicy::default();
    let before = [given(ExceptionKind::Lost, Remedy::FullRefund, 4_000)];
    let req = CompensationRequest {
        already_given: &before,
        ..ask(ExceptionKind::Lost, &Remedy::Replacement)
    };
    assert_eq!(
        why(&decide(&p, &req)),
        "This order was already refunded in full on 12 Nov 2026; only a coupon can still be given."
    );
    let coupon = Remedy::Coupon { basis_points: 500 };
    let req = CompensationRequest {
        already_given: &before,
        ..ask(ExceptionKind::Lost, &coupon)
    };
    assert_eq!(
        decide(&p, &req),
        Decision::Allowed,
        "refund plus a small gesture"
    );
}

#[test]
fn the_per_order_cap_stops_stacking_across_problems() {
    let p = CompensationPolicy::default();
    let before = [
        given(ExceptionKind::Damaged, Remedy::Replacement, 4_000),
        given(
            ExceptionKind::Damaged,
            Remedy::Coupon { basis_points: 500 },
            200,
        ),
    ];
    let partial = Remedy::PartialRefund { amount_minor: 500 };
    let req = CompensationRequest {
        already_given: &before,
        ..ask(ExceptionKind::WrongItem, &partial)
    };
    assert_eq!(
        why(&decide(&p, &req)),
        "Together with what this order already got (42.00 USD), a partial refund of 5.00 USD (5.00 USD) would bring it to 47.00 USD, above the cap of 110% of the order (44.00 USD)."
    );
    let small = Remedy::PartialRefund { amount_minor: 200 };
    let req = CompensationRequest {
        already_given: &before,
        ..ask(ExceptionKind::WrongItem, &small)
    };
    assert_eq!(decide(&p, &req), Decision::Allowed);
}

#[test]
fn the_policy_file_overrides_kind_by_kind_and_role_by_role() {
    let text = r#"
        order_cap_percent = 100
        [kinds.delayed]
        offers = [{ remedy = "coupon", max_percent = 10, days_late_over = 3 }]
        [authority.agent]
        max_amount = { usd = 2000, brl = 10000 }
    "#;
    let p = CompensationPolicy::from_toml(text).unwrap();
    assert_eq!(p.order_cap_percent, 100);
    assert_eq!(
        p.authority[&Role::Agent].max_percent,
        20,
        "unchanged fields keep their default"
    );
    assert_eq!(p.authority[&Role::Agent].max_amount["USD"], 2_000);
    assert_eq!(
        p.kinds[&ExceptionKind::Lost],
        CompensationPolicy::default().kinds[&ExceptionKind::Lost]
    );
    let coupon = Remedy::Coupon {
        basis_points: 1_000,
    };
    let req = CompensationRequest {
        days_late: Some(4),
        ..ask(ExceptionKind::Delayed, &coupon)
    };
    assert_eq!(decide(&p, &req), Decision::Allowed);
    let refund = ask(ExceptionKind::Lost, &Remedy::FullRefund);
    assert!(matches!(
        decide(&p, &refund),
        Decision::NeedsApproval {
            by: Role::Supervisor,
            ..
        }
    ));
}

#[test]
fn a_mistyped_policy_file_is_a_clear_error() {
    let err = CompensationPolicy::from_toml("[kinds.delayed]\noffers = [{ remedy = \"voucher\" }]")
        .unwrap_err();
    assert!(err.to_string().contains("voucher"), "{err}");
    let err = CompensationPolicy::from_toml("[kinds.late]\noffers = []").unwrap_err();
    assert!(err.to_string().contains("late"), "{err}");
    let err = CompensationPolicy::from_toml("order_cap = 100").unwrap_err();
    assert!(err.to_string().contains("order_cap"), "{err}");
}

#[test]
fn the_default_policy_round_trips_through_toml() {
    let p = CompensationPolicy::default();
    let text = toml::to_string(&p).unwrap();
    assert_eq!(CompensationPolicy::from_toml(&text).unwrap(), p);
}

#[test]
fn decisions_serialize_for_the_api() {
    let d = Decision::NeedsApproval {
        by: Role::Supervisor,
        why: "x".into(),
    };
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        serde_json::json!({"decision": "needs_approval", "by": "supervisor", "why": "x"})
    );
    assert_eq!(
        serde_json::to_value(Decision::Allowed).unwrap(),
        serde_json::json!({"decision": "allowed"})
    );
}
