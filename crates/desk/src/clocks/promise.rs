//! Finds the concrete promises in an agent's reply ("within 24 hours", "em até 2 dias úteis", "bis morgen")
//! so each one gets a clock and a follow-up, in the eight languages Lifeline serves.
//!
//! Only a time limit introduced as one counts: "within 3 days" is a promise, "stuck for 9 days" or
//! "há 9 dias" is a fact about the past. A range promises its upper end ("within 48-72 hours" → 72 h).
//! "Tomorrow" is read as 24 hours from now, the strict reading that keeps the shopper's trust.
//! Not read (yet): weekday names ("by Friday"), clock times ("by 5 pm") and numbers spelled in several words
//! ("vinte e quatro horas"); `tests/rules_promise_eval.rs` measures what is.

mod words;

use chrono::{DateTime, Datelike, Duration, Utc, Weekday};
use serde::{Deserialize, Serialize};
use words::{Unit, Words};

/// A promise found in a reply: the words as the agent wrote them, and the deadline they set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promise {
    /// The promise as written, e.g. "em até 24 horas" or "bis morgen".
    pub phrase: String,
    pub deadline: DateTime<Utc>,
}

/// The earliest concrete promise in `text`, read in `lang` (plus English, which agents often mix in).
/// Unknown languages are read with all eight vocabularies. `None` when nothing concrete is promised.
pub fn find_promise(text: &str, lang: &str, now: DateTime<Utc>) -> Option<Promise> {
    let tokens = tokenize(text);
    let vocabularies: Vec<&Words> = match words::for_language(lang) {
        Some(w) => vec![w, &words::EN],
        None => words::ALL.to_vec(),
    };
    let (deadline, first, last) = vocabularies
        .into_iter()
        .filter_map(|w| earliest(&tokens, w, now))
        .min_by_key(|(deadline, first, _)| (*deadline, *first))?;
    let phrase = text
        .get(tokens[first].start..tokens[last].end)
        .unwrap_or_default()
        .to_string();
    Some(Promise { phrase, deadline })
}

/// The deadline of the earliest concrete promise in `text` (see [`find_promise`]).
pub fn promise_deadline(text: &str, lang: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    find_promise(text, lang, now).map(|p| p.deadline)
}

/// A lower-cased word and where it sits in the original text.
struct Token {
    word: String,
    start: usize,
    end: usize,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(Token {
                    word: text[s..i].to_lowercase(),
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    tokens
}

/// A found deadline with the first and last token of its phrase.
type Found = (DateTime<Utc>, usize, usize);

fn earliest(tokens: &[Token], w: &Words, now: DateTime<Utc>) -> Option<Found> {
    (0..tokens.len())
        .filter_map(|i| amount_at(tokens, i, w, now).or_else(|| tomorrow_at(tokens, i, w, now)))
        .min_by_key(|(deadline, first, _)| (*deadline, *first))
}

fn word(tokens: &[Token], i: usize) -> Option<&str> {
    tokens.get(i).map(|t| t.word.as_str())
}

fn has(list: &[&str], token: Option<&str>) -> bool {
    token.is_some_and(|t| list.contains(&t))
}

/// "within 24 hours": a number (or a one-word amount) at `i`, its unit, and an anchor before it.
fn amount_at(tokens: &[Token], i: usize, w: &Words, now: DateTime<Utc>) -> Option<Found> {
    let (n, glued) = number(&tokens[i].word, w)?;
    let (unit, last) = match glued {
        Some(unit) => (unit, i),
        None => unit_at(tokens, i + 1, w)?,
    };
    if !(1..=1000).contains(&n) {
        return None;
    }
    let first = anchor_before(tokens, i, w)?;
    Some((add(now, n, unit)?, first, last))
}

/// Walks back from the number over anchors, filler words (and the first half of a range) and returns the
/// furthest anchor's index, so the phrase reads whole ("em até 24 horas", not "até 24 horas").
fn anchor_before(tokens: &[Token], i: usize, w: &Words) -> Option<usize> {
    let mut furthest = None;
    for k in (i.saturating_sub(5)..i).rev() {
        let t = tokens[k].word.as_str();
        let is_number = t.chars().all(|c| c.is_ascii_digit());
        if w.anchors.contains(&t) {
            furthest = Some(k);
        } else if !(w.fillers.contains(&t) || is_number) {
            break;
        }
    }
    furthest
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

/// The unit at `j` and the index of the phrase's last token ("3 dias úteis" ends on "úteis").
fn unit_at(tokens: &[Token], j: usize, w: &Words) -> Option<(Unit, usize)> {
    let t = word(tokens, j)?;
    let next = word(tokens, j + 1);
    if w.business_days.contains(&t) {
        Some((Unit::BusinessDays, j))
    } else if (w.business_marks.contains(&t) && has(w.days, next))
        || (w.days.contains(&t) && has(w.business_marks, next))
    {
        Some((Unit::BusinessDays, j + 1))
    } else if w.days.contains(&t) {
        Some((Unit::Days, j))
    } else if w.hours.contains(&t) {
        Some((Unit::Hours, j))
    } else if w.minutes.contains(&t) {
        Some((Unit::Minutes, j))
    } else if w.weeks.contains(&t) {
        Some((Unit::Weeks, j))
    } else {
        None
    }
}

/// "tomorrow", "amanhã", "bis morgen" (not "guten Morgen" or "por la mañana"), and the day after.
fn tomorrow_at(tokens: &[Token], i: usize, w: &Words, now: DateTime<Utc>) -> Option<Found> {
    let t = tokens[i].word.as_str();
    if w.day_after_tomorrow.contains(&t) {
        return Some((now + Duration::hours(48), i, i));
    }
    if !w.tomorrow.contains(&t) {
        return None;
    }
    let before = |back: usize| i.checked_sub(back).and_then(|k| word(tokens, k));
    if has(w.not_tomorrow_after, before(1)) {
        return None;
    }
    for back in [2, 1] {
        if has(w.day_after_marks, before(back)) {
            return Some((now + Duration::hours(48), i - back, i));
        }
    }
    Some((now + Duration::hours(24), i, i))
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
