//! What was said lately in a conversation: the shopper's words (the register they write in) and the
//! desk's own messages with when each was queued (so the desk greets a shopper once, not every message).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use lifeline_desk::address::Address;
use sqlx::Any;

use super::{markers, now_ms, Store, StoreTx};

/// How far back the shopper's words are read for their register.
const WORDS_FOR: i64 = 7 * 24 * 3600 * 1000;

/// The recent words of one conversation, oldest first.
#[derive(Debug, Clone, Default)]
pub struct RecentWords {
    /// What the shopper wrote.
    pub shopper: Vec<String>,
    /// What the desk sent or queued (acknowledgements, drafts sent, follow-ups), with the time in ms.
    pub desk: Vec<(i64, String)>,
}

impl RecentWords {
    /// How to address the shopper in the next message written at `now`.
    pub fn address(&self, lang: &str, now: DateTime<Utc>) -> Address {
        let at = |ms: i64| DateTime::from_timestamp_millis(ms).unwrap_or_default();
        Address::of(
            lang,
            self.shopper.iter().map(String::as_str),
            self.desk.iter().map(|(ms, text)| (at(*ms), text.as_str())),
            now,
        )
    }
}

type Row = (i64, String, String, i64);

/// At most this many of a conversation's newest messages are read: the register and the last greeting
/// are in the latest few, and a long conversation must not make every acknowledgement slower.
const NEWEST: i64 = 40;

fn query(conversations: usize, postgres: bool) -> String {
    format!(
        "SELECT conversation_id, direction, body, created_at FROM ( \
           SELECT conversation_id, direction, body, created_at, id, ROW_NUMBER() OVER ( \
             PARTITION BY conversation_id ORDER BY created_at DESC, id DESC) AS newest \
           FROM messages \
           WHERE conversation_id IN ({}) AND body IS NOT NULL AND created_at >= {} \
           AND (direction = 'in' OR status <> 'failed')) recent \
         WHERE newest <= {NEWEST} ORDER BY created_at, id",
        markers(0, conversations, postgres),
        markers(conversations, 1, postgres),
    )
}

fn grouped(rows: Vec<Row>) -> HashMap<i64, RecentWords> {
    let mut out: HashMap<i64, RecentWords> = HashMap::new();
    for (conversation, direction, body, at) in rows {
        let words = out.entry(conversation).or_default();
        if direction == "in" {
            words.shopper.push(body);
        } else {
            words.desk.push((at, body));
        }
    }
    out
}

impl Store {
    /// The recent words of one conversation.
    pub async fn recent_words(&self, conversation_id: i64) -> anyhow::Result<RecentWords> {
        let rows: Vec<Row> = sqlx::query_as::<Any, Row>(&query(1, self.postgres))
            .bind(conversation_id)
            .bind(now_ms() - WORDS_FOR)
            .fetch_all(&self.pool)
            .await?;
        Ok(grouped(rows).remove(&conversation_id).unwrap_or_default())
    }
}

impl StoreTx {
    /// The recent words of several conversations, read in this transaction.
    pub async fn recent_words(
        &mut self,
        conversation_ids: &[i64],
    ) -> anyhow::Result<HashMap<i64, RecentWords>> {
        if conversation_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let sql = query(conversation_ids.len(), self.postgres);
        let mut q = sqlx::query_as::<Any, Row>(&sql);
        for id in conversation_ids {
            q = q.bind(*id);
        }
        let rows = q
            .bind(now_ms() - WORDS_FOR)
            .fetch_all(&mut *self.tx)
            .await?;
        Ok(grouped(rows))
    }
}
