//! What the desk did to file-store orders, appended as JSON lines next to the file so refunds,
//! replacements, codes and notes survive a restart and are never done twice.

use crate::model::{FinancialStatus, FulfilmentStatus, Order};
use crate::money::Money;
use crate::shop::{DiscountValue, RefundLine, ReplacementItem};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One recorded action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum JournalEntry {
    Refund {
        at: DateTime<Utc>,
        order_number: String,
        idempotency_key: String,
        id: String,
        amount: Money,
        reason: String,
        through_gateway: bool,
        /// The lines refunded, when the refund is for lines (the missing item).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        lines: Vec<RefundLine>,
    },
    Replacement {
        at: DateTime<Utc>,
        order_number: String,
        idempotency_key: String,
        new_number: String,
        items: Vec<ReplacementItem>,
        note: String,
    },
    Discount {
        at: DateTime<Utc>,
        order_number: String,
        idempotency_key: String,
        id: String,
        code: String,
        value: DiscountValue,
        expires_at: Option<DateTime<Utc>>,
    },
    Note {
        at: DateTime<Utc>,
        order_number: String,
        note: String,
        tags: Vec<String>,
    },
}

impl JournalEntry {
    pub(crate) fn key(&self) -> Option<&str> {
        match self {
            JournalEntry::Refund {
                idempotency_key, ..
            }
            | JournalEntry::Replacement {
                idempotency_key, ..
            }
            | JournalEntry::Discount {
                idempotency_key, ..
            } => Some(idempotency_key),
            JournalEntry::Note { .. } => None,
        }
    }
}

/// `orders.json` → `orders.json.journal.jsonl`.
pub(crate) fn journal_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".journal.jsonl");
    file.with_file_name(name)
}

/// Reads every entry; a torn last line (crash mid-write) is skipped with a warning.
pub(crate) fn read(path: &Path) -> Result<Vec<JournalEntry>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.to_string()),
    };
    let mut out = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        match serde_json::from_str(line) {
            Ok(e) => out.push(e),
            Err(e) => tracing::warn!(line = i + 1, error = %e, "skipping unreadable journal line"),
        }
    }
    Ok(out)
}

/// Appends one entry and flushes it to disk before the action is reported done.
pub(crate) fn append(path: &Path, entry: &JournalEntry) -> Result<(), String> {
    let line = serde_json::to_string(entry).map_err(|e| e.to_string())?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| e.to_string())?;
    writeln!(f, "{line}").map_err(|e| e.to_string())?;
    f.sync_data().map_err(|e| e.to_string())
}

/// Replays the journal over freshly loaded orders.
pub(crate) fn apply(orders: &mut Vec<Order>, entries: &[JournalEntry]) {
    for entry in entries {
        match entry {
            JournalEntry::Refund { order_number, .. } => {
                if let Some(o) = orders.iter_mut().find(|o| &o.number == order_number) {
                    let refunded = refunded_total(entries, order_number);
                    o.financial_status = if refunded >= o.total.minor {
                        FinancialStatus::Refunded
                    } else {
                        FinancialStatus::PartiallyRefunded
                    };
                }
            }
            JournalEntry::Replacement {
                order_number,
                new_number,
                items,
                note,
                at,
                ..
            } => {
                let Some(orig) = orders.iter().find(|o| &o.number == order_number) else {
                    continue;
                };
                let copy = replacement_order(orig, new_number, items, note, *at);
                if !orders.iter().any(|o| &o.number == new_number) {
                    orders.push(copy);
                }
            }
            JournalEntry::Note {
                order_number,
                note,
                tags,
                ..
            } => {
                if let Some(o) = orders.iter_mut().find(|o| &o.number == order_number) {
                    o.note = Some(match o.note.take() {
                        Some(old) if !old.is_empty() => format!("{old}\n{note}"),
                        _ => note.clone(),
                    });
                    for t in tags {
                        if !o.tags.contains(t) {
                            o.tags.push(t.clone());
                        }
                    }
                }
            }
            JournalEntry::Discount { .. } => {}
        }
    }
}

/// Minor units already refunded on an order.
pub(crate) fn refunded_total(entries: &[JournalEntry], number: &str) -> i64 {
    entries
        .iter()
        .filter_map(|e| match e {
            JournalEntry::Refund {
                order_number,
                amount,
                ..
            } if order_number == number => Some(amount.minor),
            _ => None,
        })
        .sum()
}

fn replacement_order(
    orig: &Order,
    number: &str,
    items: &[ReplacementItem],
    note: &str,
    at: DateTime<Utc>,
) -> Order {
    let line_items = items
        .iter()
        .filter_map(|it| {
            let line = orig.line_items.iter().find(|l| l.id == it.line_item_id)?;
            let mut copy = line.clone();
            copy.id = format!("{number}-{}", line.id);
            copy.quantity = it.quantity;
            copy.unit_price = Money::zero(&orig.currency);
            Some(copy)
        })
        .collect();
    Order {
        number: number.to_string(),
        id: number.to_string(),
        placed_at: at,
        total: Money::zero(&orig.currency),
        line_items,
        financial_status: FinancialStatus::Paid,
        fulfilment_status: FulfilmentStatus::Unfulfilled,
        shipments: Vec::new(),
        note: Some(note.to_string()),
        tags: vec![
            "replacement".to_string(),
            format!("replaces-{}", orig.number),
        ],
        ..orig.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_torn_last_line_is_skipped_and_the_rest_kept() {
        let dir = std::env::temp_dir().join(format!("lifeline-journal-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = journal_path(&dir.join("orders.json"));
        assert!(path.ends_with("orders.json.journal.jsonl"));
        assert!(read(&path).unwrap().is_empty(), "no journal yet is fine");
        let entry = JournalEntry::Note {
            at: Utc::now(),
            order_number: "1001".into(),
            note: "called the carrier".into(),
            tags: vec![],
        };
        append(&path, &entry).unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"action\":\"ref")
            .unwrap();
        assert_eq!(read(&path).unwrap(), vec![entry]);
        std::fs::remove_dir_all(dir).ok();
    }
}
