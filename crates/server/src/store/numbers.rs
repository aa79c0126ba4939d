//! Each business number's health, kept where every desk on this database reads it and where it outlives
//! a restart. Desks write only when the health changes (or a credential check ran), never per send.

use super::Store;

/// The number's health table: `state` is `healthy`, `credentials` or `outage`; times in ms.
pub(super) const V8_NUMBER_HEALTH: &str = r#"
CREATE TABLE number_health (
    phone_number_id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    error_code BIGINT,
    reason TEXT,
    since BIGINT NOT NULL,
    checked_at BIGINT NOT NULL
);
"#;

/// One number's recorded health, as any desk last wrote it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NumberHealthRow {
    pub phone_number_id: String,
    pub state: String,
    pub error_code: Option<i64>,
    pub reason: Option<String>,
    pub since: i64,
    pub checked_at: i64,
}

impl Store {
    /// Every number's recorded health.
    pub async fn number_health(&self) -> anyhow::Result<Vec<NumberHealthRow>> {
        Ok(sqlx::query_as(
            "SELECT phone_number_id, state, error_code, reason, since, checked_at FROM number_health",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a number's health. When the row already holds the same state (another desk saw it first),
    /// its `since` is kept, so every desk shows when the problem really began.
    pub async fn record_number_health(&self, row: &NumberHealthRow) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO number_health (phone_number_id, state, error_code, reason, since, checked_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (phone_number_id) DO UPDATE SET \
             since = CASE WHEN number_health.state = excluded.state THEN number_health.since \
                     ELSE excluded.since END, \
             state = excluded.state, error_code = excluded.error_code, reason = excluded.reason, \
             checked_at = CASE WHEN excluded.checked_at > number_health.checked_at \
                          THEN excluded.checked_at ELSE number_health.checked_at END",
        )
        .bind(&row.phone_number_id)
        .bind(&row.state)
        .bind(row.error_code)
        // Meta's text may carry U+0000, which PostgreSQL refuses in TEXT.
        .bind(row.reason.as_ref().map(|r| r.replace('\0', "\u{FFFD}")))
        .bind(row.since)
        .bind(row.checked_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }
}
