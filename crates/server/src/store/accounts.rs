//! The people who work the desk: accounts, their sessions, two-step secrets and recovery codes, login
//! attempts (for rate limiting), one-time login links, desk-wide settings, and what each agent has read.
//!
//! Secrets are never stored as given: passwords as argon2id hashes (made by the web app), session ids,
//! recovery codes and login tokens as SHA-256 hex of high-entropy random values.

mod inbox;
mod sessions;

pub use inbox::{InboxFilter, InboxMessage, InboxRow};

use serde::Serialize;

use super::{now_ms, Store};

/// The accounts migration (version 3), for SQLite and PostgreSQL.
pub(super) const V3_ACCOUNTS: &str = r#"
CREATE TABLE accounts (
    id {ID},
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    totp_pending TEXT,
    totp_last_step BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
    id {ID},
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    code_hash TEXT NOT NULL UNIQUE,
    used_at BIGINT
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    stage TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE login_attempts (
    id {ID},
    attempt_key TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_attempts_by_key ON login_attempts (attempt_key, at);

CREATE TABLE login_tokens (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

CREATE TABLE desk_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE conversation_reads (
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    read_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, conversation_id)
);
"#;

/// A person who works the desk.
#[derive(Clone, sqlx::FromRow)]
pub struct Account {
    pub id: i64,
    pub email: String,
    /// `agent`, `supervisor` or `admin` (see `lifeline_desk::Role`).
    pub role: String,
    pub password_hash: String,
    /// Base32 TOTP secret once two-step verification is confirmed.
    pub totp_secret: Option<String>,
    /// Base32 secret shown on the enrolment page, until a code confirms it.
    pub totp_pending: Option<String>,
    /// The last 30-second step a code was accepted for (a code is never accepted twice).
    pub totp_last_step: Option<i64>,
    pub created_at: i64,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("two_step", &self.totp_secret.is_some())
            .finish()
    }
}

/// A signed-in browser: who, how far through the login, and the token its forms must carry.
#[derive(Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub account_id: i64,
    /// `full`, `two_step` (password given, code awaited) or `enrol` (two-step required, not set up).
    pub stage: String,
    pub csrf: String,
    pub expires_at: i64,
}

/// An account as the people page lists it.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub id: i64,
    pub email: String,
    pub role: String,
    pub two_step: bool,
    pub created_at: i64,
}

const ACCOUNT_COLUMNS: &str =
    "id, email, role, password_hash, totp_secret, totp_pending, totp_last_step, created_at";

impl Store {
    /// Creates an account; fails when the email is taken.
    pub async fn create_account(
        &self,
        email: &str,
        role: &str,
        password_hash: &str,
    ) -> anyhow::Result<i64> {
        let now = now_ms();
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO accounts (email, role, password_hash, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(email)
        .bind(role)
        .bind(password_hash)
        .bind(now)
        .fetch_one(&self.writer)
        .await?;
        Ok(id)
    }

    /// The account with this (lower-case) email.
    pub async fn account_by_email(&self, email: &str) -> anyhow::Result<Option<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE email = $1");
        Ok(sqlx::query_as(&sql)
            .bind(email)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// The account with this id.
    pub async fn account(&self, id: i64) -> anyhow::Result<Option<Account>> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1");
        Ok(sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Every account, by email.
    pub async fn list_people(&self) -> anyhow::Result<Vec<PersonRow>> {
        let rows: Vec<(i64, String, String, Option<String>, i64)> = sqlx::query_as(
            "SELECT id, email, role, totp_secret, created_at FROM accounts ORDER BY email",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, email, role, totp, created_at)| PersonRow {
                id,
                email,
                role,
                two_step: totp.is_some(),
                created_at,
            })
            .collect())
    }

    /// Changes what a person may do.
    pub async fn set_role(&self, id: i64, role: &str) -> anyhow::Result<bool> {
        let r = sqlx::query("UPDATE accounts SET role = $1, updated_at = $2 WHERE id = $3")
            .bind(role)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Replaces a password (and signs the person out everywhere).
    pub async fn set_password(&self, id: i64, password_hash: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        self.end_sessions_of(id).await
    }

    /// Keeps the secret shown on the enrolment page until a code confirms it.
    pub async fn set_pending_totp(&self, id: i64, secret: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE accounts SET totp_pending = $1, updated_at = $2 WHERE id = $3")
            .bind(secret)
            .bind(now_ms())
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Turns two-step verification on with the confirmed secret and fresh recovery codes (hashed).
    pub async fn confirm_totp(
        &self,
        id: i64,
        secret: &str,
        step: i64,
        code_hashes: &[String],
    ) -> anyhow::Result<()> {
        let mut tx = self.writer.begin().await?;
        sqlx::query(
            "UPDATE accounts SET totp_secret = $1, totp_pending = NULL, totp_last_step = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(secret)
        .bind(step)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        for h in code_hashes {
            sqlx::query("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)")
                .bind(id)
                .bind(h)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Turns two-step verification off (an admin's reset for a lost phone); signs the person out.
    pub async fn reset_totp(&self, id: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE accounts SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL, updated_at = $1 WHERE id = $2",
        )
        .bind(now_ms())
        .bind(id)
        .execute(&self.writer)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE account_id = $1")
            .bind(id)
            .execute(&self.writer)
            .await?;
        self.end_sessions_of(id).await
    }

    /// Records the step of an accepted code; false when that step (or a later one) was already used.
    pub async fn use_totp_step(&self, id: i64, step: i64) -> anyhow::Result<bool> {
        let r = sqlx::query(
            "UPDATE accounts SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Spends a recovery code; true when it was valid and unused.
    pub async fn use_recovery_code(&self, id: i64, code_hash: &str) -> anyhow::Result<bool> {
        let r = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 WHERE account_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now_ms())
        .bind(id)
        .bind(code_hash)
        .execute(&self.writer)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// A desk-wide setting (`require_two_step`, …).
    pub async fn desk_setting(&self, name: &str) -> anyhow::Result<Option<String>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT value FROM desk_settings WHERE name = $1")
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|r| r.0))
    }

    /// Sets a desk-wide setting.
    pub async fn set_desk_setting(&self, name: &str, value: &str) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO desk_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Notes that a person has read a conversation up to now.
    pub async fn mark_read(&self, account_id: i64, conversation_id: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO conversation_reads (account_id, conversation_id, read_at) VALUES ($1, $2, $3) \
             ON CONFLICT (account_id, conversation_id) DO UPDATE SET read_at = excluded.read_at",
        )
        .bind(account_id)
        .bind(conversation_id)
        .bind(now_ms())
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
