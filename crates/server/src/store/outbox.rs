//! The outbox: outbound messages are rows of `messages` (direction `out`) written in the same
//! transaction as the decision that caused them, then claimed, sent and recorded by the sender.
//!
//! Exactly once as the shopper sees it: every send carries `biz_opaque_callback_data = lifeline:<id>`;
//! a row left "sending" by a crash is matched against the status webhooks before it is ever sent again.

use std::collections::HashMap;

mod claim;

pub use claim::SendScope;

use super::{ingest::lock_receipt_keys, markers, now_ms, storable, value_rows, Store, StoreTx};

/// Status ranks: a message only ever moves to a higher rank.
pub const RANK_ACCEPTED: i64 = 1;
pub const RANK_FAILED: i64 = 6;

/// An outbound message to queue.
#[derive(Debug, Clone, Default)]
pub struct NewOutbound {
    pub conversation_id: i64,
    pub phone_number_id: String,
    pub contact_key: String,
    pub msg_type: String,
    /// What an agent reads in the conversation (text, caption, or a summary).
    pub body: Option<String>,
    /// The message itself, as `lifeline_whatsapp::outbound::OutboundMessage` JSON.
    pub payload_json: String,
    /// A template to send instead if the 24-hour window has closed.
    pub fallback_json: Option<String>,
    pub reply_to: Option<String>,
    pub not_before: Option<i64>,
    /// Every message has one: a retry of the same request or decision (same key) is stored once.
    pub dedupe_key: String,
    pub author: Option<String>,
    /// The caller already moved the conversation's last-message time (the inbound worker does).
    pub conversation_touched: bool,
}

/// An outbound message claimed by the sender.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedSend {
    pub id: i64,
    pub conversation_id: Option<i64>,
    pub phone_number_id: String,
    pub contact_key: String,
    pub payload_json: Option<String>,
    pub fallback_json: Option<String>,
    pub reply_to: Option<String>,
    pub attempts: i64,
    /// When it was queued, and the earliest time it may go: transient errors are retried for a span
    /// counted from the later of the two.
    pub created_at: i64,
    pub not_before: Option<i64>,
    /// `ack:…` for an automatic acknowledgement.
    pub dedupe_key: Option<String>,
    /// The conversation's 24-hour window end, read when the message was claimed.
    #[sqlx(skip)]
    pub window_expires_at: Option<i64>,
    /// Where the shopper can be reached, read with the window: the phone when WhatsApp shared it, else
    /// the business-scoped user id or the parent BSUID (`None` when neither is known: no conversation).
    #[sqlx(skip)]
    pub recipient: Option<lifeline_whatsapp::Recipient>,
}

impl StoreTx {
    /// Queues outbound messages in this transaction, several in one statement; returns (dedupe key, id)
    /// of those queued now. A key already in the outbox is skipped: a retry, a second desk or a second
    /// look at the same decision queues its message once.
    pub async fn enqueue(&mut self, items: &[NewOutbound]) -> anyhow::Result<HashMap<String, i64>> {
        if items.is_empty() {
            return Ok(HashMap::new());
        }
        let now = now_ms();
        let sql = format!(
            "INSERT INTO messages (direction, status, status_rank, phone_number_id, contact_key, conversation_id, msg_type, \
             body, payload_json, fallback_json, reply_to, not_before, next_attempt_at, dedupe_key, author, sent_at, created_at) \
             SELECT 'out', 'queued', 0, column1, column2, CAST(column3 AS BIGINT), column4, column5, column6, column7, \
             column8, CAST(column9 AS BIGINT), CAST(column10 AS BIGINT), column11, column12, CAST(column13 AS BIGINT), \
             CAST(column13 AS BIGINT) FROM (VALUES {}) AS v \
             WHERE true ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key, id",
            value_rows(items.len(), 13, self.postgres)
        );
        let mut q = sqlx::query_as::<_, (String, i64)>(&sql);
        for m in items {
            q = q
                .bind(&m.phone_number_id)
                .bind(&m.contact_key)
                .bind(m.conversation_id)
                .bind(&m.msg_type)
                .bind(&m.body)
                .bind(&m.payload_json)
                .bind(&m.fallback_json)
                .bind(&m.reply_to)
                .bind(m.not_before)
                .bind(m.not_before.unwrap_or(now).max(now))
                .bind(&m.dedupe_key)
                .bind(&m.author)
                .bind(now);
        }
        let queued: HashMap<String, i64> = q.fetch_all(&mut *self.tx).await?.into_iter().collect();
        let mut moved: Vec<i64> = items
            .iter()
            .filter(|m| !m.conversation_touched && queued.contains_key(&m.dedupe_key))
            .map(|m| m.conversation_id)
            .collect();
        moved.sort_unstable();
        moved.dedup();
        if !moved.is_empty() {
            let sql = format!(
                "UPDATE conversations SET last_message_at = $1 WHERE id IN ({}) AND last_message_at < $1",
                markers(1, moved.len(), self.postgres)
            );
            let mut q = sqlx::query(&sql).bind(now);
            for id in moved {
                q = q.bind(id);
            }
            q.execute(&mut *self.tx).await?;
        }
        Ok(queued)
    }
}

impl Store {
    /// Queues one outbound message in a transaction of its own; returns its id (None when the dedupe key
    /// was seen). For the store's own tests and tools: the desk queues through `crate::outbox::queue`, in
    /// the transaction of the decision that causes the message.
    pub async fn enqueue_outbound(&self, m: &NewOutbound) -> anyhow::Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let id = tx
            .enqueue(std::slice::from_ref(m))
            .await?
            .remove(&m.dedupe_key);
        tx.commit().await?;
        Ok(id)
    }

    /// The id of an earlier message queued with this dedupe key.
    pub async fn outbound_by_dedupe_key(&self, key: &str) -> anyhow::Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM messages WHERE dedupe_key = $1")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }

    /// Messages left "sending" past their lease: a crash may have happened after Meta accepted them.
    pub async fn expired_in_flight(&self) -> anyhow::Result<Vec<i64>> {
        let rows: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM messages WHERE status = 'sending' AND lease_until < $1")
                .bind(now_ms())
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    /// Settles a message left in flight: if a status webhook proves Meta accepted it, record that wamid;
    /// otherwise put it back in the queue. Returns true when it had in fact been sent.
    ///
    /// The look and the requeue are one transaction holding the callback's receipt lock (on PostgreSQL),
    /// so a receipt being stored at that moment is seen rather than answered with a second send.
    pub async fn settle_in_flight(&self, id: i64) -> anyhow::Result<bool> {
        let callback = callback_data(id);
        let mut tx = self.writer.begin().await?;
        if self.postgres {
            lock_receipt_keys(&mut tx, &[callback.as_str()]).await?;
        }
        let seen: Option<(String,)> =
            sqlx::query_as("SELECT wamid FROM message_statuses WHERE callback = $1 LIMIT 1")
                .bind(&callback)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((wamid,)) = seen {
            tx.commit().await?;
            self.record_sent(id, &wamid).await?;
            return Ok(true);
        }
        sqlx::query(
            "UPDATE messages SET status = 'queued', lease_until = NULL, next_attempt_at = $1 \
             WHERE id = $2 AND status = 'sending' AND lease_until < $1",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(false)
    }

    /// Records Meta's acceptance, then applies any receipt that arrived before it.
    pub async fn record_sent(&self, id: i64, wamid: &str) -> anyhow::Result<()> {
        self.record_sent_many(&[(id, wamid.to_string())]).await
    }

    /// Records Meta's acceptance of several sends (id, wamid), then applies the highest receipt that beat
    /// each send, in one transaction of two statements per 200 sends.
    ///
    /// On SQLite the writer is serial: a receipt committed before this transaction is found by its second
    /// statement, and one committed after it finds the message by its wamid. On PostgreSQL many
    /// connections (and desks) write at once, so this transaction and every receipt's take the same lock
    /// per wamid first (`lock_receipt_keys`): whichever commits second sees the other's rows.
    /// `accepted` never replaces a status a receipt already set.
    pub async fn record_sent_many(&self, sent: &[(i64, String)]) -> anyhow::Result<()> {
        let now = now_ms();
        for chunk in sent.chunks(200) {
            let mut tx = self.writer.begin().await?;
            if self.postgres {
                let wamids: Vec<&str> = chunk.iter().map(|(_, w)| w.as_str()).collect();
                lock_receipt_keys(&mut tx, &wamids).await?;
            }
            let fresh = format!("messages.status_rank < {RANK_ACCEPTED}");
            let sql = format!(
                "UPDATE messages SET wamid = v.column2, lease_until = NULL, \
                 status = CASE WHEN {fresh} THEN 'accepted' ELSE messages.status END, \
                 status_at = CASE WHEN {fresh} THEN CAST(v.column3 AS BIGINT) ELSE messages.status_at END, \
                 error_code = CASE WHEN {fresh} THEN NULL ELSE messages.error_code END, \
                 error_reason = CASE WHEN {fresh} THEN NULL ELSE messages.error_reason END, \
                 status_rank = CASE WHEN {fresh} THEN {RANK_ACCEPTED} ELSE messages.status_rank END \
                 FROM (VALUES {}) AS v WHERE messages.id = CAST(v.column1 AS BIGINT)",
                value_rows(chunk.len(), 3, self.postgres)
            );
            let mut q = sqlx::query(&sql);
            for (id, wamid) in chunk {
                q = q.bind(*id).bind(wamid).bind(now);
            }
            q.execute(&mut *tx).await?;
            // Each message's highest stored receipt, when it is above where the message stands.
            let sql = format!(
                "UPDATE messages SET status = s.status, status_rank = s.status_rank, status_at = s.at, \
                 error_code = COALESCE(s.error_code, messages.error_code), \
                 error_reason = COALESCE(s.error_reason, messages.error_reason) \
                 FROM message_statuses AS s \
                 WHERE messages.wamid IN ({}) AND s.wamid = messages.wamid AND messages.direction = 'out' \
                 AND s.status_rank > messages.status_rank \
                 AND NOT EXISTS (SELECT 1 FROM message_statuses AS h \
                                 WHERE h.wamid = s.wamid AND h.status_rank > s.status_rank)",
                markers(0, chunk.len(), self.postgres)
            );
            let mut q = sqlx::query(&sql);
            for (_, wamid) in chunk {
                q = q.bind(wamid);
            }
            q.execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Puts a message back in the queue after a transient failure, with the reason visible.
    pub async fn record_retry(
        &self,
        id: i64,
        next_attempt_at: i64,
        code: Option<i64>,
        reason: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE messages SET status = 'queued', lease_until = NULL, next_attempt_at = $1, error_code = $2, \
             error_reason = $3 WHERE id = $4",
        )
        .bind(next_attempt_at)
        .bind(code)
        .bind(storable(reason).as_ref())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Holds a message back for pacing (not a failure: the attempt is given back).
    pub async fn defer(&self, id: i64, next_attempt_at: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE messages SET status = 'queued', lease_until = NULL, next_attempt_at = $1, \
             attempts = attempts - 1 WHERE id = $2",
        )
        .bind(next_attempt_at)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Marks a message failed for good, with the reason an agent reads.
    pub async fn record_failed(
        &self,
        id: i64,
        code: Option<i64>,
        reason: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE messages SET status = 'failed', status_rank = $1, status_at = $2, lease_until = NULL, \
             error_code = $3, error_reason = $4 WHERE id = $5",
        )
        .bind(RANK_FAILED)
        .bind(now_ms())
        .bind(code)
        .bind(storable(reason).as_ref())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Replaces what will be sent (the template fallback when the window has closed).
    pub async fn replace_payload(
        &self,
        id: i64,
        msg_type: &str,
        payload_json: &str,
    ) -> anyhow::Result<()> {
        sqlx::query("UPDATE messages SET msg_type = $1, payload_json = $2 WHERE id = $3")
            .bind(msg_type)
            .bind(payload_json)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// How many messages wait in the outbox.
    pub async fn outbox_depth(&self) -> anyhow::Result<i64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM messages WHERE status IN ('queued', 'sending')")
                .fetch_one(&self.pool)
                .await?;
        Ok(n)
    }
}

/// The `biz_opaque_callback_data` that ties Meta's receipts to an outbox row.
pub fn callback_data(id: i64) -> String {
    format!("lifeline:{id}")
}
