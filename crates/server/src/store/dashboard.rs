//! What the dashboard counts: recent cases with their first human reply, and the compensation given.
//!
//! The SQL stays plain (no date functions) so it reads the same on SQLite and PostgreSQL; days and
//! medians are worked out in Rust by the dashboard.

use super::Store;

/// One case as the dashboard sees it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DashboardCase {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub opened_at: i64,
    pub resolved_at: Option<i64>,
    /// Non-zero once any of the case's clocks ran out.
    pub breached: i64,
    /// The case's SLA clocks (JSON), to read the first human reply and the breaches.
    pub clocks_json: String,
    /// The first reply a person (not Lifeline's automatic messages) sent after the case opened.
    pub first_reply_at: Option<i64>,
}

/// Compensation carried out in one currency.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CompensationGiven {
    pub currency: String,
    pub count: i64,
    pub value_minor: i64,
}

/// Authors of outbound messages that are not a person's reply.
const AUTOMATIC_AUTHORS: &str = "'lifeline', 'system'";

impl Store {
    /// Cases opened since `since_ms` (Unix ms), oldest first, capped at `limit`.
    pub async fn dashboard_cases(
        &self,
        since_ms: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<DashboardCase>> {
        let sql = format!(
            "SELECT c.id, c.kind, c.status, c.opened_at, c.resolved_at, c.breached, c.clocks_json, \
             (SELECT MIN(m.sent_at) FROM messages m WHERE m.conversation_id = c.conversation_id \
               AND m.direction = 'out' AND m.sent_at >= c.opened_at \
               AND m.author IS NOT NULL AND m.author NOT IN ({AUTOMATIC_AUTHORS})) AS first_reply_at \
             FROM cases c WHERE c.opened_at >= $1 ORDER BY c.opened_at LIMIT $2"
        );
        Ok(sqlx::query_as(&sql)
            .bind(since_ms)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Compensation carried out (status `done`) since `since_ms`, per currency.
    pub async fn compensation_given(
        &self,
        since_ms: i64,
    ) -> anyhow::Result<Vec<CompensationGiven>> {
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast it back so both backends return an integer.
        Ok(sqlx::query_as(
            "SELECT currency, COUNT(*) AS count, CAST(SUM(value_minor) AS BIGINT) AS value_minor \
             FROM compensations WHERE status = 'done' AND updated_at >= $1 \
             GROUP BY currency ORDER BY currency",
        )
        .bind(since_ms)
        .fetch_all(&self.pool)
        .await?)
    }
}
