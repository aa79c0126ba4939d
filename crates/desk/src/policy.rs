//! The compensation policy: which gestures each kind of problem allows and when, how far each role may go,
//! and the cap that keeps one order from being compensated twice. One pure function, [`decide`], answers
//! allowed, needs approval (by whom) or refused (why), in a sentence an agent understands.

mod decide;
mod defaults;
mod value;

pub use decide::decide;
pub use value::{describe_remedy, format_amount, value_minor, AffectedItem};

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use lifeline_triage::ExceptionKind;
use serde::{Deserialize, Serialize};

use crate::{Remedy, Role};

/// The store's compensation rules. `Default` is the domain brief's policy; `lifeline.toml` overrides it
/// under `[policy]`, kind by kind and role by role (whatever is left out keeps its default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PolicyOverrides")]
pub struct CompensationPolicy {
    /// What each kind of problem may be compensated with.
    pub kinds: BTreeMap<ExceptionKind, KindRule>,
    /// How far each role may go without approval.
    pub authority: BTreeMap<Role, Authority>,
    /// A shopper keeps a wrong or unwanted item worth less than this (per currency, minor units);
    /// above it, a prepaid return label is sent instead.
    pub keep_item_below: BTreeMap<String, i64>,
    /// All compensation on one order together never exceeds this share of the order (percent).
    pub order_cap_percent: u32,
}

/// The gestures one kind of problem allows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    #[serde(default)]
    pub offers: Vec<Offer>,
}

/// One allowed gesture and its condition, e.g. `{ remedy = "coupon", max_percent = 5, days_late_over = 5 }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub remedy: RemedyKind,
    /// For a coupon or discount: its largest size. For a partial refund: its largest share of the order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_percent: Option<u32>,
    /// Only when the order is more than this many days late.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_late_over: Option<i64>,
}

impl Offer {
    /// An offer with no condition.
    pub fn plain(remedy: RemedyKind) -> Self {
        Self {
            remedy,
            max_percent: None,
            days_late_over: None,
        }
    }

    /// An offer up to a percentage.
    pub fn up_to(remedy: RemedyKind, percent: u32) -> Self {
        Self {
            max_percent: Some(percent),
            ..Self::plain(remedy)
        }
    }
}

/// The gestures that cost the store money, as named in the policy file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemedyKind {
    FullRefund,
    PartialRefund,
    Replacement,
    Coupon,
    OrderDiscount,
    FreeExpress,
}

impl RemedyKind {
    /// The policy name of a remedy, `None` for remedies that cost nothing (chase the carrier, ask for a photo…).
    pub fn of(remedy: &Remedy) -> Option<Self> {
        Some(match remedy {
            Remedy::FullRefund => Self::FullRefund,
            Remedy::PartialRefund { .. } | Remedy::LineRefund { .. } => Self::PartialRefund,
            Remedy::Replacement | Remedy::LineReplacement { .. } => Self::Replacement,
            Remedy::Coupon { .. } => Self::Coupon,
            Remedy::OrderDiscount { .. } => Self::OrderDiscount,
            Remedy::FreeExpress => Self::FreeExpress,
            _ => return None,
        })
    }

    /// True for gestures that make the shopper whole (money back or the goods), as opposed to goodwill.
    pub fn makes_whole(self) -> bool {
        matches!(
            self,
            Self::FullRefund | Self::PartialRefund | Self::Replacement
        )
    }

    /// How agents call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::FullRefund => "full refund",
            Self::PartialRefund => "partial refund",
            Self::Replacement => "replacement",
            Self::Coupon => "coupon",
            Self::OrderDiscount => "discount on the order",
            Self::FreeExpress => "free express upgrade",
        }
    }
}

/// How far one role may go on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authority {
    /// The largest goodwill gesture (coupon, discount on the order), as a percentage of the order.
    pub max_percent: u32,
    /// The most one gesture may be worth, per currency in minor units (refunds and replacements included).
    /// A currency missing here is beyond this role.
    pub max_amount: BTreeMap<String, i64>,
    /// No amount limit at all (admins by default).
    #[serde(default)]
    pub any_amount: bool,
}

/// A gesture already given on this order, from the order's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenCompensation {
    /// The problem it compensated.
    pub kind: ExceptionKind,
    pub remedy: Remedy,
    /// What it was worth, in the order's currency (see [`value_minor`]).
    pub value_minor: i64,
    pub at: DateTime<Utc>,
}

/// Everything [`decide`] needs to judge one gesture.
#[derive(Debug, Clone, Copy)]
pub struct CompensationRequest<'a> {
    pub kind: ExceptionKind,
    pub remedy: &'a Remedy,
    pub order_total_minor: i64,
    /// ISO 4217 code of the order's currency (`USD`, `BRL`…).
    pub currency: &'a str,
    /// How late the order is, when known.
    pub days_late: Option<i64>,
    pub already_given: &'a [GivenCompensation],
    pub role: Role,
    /// The items concerned (the wrong or missing ones); empty means the whole order.
    pub items: &'a [AffectedItem],
}

/// The answer to "may I give this?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    Allowed,
    /// Beyond the requester's authority: someone with this role must approve.
    NeedsApproval {
        by: Role,
        why: String,
    },
    /// Not allowed by the policy at all.
    Refused {
        why: String,
    },
}

impl Decision {
    /// True when the gesture can go ahead now.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allowed)
    }
}

impl CompensationPolicy {
    /// Reads a policy from TOML text (the `[policy]` table's contents), over the defaults.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }

    /// The rule for a kind (an empty rule when the kind allows nothing).
    pub fn rule(&self, kind: ExceptionKind) -> KindRule {
        self.kinds.get(&kind).cloned().unwrap_or_default()
    }
}

impl Default for CompensationPolicy {
    fn default() -> Self {
        defaults::policy()
    }
}

/// What a policy file may say; everything missing keeps the default.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyOverrides {
    #[serde(default)]
    kinds: BTreeMap<ExceptionKind, KindRule>,
    #[serde(default)]
    authority: BTreeMap<Role, AuthorityOverride>,
    #[serde(default)]
    keep_item_below: Option<BTreeMap<String, i64>>,
    #[serde(default)]
    order_cap_percent: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorityOverride {
    max_percent: Option<u32>,
    max_amount: Option<BTreeMap<String, i64>>,
    any_amount: Option<bool>,
}

impl From<PolicyOverrides> for CompensationPolicy {
    fn from(o: PolicyOverrides) -> Self {
        let mut policy = defaults::policy();
        policy.kinds.extend(o.kinds);
        for (role, a) in o.authority {
            let entry = policy.authority.entry(role).or_insert(Authority {
                max_percent: 0,
                max_amount: BTreeMap::new(),
                any_amount: false,
            });
            if let Some(p) = a.max_percent {
                entry.max_percent = p;
            }
            if let Some(m) = a.max_amount {
                entry.max_amount = upper_keys(m);
            }
            if let Some(any) = a.any_amount {
                entry.any_amount = any;
            }
        }
        if let Some(k) = o.keep_item_below {
            policy.keep_item_below = upper_keys(k);
        }
        if let Some(cap) = o.order_cap_percent {
            policy.order_cap_percent = cap;
        }
        policy
    }
}

fn upper_keys(m: BTreeMap<String, i64>) -> BTreeMap<String, i64> {
    m.into_iter()
        .map(|(k, v)| (k.trim().to_ascii_uppercase(), v))
        .collect()
}
