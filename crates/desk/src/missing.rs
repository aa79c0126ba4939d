//! Which line of the order the shopper says is missing: their words ("o controle", "die
//! Fernbedienung", "the remote") held against the order's lines ("TV remote control"), so the draft
//! names that line and the remedy covers it alone. When no line or several fit, the desk asks.
//!
//! Product names are often in English or the shop's language while the shopper writes in theirs, so
//! besides shared word stems a small vocabulary of common goods links the languages
//! ([`vocabulary`]). It never guesses: a tie is not a match.

mod count;
mod vocabulary;

use lifeline_triage::{ExceptionKind, Triager};
use serde::{Deserialize, Serialize};

use crate::policy::AffectedItem;
use crate::remedy::OrderLine;

/// One line of the order, as the shop gives it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub quantity: u32,
    pub unit_price_minor: i64,
}

/// What the desk knows of the missing line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum MissingLine {
    /// The shopper's words name exactly one line (or the order has only one): that line and how
    /// many of it are missing.
    Known {
        line: OrderLine,
        unit_price_minor: i64,
    },
    /// No line or several fit: the order's lines to ask about, as the shopper reads them
    /// ("2 × Silikon-Pfannenwender").
    Unknown { choices: Vec<String> },
}

impl MissingLine {
    /// The missing line and quantity, once known.
    pub fn line(&self) -> Option<&OrderLine> {
        match self {
            MissingLine::Known { line, .. } => Some(line),
            MissingLine::Unknown { .. } => None,
        }
    }

    /// What is missing is worth: the line's price times the missing quantity.
    pub fn value_minor(&self) -> Option<i64> {
        self.affected().map(|a| a.line_total_minor())
    }

    /// The item a line remedy is weighed on by the compensation policy.
    pub fn affected(&self) -> Option<AffectedItem> {
        match self {
            MissingLine::Known {
                line,
                unit_price_minor,
            } => Some(AffectedItem {
                unit_price_minor: *unit_price_minor,
                quantity: line.quantity,
            }),
            MissingLine::Unknown { .. } => None,
        }
    }
}

/// Reads which line is missing from the shopper's messages of the case, newest first.
///
/// The newest message that names exactly one line decides: a message read as a missing item
/// gives the words triage picked out ("the cable" of "the box came, but the cable was not in
/// it"), a bare reply ("o controle") all its item words. A missing-item message that fits several
/// lines stops the search, so an older message never overrides a newer doubt. A single-line order
/// needs no words, but words naming something it does not hold make the desk ask. The missing quantity comes from the counts in that message ("only 3 of the 4"),
/// else the whole line.
pub fn read_missing_line(triager: &Triager, texts: &[&str], lines: &[Line<'_>]) -> MissingLine {
    let unknown = || MissingLine::Unknown {
        choices: lines.iter().map(choice).collect(),
    };
    if lines.is_empty() {
        return unknown();
    }
    let line_words: Vec<Vec<String>> = lines
        .iter()
        .map(|l| words_that_name(triager.item_words(l.name)))
        .collect();
    for text in texts {
        let t = triager.triage(text, None);
        let said = match t.kind {
            ExceptionKind::MissingItem if lines.len() == 1 => {
                // The one line, unless the shopper names something else ("the charger" of an order
                // holding only a yoga mat): then the desk asks rather than names the mat.
                let said = words_that_name(t.missing_words.clone());
                let other_good = said.iter().any(|w| vocabulary::is_known_good(w));
                if !other_good || !matches!(best_line(&said, &line_words), Fit::None) {
                    return known(&lines[0], text, &t.order_numbers);
                }
                return unknown();
            }
            ExceptionKind::MissingItem => t.missing_words.clone(),
            ExceptionKind::Other => triager.item_words(text),
            _ => continue,
        };
        match best_line(&words_that_name(said), &line_words) {
            Fit::One(i) => return known(&lines[i], text, &t.order_numbers),
            Fit::Several if t.kind == ExceptionKind::MissingItem => return unknown(),
            Fit::Several | Fit::None => {}
        }
    }
    match lines {
        [only] => MissingLine::Known {
            line: OrderLine {
                line_id: only.id.to_string(),
                quantity: only.quantity.max(1),
                name: only.name.to_string(),
            },
            unit_price_minor: only.unit_price_minor,
        },
        _ => unknown(),
    }
}

fn known(line: &Line<'_>, text: &str, order_numbers: &[String]) -> MissingLine {
    MissingLine::Known {
        line: OrderLine {
            line_id: line.id.to_string(),
            quantity: count::missing_quantity(text, line.quantity, order_numbers),
            name: line.name.to_string(),
        },
        unit_price_minor: line.unit_price_minor,
    }
}

/// How a line is listed when the desk asks which one is missing.
fn choice(line: &Line<'_>) -> String {
    if line.quantity > 1 {
        format!("{} × {}", line.quantity, line.name)
    } else {
        line.name.to_string()
    }
}

/// Words that can tell one line from another: "item", "piece", "kit" name nothing in particular.
fn words_that_name(words: Vec<String>) -> Vec<String> {
    words
        .into_iter()
        .filter(|w| !vocabulary::is_generic(w))
        .collect()
}

#[derive(Debug, PartialEq)]
enum Fit {
    None,
    One(usize),
    Several,
}

/// The line sharing the most words with the shopper's, when exactly one does.
fn best_line(said: &[String], lines: &[Vec<String>]) -> Fit {
    let scores: Vec<usize> = lines
        .iter()
        .map(|line| {
            said.iter()
                .filter(|s| line.iter().any(|l| vocabulary::same_item_word(s, l)))
                .count()
        })
        .collect();
    let top = scores.iter().copied().max().unwrap_or(0);
    if top == 0 {
        return Fit::None;
    }
    let mut at_top = scores.iter().enumerate().filter(|(_, s)| **s == top);
    match (at_top.next(), at_top.next()) {
        (Some((i, _)), None) => Fit::One(i),
        _ => Fit::Several,
    }
}
