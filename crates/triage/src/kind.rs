//! The taxonomy of order exceptions and how soon each must be looked at.

use serde::{Deserialize, Serialize};

/// The kinds of order exception the desk handles (see the domain brief's taxonomy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    WhereIsMyOrder,
    Delayed,
    Lost,
    Damaged,
    WrongItem,
    MissingItem,
    OutOfStock,
    ReturnExchange,
    Payment,
    Other,
}

impl ExceptionKind {
    /// Every kind, in the order the domain brief lists them.
    pub const ALL: [ExceptionKind; 10] = [
        Self::WhereIsMyOrder,
        Self::Delayed,
        Self::Lost,
        Self::Damaged,
        Self::WrongItem,
        Self::MissingItem,
        Self::OutOfStock,
        Self::ReturnExchange,
        Self::Payment,
        Self::Other,
    ];

    /// The wire spelling (`where_is_my_order`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WhereIsMyOrder => "where_is_my_order",
            Self::Delayed => "delayed",
            Self::Lost => "lost",
            Self::Damaged => "damaged",
            Self::WrongItem => "wrong_item",
            Self::MissingItem => "missing_item",
            Self::OutOfStock => "out_of_stock",
            Self::ReturnExchange => "return_exchange",
            Self::Payment => "payment",
            Self::Other => "other",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The default priority of this kind, per the domain brief.
    pub fn default_priority(self) -> Priority {
        match self {
            Self::Lost | Self::Damaged => Priority::Urgent,
            Self::Delayed
            | Self::WrongItem
            | Self::MissingItem
            | Self::OutOfStock
            | Self::Payment => Priority::High,
            Self::WhereIsMyOrder | Self::ReturnExchange | Self::Other => Priority::Normal,
        }
    }
}

/// How soon a case must be looked at. Ordered from most to least urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Urgent,
    High,
    Normal,
    Low,
}

impl Priority {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Urgent => "urgent",
            Self::High => "high",
            Self::Normal => "normal",
            Self::Low => "low",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Urgent, Self::High, Self::Normal, Self::Low]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}
