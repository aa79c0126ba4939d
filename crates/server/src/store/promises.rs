//! The answer a shopper was promised in their acknowledgement ("within 15 minutes", or "once the team is
//! back at 09:00"), or when a choice they tapped was not carried out, kept per case until a person
//! answers or the shopper gets the one honest update.

use super::{Store, StoreTx};

/// One promise per case: when a person was promised to answer, and when (and how) that was settled.
pub(super) const V12_PROMISED_ANSWERS: &str = r#"
CREATE TABLE promised_answers (
    case_id BIGINT PRIMARY KEY,
    by_at BIGINT NOT NULL,
    settled_at BIGINT,
    outcome TEXT
);
CREATE INDEX promised_answers_due ON promised_answers (by_at) WHERE settled_at IS NULL;
"#;

impl StoreTx {
    /// Keeps the answer promised on a case. A promise still open stays as it was (the first one counts);
    /// one already settled is replaced by the new promise.
    pub async fn promise_answer(&mut self, case_id: i64, by_at: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO promised_answers (case_id, by_at) VALUES ($1, $2) \
             ON CONFLICT (case_id) DO UPDATE SET by_at = excluded.by_at, settled_at = NULL, outcome = NULL \
             WHERE promised_answers.settled_at IS NOT NULL",
        )
        .bind(case_id)
        .bind(by_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Keeps a new promise of a person's answer in place of the case's earlier one, settled or not: it
    /// is made after the shopper was answered (an agent's offer they tapped, a supervisor's decision they
    /// waited for), so only the new time counts.
    pub async fn promise_answer_anew(&mut self, case_id: i64, by_at: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO promised_answers (case_id, by_at) VALUES ($1, $2) \
             ON CONFLICT (case_id) DO UPDATE SET by_at = excluded.by_at, settled_at = NULL, outcome = NULL",
        )
        .bind(case_id)
        .bind(by_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Settles a promise (`told`: the update was queued; `answered`: a person answered first; `closed`:
    /// the case was closed; `window_closed`: the shopper can no longer be written to). Returns false
    /// when it was already settled, by this desk or another.
    pub async fn settle_promised_answer(
        &mut self,
        case_id: i64,
        by_at: i64,
        outcome: &str,
        at: i64,
    ) -> anyhow::Result<bool> {
        let done = sqlx::query(
            "UPDATE promised_answers SET settled_at = $1, outcome = $2 \
             WHERE case_id = $3 AND by_at = $4 AND settled_at IS NULL",
        )
        .bind(at)
        .bind(outcome)
        .bind(case_id)
        .bind(by_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl Store {
    /// Open promises whose time has come at `now` (ms), oldest first: (case id, promised by).
    pub async fn promised_answers_due(
        &self,
        now: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT case_id, by_at FROM promised_answers WHERE settled_at IS NULL AND by_at <= $1 \
             ORDER BY by_at, case_id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The promise on a case and how it was settled: (promised by, outcome), for the case screen and tests.
    pub async fn promised_answer(
        &self,
        case_id: i64,
    ) -> anyhow::Result<Option<(i64, Option<String>)>> {
        Ok(
            sqlx::query_as("SELECT by_at, outcome FROM promised_answers WHERE case_id = $1")
                .bind(case_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}
