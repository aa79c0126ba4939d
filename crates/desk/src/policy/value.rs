//! What a remedy costs the store, in the order's minor units, and how to name it in a sentence.

use serde::{Deserialize, Serialize};

use crate::Remedy;

/// An item a remedy is about (the wrong one to replace, the missing one to refund).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AffectedItem {
    pub unit_price_minor: i64,
    pub quantity: u32,
}

impl AffectedItem {
    /// Price times quantity (never overflows).
    pub fn line_total_minor(&self) -> i64 {
        self.unit_price_minor
            .saturating_mul(i64::from(self.quantity))
    }
}

/// The items' total, or `None` when no items were named (the whole order is concerned).
pub(super) fn items_total(items: &[AffectedItem]) -> Option<i64> {
    if items.is_empty() {
        None
    } else {
        Some(
            items
                .iter()
                .fold(0i64, |sum, i| sum.saturating_add(i.line_total_minor())),
        )
    }
}

/// A share of an amount in basis points, rounded half up, exact in integers.
pub(super) fn share(total_minor: i64, basis_points: u32) -> i64 {
    let exact = i128::from(total_minor) * i128::from(basis_points);
    let rounded = (exact + 5_000).div_euclid(10_000);
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// What a remedy costs the store, in the order's minor units.
///
/// A full refund costs the order; a replacement or a line's refund the concerned items (the whole order
/// when none are named);
/// a coupon or discount its share of the order; a kept item what it is worth. Shipping-only gestures (free
/// express, a return label) and remedies that cost nothing count as 0 here.
pub fn value_minor(remedy: &Remedy, order_total_minor: i64, items: &[AffectedItem]) -> i64 {
    match remedy {
        Remedy::FullRefund => order_total_minor,
        Remedy::PartialRefund { amount_minor } => *amount_minor,
        Remedy::Replacement | Remedy::LineReplacement { .. } | Remedy::LineRefund { .. } => {
            items_total(items).unwrap_or(order_total_minor)
        }
        Remedy::Coupon { basis_points } | Remedy::OrderDiscount { basis_points } => {
            share(order_total_minor, *basis_points)
        }
        Remedy::KeepItem => items_total(items).unwrap_or(order_total_minor),
        Remedy::FreeExpress
        | Remedy::ReturnLabel
        | Remedy::ChaseCarrier
        | Remedy::KeepWaiting
        | Remedy::AskEvidence
        | Remedy::TalkToAgent => 0,
    }
}

/// Currencies without minor units (ISO 4217 exponent 0) among those shops commonly use.
const NO_DECIMALS: [&str; 10] = [
    "JPY", "KRW", "CLP", "VND", "ISK", "PYG", "UGX", "XAF", "XOF", "KMF",
];

/// An amount for an agent's eyes: `12.50 USD`, `3000 JPY`. (Shoppers get locale-aware amounts elsewhere.)
pub fn format_amount(minor: i64, currency: &str) -> String {
    let code = currency.trim().to_ascii_uppercase();
    if NO_DECIMALS.contains(&code.as_str()) {
        return format!("{minor} {code}");
    }
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02} {code}", abs / 100, abs % 100)
}

fn percent(basis_points: u32) -> String {
    if basis_points.is_multiple_of(100) {
        format!("{}%", basis_points / 100)
    } else {
        format!("{}.{:02}%", basis_points / 100, basis_points % 100)
    }
}

/// "TV remote control × 1"; the line's id when its name is not known.
fn line_phrase(line: &crate::remedy::OrderLine) -> String {
    let name = if line.name.trim().is_empty() {
        format!("line {}", line.line_id)
    } else {
        line.name.trim().to_string()
    };
    format!("{name} × {}", line.quantity)
}

/// A remedy named the way an agent says it: "a 5% coupon", "a partial refund of 12.00 USD".
pub fn describe_remedy(remedy: &Remedy, currency: &str) -> String {
    match remedy {
        Remedy::FullRefund => "a full refund".into(),
        Remedy::PartialRefund { amount_minor } => {
            format!(
                "a partial refund of {}",
                format_amount(*amount_minor, currency)
            )
        }
        Remedy::Replacement => "a replacement".into(),
        Remedy::LineReplacement { line } => format!("a replacement of {}", line_phrase(line)),
        Remedy::LineRefund { line } => format!("a refund of {}", line_phrase(line)),
        Remedy::Coupon { basis_points } => format!("a {} coupon", percent(*basis_points)),
        Remedy::OrderDiscount { basis_points } => {
            format!("{} off the order", percent(*basis_points))
        }
        Remedy::FreeExpress => "a free express upgrade".into(),
        Remedy::ReturnLabel => "a prepaid return label".into(),
        Remedy::KeepItem => "keeping the item".into(),
        Remedy::ChaseCarrier => "chasing the carrier".into(),
        Remedy::KeepWaiting => "waiting with updates".into(),
        Remedy::AskEvidence => "asking for evidence".into(),
        Remedy::TalkToAgent => "talking to a person".into(),
    }
}
