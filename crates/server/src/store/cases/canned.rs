//! Canned replies: the `/shortcut` snippets agents expand in the composer, one per language.

use serde::Serialize;

use super::super::{now_ms, Store};

/// A `/shortcut` snippet in one language.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CannedReply {
    pub id: i64,
    pub shortcut: String,
    pub language: String,
    pub text: String,
    pub updated_at: i64,
}

impl Store {
    pub async fn canned_replies(&self) -> anyhow::Result<Vec<CannedReply>> {
        Ok(sqlx::query_as("SELECT id, shortcut, language, text, updated_at FROM canned_replies ORDER BY shortcut, language")
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn upsert_canned_reply(
        &self,
        shortcut: &str,
        language: &str,
        text: &str,
    ) -> anyhow::Result<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO canned_replies (shortcut, language, text, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (shortcut, language) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at RETURNING id",
        )
        .bind(shortcut)
        .bind(language)
        .bind(text)
        .bind(now_ms())
        .fetch_one(&self.writer)
        .await?;
        Ok(id)
    }

    pub async fn delete_canned_reply(&self, id: i64) -> anyhow::Result<bool> {
        let r = sqlx::query("DELETE FROM canned_replies WHERE id = $1")
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(r.rows_affected() == 1)
    }
}
