//! Turning facts into the words a text shows: first name, "#1042", "3 days", "24 de novembro", "R$ 129,90".

use chrono::{Datelike, NaiveDate};

use super::book::TextBook;
use super::render::{fill, Vars};
use super::schema::PLAYBOOK_PLACEHOLDERS;
use crate::missing::MissingLine;
use crate::money::{format_money, format_percent};
use crate::situation::{customs_asks, Facts};
use crate::Remedy;

/// The shopper's first name, as they wrote it ("ana maria" → "ana"; we never guess capitals): the first
/// word with a letter in it, so a WhatsApp profile "🌻 Ana" is Ana and a profile "🌻" names nobody.
pub fn first_name(full: &str) -> Option<String> {
    (full.split_whitespace())
        .find(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_string)
}

/// An order number as shoppers see it in their confirmation e-mail: "#1042"; marketplace ids as they are.
pub fn order_label(number: &str) -> Option<String> {
    let n = number.trim();
    if n.is_empty() {
        None
    } else if n.chars().all(|c| c.is_ascii_digit()) {
        Some(format!("#{n}"))
    } else {
        Some(n.to_string())
    }
}

/// "1 day", "3 days" in the book's language.
pub fn count(book: &TextBook, n: i64, one: &str, many: &str) -> String {
    let unit = if n == 1 { one } else { many };
    format!("{n} {}", book.get(&format!("units.{unit}")).unwrap_or(unit))
}

/// A wait in minutes, written as people say it: "15 minutes", "1 hour", "2 hours", "90 minutes".
pub fn wait(book: &TextBook, minutes: u32) -> String {
    if minutes >= 60 && minutes.is_multiple_of(60) {
        count(book, i64::from(minutes / 60), "hour", "hours")
    } else {
        count(book, i64::from(minutes), "minute", "minutes")
    }
}

/// A date in the book's language: `dates.format` with `{day}`, `{month}`, `{year}` ("24. November").
pub fn date(book: &TextBook, d: NaiveDate) -> String {
    let months: Vec<&str> = book
        .get("dates.months")
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .collect();
    let month_index = d.month0() as usize;
    let month = months
        .get(month_index)
        .filter(|m| !m.is_empty())
        .map(|m| m.to_string())
        .unwrap_or_else(|| format!("{:02}", d.month()));
    book.get("dates.format")
        .unwrap_or("{day} {month}")
        .replace("{day}", &d.day().to_string())
        .replace("{month}", &month)
        .replace("{year}", &d.year().to_string())
}

/// Only web links are shown as links; anything else from a carrier is left out.
fn web_link(url: &str) -> Option<String> {
    let u = url.trim();
    (u.starts_with("https://") || u.starts_with("http://")).then(|| u.to_string())
}

/// The locale amounts are written in: the shopper's, else the language's default from the texts.
pub fn locale(book: &TextBook, facts: &Facts, lang: &str) -> String {
    facts
        .locale
        .clone()
        .or_else(|| book.get("meta.locale").map(str::to_string))
        .unwrap_or_else(|| lang.to_string())
}

fn put(vars: &mut Vars, name: &'static str, value: Option<String>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        vars.insert(name, v);
    }
}

/// Playbook placeholders filled from what an option or a gesture brings (a coupon's code, a return
/// label), never from the case's facts alone.
const OFFER_PLACEHOLDERS: [&str; 8] = [
    "option",
    "percent",
    "code",
    "expires",
    "days_min",
    "days_max",
    "wait",
    "label_link",
];

/// The placeholders [`fact_vars`] can fill: all a canned reply may use, since it is filled with facts only.
pub fn snippet_placeholders() -> Vec<&'static str> {
    (PLAYBOOK_PLACEHOLDERS.iter().copied())
        .filter(|p| !OFFER_PLACEHOLDERS.contains(p))
        .collect()
}

/// Every fact placeholder a text may use; missing facts are simply absent.
pub fn fact_vars(book: &TextBook, facts: &Facts, lang: &str) -> Vars {
    let mut vars = Vars::new();
    let locale = locale(book, facts, lang);
    put(
        &mut vars,
        "name",
        facts.shopper_name.as_deref().and_then(first_name),
    );
    put(
        &mut vars,
        "order",
        facts.order_number.as_deref().and_then(order_label),
    );
    put(&mut vars, "item", facts.item.clone());
    missing_vars(&mut vars, facts);
    let days = |n: Option<i64>| n.filter(|d| *d > 0).map(|d| count(book, d, "day", "days"));
    put(&mut vars, "days_late", days(facts.days_late));
    put(
        &mut vars,
        "days_since_movement",
        days(facts.days_since_movement),
    );
    put(&mut vars, "tracking_number", facts.tracking_number.clone());
    put(
        &mut vars,
        "tracking_link",
        facts.tracking_url.as_deref().and_then(web_link),
    );
    put(&mut vars, "carrier", facts.carrier.clone());
    let status = facts
        .shipment_status
        .as_deref()
        .map(|s| format!("status.{s}"));
    put(
        &mut vars,
        "status",
        status.and_then(|k| book.get(&k).map(str::to_string)),
    );
    put(
        &mut vars,
        "eta",
        facts.estimated_delivery.map(|d| date(book, d)),
    );
    put(&mut vars, "carrier_event", facts.carrier_event.clone());
    put(&mut vars, "event_place", facts.carrier_event_place.clone());
    put(
        &mut vars,
        "event_date",
        facts.carrier_event_date.map(|d| date(book, d)),
    );
    put(
        &mut vars,
        "pending_since",
        facts.payment_pending_since.map(|d| date(book, d)),
    );
    put(&mut vars, "pickup_place", facts.pickup_place.clone());
    put(
        &mut vars,
        "pickup_until",
        facts.pickup_until.map(|d| date(book, d)),
    );
    if let (Some(total), Some(currency)) = (facts.order_total_minor, facts.currency.as_deref()) {
        let total = format_money(total, currency, &locale);
        vars.insert("order_total", total.clone());
        vars.insert("amount", total);
    }
    let asks = customs_lines(book, facts, &vars);
    put(&mut vars, "customs_asks", Some(asks));
    vars
}

/// What customs asks of the shopper and what the shop does about it, one `customs.<ask>` line each
/// (`customs.none` when the parcel data names nothing), filled with the other facts.
fn customs_lines(book: &TextBook, facts: &Facts, vars: &Vars) -> String {
    let asks = customs_asks(facts);
    let keys: Vec<&str> = if asks.is_empty() {
        vec!["none"]
    } else {
        asks.iter().map(|a| a.key()).collect()
    };
    keys.iter()
        .map(|k| fill(book.get(&format!("customs.{k}")).unwrap_or(""), vars))
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A missing item names its line and how many ({item}, {quantity}) once known, else lists the
/// order's lines to ask about ({items}) and names no item at all.
fn missing_vars(vars: &mut Vars, facts: &Facts) {
    match &facts.missing_line {
        Some(MissingLine::Known { line, .. }) => {
            put(vars, "item", Some(line.name.clone()));
            vars.insert("quantity", line.quantity.to_string());
        }
        Some(MissingLine::Unknown { choices }) => {
            vars.remove("item");
            // One line per choice, starting on the line after the question that holds {items}.
            let list: String = choices.iter().map(|c| format!("\n• {c}")).collect();
            put(vars, "items", Some(list));
        }
        None => {}
    }
}

/// The facts plus what one remedy brings: its percent, and its own amount for a partial refund.
pub fn remedy_vars(base: &Vars, remedy: &Remedy, facts: &Facts, locale: &str) -> Vars {
    let mut vars = base.clone();
    match remedy {
        Remedy::Coupon { basis_points } | Remedy::OrderDiscount { basis_points } => {
            vars.insert("percent", format_percent(*basis_points, locale));
        }
        Remedy::PartialRefund { amount_minor } => {
            vars.remove("amount");
            if let Some(currency) = facts.currency.as_deref() {
                vars.insert("amount", format_money(*amount_minor, currency, locale));
            }
        }
        Remedy::LineRefund { line } => {
            vars.remove("amount");
            let missing = facts.missing_line.as_ref();
            let value = missing
                .filter(|m| m.line().is_some_and(|l| l.same_scope(line)))
                .and_then(MissingLine::value_minor);
            if let (Some(value), Some(currency)) = (value, facts.currency.as_deref()) {
                vars.insert("amount", format_money(value, currency, locale));
            }
        }
        _ => {}
    }
    vars
}
