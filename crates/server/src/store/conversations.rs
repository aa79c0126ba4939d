//! Contacts, conversations and the messages an agent reads, plus the transaction a worker uses to
//! record one inbound message and everything it decided.

use serde::Serialize;
use sqlx::{Any, Transaction};

use super::{inbound::ProcessedInbound, now_ms, Store};

/// A contact as the worker learns it from a message.
#[derive(Debug, Clone, Default)]
pub struct ContactFacts {
    pub contact_key: String,
    /// The phone, when WhatsApp shared it (digits, as Meta writes `wa_id`).
    pub wa_id: Option<String>,
    /// The business-scoped user id (`US.1349…`).
    pub user_id: Option<String>,
    /// The parent BSUID (`US.ENT.…`), for linked business portfolios.
    pub parent_user_id: Option<String>,
    /// The WhatsApp username, for display only.
    pub username: Option<String>,
    pub name: Option<String>,
    pub country: Option<String>,
    pub time_zone: Option<String>,
    pub language: Option<String>,
}

/// The conversation a message landed in.
#[derive(Debug, Clone)]
pub struct ConversationRow {
    pub id: i64,
    pub contact_id: i64,
    /// The last inbound message before this one, if any (decides "new conversation" greetings).
    pub previous_inbound_at: Option<i64>,
    pub window_expires_at: Option<i64>,
}

/// A conversation as the REST API shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ConversationView {
    pub id: i64,
    pub contact_key: String,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub parent_user_id: Option<String>,
    pub username: Option<String>,
    pub contact_name: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub phone_number_id: String,
    pub started_at: i64,
    pub last_message_at: i64,
    pub last_inbound_at: Option<i64>,
    pub window_expires_at: Option<i64>,
}

/// A message as the REST API shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MessageView {
    pub id: i64,
    pub conversation_id: Option<i64>,
    pub direction: String,
    pub wamid: Option<String>,
    pub msg_type: String,
    pub body: Option<String>,
    pub media_json: Option<String>,
    pub context_json: Option<String>,
    pub payload_json: Option<String>,
    pub status: String,
    pub status_at: Option<i64>,
    pub error_code: Option<i64>,
    pub error_reason: Option<String>,
    pub sent_at: i64,
    pub created_at: i64,
    pub triage_json: Option<String>,
    pub author: Option<String>,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    /// An inbound message exactly as Meta sent it (types the desk does not read are kept whole).
    pub raw_json: Option<String>,
}

/// One unit of work on the database that commits or rolls back as a whole.
pub struct StoreTx {
    pub(super) tx: Transaction<'static, Any>,
    pub(super) postgres: bool,
}

impl Store {
    /// Starts a transaction for a worker's decision and its consequences (outbox rows included).
    pub async fn begin(&self) -> anyhow::Result<StoreTx> {
        Ok(StoreTx {
            tx: self.writer.begin().await?,
            postgres: self.postgres,
        })
    }

    /// Conversations, most recent first.
    pub async fn list_conversations(
        &self,
        limit: i64,
        before: Option<i64>,
    ) -> anyhow::Result<Vec<ConversationView>> {
        Ok(sqlx::query_as(
            "SELECT c.id, k.contact_key, k.wa_id, k.user_id, k.parent_user_id, k.username, k.name AS contact_name, k.country, k.language, \
             k.time_zone, c.phone_number_id, c.started_at, c.last_message_at, c.last_inbound_at, c.window_expires_at \
             FROM conversations c JOIN contacts k ON k.id = c.contact_id \
             WHERE c.last_message_at < $1 ORDER BY c.last_message_at DESC, c.id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One conversation.
    pub async fn conversation(&self, id: i64) -> anyhow::Result<Option<ConversationView>> {
        Ok(sqlx::query_as(
            "SELECT c.id, k.contact_key, k.wa_id, k.user_id, k.parent_user_id, k.username, k.name AS contact_name, k.country, k.language, \
             k.time_zone, c.phone_number_id, c.started_at, c.last_message_at, c.last_inbound_at, c.window_expires_at \
             FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The messages of a conversation, oldest first.
    pub async fn conversation_messages(
        &self,
        conversation_id: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<MessageView>> {
        Ok(sqlx::query_as(
            "SELECT id, conversation_id, direction, wamid, msg_type, body, media_json, context_json, payload_json, \
             status, status_at, error_code, error_reason, sent_at, created_at, triage_json, author, attempts, \
             next_attempt_at, raw_json FROM messages WHERE conversation_id = $1 ORDER BY sent_at, id LIMIT $2",
        )
        .bind(conversation_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One message by id.
    pub async fn message(&self, id: i64) -> anyhow::Result<Option<MessageView>> {
        Ok(sqlx::query_as(
            "SELECT id, conversation_id, direction, wamid, msg_type, body, media_json, context_json, payload_json, \
             status, status_at, error_code, error_reason, sent_at, created_at, triage_json, author, attempts, \
             next_attempt_at, raw_json FROM messages WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }
}

impl StoreTx {
    /// True on PostgreSQL, where several desks may share the database.
    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    /// Creates or refreshes the contact; returns its id and what the desk knows of it. `language_from_words`
    /// says `c.language` was read from the shopper's own words, which beat the phone country's default.
    pub async fn upsert_contact(
        &mut self,
        c: &ContactFacts,
        language_from_words: bool,
    ) -> anyhow::Result<(i64, ContactFacts)> {
        let mut known = self
            .upsert_contacts(&[(c.clone(), language_from_words)])
            .await?;
        known
            .remove(&c.contact_key)
            .ok_or_else(|| anyhow::anyhow!("the contact upsert returned no row"))
    }

    /// Finds or opens the conversation between a contact and a number, and records an inbound message
    /// at `inbound_at`: the 24-hour window runs from the latest one.
    pub async fn touch_conversation(
        &mut self,
        contact_id: i64,
        phone_number_id: &str,
        inbound_at: i64,
        window_ms: i64,
    ) -> anyhow::Result<ConversationRow> {
        // In an UPDATE every right-hand side sees the row as it was, so `previous_inbound_at` gets the
        // old `last_inbound_at` while the window moves forward (never backwards) in the same statement.
        let (id, previous, expires): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
            "INSERT INTO conversations (contact_id, phone_number_id, started_at, last_message_at, last_inbound_at, \
             window_expires_at, previous_inbound_at) VALUES ($1, $2, $3, $3, $3, $4, NULL) \
             ON CONFLICT (contact_id, phone_number_id) DO UPDATE SET \
             previous_inbound_at = conversations.last_inbound_at, \
             last_inbound_at = CASE WHEN conversations.last_inbound_at IS NULL OR conversations.last_inbound_at < $3 \
                               THEN $3 ELSE conversations.last_inbound_at END, \
             window_expires_at = CASE WHEN conversations.last_inbound_at IS NULL OR conversations.last_inbound_at < $3 \
                                 THEN $4 ELSE conversations.window_expires_at END, \
             last_message_at = CASE WHEN conversations.last_message_at < $3 THEN $3 ELSE conversations.last_message_at END \
             RETURNING id, previous_inbound_at, window_expires_at",
        )
        .bind(contact_id)
        .bind(phone_number_id)
        .bind(inbound_at)
        .bind(inbound_at.saturating_add(window_ms))
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(ConversationRow {
            id,
            contact_id,
            previous_inbound_at: previous,
            window_expires_at: expires,
        })
    }

    /// Marks an inbound message handled and ties it to its conversation.
    pub async fn mark_processed(&mut self, p: &ProcessedInbound) -> anyhow::Result<()> {
        sqlx::query("UPDATE messages SET conversation_id = $1, processed_at = $2, triage_json = $3 WHERE id = $4")
            .bind(p.conversation_id)
            .bind(now_ms())
            .bind(&p.triage_json)
            .bind(p.message_id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Commits everything done in this transaction.
    pub async fn commit(self) -> anyhow::Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}
