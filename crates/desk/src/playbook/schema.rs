//! What a complete set of texts contains, and the start-up checks that keep a store's overrides safe:
//! every entry present in every language, no unknown entry, only known placeholders, and button titles
//! WhatsApp accepts (at most 3 per situation, at most 20 characters each).

use super::book::{display_key, TextBook};
use super::render::placeholders;
use crate::situation::Situation;

/// WhatsApp's limit on a reply button title, in characters.
pub const MAX_BUTTON_CHARS: usize = 20;
/// WhatsApp's limit on reply buttons per message.
pub const MAX_BUTTONS: usize = 3;

/// The remedy names used as entry keys (`buttons.replacement`, `offers.coupon`).
pub const REMEDY_KEYS: [&str; 12] = [
    "full_refund",
    "partial_refund",
    "replacement",
    "coupon",
    "order_discount",
    "free_express",
    "chase_carrier",
    "keep_waiting",
    "return_label",
    "keep_item",
    "ask_evidence",
    "talk_to_agent",
];
pub const CONFIRM_KEYS: [&str; 10] = [
    "refunded",
    "replacement_shipped",
    "coupon_created",
    "carrier_chased",
    "evidence_requested",
    "return_label_sent",
    "order_discounted",
    "express_upgraded",
    "keep_item",
    "handed_to_agent",
];
pub const FOLLOW_UP_KEYS: [&str; 5] = [
    "promise_due",
    "chasing_carrier",
    "treat_as_lost",
    "tracking_changed",
    "last_check_in",
];
pub const STATUS_KEYS: [&str; 9] = [
    "pending",
    "info_received",
    "in_transit",
    "out_for_delivery",
    "attempt_fail",
    "delivered",
    "available_for_pickup",
    "exception",
    "expired",
];
/// What customs may ask of a shopper (`customs.<key>`), and `none` when the parcel names nothing.
pub const CUSTOMS_KEYS: [&str; 5] = ["duties", "invoice", "id", "information", "none"];
const UNIT_KEYS: [&str; 6] = ["minute", "minutes", "hour", "hours", "day", "days"];
const KIND_KEYS: [&str; 10] = [
    "where_is_my_order",
    "delayed",
    "lost",
    "damaged",
    "wrong_item",
    "missing_item",
    "out_of_stock",
    "return_exchange",
    "payment",
    "other",
];
const ACK_TEXTS: [&str; 11] = [
    "greeting",
    "greeting_with_order",
    "thanks",
    "with_order",
    "without_order",
    "escalated_with_order",
    "escalated_without_order",
    "order_found",
    "order_found_again",
    "order_not_found",
    "late",
];
/// The weekday names an acknowledgement gives for "back at 09:00 your time (Monday)".
pub const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Placeholders a playbook text may use.
pub const PLAYBOOK_PLACEHOLDERS: [&str; 29] = [
    "name",
    "pending_since",
    "option",
    "order",
    "item",
    "quantity",
    "items",
    "days_late",
    "days_since_movement",
    "tracking_number",
    "tracking_link",
    "carrier",
    "status",
    "eta",
    "amount",
    "order_total",
    "percent",
    "code",
    "expires",
    "days_min",
    "days_max",
    "wait",
    "label_link",
    "carrier_event",
    "event_place",
    "event_date",
    "pickup_place",
    "pickup_until",
    "customs_asks",
];
/// Placeholders an acknowledgement may use.
pub const ACK_PLACEHOLDERS: [&str; 6] =
    ["name", "order", "wait", "empathy", "back_time", "back_day"];

/// The reply to a message naming an order but no problem: it thanks for the number and asks what happened.
pub const OTHER_WITH_ORDER: &str = "other.with_order";

/// Which family of files a book belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Playbook,
    Ack,
}

impl Family {
    /// The folder under `texts/` (and under a store's override directory).
    pub fn folder(self) -> &'static str {
        match self {
            Family::Playbook => "playbooks",
            Family::Ack => "ack",
        }
    }
}

fn prefixed(prefix: &str, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("{prefix}.{n}")).collect()
}

/// Every entry a language must have.
pub fn required_keys(family: Family) -> Vec<String> {
    match family {
        Family::Playbook => {
            let mut keys = vec![
                "meta.locale".to_string(),
                "dates.format".into(),
                "dates.months".into(),
            ];
            keys.extend(prefixed(
                "common",
                &["options_intro", "choose_many", "choose_one"],
            ));
            keys.extend(prefixed("buttons", &REMEDY_KEYS));
            keys.extend(prefixed("offers", &REMEDY_KEYS));
            keys.extend(prefixed("confirm", &CONFIRM_KEYS));
            keys.extend(prefixed(
                "choice",
                &["refused", "needs_approval", "not_approved"],
            ));
            keys.push("ownership.ask".into());
            keys.extend(prefixed("follow_up", &FOLLOW_UP_KEYS));
            keys.extend(prefixed("follow_up", &crate::followup::news::NEWS_KEYS));
            keys.extend(prefixed("status", &STATUS_KEYS));
            keys.extend(prefixed("units", &UNIT_KEYS));
            keys.extend(prefixed("customs", &CUSTOMS_KEYS));
            keys.extend(Situation::ALL.iter().map(|s| format!("{}.text", s.key())));
            keys.push(OTHER_WITH_ORDER.into());
            keys
        }
        Family::Ack => {
            let mut keys: Vec<String> = ACK_TEXTS.iter().map(|t| format!("{t}.text")).collect();
            keys.extend(prefixed("empathy", &KIND_KEYS));
            keys.extend(prefixed("units", &UNIT_KEYS[..4]));
            keys.extend(prefixed("days", &DAY_KEYS));
            keys
        }
    }
}

/// True for an optional entry: a situation's own button title or offer line for one remedy.
fn is_optional_key(family: Family, key: &str) -> bool {
    if family != Family::Playbook {
        return false;
    }
    let parts: Vec<&str> = key.split('.').collect();
    matches!(parts.as_slice(), [sit, "buttons" | "offers", remedy]
        if Situation::from_key(sit).is_some() && REMEDY_KEYS.contains(remedy))
}

/// True for a button title entry, global (`buttons.x`) or per situation (`stalled.buttons.x`).
pub fn is_button_key(key: &str) -> bool {
    key.starts_with("buttons.") || key.split('.').nth(1) == Some("buttons")
}

/// Checks one language's book; pushes one readable sentence per problem.
pub fn check(book: &TextBook, family: Family, file: &str, problems: &mut Vec<String>) {
    let required = required_keys(family);
    for key in &required {
        if !book.entries.contains_key(key) {
            problems.push(format!("{file}: {} is missing", display_key(key)));
        }
    }
    let known = match family {
        Family::Playbook => &PLAYBOOK_PLACEHOLDERS[..],
        Family::Ack => &ACK_PLACEHOLDERS[..],
    };
    for (key, entry) in &book.entries {
        let file = entry.source.as_ref();
        let shown = display_key(key);
        if !required.contains(key) && !is_optional_key(family, key) {
            problems.push(format!("{file}: {shown} is not a known entry"));
            continue;
        }
        let known = if key == "dates.format" {
            &["day", "month", "year"][..]
        } else {
            known
        };
        check_placeholders(&entry.value, known, file, &shown, problems);
        if is_button_key(key) {
            check_button(&entry.value, file, &shown, problems);
        }
    }
    if family == Family::Playbook {
        check_button_counts(book, problems);
    }
}

fn check_placeholders(
    text: &str,
    known: &[&str],
    file: &str,
    shown: &str,
    problems: &mut Vec<String>,
) {
    match placeholders(text) {
        Err(at) => problems.push(format!(
            "{file}: {shown} has a stray brace at character {}",
            text[..at].chars().count() + 1
        )),
        Ok(names) => {
            for name in names.into_iter().filter(|n| !known.contains(n)) {
                problems.push(format!(
                    "{file}: {shown} uses {{{name}}}, which is not a known placeholder (known: {})",
                    known.join(", ")
                ));
            }
        }
    }
}

/// A title is measured with the widest value it can take (`{percent}` = "100").
fn check_button(title: &str, file: &str, shown: &str, problems: &mut Vec<String>) {
    if let Ok(names) = placeholders(title) {
        if let Some(bad) = names.iter().find(|n| **n != "percent") {
            problems.push(format!(
                "{file}: {shown} uses {{{bad}}}; button titles may only use {{percent}}"
            ));
        }
    }
    let widest = title.replace("{percent}", "100");
    let chars = widest.trim().chars().count();
    if chars > MAX_BUTTON_CHARS {
        problems.push(format!(
            "{file}: {shown} is {chars} characters; WhatsApp allows {MAX_BUTTON_CHARS}"
        ));
    }
    if chars == 0 {
        problems.push(format!("{file}: {shown} is empty"));
    }
}

fn check_button_counts(book: &TextBook, problems: &mut Vec<String>) {
    for sit in Situation::ALL {
        let prefix = format!("{}.buttons.", sit.key());
        let titles: Vec<_> = book
            .entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .collect();
        if titles.len() > MAX_BUTTONS {
            let file = titles[0].1.source.as_ref();
            problems.push(format!(
                "{file}: [{}].buttons has {} titles; WhatsApp allows {MAX_BUTTONS} buttons",
                sit.key(),
                titles.len()
            ));
        }
    }
}
