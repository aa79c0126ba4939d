//! Pending actions: an effect on a shop the desk has decided on (a shopper's tap on a remedy) written in
//! the transaction that decided it, then carried out by the actions worker under a lease, once per
//! idempotency key, retried when it fails for a while, and kept with its outcome for agents to see.

use serde::Serialize;

use super::{now_ms, value_rows, Store, StoreTx};

/// The table and the indexes a claim reads. `case_id` has no foreign key on purpose: a tap names its
/// case in a button id that came over the network, and a made-up id must not fail the inbound
/// transaction it arrives in; the worker finds there is no such case and records that.
pub(super) const V10_PENDING_ACTIONS: &str = r#"
CREATE TABLE pending_actions (
    id {ID},
    case_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_holder TEXT,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    done_at BIGINT
);
CREATE INDEX pending_actions_due ON pending_actions (status, next_attempt_at);
CREATE INDEX pending_actions_leased ON pending_actions (status, lease_until);
CREATE INDEX pending_actions_by_case ON pending_actions (case_id, id);
"#;

/// The kind of pending action that carries out a remedy once it is approved (an agent's request within
/// their authority, a supervisor's approval, a retry). The request that approved it carries it out at
/// once and settles the action; the actions worker takes it only when that did not happen within
/// [`REMEDY_GRACE_MS`] (the desk died in the middle), so the refund or replacement is never lost.
pub const REMEDY_KIND: &str = "remedy";

/// How long an approved remedy's action is left to the request that approved it.
pub const REMEDY_GRACE_MS: i64 = 120_000;

/// The payload of a `remedy` action.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct RemedyAction {
    pub compensation_id: i64,
}

/// Writes the `remedy` action of a compensation just approved, on the approval's connection or
/// transaction.
pub(super) async fn queue_remedy(
    conn: &mut sqlx::AnyConnection,
    case_id: i64,
    compensation_id: i64,
) -> anyhow::Result<()> {
    let now = now_ms();
    let payload = serde_json::to_string(&RemedyAction { compensation_id })?;
    sqlx::query(
        "INSERT INTO pending_actions (case_id, kind, payload_json, idempotency_key, status, next_attempt_at, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, 'queued', $5, $6, $6)",
    )
    .bind(case_id)
    .bind(REMEDY_KIND)
    .bind(payload)
    .bind(format!(
        "remedy:{compensation_id}:{}",
        uuid::Uuid::new_v4().simple()
    ))
    .bind(now + REMEDY_GRACE_MS)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// An action to write: what it is about, what to do, and the key that makes a second write of the same
/// decision a no-op (`tap:<inbound message id>`).
#[derive(Debug, Clone)]
pub struct NewAction {
    pub case_id: i64,
    /// `tap`: the shopper chose a remedy on a button.
    pub kind: String,
    pub payload_json: String,
    pub idempotency_key: String,
}

/// A pending action as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ActionRow {
    pub id: i64,
    pub case_id: i64,
    pub kind: String,
    pub payload_json: String,
    pub idempotency_key: String,
    /// `queued`, `running` (leased to a desk), `done`, `failed`.
    pub status: String,
    /// Attempts started so far, this one included once claimed.
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub lease_holder: Option<String>,
    pub lease_until: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub done_at: Option<i64>,
}

const COLUMNS: &str =
    "id, case_id, kind, payload_json, idempotency_key, status, attempts, next_attempt_at, \
    lease_holder, lease_until, last_error, created_at, updated_at, done_at";

impl StoreTx {
    /// Writes actions in the caller's transaction, due at once; one whose key is already stored is skipped.
    /// Returns how many were new.
    pub async fn queue_actions(&mut self, actions: &[NewAction]) -> anyhow::Result<u64> {
        if actions.is_empty() {
            return Ok(0);
        }
        let now = now_ms();
        let sql = format!(
            "INSERT INTO pending_actions (case_id, kind, payload_json, idempotency_key, status, next_attempt_at, \
             created_at, updated_at) VALUES {} ON CONFLICT (idempotency_key) DO NOTHING",
            value_rows(actions.len(), 8, self.postgres)
        );
        let mut q = sqlx::query(&sql);
        for a in actions {
            q = q
                .bind(a.case_id)
                .bind(&a.kind)
                .bind(&a.payload_json)
                .bind(&a.idempotency_key)
                .bind("queued")
                .bind(now)
                .bind(now)
                .bind(now);
        }
        Ok(q.execute(&mut *self.tx).await?.rows_affected())
    }
}

impl Store {
    /// Leases up to `limit` due actions to `holder` for `lease_ms`: queued ones whose time has come and
    /// running ones whose holder stopped renewing. Only the oldest unfinished action of a case is ever
    /// due, so one case's actions are carried out one after the other, in the order they were written,
    /// whichever desk takes them. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED` in id order:
    /// two desks claiming at once take different rows and never wait on each other, so no deadlock.
    pub async fn claim_due_actions(
        &self,
        holder: &str,
        lease_ms: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<ActionRow>> {
        let now = now_ms();
        let due = |now: &str| {
            format!(
                "((a.status = 'queued' AND a.next_attempt_at <= {now}) \
                 OR (a.status = 'running' AND a.lease_until < {now}))"
            )
        };
        // Look on a reader first: the writer is the desk's one serial resource on SQLite.
        let any: Option<(i64,)> = sqlx::query_as(&format!(
            "SELECT a.id FROM pending_actions a WHERE {} LIMIT 1",
            due("$1")
        ))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if any.is_none() {
            return Ok(Vec::new());
        }
        let lock = if self.postgres {
            " FOR UPDATE OF a SKIP LOCKED"
        } else {
            ""
        };
        let sql = format!(
            "UPDATE pending_actions SET status = 'running', lease_holder = $1, lease_until = $3, \
             attempts = attempts + 1, updated_at = $2 \
             WHERE id IN (SELECT a.id FROM pending_actions a WHERE {} \
                 AND NOT EXISTS (SELECT 1 FROM pending_actions b WHERE b.case_id = a.case_id AND b.id < a.id \
                                 AND b.status IN ('queued', 'running')) \
                 ORDER BY a.id LIMIT $4{lock}) \
             AND status IN ('queued', 'running') \
             RETURNING {COLUMNS}",
            due("$2")
        );
        let mut rows: Vec<ActionRow> = sqlx::query_as(&sql)
            .bind(holder)
            .bind(now)
            .bind(now + lease_ms)
            .bind(limit)
            .fetch_all(&self.writer)
            .await?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Extends `holder`'s lease on a running action; false when it is no longer theirs.
    pub async fn renew_action_lease(
        &self,
        id: i64,
        holder: &str,
        lease_ms: i64,
    ) -> anyhow::Result<bool> {
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE pending_actions SET lease_until = $1, updated_at = $2 \
             WHERE id = $3 AND status = 'running' AND lease_holder = $4",
        )
        .bind(now + lease_ms)
        .bind(now)
        .bind(id)
        .bind(holder)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that `holder` carried the action out; false when its lease had passed to another desk.
    pub async fn finish_action(&self, id: i64, holder: &str) -> anyhow::Result<bool> {
        self.settle_action(id, holder, "done", None, None).await
    }

    /// Puts the action back in the queue until `at` (ms), with the error that stopped this attempt.
    pub async fn retry_action_at(
        &self,
        id: i64,
        holder: &str,
        at: i64,
        error: &str,
    ) -> anyhow::Result<bool> {
        self.settle_action(id, holder, "queued", Some(at), Some(error))
            .await
    }

    /// Records that the action will not be carried out, and why.
    pub async fn fail_action(&self, id: i64, holder: &str, error: &str) -> anyhow::Result<bool> {
        self.settle_action(id, holder, "failed", None, Some(error))
            .await
    }

    async fn settle_action(
        &self,
        id: i64,
        holder: &str,
        to: &str,
        next_attempt_at: Option<i64>,
        error: Option<&str>,
    ) -> anyhow::Result<bool> {
        let now = now_ms();
        let ended = (to != "queued").then_some(now);
        let done = sqlx::query(
            "UPDATE pending_actions SET status = $1, next_attempt_at = COALESCE($2, next_attempt_at), \
             last_error = COALESCE($3, last_error), done_at = $4, lease_holder = NULL, lease_until = NULL, \
             updated_at = $5 WHERE id = $6 AND status = 'running' AND lease_holder = $7",
        )
        .bind(to)
        .bind(next_attempt_at)
        .bind(error.map(|e| super::storable(e).into_owned()))
        .bind(ended)
        .bind(now)
        .bind(id)
        .bind(holder)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Hands back at once the actions `holder` was running when it stopped (a desk restarted under its
    /// own name, a worker started again), instead of waiting for their leases to run out.
    pub async fn release_actions_of(&self, holder: &str) -> anyhow::Result<u64> {
        let done = sqlx::query(
            "UPDATE pending_actions SET status = 'queued', lease_holder = NULL, lease_until = NULL, \
             updated_at = $1 WHERE status = 'running' AND lease_holder = $2",
        )
        .bind(now_ms())
        .bind(holder)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    /// Settles the waiting `remedy` actions of a compensation: the request that approved it has carried
    /// it out (done or failed, as the compensation says).
    pub async fn settle_remedy_actions(&self, compensation_id: i64) -> anyhow::Result<()> {
        let now = now_ms();
        sqlx::query(
            "UPDATE pending_actions SET status = 'done', done_at = $1, updated_at = $1 \
             WHERE kind = $2 AND status = 'queued' AND idempotency_key LIKE $3",
        )
        .bind(now)
        .bind(REMEDY_KIND)
        .bind(format!("remedy:{compensation_id}:%"))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Makes a case's queued actions due now (an operator's "try now"; tests stand for time passing).
    pub async fn make_actions_due(&self, case_id: i64) -> anyhow::Result<u64> {
        let done = sqlx::query(
            "UPDATE pending_actions SET next_attempt_at = $1 WHERE case_id = $2 AND status = 'queued'",
        )
        .bind(now_ms())
        .bind(case_id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    /// A case's actions, oldest first, for the case view.
    pub async fn case_actions(&self, case_id: i64) -> anyhow::Result<Vec<ActionRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM pending_actions WHERE case_id = $1 ORDER BY id"
        ))
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
