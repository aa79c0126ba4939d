//! The durable inbox: what the webhook stores before it answers Meta, and what the workers pick up.

use super::{now_ms, Store};

/// An inbound message as the webhook stores it (not yet tied to a conversation).
#[derive(Debug, Clone, Default)]
pub struct NewInbound {
    pub phone_number_id: String,
    pub contact_key: String,
    pub contact_name: Option<String>,
    pub wamid: String,
    pub msg_type: String,
    pub body: Option<String>,
    pub media_json: Option<String>,
    pub context_json: Option<String>,
    pub raw_json: String,
    pub sent_at: i64,
    /// Media to fetch: (media id, mime type, expected sha256).
    pub media: Option<(String, Option<String>, Option<String>)>,
}

/// A delivery receipt for a message the business sent.
#[derive(Debug, Clone, Default)]
pub struct NewStatus {
    pub wamid: String,
    pub status: String,
    pub rank: i64,
    pub at: i64,
    pub recipient: Option<String>,
    pub callback: Option<String>,
    pub error_code: Option<i64>,
    pub error_reason: Option<String>,
    pub pricing_json: Option<String>,
    pub raw_json: String,
}

/// An error Meta reported for the number or the account (`value.errors`).
#[derive(Debug, Clone, Default)]
pub struct NewWebhookError {
    pub phone_number_id: Option<String>,
    pub code: i64,
    pub title: Option<String>,
    pub details: Option<String>,
    pub raw_json: String,
}

/// What one webhook delivery changed.
#[derive(Debug, Default, Clone)]
pub struct IngestOutcome {
    /// Newly stored inbound messages: (row id, contact key).
    pub new_messages: Vec<(i64, String)>,
    pub duplicates: usize,
    pub statuses_new: usize,
    pub statuses_applied: usize,
}

/// An inbound message waiting for its worker.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingInbound {
    pub id: i64,
    pub phone_number_id: String,
    pub contact_key: String,
    pub contact_name: Option<String>,
    pub msg_type: String,
    pub body: Option<String>,
    pub sent_at: i64,
    pub raw_json: Option<String>,
}

/// The worker's result for one inbound message (see `StoreTx::mark_processed`).
#[derive(Debug, Clone, Default)]
pub struct ProcessedInbound {
    pub message_id: i64,
    pub conversation_id: i64,
    pub triage_json: Option<String>,
}

impl Store {
    /// Stores one webhook delivery in one transaction: messages (each wamid once), statuses (each
    /// (wamid, status) once, applied without ever moving a message backwards) and account errors.
    pub async fn record_webhook(
        &self,
        messages: &[NewInbound],
        statuses: &[NewStatus],
        errors: &[NewWebhookError],
    ) -> anyhow::Result<IngestOutcome> {
        let mut out = IngestOutcome::default();
        let now = now_ms();
        let mut tx = self.writer.begin().await?;
        for m in messages {
            let inserted: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO messages (direction, phone_number_id, contact_key, wamid, msg_type, body, \
                 media_json, context_json, raw_json, contact_name, status, status_rank, sent_at, created_at) \
                 VALUES ('in', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', 0, $10, $11) \
                 ON CONFLICT (wamid) DO NOTHING RETURNING id",
            )
            .bind(&m.phone_number_id)
            .bind(&m.contact_key)
            .bind(&m.wamid)
            .bind(&m.msg_type)
            .bind(&m.body)
            .bind(&m.media_json)
            .bind(&m.context_json)
            .bind(&m.raw_json)
            .bind(&m.contact_name)
            .bind(m.sent_at)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            match inserted {
                Some((id,)) => {
                    if let Some((media_id, mime, sha)) = &m.media {
                        sqlx::query(
                            "INSERT INTO media (message_id, phone_number_id, media_id, mime_type, expected_sha256, \
                             status, next_attempt_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)",
                        )
                        .bind(id)
                        .bind(&m.phone_number_id)
                        .bind(media_id)
                        .bind(mime)
                        .bind(sha)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                    }
                    out.new_messages.push((id, m.contact_key.clone()));
                }
                None => {
                    out.duplicates += 1;
                    // A redelivery must not hide a download that failed: give it another go.
                    sqlx::query(
                        "UPDATE media SET status = 'pending', next_attempt_at = $1, updated_at = $1 \
                         WHERE status = 'failed' AND message_id = (SELECT id FROM messages WHERE wamid = $2)",
                    )
                    .bind(now)
                    .bind(&m.wamid)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        for s in statuses {
            let inserted: Option<(i64,)> = sqlx::query_as(
                "INSERT INTO message_statuses (wamid, status, status_rank, at, recipient, callback, error_code, \
                 error_reason, pricing_json, raw_json, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
                 ON CONFLICT (wamid, status) DO NOTHING RETURNING id",
            )
            .bind(&s.wamid)
            .bind(&s.status)
            .bind(s.rank)
            .bind(s.at)
            .bind(&s.recipient)
            .bind(&s.callback)
            .bind(s.error_code)
            .bind(&s.error_reason)
            .bind(&s.pricing_json)
            .bind(&s.raw_json)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            if inserted.is_none() {
                continue;
            }
            out.statuses_new += 1;
            let applied = sqlx::query(
                "UPDATE messages SET status = $1, status_rank = $2, status_at = $3, \
                 error_code = COALESCE($4, error_code), error_reason = COALESCE($5, error_reason) \
                 WHERE wamid = $6 AND direction = 'out' AND status_rank < $2",
            )
            .bind(&s.status)
            .bind(s.rank)
            .bind(s.at)
            .bind(s.error_code)
            .bind(&s.error_reason)
            .bind(&s.wamid)
            .execute(&mut *tx)
            .await?;
            out.statuses_applied += applied.rows_affected() as usize;
        }
        for e in errors {
            sqlx::query(
                "INSERT INTO webhook_errors (phone_number_id, code, title, details, raw_json, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&e.phone_number_id)
            .bind(e.code)
            .bind(&e.title)
            .bind(&e.details)
            .bind(&e.raw_json)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Inbound messages no worker has finished, oldest first (for start-up and crash recovery).
    pub async fn pending_inbound(&self, older_than_ms: i64, limit: i64) -> anyhow::Result<Vec<PendingInbound>> {
        Ok(sqlx::query_as(
            "SELECT id, phone_number_id, contact_key, contact_name, msg_type, body, sent_at, raw_json \
             FROM messages WHERE direction = 'in' AND processed_at IS NULL AND created_at <= $1 \
             ORDER BY sent_at, id LIMIT $2",
        )
        .bind(now_ms() - older_than_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One inbound message by id, for its worker.
    pub async fn inbound_by_id(&self, id: i64) -> anyhow::Result<Option<PendingInbound>> {
        Ok(sqlx::query_as(
            "SELECT id, phone_number_id, contact_key, contact_name, msg_type, body, sent_at, raw_json \
             FROM messages WHERE id = $1 AND direction = 'in' AND processed_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Account-level errors Meta reported, newest first.
    pub async fn list_webhook_errors(&self, limit: i64) -> anyhow::Result<Vec<(i64, Option<String>, i64, Option<String>, Option<String>, i64)>> {
        Ok(sqlx::query_as(
            "SELECT id, phone_number_id, code, title, details, received_at FROM webhook_errors ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
