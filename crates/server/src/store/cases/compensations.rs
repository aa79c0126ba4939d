//! Gestures (refunds, replacements, coupons…): asked for, approved, carried out or refused, once per key.

use serde::Serialize;

use sqlx::AnyConnection;

use super::super::{now_ms, Store, StoreTx};

/// A gesture asked for, approved, carried out or refused.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, Default)]
pub struct CompensationRow {
    pub id: i64,
    pub case_id: i64,
    pub store: Option<String>,
    pub order_number: Option<String>,
    pub remedy_json: String,
    pub value_minor: i64,
    pub currency: String,
    /// `pending_approval`, `approved`, `rejected`, `done`, `failed`.
    pub status: String,
    pub requested_by: String,
    pub requested_role: String,
    pub needs_role: Option<String>,
    pub decided_by: Option<String>,
    pub why: Option<String>,
    pub idempotency_key: String,
    pub result_json: Option<String>,
    pub error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// Set on the row an attempt that just failed returns, when the cause may pass (the shop throttled,
    /// could not be reached or answered 5xx), so an automatic retry is worth it. Not stored.
    #[sqlx(skip)]
    #[serde(skip)]
    pub retryable: bool,
}

/// A compensation's move from one status to another.
struct Change<'a> {
    from: &'a [&'a str],
    to: &'a str,
    decided_by: Option<&'a str>,
    result_json: Option<&'a str>,
    error: Option<&'a str>,
}

async fn update(conn: &mut AnyConnection, id: i64, c: &Change<'_>) -> anyhow::Result<bool> {
    let allowed = c
        .from
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let done = sqlx::query(&format!(
        "UPDATE compensations SET status = $1, decided_by = COALESCE($2, decided_by), result_json = COALESCE($3, result_json), \
         error = $4, updated_at = $5 WHERE id = $6 AND status IN ({allowed})"
    ))
    .bind(c.to)
    .bind(c.decided_by)
    .bind(c.result_json)
    .bind(c.error)
    .bind(now_ms())
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

impl StoreTx {
    /// Marks an approved compensation carried out, in the transaction that records it on the case and
    /// confirms it to the shopper; false when it was no longer approved (another desk got there first).
    pub async fn mark_compensation_done(
        &mut self,
        id: i64,
        result_json: &str,
    ) -> anyhow::Result<bool> {
        let change = Change {
            from: &["approved"],
            to: "done",
            decided_by: None,
            result_json: Some(result_json),
            error: None,
        };
        update(&mut self.tx, id, &change).await
    }
}

const COMP_COLUMNS: &str = "id, case_id, store, order_number, remedy_json, value_minor, currency, status, requested_by, \
    requested_role, needs_role, decided_by, why, idempotency_key, result_json, error, created_at, updated_at";

impl Store {
    /// Records a compensation request; a repeat of the same idempotency key returns the first one.
    pub async fn insert_compensation(
        &self,
        c: &CompensationRow,
    ) -> anyhow::Result<CompensationRow> {
        let now = now_ms();
        let mut tx = self.writer.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO compensations (case_id, store, order_number, remedy_json, value_minor, currency, status, \
             requested_by, requested_role, needs_role, decided_by, why, idempotency_key, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14) \
             ON CONFLICT (idempotency_key) DO NOTHING",
        )
        .bind(c.case_id)
        .bind(&c.store)
        .bind(&c.order_number)
        .bind(&c.remedy_json)
        .bind(c.value_minor)
        .bind(&c.currency)
        .bind(&c.status)
        .bind(&c.requested_by)
        .bind(&c.requested_role)
        .bind(&c.needs_role)
        .bind(&c.decided_by)
        .bind(&c.why)
        .bind(&c.idempotency_key)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let row: CompensationRow = sqlx::query_as(&format!(
            "SELECT {COMP_COLUMNS} FROM compensations WHERE idempotency_key = $1"
        ))
        .bind(&c.idempotency_key)
        .fetch_one(&mut *tx)
        .await?;
        if inserted == 1 && row.status == "approved" {
            // Approved at once: its carrying out is recorded with it, so a crash before the shop is
            // called leaves work for the actions worker, not an approval nobody acts on.
            super::super::actions::queue_remedy(&mut tx, row.case_id, row.id).await?;
        }
        tx.commit().await?;
        Ok(row)
    }

    /// Moves a compensation to a new status; `from` guards against two people deciding at once.
    pub async fn update_compensation(
        &self,
        id: i64,
        from: &[&str],
        to: &str,
        decided_by: Option<&str>,
        result_json: Option<&str>,
        error: Option<&str>,
    ) -> anyhow::Result<bool> {
        let change = Change {
            from,
            to,
            decided_by,
            result_json,
            error,
        };
        let mut tx = self.writer.begin().await?;
        let changed = update(&mut tx, id, &change).await?;
        if changed && to == "approved" {
            let (case_id,): (i64,) =
                sqlx::query_as("SELECT case_id FROM compensations WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            super::super::actions::queue_remedy(&mut tx, case_id, id).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    pub async fn compensation(&self, id: i64) -> anyhow::Result<Option<CompensationRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMP_COLUMNS} FROM compensations WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn case_compensations(&self, case_id: i64) -> anyhow::Result<Vec<CompensationRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMP_COLUMNS} FROM compensations WHERE case_id = $1 ORDER BY id"
        ))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Everything given or promised for an order, whatever the case (so nobody compensates twice).
    pub async fn order_compensations(
        &self,
        order_number: &str,
    ) -> anyhow::Result<Vec<CompensationRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMP_COLUMNS} FROM compensations WHERE order_number = $1 AND status IN ('approved', 'done') ORDER BY id"
        ))
        .bind(order_number)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn pending_approvals(&self) -> anyhow::Result<Vec<CompensationRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COMP_COLUMNS} FROM compensations WHERE status = 'pending_approval' ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?)
    }
}
