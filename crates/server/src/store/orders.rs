//! Orders attached to conversations: what the shop returned (or why it could not), and when.

use serde::Serialize;

use super::{now_ms, Store};

/// One order as the desk last saw it for a conversation.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OrderRow {
    pub conversation_id: i64,
    pub store: String,
    pub order_number: String,
    /// `lifeline_commerce::Order` as JSON, when the last lookup found it.
    pub order_json: Option<String>,
    /// Why the last lookup failed, in words an agent can act on.
    pub error: Option<String>,
    /// `message` (the shopper named it) or `phone` (a recent order of the shopper's number).
    pub source: String,
    pub fetched_at: i64,
}

impl Store {
    /// Records a lookup: a found order replaces the old copy; a failure keeps the old copy and says why.
    pub async fn record_order_lookup(&self, row: &OrderRow) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO conversation_orders (conversation_id, store, order_number, order_json, error, source, fetched_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (conversation_id, store, order_number) DO UPDATE SET \
             order_json = COALESCE(excluded.order_json, conversation_orders.order_json), \
             error = excluded.error, fetched_at = excluded.fetched_at",
        )
        .bind(row.conversation_id)
        .bind(&row.store)
        .bind(&row.order_number)
        .bind(&row.order_json)
        // The shop's own words may carry a NUL; the order itself is serde's JSON, which escapes it.
        .bind(row.error.as_deref().map(|e| super::storable(e).into_owned()))
        .bind(&row.source)
        .bind(row.fetched_at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Forgets a "not found" placeholder once the order was found in a store.
    pub async fn clear_order_miss(
        &self,
        conversation_id: i64,
        order_number: &str,
    ) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM conversation_orders WHERE conversation_id = $1 AND store = '' AND order_number = $2")
            .bind(conversation_id)
            .bind(order_number)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// The orders attached to a conversation, most recently fetched first.
    pub async fn conversation_orders(&self, conversation_id: i64) -> anyhow::Result<Vec<OrderRow>> {
        Ok(sqlx::query_as(
            "SELECT conversation_id, store, order_number, order_json, error, source, fetched_at \
             FROM conversation_orders WHERE conversation_id = $1 ORDER BY fetched_at DESC, id DESC",
        )
        .bind(conversation_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// When this order was last fetched for the conversation (for the short cache).
    pub async fn order_fetched_at(
        &self,
        conversation_id: i64,
        order_number: &str,
    ) -> anyhow::Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT MAX(fetched_at) FROM conversation_orders WHERE conversation_id = $1 AND order_number = $2 \
             AND error IS NULL HAVING COUNT(*) > 0",
        )
        .bind(conversation_id)
        .bind(order_number)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.0).filter(|t| *t <= now_ms()))
    }
}

impl Store {
    /// Every conversation's copy of one store's order (for the shop's own order webhooks).
    pub async fn orders_by_number(
        &self,
        store: &str,
        order_number: &str,
    ) -> anyhow::Result<Vec<OrderRow>> {
        Ok(sqlx::query_as(
            "SELECT conversation_id, store, order_number, order_json, error, source, fetched_at \
             FROM conversation_orders WHERE store = $1 AND order_number = $2",
        )
        .bind(store)
        .bind(order_number)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Attached orders whose parcels include this tracking number (for carrier pushes).
    pub async fn orders_with_tracking(
        &self,
        tracking_number: &str,
    ) -> anyhow::Result<Vec<OrderRow>> {
        Ok(sqlx::query_as(
            "SELECT conversation_id, store, order_number, order_json, error, source, fetched_at \
             FROM conversation_orders WHERE order_json LIKE $1 ESCAPE '\\'",
        )
        .bind(super::like_containing(&format!(
            "\"tracking_number\":\"{tracking_number}\""
        )))
        .fetch_all(&self.pool)
        .await?)
    }
}
