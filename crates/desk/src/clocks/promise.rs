//! Finds the concrete promises in an agent's reply ("within 24 hours", "em até 2 dias úteis", "bis morgen")
//! so each one gets a clock and a follow-up, in the eight languages Lifeline serves.
//!
//! Only a time limit introduced as one counts: "within 3 days" is a promise, "stuck for 9 days" or
//! "há 9 dias" is a fact about the past. A range promises its upper end ("within 48-72 hours" → 72 h).
//! "Tomorrow" is read as 24 hours from now, the strict reading that keeps the shopper's trust.

mod words;

use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use words::{Unit, Words};

/// The earliest concrete deadline promised in `text`, read in `lang` (plus English, which agents often mix
/// in). Unknown languages are read with all eight vocabularies. `None` when nothing concrete is promised.
pub fn promise_deadline(text: &str, lang: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tokens = tokenize(text);
    let vocabularies: Vec<&Words> = match words::for_language(lang) {
        Some(w) => vec![w, &words::EN],
        None => words::ALL.to_vec(),
    };
    vocabularies
        .into_iter()
        .filter_map(|w| earliest(&tokens, w, now))
        .min()
}

fn tokenize(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn earliest(tokens: &[String], w: &Words, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    (0..tokens.len())
        .filter_map(|i| amount_at(tokens, i, w, now).or_else(|| tomorrow_at(tokens, i, w, now)))
        .min()
}

fn has(list: &[&str], token: Option<&String>) -> bool {
    token.is_some_and(|t| list.contains(&t.as_str()))
}

/// "within 24 hours": a number (or a one-word amount) at `i`, its unit, and an anchor before it.
fn amount_at(tokens: &[String], i: usize, w: &Words, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let (n, glued) = number(&tokens[i], w)?;
    let unit = match glued {
        Some(unit) => unit,
        None => unit_at(tokens, i + 1, w)?,
    };
    if !(1..=1000).contains(&n) || !anchored(tokens, i, w) {
        return None;
    }
    add(now, n, unit)
}

/// Walks back from the number over filler words (and the first half of a range) to an anchor.
fn anchored(tokens: &[String], i: usize, w: &Words) -> bool {
    for k in (i.saturating_sub(5)..i).rev() {
        let t = tokens[k].as_str();
        if w.anchors.contains(&t) {
            return true;
        }
        let is_number = t.chars().all(|c| c.is_ascii_digit());
        if !(w.fillers.contains(&t) || is_number) {
            return false;
        }
    }
    false
}

fn number(token: &str, w: &Words) -> Option<(i64, Option<Unit>)> {
    if let Some((_, n, unit)) = w.glued.iter().find(|(word, _, _)| *word == token) {
        return Some((*n, Some(*unit)));
    }
    if let Some((_, n)) = w.numbers.iter().find(|(word, _)| *word == token) {
        return Some((*n, None));
    }
    let digits_end = token
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(token.len());
    if digits_end == 0 {
        return None;
    }
    let n: i64 = token[..digits_end].parse().ok()?;
    let suffix = &token[digits_end..];
    if suffix.is_empty() {
        return Some((n, None));
    }
    // "1x24 jam" (Indonesian for 24 hours) multiplies; "24h", "2d", "30min" carry their unit.
    if let Some(times) = suffix.strip_prefix('x') {
        let m: i64 = times.parse().ok()?;
        return Some((n.checked_mul(m)?, None));
    }
    let unit = match suffix {
        "h" | "hr" | "hrs" | "hs" => Unit::Hours,
        "d" => Unit::Days,
        "m" | "min" | "mins" => Unit::Minutes,
        _ => return None,
    };
    Some((n, Some(unit)))
}

fn unit_at(tokens: &[String], j: usize, w: &Words) -> Option<Unit> {
    let t = tokens.get(j)?.as_str();
    let next = tokens.get(j + 1);
    let business_word = w.business_days.contains(&t);
    if business_word || (w.business_marks.contains(&t) && has(w.days, next)) {
        Some(Unit::BusinessDays)
    } else if w.days.contains(&t) {
        Some(if has(w.business_marks, next) {
            Unit::BusinessDays
        } else {
            Unit::Days
        })
    } else if w.hours.contains(&t) {
        Some(Unit::Hours)
    } else if w.minutes.contains(&t) {
        Some(Unit::Minutes)
    } else if w.weeks.contains(&t) {
        Some(Unit::Weeks)
    } else {
        None
    }
}

/// "tomorrow", "amanhã", "bis morgen" (not "guten Morgen" or "por la mañana"), and the day after.
fn tomorrow_at(
    tokens: &[String],
    i: usize,
    w: &Words,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let t = tokens[i].as_str();
    if w.day_after_tomorrow.contains(&t) {
        return Some(now + Duration::hours(48));
    }
    if !w.tomorrow.contains(&t) {
        return None;
    }
    let before = |back: usize| i.checked_sub(back).and_then(|k| tokens.get(k));
    if has(w.not_tomorrow_after, before(1)) {
        return None;
    }
    if has(w.day_after_marks, before(1)) || has(w.day_after_marks, before(2)) {
        return Some(now + Duration::hours(48));
    }
    Some(now + Duration::hours(24))
}

fn add(now: DateTime<Utc>, n: i64, unit: Unit) -> Option<DateTime<Utc>> {
    let span = match unit {
        Unit::Minutes => Duration::try_minutes(n)?,
        Unit::Hours => Duration::try_hours(n)?,
        Unit::Days => Duration::try_days(n)?,
        Unit::Weeks => Duration::try_weeks(n)?,
        Unit::BusinessDays => return Some(add_business_days(now, n)),
    };
    now.checked_add_signed(span)
}

/// Counts only Monday to Friday: "2 business days" from a Friday ends on Tuesday.
fn add_business_days(now: DateTime<Utc>, n: i64) -> DateTime<Utc> {
    let mut at = now;
    let mut left = n;
    while left > 0 {
        at += Duration::days(1);
        if !matches!(at.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    at
}
