//! The domain brief's default policy. Amounts are set once in "about one US dollar" per currency and
//! scaled, so every currency's limits stay in step.

use std::collections::BTreeMap;

use lifeline_triage::ExceptionKind;

use super::{Authority, CompensationPolicy, KindRule, Offer, RemedyKind};
use crate::Role;

/// Roughly one US dollar in each currency's minor units (JPY and CLP have none).
const ONE_DOLLAR: [(&str, i64); 19] = [
    ("USD", 100),
    ("EUR", 100),
    ("GBP", 80),
    ("CHF", 100),
    ("CAD", 140),
    ("AUD", 160),
    ("BRL", 500),
    ("MXN", 2_000),
    ("COP", 400_000),
    ("CLP", 900),
    ("IDR", 1_600_000),
    ("MYR", 460),
    ("SGD", 140),
    ("PHP", 5_600),
    ("THB", 3_600),
    ("JPY", 150),
    ("CNY", 720),
    ("INR", 8_400),
    ("PLN", 400),
];

fn dollars(n: i64) -> BTreeMap<String, i64> {
    ONE_DOLLAR
        .iter()
        .map(|(code, one)| (code.to_string(), one * n))
        .collect()
}

fn rule(offers: Vec<Offer>) -> KindRule {
    KindRule { offers }
}

fn kinds() -> BTreeMap<ExceptionKind, KindRule> {
    use RemedyKind::*;
    let delay_coupon = Offer {
        remedy: Coupon,
        max_percent: Some(5),
        days_late_over: Some(5),
    };
    let reship_or_refund_plus_gesture = || {
        vec![
            Offer::plain(Replacement),
            Offer::plain(FullRefund),
            Offer::up_to(Coupon, 5),
        ]
    };
    let mut damaged = reship_or_refund_plus_gesture();
    damaged.push(Offer::up_to(PartialRefund, 50));
    BTreeMap::from([
        (ExceptionKind::WhereIsMyOrder, rule(vec![])),
        (ExceptionKind::Delayed, rule(vec![delay_coupon])),
        (ExceptionKind::Lost, rule(reship_or_refund_plus_gesture())),
        (ExceptionKind::Damaged, rule(damaged)),
        (
            ExceptionKind::WrongItem,
            rule(vec![Offer::plain(Replacement), Offer::plain(PartialRefund)]),
        ),
        (
            ExceptionKind::MissingItem,
            rule(vec![Offer::plain(Replacement), Offer::plain(PartialRefund)]),
        ),
        (
            ExceptionKind::OutOfStock,
            rule(vec![
                Offer::up_to(OrderDiscount, 20),
                Offer::plain(FreeExpress),
                Offer::plain(FullRefund),
                Offer::up_to(Coupon, 10),
            ]),
        ),
        (
            ExceptionKind::ReturnExchange,
            rule(vec![
                Offer::plain(Replacement),
                Offer::plain(FullRefund),
                Offer::plain(PartialRefund),
            ]),
        ),
        (
            ExceptionKind::Payment,
            rule(vec![Offer::plain(FullRefund), Offer::plain(PartialRefund)]),
        ),
        (ExceptionKind::Other, rule(vec![])),
    ])
}

fn authority() -> BTreeMap<Role, Authority> {
    BTreeMap::from([
        (
            Role::Agent,
            Authority {
                max_percent: 20,
                max_amount: dollars(50),
                any_amount: false,
            },
        ),
        (
            Role::Supervisor,
            Authority {
                max_percent: 50,
                max_amount: dollars(500),
                any_amount: false,
            },
        ),
        (
            Role::Admin,
            Authority {
                max_percent: 100,
                max_amount: BTreeMap::new(),
                any_amount: true,
            },
        ),
    ])
}

/// The defaults: delay > 5 days → 5% coupon; oversold → 20% off + free express, or full refund + 10% coupon;
/// wrong/missing → reship or refund the difference (keep items under ~20 USD); damaged/lost → reship or full
/// refund plus a 5% gesture. Agents give up to 20% and ~50 USD per gesture, supervisors 50% and ~500 USD,
/// admins anything; one order never gets more than 110% of its value in total.
pub(super) fn policy() -> CompensationPolicy {
    CompensationPolicy {
        kinds: kinds(),
        authority: authority(),
        keep_item_below: dollars(20),
        order_cap_percent: 110,
    }
}
