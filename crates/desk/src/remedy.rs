//! The remedies the desk can offer a shopper, and the roles of the people who grant them.
//!
//! Playbook options, compensation decisions and actions in the shop all speak of a [`Remedy`], so a button
//! the shopper taps maps to exactly one thing the desk can do and one policy decision.

use serde::{Deserialize, Serialize};

/// One thing the desk can do for the shopper.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Remedy {
    /// Refund the whole order.
    FullRefund,
    /// Refund part of the order, in the order's currency, in minor units.
    PartialRefund { amount_minor: i64 },
    /// Ship the item(s) again at the store's cost.
    Replacement,
    /// Ship one line of the order again (the missing one), at the store's cost.
    LineReplacement { line: OrderLine },
    /// Refund one line of the order (the missing one): its price times the quantity concerned.
    LineRefund { line: OrderLine },
    /// A single-use discount code worth a share of the order, in basis points (500 = 5%).
    Coupon { basis_points: u32 },
    /// A discount on this order, in basis points, for example when it was oversold.
    OrderDiscount { basis_points: u32 },
    /// Upgrade the shipping to express for free.
    FreeExpress,
    /// Chase the carrier and report back.
    ChaseCarrier,
    /// Keep waiting for the parcel, with proactive updates.
    KeepWaiting,
    /// Send a prepaid return label.
    ReturnLabel,
    /// The shopper keeps the wrong item.
    KeepItem,
    /// Ask the shopper for a photo (damage) or a bank statement line (payment).
    AskEvidence,
    /// Hand the conversation to a person.
    TalkToAgent,
}

impl Remedy {
    /// True when the remedy costs the store money and so falls under the compensation policy.
    pub fn is_compensation(&self) -> bool {
        matches!(
            self,
            Remedy::FullRefund
                | Remedy::PartialRefund { .. }
                | Remedy::Replacement
                | Remedy::LineReplacement { .. }
                | Remedy::LineRefund { .. }
                | Remedy::Coupon { .. }
                | Remedy::OrderDiscount { .. }
                | Remedy::FreeExpress
        )
    }

    /// A stable id, used as the WhatsApp button id (`remedy:<id>`), so a tap maps back to the remedy.
    pub fn id(&self) -> String {
        match self {
            Remedy::FullRefund => "full_refund".into(),
            Remedy::PartialRefund { amount_minor } => format!("partial_refund_{amount_minor}"),
            Remedy::Replacement => "replacement".into(),
            Remedy::LineReplacement { line } => format!("line_replacement.{}", line.key()),
            Remedy::LineRefund { line } => format!("line_refund.{}", line.key()),
            Remedy::Coupon { basis_points } => format!("coupon_{basis_points}"),
            Remedy::OrderDiscount { basis_points } => format!("order_discount_{basis_points}"),
            Remedy::FreeExpress => "free_express".into(),
            Remedy::ChaseCarrier => "chase_carrier".into(),
            Remedy::KeepWaiting => "keep_waiting".into(),
            Remedy::ReturnLabel => "return_label".into(),
            Remedy::KeepItem => "keep_item".into(),
            Remedy::AskEvidence => "ask_evidence".into(),
            Remedy::TalkToAgent => "talk_to_agent".into(),
        }
    }

    /// Parses an id made by [`Remedy::id`].
    pub fn from_id(id: &str) -> Option<Remedy> {
        let num = |prefix: &str| id.strip_prefix(prefix).and_then(|n| n.parse().ok());
        Some(match id {
            "full_refund" => Remedy::FullRefund,
            "replacement" => Remedy::Replacement,
            "free_express" => Remedy::FreeExpress,
            "chase_carrier" => Remedy::ChaseCarrier,
            "keep_waiting" => Remedy::KeepWaiting,
            "return_label" => Remedy::ReturnLabel,
            "keep_item" => Remedy::KeepItem,
            "ask_evidence" => Remedy::AskEvidence,
            "talk_to_agent" => Remedy::TalkToAgent,
            _ => {
                if let Some(line) = id.strip_prefix("line_replacement.") {
                    Remedy::LineReplacement {
                        line: OrderLine::from_key(line)?,
                    }
                } else if let Some(line) = id.strip_prefix("line_refund.") {
                    Remedy::LineRefund {
                        line: OrderLine::from_key(line)?,
                    }
                } else if let Some(a) = num("partial_refund_") {
                    Remedy::PartialRefund { amount_minor: a }
                } else if let Some(b) = num("coupon_") {
                    Remedy::Coupon {
                        basis_points: b as u32,
                    }
                } else if let Some(b) = num("order_discount_") {
                    Remedy::OrderDiscount {
                        basis_points: b as u32,
                    }
                } else {
                    return None;
                }
            }
        })
    }

    /// True for a replacement, of the whole order or of one line.
    pub fn is_replacement(&self) -> bool {
        matches!(self, Remedy::Replacement | Remedy::LineReplacement { .. })
    }

    /// True for a refund, of the whole order, a part of it or one line.
    pub fn is_refund(&self) -> bool {
        matches!(
            self,
            Remedy::FullRefund | Remedy::PartialRefund { .. } | Remedy::LineRefund { .. }
        )
    }

    /// The order line a remedy is scoped to, when it is.
    pub fn line(&self) -> Option<&OrderLine> {
        match self {
            Remedy::LineReplacement { line } | Remedy::LineRefund { line } => Some(line),
            _ => None,
        }
    }
}

/// The line of an order a remedy is for, and how many of it: the missing remote control, not the
/// whole order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrderLine {
    /// The shop's id of the line in the original order.
    pub line_id: String,
    /// How many of it the remedy covers (at most the line's quantity).
    pub quantity: u32,
    /// The line's name as the order shows it, for people to read. Empty when only the id is known
    /// (a button id carries no name); the desk fills it from the order before recording anything.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

impl OrderLine {
    /// `<quantity>.<line id>` for a button id: the quantity first, since a shop's line id may hold
    /// any character.
    fn key(&self) -> String {
        format!("{}.{}", self.quantity, self.line_id)
    }

    fn from_key(key: &str) -> Option<OrderLine> {
        let (quantity, line_id) = key.split_once('.')?;
        let quantity: u32 = quantity.parse().ok().filter(|q| *q > 0)?;
        (!line_id.is_empty()).then(|| OrderLine {
            line_id: line_id.to_string(),
            quantity,
            name: String::new(),
        })
    }

    /// The same line and quantity, whatever name each copy carries: a tapped button (no name) is the
    /// offered option (named).
    pub fn same_scope(&self, other: &OrderLine) -> bool {
        self.line_id == other.line_id && self.quantity == other.quantity
    }
}

/// Who is acting on the desk. Ordered by authority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Agent,
    Supervisor,
    Admin,
}

impl Role {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_remedy_id_parses_back_to_the_same_remedy() {
        let all = [
            Remedy::FullRefund,
            Remedy::PartialRefund { amount_minor: 1290 },
            Remedy::Replacement,
            Remedy::Coupon { basis_points: 500 },
            Remedy::OrderDiscount { basis_points: 2000 },
            Remedy::FreeExpress,
            Remedy::ChaseCarrier,
            Remedy::KeepWaiting,
            Remedy::ReturnLabel,
            Remedy::KeepItem,
            Remedy::AskEvidence,
            Remedy::TalkToAgent,
        ];
        for r in all {
            assert_eq!(Remedy::from_id(&r.id()), Some(r.clone()), "{r:?}");
        }
        assert_eq!(Remedy::from_id("coupon_x"), None);
    }

    #[test]
    fn a_line_remedy_id_keeps_the_line_and_quantity_whatever_the_shop_calls_the_line() {
        let line = OrderLine {
            line_id: "gid://shopify/LineItem/222".into(),
            quantity: 2,
            name: "TV remote control".into(),
        };
        for r in [
            Remedy::LineReplacement { line: line.clone() },
            Remedy::LineRefund { line: line.clone() },
        ] {
            let back = Remedy::from_id(&r.id()).expect("parses");
            assert_eq!(back.id(), r.id());
            assert!(back
                .line()
                .is_some_and(|l| l.same_scope(&line) && l.name.is_empty()));
        }
        assert_eq!(Remedy::from_id("line_refund.0.222"), None);
        assert_eq!(Remedy::from_id("line_refund.1."), None);
        let old: Remedy = serde_json::from_str(r#"{"type":"replacement"}"#).expect("reads");
        assert_eq!(old, Remedy::Replacement);
    }
}
