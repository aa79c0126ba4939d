//! What the inbox shows of each conversation: the shopper, the last message, the latest triage reading,
//! and whether this agent has read it since the shopper last wrote.

use super::super::{like_containing, search::folded, MessageView, Store};

/// Which conversations the inbox lists.
#[derive(Debug, Clone, Default)]
pub struct InboxFilter {
    /// Part of the shopper's name or phone number (case-insensitive); empty lists everyone.
    pub search: String,
    /// Only conversations whose last message is older than this (paging).
    pub before: Option<i64>,
    pub limit: i64,
}

/// One line of the inbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboxRow {
    pub id: i64,
    pub wa_id: Option<String>,
    pub contact_key: String,
    pub contact_name: Option<String>,
    pub username: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub phone_number_id: String,
    pub last_message_at: i64,
    pub last_inbound_at: Option<i64>,
    pub window_expires_at: Option<i64>,
    pub read_at: Option<i64>,
    pub last_message_id: Option<i64>,
    pub triage_message_id: Option<i64>,
}

/// The few fields of a message the inbox needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboxMessage {
    pub id: i64,
    pub direction: String,
    pub msg_type: String,
    pub body: Option<String>,
    pub status: String,
    pub triage_json: Option<String>,
}

impl Store {
    /// Conversations for the inbox, most recent first.
    pub async fn inbox(&self, account_id: i64, f: &InboxFilter) -> anyhow::Result<Vec<InboxRow>> {
        // What the agent typed is matched literally: `%` and `_` are characters to find, not wildcards.
        // Folded like the contacts' search columns: "lucia" finds "Lucía".
        let pattern = like_containing(&folded(f.search.trim()));
        let digits: String = f.search.chars().filter(char::is_ascii_digit).collect();
        let digits = if digits.is_empty() {
            pattern.clone()
        } else {
            like_containing(&digits)
        };
        Ok(sqlx::query_as(
            "SELECT c.id, k.wa_id, k.contact_key, k.name AS contact_name, k.username, k.country, k.language, c.phone_number_id, \
             c.last_message_at, c.last_inbound_at, c.window_expires_at, \
             (SELECT r.read_at FROM conversation_reads r WHERE r.account_id = $1 AND r.conversation_id = c.id) AS read_at, \
             (SELECT m.id FROM messages m WHERE m.conversation_id = c.id ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) \
               AS last_message_id, \
             (SELECT m.id FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' \
               AND m.triage_json IS NOT NULL ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS triage_message_id \
             FROM conversations c JOIN contacts k ON k.id = c.contact_id \
             WHERE c.last_message_at < $2 AND ($3 = '%%' OR COALESCE(k.search_name, '') LIKE $3 ESCAPE '\\' \
               OR COALESCE(k.search_username, '') LIKE $3 ESCAPE '\\' \
               OR COALESCE(k.wa_id, '') LIKE $4 ESCAPE '\\' OR LOWER(k.contact_key) LIKE $3 ESCAPE '\\') \
             ORDER BY c.last_message_at DESC, c.id DESC LIMIT $5",
        )
        .bind(account_id)
        .bind(f.before.unwrap_or(i64::MAX))
        .bind(&pattern)
        .bind(&digits)
        .bind(f.limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Several messages by id, in one query (the inbox's previews and triage readings).
    pub async fn inbox_messages(&self, ids: &[i64]) -> anyhow::Result<Vec<InboxMessage>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, direction, msg_type, body, status, triage_json FROM messages WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        Ok(q.fetch_all(&self.pool).await?)
    }
}

impl Store {
    /// The latest `limit` messages of a conversation, oldest first (what the conversation screen shows).
    pub async fn latest_messages(
        &self,
        conversation_id: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<MessageView>> {
        let mut rows: Vec<MessageView> = sqlx::query_as(
            "SELECT id, conversation_id, direction, wamid, msg_type, body, media_json, context_json, payload_json, \
             status, status_at, error_code, error_reason, sent_at, created_at, triage_json, author, attempts, \
             next_attempt_at, raw_json FROM messages WHERE conversation_id = $1 ORDER BY sent_at DESC, id DESC LIMIT $2",
        )
        .bind(conversation_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.reverse();
        Ok(rows)
    }
}
