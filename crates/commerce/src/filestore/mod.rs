//! A store read from a JSON or CSV export; reloaded when the file changes. Actions are kept in
//! memory and in a JSON-lines journal next to the file. It is also the demo store.

mod csv;
pub(crate) mod format;
mod journal;

pub use journal::JournalEntry;

use crate::error::CommerceError;
use crate::model::Order;
use crate::shop::*;
use async_trait::async_trait;
use chrono::Utc;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

/// Orders from a file, with the desk's actions journaled beside it.
pub struct FileStore {
    name: String,
    file: Option<PathBuf>,
    state: Mutex<State>,
}

struct State {
    /// The file's orders as last loaded, before the journal.
    base: Vec<Order>,
    mtime: Option<SystemTime>,
    journal: Vec<JournalEntry>,
}

impl FileStore {
    /// Opens `path` (`.csv` is read as CSV, anything else as JSON) and its journal, if any.
    pub fn open(name: &str, path: &Path) -> Result<FileStore, CommerceError> {
        let io = |detail: String| CommerceError::Io {
            path: path.display().to_string(),
            detail,
        };
        let (base, mtime) = load(name, path)?;
        let journal = journal::read(&journal::journal_path(path)).map_err(io)?;
        Ok(FileStore {
            name: name.to_string(),
            file: Some(path.to_path_buf()),
            state: Mutex::new(State {
                base,
                mtime,
                journal,
            }),
        })
    }

    /// A store over JSON text with no file behind it: actions live in memory only.
    pub fn from_json(name: &str, text: &str) -> Result<FileStore, CommerceError> {
        let base = parse(name, text, false)?;
        Ok(FileStore {
            name: name.to_string(),
            file: None,
            state: Mutex::new(State {
                base,
                mtime: None,
                journal: Vec::new(),
            }),
        })
    }

    /// A store with no orders (a fallback that cannot fail).
    pub fn empty(name: &str) -> FileStore {
        FileStore {
            name: name.to_string(),
            file: None,
            state: Mutex::new(State {
                base: Vec::new(),
                mtime: None,
                journal: Vec::new(),
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// Reloads the file if its modification time moved. A broken edit keeps the last good orders.
    fn refresh(&self) -> MutexGuard<'_, State> {
        let mut st = self.lock();
        let Some(path) = &self.file else { return st };
        let mtime = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        if mtime.is_some() && mtime != st.mtime {
            match load(&self.name, path) {
                Ok((base, m)) => {
                    st.base = base;
                    st.mtime = m;
                }
                Err(e) => {
                    tracing::warn!(store = %self.name, error = %e, "keeping the last good orders")
                }
            }
        }
        st
    }

    /// Every order, journal applied, newest first.
    pub fn orders(&self) -> Vec<Order> {
        let st = self.refresh();
        let mut orders = st.base.clone();
        journal::apply(&mut orders, &st.journal);
        orders.sort_by_key(|x| std::cmp::Reverse(x.placed_at));
        orders
    }

    /// What the desk has done so far (for audits and tests).
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.lock().journal.clone()
    }

    /// Returns the earlier entry with this key, or records the new one (file first, then memory).
    fn record(&self, entry: JournalEntry) -> Result<JournalEntry, CommerceError> {
        let mut st = self.lock();
        if let Some(k) = entry.key() {
            if let Some(old) = st.journal.iter().find(|e| e.key() == Some(k)) {
                return Ok(old.clone());
            }
        }
        if let Some(path) = &self.file {
            journal::append(&journal::journal_path(path), &entry).map_err(|detail| {
                CommerceError::Io {
                    path: journal::journal_path(path).display().to_string(),
                    detail,
                }
            })?;
        }
        st.journal.push(entry.clone());
        Ok(entry)
    }

    fn known(&self, order: &Order) -> Result<Order, CommerceError> {
        self.orders()
            .into_iter()
            .find(|o| o.number == order.number)
            .ok_or_else(|| CommerceError::NotFound {
                what: format!("order #{}", order.number),
            })
    }
}

fn parse(name: &str, text: &str, is_csv: bool) -> Result<Vec<Order>, CommerceError> {
    let decode = |d: String| CommerceError::decode(&format!("file store {name}"), d);
    let rows = if is_csv {
        csv::orders(text).map_err(decode)?
    } else {
        serde_json::from_str::<format::FileDoc>(text)
            .map_err(|e| decode(e.to_string()))?
            .into_orders()
    };
    let now = Utc::now();
    rows.into_iter().map(|r| r.into_order(name, now)).collect()
}

fn load(name: &str, path: &Path) -> Result<(Vec<Order>, Option<SystemTime>), CommerceError> {
    let io = |e: std::io::Error| CommerceError::Io {
        path: path.display().to_string(),
        detail: e.to_string(),
    };
    let mtime = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map_err(io)?;
    let text = std::fs::read_to_string(path).map_err(io)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    Ok((parse(name, &text, is_csv)?, Some(mtime)))
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[async_trait]
impl Shop for FileStore {
    fn name(&self) -> &str {
        &self.name
    }

    async fn order_by_number(&self, number: &str) -> Result<Option<Order>, CommerceError> {
        let wanted = number.trim().trim_start_matches('#');
        Ok(self.orders().into_iter().find(|o| o.number == wanted))
    }

    async fn recent_orders_by_contact(
        &self,
        phone: Option<&str>,
        email: Option<&str>,
    ) -> Result<Vec<Order>, CommerceError> {
        let phone = phone.map(digits).filter(|p| p.len() >= 6);
        let email = email
            .map(|e| e.trim().to_lowercase())
            .filter(|e| e.contains('@'));
        Ok(self
            .orders()
            .into_iter()
            .filter(|o| {
                let by_phone = phone
                    .as_ref()
                    .is_some_and(|p| o.customer.phone.as_deref().map(digits).as_ref() == Some(p));
                let by_mail = email.as_ref().is_some_and(|e| {
                    o.customer.email.as_deref().map(str::to_lowercase).as_ref() == Some(e)
                });
                by_phone || by_mail
            })
            .take(10)
            .collect())
    }

    async fn refund(
        &self,
        order: &Order,
        req: &RefundRequest,
    ) -> Result<RefundDone, CommerceError> {
        let current = self.known(order)?;
        if let Some(JournalEntry::Refund { id, amount, .. }) = self
            .journal()
            .into_iter()
            .find(|e| e.key() == Some(&req.idempotency_key))
        {
            return Ok(RefundDone { id, amount });
        }
        check_refund(&current, req)?;
        let already = journal::refunded_total(&self.journal(), &current.number);
        if already + req.amount.minor > current.total.minor {
            return Err(CommerceError::UserErrors(vec![format!(
                "order #{} has only {} left to refund",
                current.number,
                crate::Money::new(current.total.minor - already, &current.currency)
            )]));
        }
        let entry = self.record(JournalEntry::Refund {
            at: Utc::now(),
            order_number: current.number.clone(),
            idempotency_key: req.idempotency_key.clone(),
            id: format!("refund-{}", uuid::Uuid::new_v4()),
            amount: req.amount.clone(),
            reason: req.reason.clone(),
            through_gateway: req.through_gateway,
            lines: req.lines.clone(),
        })?;
        match entry {
            JournalEntry::Refund { id, amount, .. } => Ok(RefundDone { id, amount }),
            _ => Err(CommerceError::UserErrors(vec![
                "this idempotency key was used for another action".into(),
            ])),
        }
    }

    async fn create_replacement(
        &self,
        order: &Order,
        items: &[ReplacementItem],
        note: &str,
        idempotency_key: &str,
    ) -> Result<ReplacementDone, CommerceError> {
        let current = self.known(order)?;
        let missing: Vec<String> = items
            .iter()
            .filter(|it| {
                it.quantity == 0 || !current.line_items.iter().any(|l| l.id == it.line_item_id)
            })
            .map(|it| {
                format!(
                    "line item {} (quantity {}) is not in order #{}",
                    it.line_item_id, it.quantity, current.number
                )
            })
            .collect();
        if items.is_empty() || !missing.is_empty() {
            return Err(CommerceError::UserErrors(if missing.is_empty() {
                vec!["nothing to replace".into()]
            } else {
                missing
            }));
        }
        let n = self.journal().iter().filter(|e| matches!(e, JournalEntry::Replacement { order_number, .. } if *order_number == current.number)).count();
        let entry = self.record(JournalEntry::Replacement {
            at: Utc::now(),
            order_number: current.number.clone(),
            idempotency_key: idempotency_key.to_string(),
            new_number: format!("{}-R{}", current.number, n + 1),
            items: items.to_vec(),
            note: note.to_string(),
        })?;
        match entry {
            JournalEntry::Replacement { new_number, .. } => Ok(ReplacementDone {
                id: new_number.clone(),
                order_number: new_number,
            }),
            _ => Err(CommerceError::UserErrors(vec![
                "this idempotency key was used for another action".into(),
            ])),
        }
    }

    async fn create_discount_code(
        &self,
        order: &Order,
        req: &DiscountRequest,
    ) -> Result<DiscountDone, CommerceError> {
        let current = self.known(order)?;
        let taken = self.journal().iter().any(|e| matches!(e, JournalEntry::Discount { code, idempotency_key, .. } if code.eq_ignore_ascii_case(&req.code) && *idempotency_key != req.idempotency_key));
        if taken || req.code.trim().is_empty() {
            return Err(CommerceError::UserErrors(vec![format!(
                "code {:?} is empty or already taken",
                req.code
            )]));
        }
        let entry = self.record(JournalEntry::Discount {
            at: Utc::now(),
            order_number: current.number,
            idempotency_key: req.idempotency_key.clone(),
            id: format!("discount-{}", uuid::Uuid::new_v4()),
            code: req.code.clone(),
            value: req.value.clone(),
            expires_at: req.expires_at,
        })?;
        match entry {
            JournalEntry::Discount { id, code, .. } => Ok(DiscountDone { id, code }),
            _ => Err(CommerceError::UserErrors(vec![
                "this idempotency key was used for another action".into(),
            ])),
        }
    }

    async fn add_note(
        &self,
        order: &Order,
        note: &str,
        tags: &[String],
    ) -> Result<(), CommerceError> {
        let current = self.known(order)?;
        self.record(JournalEntry::Note {
            at: Utc::now(),
            order_number: current.number,
            note: note.to_string(),
            tags: tags.to_vec(),
        })?;
        Ok(())
    }
}
