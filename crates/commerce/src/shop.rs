//! The `Shop` trait: what the desk asks of any store, and the requests its fixes need.

use crate::error::CommerceError;
use crate::model::Order;
use crate::money::Money;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Give money back, in full or in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequest {
    /// In the order's currency; at most what was paid.
    pub amount: Money,
    pub reason: String,
    /// The same key on a retry returns the first refund instead of paying twice.
    pub idempotency_key: String,
    /// Let the shop e-mail the shopper its own refund notice.
    pub notify: bool,
    /// True moves the money back through the payment gateway; false only records a refund made
    /// elsewhere (WooCommerce `api_refund`). Always stated, never left to a default.
    pub through_gateway: bool,
    /// The order lines the money is for (the missing item), so the shop's refund shows them; empty
    /// for an amount on the order as a whole.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<RefundLine>,
}

/// One line of the original order a refund is for, and how many of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundLine {
    /// `LineItem::id` in the original order.
    pub line_item_id: String,
    pub quantity: u32,
}

/// A refund the shop has accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundDone {
    pub id: String,
    pub amount: Money,
}

/// One line of the original order to send again, free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementItem {
    /// `LineItem::id` in the original order.
    pub line_item_id: String,
    pub quantity: u32,
}

/// The free order created to reship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementDone {
    pub order_number: String,
    pub id: String,
}

/// How big the gesture is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscountValue {
    /// 500 is 5 %.
    PercentBasisPoints(u32),
    /// A fixed amount off the next order.
    Fixed(Money),
}

/// A single-use code for this order's shopper only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscountRequest {
    pub value: DiscountValue,
    pub code: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub idempotency_key: String,
}

/// The code as the shop stored it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscountDone {
    pub code: String,
    pub id: String,
}

/// A store Lifeline can read orders from and act on (Shopify, WooCommerce, a file export).
#[async_trait]
pub trait Shop: Send + Sync {
    /// The configured store name.
    fn name(&self) -> &str;
    /// The order the shopper means by "#1001"; `Ok(None)` when it surely does not exist.
    async fn order_by_number(&self, number: &str) -> Result<Option<Order>, CommerceError>;
    /// Recent orders of the shopper writing from this phone (digits) or e-mail, newest first.
    async fn recent_orders_by_contact(
        &self,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> Result<Vec<Order>, CommerceError>;
    /// Refund all or part of the order.
    async fn refund(&self, order: &Order, req: &RefundRequest)
        -> Result<RefundDone, CommerceError>;
    /// Send some lines again at no charge.
    async fn create_replacement(
        &self,
        order: &Order,
        items: &[ReplacementItem],
        note: &str,
        idempotency_key: &str,
    ) -> Result<ReplacementDone, CommerceError>;
    /// A single-use code only this order's shopper can use.
    async fn create_discount_code(
        &self,
        order: &Order,
        req: &DiscountRequest,
    ) -> Result<DiscountDone, CommerceError>;
    /// Leave a note and tags on the order so nobody compensates the same problem twice.
    async fn add_note(
        &self,
        order: &Order,
        note: &str,
        tags: &[String],
    ) -> Result<(), CommerceError>;
}

/// Checks shared by every connector before money moves.
pub(crate) fn check_refund(order: &Order, req: &RefundRequest) -> Result<(), CommerceError> {
    let mut problems = Vec::new();
    if req.amount.currency != order.currency {
        problems.push(format!(
            "the refund is in {} but order #{} was paid in {}",
            req.amount.currency, order.number, order.currency
        ));
    }
    if req.amount.minor <= 0 {
        problems.push("the refund amount must be more than zero".to_string());
    }
    if req.amount.minor > order.total.minor {
        problems.push(format!(
            "the refund of {} is more than the order total of {}",
            req.amount, order.total
        ));
    }
    for line in &req.lines {
        match order.line_items.iter().find(|l| l.id == line.line_item_id) {
            Some(l) if line.quantity > 0 && line.quantity <= l.quantity => {}
            Some(l) => problems.push(format!(
                "order #{} has {} × {}, so {} cannot be refunded",
                order.number, l.quantity, l.name, line.quantity
            )),
            None => problems.push(format!(
                "line item {} is not in order #{}",
                line.line_item_id, order.number
            )),
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CommerceError::UserErrors(problems))
    }
}

/// Percent from basis points as a short exact decimal string: 500 → "5", 1250 → "12.5".
pub(crate) fn percent_string(basis_points: u32) -> String {
    let whole = basis_points / 100;
    let frac = basis_points % 100;
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percents_are_written_exactly() {
        assert_eq!(super::percent_string(500), "5");
        assert_eq!(super::percent_string(1250), "12.5");
        assert_eq!(super::percent_string(1205), "12.05");
        assert_eq!(super::percent_string(10000), "100");
    }
}
