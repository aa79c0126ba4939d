//! Canned replies: the `/shortcut` snippets agents expand in the composer, one per language.

use lifeline_desk::canned::Snippet;
use serde::Serialize;

use super::super::{now_ms, Store};

/// The desk setting that marks the starter set as handled (its value: when, in Unix milliseconds).
const STARTER_SEEDED: &str = "canned_starter_seeded";

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

    /// One shortcut's texts, one per language.
    pub async fn canned_replies_of(&self, shortcut: &str) -> anyhow::Result<Vec<CannedReply>> {
        Ok(sqlx::query_as(
            "SELECT id, shortcut, language, text, updated_at FROM canned_replies WHERE shortcut = $1 ORDER BY language",
        )
        .bind(shortcut)
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

    /// Gives a new desk its starter canned replies, once: the first start writes them if the table is
    /// empty and notes that it did (or that it found replies of the desk's own), so no later start brings
    /// back a reply an admin deleted or rewrites one an admin edited. Returns how many were written.
    pub async fn seed_canned_replies(&self, starter: &[Snippet]) -> anyhow::Result<u64> {
        let mut tx = self.writer.begin().await?;
        // Two desks starting on one PostgreSQL database: the second waits here, then finds the mark.
        let first = sqlx::query(
            "INSERT INTO desk_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(STARTER_SEEDED)
        .bind(now_ms().to_string())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        let (existing,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM canned_replies")
            .fetch_one(&mut *tx)
            .await?;
        let mut written = 0;
        if first && existing == 0 {
            for s in starter {
                written += sqlx::query(
                    "INSERT INTO canned_replies (shortcut, language, text, updated_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (shortcut, language) DO NOTHING",
                )
                .bind(&s.shortcut)
                .bind(&s.language)
                .bind(&s.text)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
        }
        tx.commit().await?;
        Ok(written)
    }

    pub async fn delete_canned_reply(&self, id: i64) -> anyhow::Result<bool> {
        let r = sqlx::query("DELETE FROM canned_replies WHERE id = $1")
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(r.rows_affected() == 1)
    }
}
