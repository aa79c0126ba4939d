//! Which case a shopper's new message belongs to: one open case per shopper and order, and a message about
//! another order opens another case in the same conversation.

use chrono::{DateTime, Utc};

use super::CaseStatus;

/// A case of this conversation, as the router needs to see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRef<Id> {
    pub id: Id,
    /// The order the case is about, when known (`#1042`, `1042`…).
    pub order_number: Option<String>,
    pub status: CaseStatus,
    /// The last time anything happened on it.
    pub last_activity_at: DateTime<Utc>,
    /// No shop has the case's order number (a typo, "#99999"): the next number the shopper gives is
    /// their correction, not another order.
    pub order_unknown: bool,
}

/// Where a new message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route<Id> {
    /// Into this existing case (a resolved one reopens: see [`super::when_shopper_writes`]).
    Existing(Id),
    /// Into this case, which had no order yet or one no shop has: the message gives it one (the answer
    /// to "which order?", or the corrected number).
    AttachOrder(Id),
    /// A new case in the same conversation.
    NewCase,
}

/// Compares order numbers the way shoppers write them: `#1042`, `1042`, ` #1042 ` and `No. 1042` are one order.
pub fn same_order(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        let k: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match k.strip_prefix("no") {
            Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest.to_string(),
            _ => k,
        }
    };
    let (ka, kb) = (key(a), key(b));
    !ka.is_empty() && ka == kb
}

/// Routes a message to a case. Closed cases are never reused. A message naming an order goes to that
/// order's case, else to a case still waiting for its order number (or whose number no shop has), else
/// to a new case. A message naming no
/// order goes to the most recently active open case, else the most recent resolved one (which reopens),
/// else to a new case.
pub fn route_message<Id: Clone>(cases: &[CaseRef<Id>], order_number: Option<&str>) -> Route<Id> {
    let live = || cases.iter().filter(|c| c.status != CaseStatus::Closed);
    match order_number {
        Some(order) => {
            let same = live().filter(|c| {
                c.order_number
                    .as_deref()
                    .is_some_and(|o| same_order(o, order))
            });
            if let Some(c) = latest(same) {
                return Route::Existing(c.id.clone());
            }
            let waiting = live()
                .filter(|c| (c.order_number.is_none() || c.order_unknown) && c.status.is_open());
            match latest(waiting) {
                Some(c) => Route::AttachOrder(c.id.clone()),
                None => Route::NewCase,
            }
        }
        None => match latest(live()) {
            Some(c) => Route::Existing(c.id.clone()),
            None => Route::NewCase,
        },
    }
}

/// The case to prefer among several: open before resolved, then the most recently active.
fn latest<'a, Id>(cases: impl Iterator<Item = &'a CaseRef<Id>>) -> Option<&'a CaseRef<Id>> {
    cases.max_by_key(|c| (c.status.is_open(), c.last_activity_at))
}
