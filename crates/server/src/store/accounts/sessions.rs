//! Sessions (by the SHA-256 of their id), failed sign-ins (for rate limits) and one-time login links.

use super::super::{now_ms, Store};
use super::SessionRow;

impl Store {
    /// Opens a session (the id is stored hashed).
    pub async fn create_session(
        &self,
        id_hash: &str,
        account_id: i64,
        stage: &str,
        csrf: &str,
        ttl_ms: i64,
    ) -> anyhow::Result<()> {
        let now = now_ms();
        sqlx::query(
            "INSERT INTO sessions (id_hash, account_id, stage, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id_hash)
        .bind(account_id)
        .bind(stage)
        .bind(csrf)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(&self.writer)
        .await?;
        // Each sign-in also sweeps the sessions that ran out, so the table never grows without end.
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// The live session with this hashed id.
    pub async fn session(&self, id_hash: &str) -> anyhow::Result<Option<SessionRow>> {
        Ok(sqlx::query_as(
            "SELECT account_id, stage, csrf, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Ends one session (logout).
    pub async fn end_session(&self, id_hash: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Ends every session of a person (password or role changes, two-step reset).
    pub async fn end_sessions_of(&self, account_id: i64) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1")
            .bind(account_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Records a failed login under each key (`account:…`, `ip:…`).
    pub async fn record_login_failure(&self, keys: &[String]) -> anyhow::Result<()> {
        let now = now_ms();
        for k in keys {
            sqlx::query("INSERT INTO login_attempts (attempt_key, at) VALUES ($1, $2)")
                .bind(k)
                .bind(now)
                .execute(&self.writer)
                .await?;
        }
        sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(now - 24 * 3600 * 1000)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Failed logins under `key` since `since`, and the oldest of them (to say when the lock lifts).
    pub async fn login_failures(
        &self,
        key: &str,
        since: i64,
    ) -> anyhow::Result<(i64, Option<i64>)> {
        let row: (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM login_attempts WHERE attempt_key = $1 AND at >= $2",
        )
        .bind(key)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(row)
    }

    /// Forgets the failures under `key` (after a complete login).
    pub async fn clear_login_failures(&self, key: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM login_attempts WHERE attempt_key = $1")
            .bind(key)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Stores a one-time login link's token (hashed), valid until `expires_at`.
    pub async fn create_login_token(
        &self,
        token_hash: &str,
        account_id: i64,
        expires_at: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO login_tokens (token_hash, account_id, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(expires_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Spends a one-time login token; the account it opens, when valid, unused and not expired.
    pub async fn use_login_token(&self, token_hash: &str) -> anyhow::Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE login_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
             RETURNING account_id",
        )
        .bind(now_ms())
        .bind(token_hash)
        .fetch_optional(&self.writer)
        .await?;
        Ok(row.map(|r| r.0))
    }
}
