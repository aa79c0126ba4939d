//! Work that several desks on one database share: leases (one desk at a time runs a periodic job or sends
//! for a number) and the per-shopper claim that keeps one shopper's messages in order across desks.

use super::{markers, now_ms, PendingInbound, Store, StoreTx};

/// Leases: a name (`job:followups`, `send:<phone number id>`), the desk holding it, and until when; the
/// index the per-shopper claim reads; and each number's last template sync, which one desk asks Meta for
/// and every desk reads.
pub(super) const V9_LEASES: &str = r#"
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until BIGINT NOT NULL,
    taken_at BIGINT NOT NULL
);
CREATE INDEX messages_unprocessed_by_shopper ON messages (contact_key, sent_at) WHERE processed_at IS NULL AND direction = 'in';
CREATE TABLE template_syncs (
    phone_number_id TEXT PRIMARY KEY,
    templates_json TEXT,
    error TEXT,
    synced_at BIGINT NOT NULL
);
"#;

/// Who holds a lease, as the database says.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct LeaseRow {
    pub name: String,
    pub holder: String,
    pub until: i64,
    pub taken_at: i64,
}

impl Store {
    /// Takes or renews the lease `name` for `holder` until `ttl_ms` from now; true when `holder` has it.
    /// A lease held by another desk is taken only once it has run out (that desk stopped renewing: died,
    /// or lost the database).
    pub async fn try_lease(&self, name: &str, holder: &str, ttl_ms: i64) -> anyhow::Result<bool> {
        let now = now_ms();
        let row: Option<(String,)> = sqlx::query_as(
            "INSERT INTO leases (name, holder, until, taken_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until, \
             taken_at = CASE WHEN leases.holder = excluded.holder THEN leases.taken_at ELSE excluded.taken_at END \
             WHERE leases.holder = excluded.holder OR leases.until < $4 \
             RETURNING holder",
        )
        .bind(name)
        .bind(holder)
        .bind(now + ttl_ms)
        .bind(now)
        .fetch_optional(&self.writer)
        .await?;
        Ok(row.is_some())
    }

    /// Gives a lease up (at a clean stop), so another desk takes over at once instead of after its ttl.
    pub async fn release_lease(&self, name: &str, holder: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Every lease, for health pages and tests.
    pub async fn leases(&self) -> anyhow::Result<Vec<LeaseRow>> {
        Ok(
            sqlx::query_as("SELECT name, holder, until, taken_at FROM leases ORDER BY name")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}

impl StoreTx {
    /// Claims shoppers for this transaction: of `keys`, those no other transaction is handling now (the
    /// claim ends with the transaction). On PostgreSQL a transaction-scoped advisory lock per shopper,
    /// tried rather than waited for, so two desks never block each other and a claim cannot deadlock;
    /// a shopper another desk holds is left to it. SQLite has one writer, which is the claim.
    pub async fn claim_shoppers(&mut self, keys: &[String]) -> anyhow::Result<Vec<String>> {
        if !self.postgres || keys.is_empty() {
            return Ok(keys.to_vec());
        }
        let mut sorted = keys.to_vec();
        sorted.sort();
        sorted.dedup();
        let list = markers(0, sorted.len(), true)
            .split(", ")
            .map(|m| format!("({m})"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT k FROM (VALUES {list}) AS s(k) \
             WHERE pg_try_advisory_xact_lock(hashtextextended('lifeline-shopper:' || k, 0)) ORDER BY k"
        );
        let mut q = sqlx::query_as::<_, (String,)>(&sql);
        for k in &sorted {
            q = q.bind(k);
        }
        Ok(q.fetch_all(&mut *self.tx)
            .await?
            .into_iter()
            .map(|r| r.0)
            .collect())
    }

    /// Every unprocessed inbound message of these shoppers, in the order they were written (WhatsApp's
    /// timestamp, then arrival): read inside the claim, so it includes what another desk stored and
    /// excludes what another desk already handled.
    pub async fn unprocessed_of(&mut self, keys: &[String]) -> anyhow::Result<Vec<PendingInbound>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let list = markers(0, keys.len(), self.postgres);
        let sql = format!(
            "SELECT id, phone_number_id, contact_key, contact_name, msg_type, body, sent_at, raw_json, sender_json \
             FROM messages WHERE contact_key IN ({list}) AND direction = 'in' AND processed_at IS NULL \
             ORDER BY sent_at, id"
        );
        let mut q = sqlx::query_as(&sql);
        for k in keys {
            q = q.bind(k);
        }
        Ok(q.fetch_all(&mut *self.tx).await?)
    }
}
