//! Cases, their timeline, compensation records and canned replies.

use serde::Serialize;
use sqlx::AnyConnection;

use super::{conversations::StoreTx, now_ms, Store};

mod canned;
mod compensations;
mod queue;
pub use canned::CannedReply;
pub use compensations::CompensationRow;
pub use queue::{CaseFilter, QueueRow};

/// A case as stored; the desk crate's types live in the JSON columns.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, Default)]
pub struct CaseRow {
    pub id: i64,
    pub conversation_id: i64,
    pub phone_number_id: String,
    pub contact_key: String,
    pub order_number: Option<String>,
    pub kind: String,
    pub kind_locked: i64,
    pub priority: String,
    pub priority_rank: i64,
    pub escalated: i64,
    pub status: String,
    pub assignee: Option<String>,
    pub labels_json: String,
    pub reading_json: Option<String>,
    pub clocks_json: String,
    pub offers_json: Option<String>,
    pub breached: i64,
    pub next_deadline: Option<i64>,
    pub language: Option<String>,
    pub opened_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
}

pub(super) const CASE_COLUMNS: &str = "id, conversation_id, phone_number_id, contact_key, order_number, kind, kind_locked, priority, \
    priority_rank, escalated, status, assignee, labels_json, reading_json, clocks_json, offers_json, breached, \
    next_deadline, language, opened_at, updated_at, resolved_at";

/// One line of a case's audit trail.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CaseEventRow {
    pub id: i64,
    pub case_id: i64,
    pub at: i64,
    pub actor: String,
    pub event_json: String,
}

async fn save_case(conn: &mut AnyConnection, c: &CaseRow) -> anyhow::Result<()> {
    sqlx::query(
        "UPDATE cases SET order_number = $1, kind = $2, kind_locked = $3, priority = $4, priority_rank = $5, \
         escalated = $6, status = $7, assignee = $8, labels_json = $9, reading_json = $10, clocks_json = $11, \
         offers_json = $12, breached = $13, next_deadline = $14, language = $15, updated_at = $16, resolved_at = $17 \
         WHERE id = $18",
    )
    .bind(&c.order_number)
    .bind(&c.kind)
    .bind(c.kind_locked)
    .bind(&c.priority)
    .bind(c.priority_rank)
    .bind(c.escalated)
    .bind(&c.status)
    .bind(&c.assignee)
    .bind(&c.labels_json)
    .bind(&c.reading_json)
    .bind(&c.clocks_json)
    .bind(&c.offers_json)
    .bind(c.breached)
    .bind(c.next_deadline)
    .bind(&c.language)
    .bind(now_ms())
    .bind(c.resolved_at)
    .bind(c.id)
    .execute(conn)
    .await?;
    Ok(())
}

async fn add_event(
    conn: &mut AnyConnection,
    case_id: i64,
    actor: &str,
    event_json: &str,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO case_events (case_id, at, actor, event_json) VALUES ($1, $2, $3, $4)")
        .bind(case_id)
        .bind(now_ms())
        .bind(actor)
        .bind(event_json)
        .execute(conn)
        .await?;
    Ok(())
}

impl StoreTx {
    /// The cases of a conversation that are not closed, newest first.
    pub async fn live_cases(&mut self, conversation_id: i64) -> anyhow::Result<Vec<CaseRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE conversation_id = $1 AND status <> 'closed' ORDER BY id DESC"
        ))
        .bind(conversation_id)
        .fetch_all(&mut *self.tx)
        .await?)
    }

    /// The case as it is now, taken for this transaction: on PostgreSQL its conversation's row and then its
    /// own are locked, in the order the inbound worker takes them, so two desks deciding on one case take
    /// turns (the second reads what the first wrote) and never deadlock. SQLite has one writer. `None`
    /// when there is no such case.
    pub async fn lock_case(&mut self, id: i64) -> anyhow::Result<Option<CaseRow>> {
        let lock = if self.postgres { " FOR UPDATE" } else { "" };
        sqlx::query(&format!(
            "SELECT id FROM conversations WHERE id = (SELECT conversation_id FROM cases WHERE id = $1){lock}"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE id = $1{lock}"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?)
    }

    pub async fn insert_case(&mut self, c: &CaseRow) -> anyhow::Result<i64> {
        let ids = self.insert_cases_many(&[c]).await?;
        ids.first()
            .copied()
            .ok_or_else(|| anyhow::anyhow!("the case was not stored"))
    }

    pub async fn save_case(&mut self, c: &CaseRow) -> anyhow::Result<()> {
        save_case(&mut self.tx, c).await
    }

    pub async fn add_case_event(
        &mut self,
        case_id: i64,
        actor: &str,
        event_json: &str,
    ) -> anyhow::Result<()> {
        add_event(&mut self.tx, case_id, actor, event_json).await
    }

    /// Several timeline lines in one statement: (actor, event JSON).
    pub async fn add_case_events(
        &mut self,
        case_id: i64,
        events: &[(&str, String)],
    ) -> anyhow::Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let now = now_ms();
        let rows: Vec<String> = (0..events.len())
            .map(|i| format!("($1, $2, ${}, ${})", 3 + 2 * i, 4 + 2 * i))
            .collect();
        let sql = format!(
            "INSERT INTO case_events (case_id, at, actor, event_json) VALUES {}",
            rows.join(", ")
        );
        let mut q = sqlx::query(&sql).bind(case_id).bind(now);
        for (actor, json) in events {
            q = q.bind(*actor).bind(json);
        }
        q.execute(&mut *self.tx).await?;
        Ok(())
    }
}

impl Store {
    pub async fn case(&self, id: i64) -> anyhow::Result<Option<CaseRow>> {
        Ok(
            sqlx::query_as(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Cases whose next clock has run out and that are not yet marked breached.
    pub async fn cases_due(&self, now: i64) -> anyhow::Result<Vec<CaseRow>> {
        Ok(sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE breached = 0 AND next_deadline IS NOT NULL AND next_deadline <= $1 \
             AND status NOT IN ('resolved', 'closed') LIMIT 500"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Cases that may owe the shopper a follow-up (a promise clock, a replacement being watched, or an open
    /// parcel problem), not closed, after `after_id` in id order: the follow-up worker pages through them.
    pub async fn follow_up_candidates(
        &self,
        after_id: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<CaseRow>> {
        // The desk's own list of parcel problems (fixed words, not input).
        let parcel_kinds = lifeline_triage::ExceptionKind::ALL
            .into_iter()
            .filter(|k| lifeline_desk::case::is_delivery_problem(*k))
            .map(|k| format!("'{}'", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        Ok(sqlx::query_as(&format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE id > $1 AND status <> 'closed' \
             AND (clocks_json LIKE '%\"type\":\"promise\"%' OR offers_json LIKE '%\"replacement_order\":\"%' \
                  OR (kind IN ({parcel_kinds}) AND status NOT IN ('resolved', 'closed'))) \
             ORDER BY id LIMIT $2"
        ))
        .bind(after_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Saves a case and its timeline entry together.
    pub async fn save_case_with_event(
        &self,
        c: &CaseRow,
        actor: &str,
        event_json: &str,
    ) -> anyhow::Result<()> {
        let mut tx = self.writer.begin().await?;
        save_case(&mut tx, c).await?;
        add_event(&mut tx, c.id, actor, event_json).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_case_event(
        &self,
        case_id: i64,
        actor: &str,
        event_json: &str,
    ) -> anyhow::Result<()> {
        let mut conn = self.writer.acquire().await?;
        add_event(&mut conn, case_id, actor, event_json).await
    }

    pub async fn case_events(&self, case_id: i64) -> anyhow::Result<Vec<CaseEventRow>> {
        Ok(sqlx::query_as("SELECT id, case_id, at, actor, event_json FROM case_events WHERE case_id = $1 ORDER BY id")
            .bind(case_id)
            .fetch_all(&self.pool)
            .await?)
    }
}
