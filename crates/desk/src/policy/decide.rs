//! The one decision: may this gesture be given, by whom, and if not, why.

use lifeline_triage::ExceptionKind;

use super::value::{describe_remedy, format_amount, items_total, share, value_minor};
use super::{Authority, CompensationPolicy, CompensationRequest, Decision, Offer, RemedyKind};
use crate::{Remedy, Role};

/// The lowest role that may give the gesture, and the sentence explaining why when it is above the requester.
struct Need {
    role: Role,
    why: Option<String>,
}

fn refused(why: impl Into<String>) -> Decision {
    Decision::Refused { why: why.into() }
}

/// Decides a gesture against the policy. Remedies that cost nothing (chase the carrier, ask for a photo…)
/// are always allowed; keeping an item follows the keep-it threshold; everything else must be offered for
/// the kind, meet its condition, not compensate the same problem twice, fit the per-order cap, and be
/// within the requester's authority (else it needs the lowest role whose authority covers it).
pub fn decide(policy: &CompensationPolicy, req: &CompensationRequest<'_>) -> Decision {
    let Some(kind) = RemedyKind::of(req.remedy) else {
        return keep_item(policy, req);
    };
    let value = value_minor(req.remedy, req.order_total_minor, req.items);
    let needs = || -> Result<Need, Decision> {
        sane(req)?;
        offered(policy, req, kind)?;
        let twice = not_twice(req, kind)?;
        within_order_cap(policy, req, value)?;
        let by_authority = authority(policy, req, value)?;
        Ok(match twice {
            Some(t) if t.role > by_authority.role => t,
            _ => by_authority,
        })
    };
    match needs() {
        Err(decision) => decision,
        Ok(need) if need.role <= req.role => Decision::Allowed,
        Ok(need) => Decision::NeedsApproval {
            by: need.role,
            why: need.why.unwrap_or_default(),
        },
    }
}

fn kind_phrase(kind: ExceptionKind) -> &'static str {
    match kind {
        ExceptionKind::WhereIsMyOrder => "a tracking question",
        ExceptionKind::Delayed => "a delayed order",
        ExceptionKind::Lost => "a lost parcel",
        ExceptionKind::Damaged => "a damaged item",
        ExceptionKind::WrongItem => "a wrong item",
        ExceptionKind::MissingItem => "a missing item",
        ExceptionKind::OutOfStock => "an oversold order",
        ExceptionKind::ReturnExchange => "a return or exchange",
        ExceptionKind::Payment => "a payment problem",
        ExceptionKind::Other => "a general question",
    }
}

fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::Agent => "an agent",
        Role::Supervisor => "a supervisor",
        Role::Admin => "an admin",
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sane(req: &CompensationRequest<'_>) -> Result<(), Decision> {
    let money = |m| format_amount(m, req.currency);
    if req.currency.trim().is_empty() {
        return Err(refused(
            "The order's currency isn't known; look up the order first.",
        ));
    }
    if req.order_total_minor <= 0 {
        return Err(refused(
            "The order's total isn't known, so no gesture can be weighed against it; look up the order first.",
        ));
    }
    match *req.remedy {
        Remedy::PartialRefund { amount_minor } if amount_minor <= 0 => {
            Err(refused("A partial refund must be more than zero."))
        }
        Remedy::PartialRefund { amount_minor } if amount_minor > req.order_total_minor => {
            Err(refused(format!(
                "A partial refund of {} is more than the order's total ({}); offer a full refund instead.",
                money(amount_minor),
                money(req.order_total_minor)
            )))
        }
        Remedy::PartialRefund { amount_minor }
            if items_total(req.items).is_some_and(|t| amount_minor > t) =>
        {
            Err(refused(format!(
                "A partial refund of {} is more than the items concerned are worth ({}).",
                money(amount_minor),
                money(items_total(req.items).unwrap_or_default())
            )))
        }
        Remedy::LineReplacement { .. } | Remedy::LineRefund { .. } if req.items.is_empty() => {
            Err(refused(
                "The order line's price isn't known; look up the order and its lines first.",
            ))
        }
        Remedy::LineReplacement { ref line } | Remedy::LineRefund { ref line }
            if line.quantity == 0 =>
        {
            Err(refused("A line's remedy must cover at least one item."))
        }
        Remedy::Coupon { basis_points } | Remedy::OrderDiscount { basis_points }
            if basis_points == 0 || basis_points > 10_000 =>
        {
            Err(refused("A coupon or discount must be between 0.01% and 100% of the order."))
        }
        _ => Ok(()),
    }
}

fn offer_phrase(offer: &Offer) -> String {
    let mut s = offer.remedy.label().to_string();
    if let Some(p) = offer.max_percent {
        s.push_str(&format!(" up to {p}%"));
    }
    if let Some(d) = offer.days_late_over {
        s.push_str(&format!(" (over {d} days late)"));
    }
    s
}

fn offered(
    policy: &CompensationPolicy,
    req: &CompensationRequest<'_>,
    kind: RemedyKind,
) -> Result<(), Decision> {
    let rule = policy.rule(req.kind);
    let matching: Vec<&Offer> = rule.offers.iter().filter(|o| o.remedy == kind).collect();
    if matching.is_empty() {
        let why = if rule.offers.is_empty() {
            format!(
                "The policy offers no compensation for {}.",
                kind_phrase(req.kind)
            )
        } else {
            let list: Vec<String> = rule.offers.iter().map(offer_phrase).collect();
            format!(
                "The policy offers no {} for {}; it offers: {}.",
                kind.label(),
                kind_phrase(req.kind),
                list.join(", ")
            )
        };
        return Err(refused(why));
    }
    let mut first_why = None;
    for offer in matching {
        match meets(offer, req) {
            Ok(()) => return Ok(()),
            Err(why) => {
                first_why.get_or_insert(why);
            }
        }
    }
    Err(refused(first_why.unwrap_or_default()))
}

/// Whether the request meets one offer's condition and size.
fn meets(offer: &Offer, req: &CompensationRequest<'_>) -> Result<(), String> {
    let what = capitalize(&describe_remedy(req.remedy, req.currency));
    let for_kind = kind_phrase(req.kind);
    if let Some(over) = offer.days_late_over {
        match req.days_late {
            None => return Err(format!(
                "{what} for {for_kind} needs the order to be more than {over} days late, and how late it is isn't known yet."
            )),
            Some(late) if late <= over => return Err(format!(
                "{what} for {for_kind} needs the order to be more than {over} days late; it is {late} days late."
            )),
            Some(_) => {}
        }
    }
    let Some(max) = offer.max_percent else {
        return Ok(());
    };
    match *req.remedy {
        Remedy::Coupon { basis_points } | Remedy::OrderDiscount { basis_points }
            if basis_points > max.saturating_mul(100) =>
        {
            Err(format!(
                "The policy allows a {} of up to {max}% for {for_kind}; {} is more.",
                offer.remedy.label(),
                describe_remedy(req.remedy, req.currency)
            ))
        }
        Remedy::PartialRefund { .. } | Remedy::LineRefund { .. }
            if value_minor(req.remedy, req.order_total_minor, req.items)
                > share(req.order_total_minor, max.saturating_mul(100)) =>
        {
            Err(format!(
                "The policy allows a partial refund of up to {max}% of the order ({}) for {for_kind}.",
                format_amount(
                    share(req.order_total_minor, max.saturating_mul(100)),
                    req.currency
                )
            ))
        }
        _ => Ok(()),
    }
}

/// The same problem is never compensated twice: the same gesture for the same kind is refused, anything but
/// a coupon after a full refund is refused, and a second make-good (a refund after a replacement) needs a
/// supervisor.
fn not_twice(req: &CompensationRequest<'_>, kind: RemedyKind) -> Result<Option<Need>, Decision> {
    let date = |g: &super::GivenCompensation| g.at.format("%-d %b %Y").to_string();
    let money = |g: &super::GivenCompensation| describe_remedy(&g.remedy, req.currency);
    if let Some(g) = req
        .already_given
        .iter()
        .find(|g| g.remedy == Remedy::FullRefund && kind != RemedyKind::Coupon)
    {
        return Err(refused(format!(
            "This order was already refunded in full on {}; only a coupon can still be given.",
            date(g)
        )));
    }
    // Two lines missing from one order are two problems: each line is made good once.
    let other_line = |g: &super::GivenCompensation| match (g.remedy.line(), req.remedy.line()) {
        (Some(given), Some(asked)) => given.line_id != asked.line_id,
        _ => false,
    };
    let same_problem = req
        .already_given
        .iter()
        .filter(|g| g.kind == req.kind && !other_line(g));
    for g in same_problem {
        let given = RemedyKind::of(&g.remedy);
        if given == Some(kind) {
            return Err(refused(format!(
                "This order already got {} for {} on {}; the same problem is never compensated twice.",
                money(g),
                kind_phrase(req.kind),
                date(g)
            )));
        }
        if kind.makes_whole() && given.is_some_and(RemedyKind::makes_whole) {
            return Ok(Some(Need {
                role: Role::Supervisor,
                why: Some(format!(
                    "{} was already made good with {} on {}; adding {} on top needs a supervisor's approval.",
                    capitalize(kind_phrase(req.kind)),
                    money(g),
                    date(g),
                    describe_remedy(req.remedy, req.currency)
                )),
            }));
        }
    }
    Ok(None)
}

fn within_order_cap(
    policy: &CompensationPolicy,
    req: &CompensationRequest<'_>,
    value: i64,
) -> Result<(), Decision> {
    let given = req
        .already_given
        .iter()
        .fold(0i64, |sum, g| sum.saturating_add(g.value_minor));
    let cap = share(
        req.order_total_minor,
        policy.order_cap_percent.saturating_mul(100),
    );
    let total = given.saturating_add(value);
    if total <= cap {
        return Ok(());
    }
    let money = |m| format_amount(m, req.currency);
    let what = describe_remedy(req.remedy, req.currency);
    let why = if given > 0 {
        format!(
            "Together with what this order already got ({}), {what} ({}) would bring it to {}, above the cap of {}% of the order ({}).",
            money(given), money(value), money(total), policy.order_cap_percent, money(cap)
        )
    } else {
        format!(
            "{} is worth {}, above the cap of {}% of the order ({}).",
            capitalize(&what),
            money(value),
            policy.order_cap_percent,
            money(cap)
        )
    };
    Err(refused(why))
}

/// Why a role's authority does not cover the gesture, or `Ok` when it does.
fn covers(
    a: Option<&Authority>,
    role: Role,
    req: &CompensationRequest<'_>,
    value: i64,
) -> Result<(), String> {
    let who = role_phrase(role);
    let Some(a) = a else {
        return Err(format!("no authority is set for {who}"));
    };
    let what = describe_remedy(req.remedy, req.currency);
    if let Remedy::Coupon { basis_points } | Remedy::OrderDiscount { basis_points } = *req.remedy {
        if basis_points > a.max_percent.saturating_mul(100) {
            return Err(format!(
                "{what} is above {who}'s limit of {}% of the order",
                a.max_percent
            ));
        }
    }
    if a.any_amount {
        return Ok(());
    }
    let currency = req.currency.trim().to_ascii_uppercase();
    match a.max_amount.get(&currency) {
        None => Err(format!("no limit in {currency} is set for {who}")),
        Some(cap) if value > *cap => Err(format!(
            "{what} is worth {}, above {who}'s limit of {}",
            format_amount(value, &currency),
            format_amount(*cap, &currency)
        )),
        Some(_) => Ok(()),
    }
}

fn authority(
    policy: &CompensationPolicy,
    req: &CompensationRequest<'_>,
    value: i64,
) -> Result<Need, Decision> {
    let check = |role: Role| covers(policy.authority.get(&role), role, req, value);
    let Some(lowest) = [Role::Agent, Role::Supervisor, Role::Admin]
        .into_iter()
        .find(|r| check(*r).is_ok())
    else {
        return Err(refused(format!(
            "{} ({}) is beyond every role's authority in this store's policy.",
            capitalize(&describe_remedy(req.remedy, req.currency)),
            format_amount(value, req.currency)
        )));
    };
    let why = match check(req.role) {
        Ok(()) => None,
        Err(own) => Some(format!(
            "{}; {} can approve it.",
            capitalize(&own),
            role_phrase(lowest)
        )),
    };
    Ok(Need { role: lowest, why })
}

/// Keeping a wrong or unwanted item is fine below the keep-it threshold; above it, a return label is sent.
/// Every other free remedy is always allowed.
fn keep_item(policy: &CompensationPolicy, req: &CompensationRequest<'_>) -> Decision {
    let resaleable = matches!(
        req.kind,
        ExceptionKind::WrongItem | ExceptionKind::ReturnExchange
    );
    if *req.remedy != Remedy::KeepItem || !resaleable {
        return Decision::Allowed;
    }
    let currency = req.currency.trim().to_ascii_uppercase();
    let worth = value_minor(req.remedy, req.order_total_minor, req.items);
    match policy.keep_item_below.get(&currency) {
        None => refused(format!(
            "No keep-it threshold is set for {currency}; send a prepaid return label instead."
        )),
        Some(limit) if worth >= *limit => refused(format!(
            "The item is worth {}, not below the keep-it threshold of {}; send a prepaid return label instead.",
            format_amount(worth, &currency),
            format_amount(*limit, &currency)
        )),
        Some(_) => Decision::Allowed,
    }
}
