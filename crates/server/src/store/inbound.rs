//! The durable inbox: what the webhook stores before it answers Meta, and what the workers pick up.

use super::{now_ms, Store};

/// An inbound message as the webhook stores it (not yet tied to a conversation).
#[derive(Debug, Clone, Default)]
pub struct NewInbound {
    pub phone_number_id: String,
    pub contact_key: String,
    pub contact_name: Option<String>,
    /// Who sent it, as the webhook told: `{"wa_id", "user_id", "parent_user_id", "username"}`.
    pub sender_json: Option<String>,
    /// The sender's ids that may already name a contact (BSUID, phone, parent BSUID), most specific first.
    pub sender_ids: Vec<String>,
    /// For WhatsApp's notice that the shopper's ids changed: (the ids before, the ids after).
    pub id_change: Option<(Vec<String>, Vec<String>)>,
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
    pub sender_json: Option<String>,
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
        let delivery = super::Delivery {
            messages: messages.to_vec(),
            statuses: statuses.to_vec(),
            errors: errors.to_vec(),
        };
        match self.record_webhooks(vec![delivery]).await.pop() {
            Some(result) => Ok(result?),
            None => Ok(IngestOutcome::default()),
        }
    }

    /// Inbound messages no worker has finished, oldest first (for start-up and crash recovery).
    pub async fn pending_inbound(
        &self,
        older_than_ms: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<PendingInbound>> {
        Ok(sqlx::query_as(
            "SELECT id, phone_number_id, contact_key, contact_name, msg_type, body, sent_at, raw_json, sender_json \
             FROM messages WHERE direction = 'in' AND processed_at IS NULL AND created_at <= $1 \
             ORDER BY sent_at, id LIMIT $2",
        )
        .bind(now_ms() - older_than_ms)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Several unprocessed inbound messages by id, in the order they were stored.
    pub async fn inbound_by_ids(&self, ids: &[i64]) -> anyhow::Result<Vec<PendingInbound>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = super::markers(0, ids.len(), self.postgres);
        let sql = format!(
            "SELECT id, phone_number_id, contact_key, contact_name, msg_type, body, sent_at, raw_json, sender_json \
             FROM messages WHERE id IN ({}) AND direction = 'in' AND processed_at IS NULL ORDER BY id",
            list
        );
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }

    /// One inbound message by id, for its worker.
    pub async fn inbound_by_id(&self, id: i64) -> anyhow::Result<Option<PendingInbound>> {
        Ok(sqlx::query_as(
            "SELECT id, phone_number_id, contact_key, contact_name, msg_type, body, sent_at, raw_json, sender_json \
             FROM messages WHERE id = $1 AND direction = 'in' AND processed_at IS NULL",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Account-level errors Meta reported, newest first.
    pub async fn list_webhook_errors(
        &self,
        limit: i64,
    ) -> anyhow::Result<
        Vec<(
            i64,
            Option<String>,
            i64,
            Option<String>,
            Option<String>,
            i64,
        )>,
    > {
        Ok(sqlx::query_as(
            "SELECT id, phone_number_id, code, title, details, received_at FROM webhook_errors ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }
}
