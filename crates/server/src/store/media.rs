//! Media downloads: one job per inbound message with media, retried until stored, visibly failed otherwise.

use serde::Serialize;

use super::{now_ms, Store};

/// A download claimed by the media worker.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MediaJob {
    pub id: i64,
    pub message_id: i64,
    pub phone_number_id: String,
    pub media_id: String,
    pub mime_type: Option<String>,
    pub expected_sha256: Option<String>,
    pub attempts: i64,
}

/// What the REST API shows of a message's media.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MediaRow {
    pub message_id: i64,
    pub media_id: String,
    pub mime_type: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub path: Option<String>,
    pub size: Option<i64>,
}

impl Store {
    /// Claims due downloads (pushing their next attempt out by `lease_ms` while they run).
    pub async fn claim_media_jobs(
        &self,
        limit: i64,
        lease_ms: i64,
    ) -> anyhow::Result<Vec<MediaJob>> {
        let now = now_ms();
        let due: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM media WHERE status = 'pending' AND next_attempt_at <= $1 LIMIT 1",
        )
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if due.is_none() {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_as(
            "UPDATE media SET attempts = attempts + 1, next_attempt_at = $1, updated_at = $2 \
             WHERE id IN (SELECT id FROM media WHERE status = 'pending' AND next_attempt_at <= $2 \
                          ORDER BY next_attempt_at LIMIT $3) AND status = 'pending' \
             RETURNING id, message_id, phone_number_id, media_id, mime_type, expected_sha256, attempts",
        )
        .bind(now + lease_ms)
        .bind(now)
        .bind(limit)
        .fetch_all(&self.writer)
        .await?)
    }

    /// Records a stored file.
    pub async fn record_media_stored(
        &self,
        id: i64,
        path: &str,
        size: i64,
        mime: Option<&str>,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE media SET status = 'stored', path = $1, size = $2, mime_type = COALESCE($3, mime_type), \
             last_error = NULL, updated_at = $4 WHERE id = $5",
        )
        .bind(path)
        .bind(size)
        .bind(mime)
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: retried at `retry_at`, or failed for good when `retry_at` is None.
    pub async fn record_media_error(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE media SET status = $1, last_error = $2, next_attempt_at = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(if retry_at.is_some() { "pending" } else { "failed" })
        .bind(error)
        .bind(retry_at.unwrap_or(i64::MAX))
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The media of a message, if it has any.
    pub async fn media_of(&self, message_id: i64) -> anyhow::Result<Option<MediaRow>> {
        Ok(sqlx::query_as(
            "SELECT message_id, media_id, mime_type, status, attempts, last_error, path, size FROM media WHERE message_id = $1",
        )
        .bind(message_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The media of many messages at once (for a conversation's page).
    pub async fn media_of_conversation(
        &self,
        conversation_id: i64,
    ) -> anyhow::Result<Vec<MediaRow>> {
        Ok(sqlx::query_as(
            "SELECT m.message_id, m.media_id, m.mime_type, m.status, m.attempts, m.last_error, m.path, m.size \
             FROM media m JOIN messages g ON g.id = m.message_id WHERE g.conversation_id = $1",
        )
        .bind(conversation_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
