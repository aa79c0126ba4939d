//! Whose order it is: the desk's verdict kept with each conversation's order, and the shopper's own
//! words it is judged on.

use super::Store;

/// The verdict on whether a conversation's order belongs to its shopper (`lifeline_desk::ownership::Verdict`
/// as JSON); no verdict means it was never judged.
pub(super) const V11_ORDER_OWNERSHIP: &str =
    "ALTER TABLE conversation_orders ADD COLUMN ownership_json TEXT;";

impl Store {
    /// The verdicts of a conversation's orders, by store and order number.
    pub async fn order_ownership(
        &self,
        conversation_id: i64,
    ) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
        Ok(sqlx::query_as(
            "SELECT store, order_number, ownership_json FROM conversation_orders WHERE conversation_id = $1",
        )
        .bind(conversation_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Keeps a verdict with the conversation's order.
    pub async fn set_order_ownership(
        &self,
        conversation_id: i64,
        store: &str,
        order_number: &str,
        verdict_json: &str,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE conversation_orders SET ownership_json = $1 \
             WHERE conversation_id = $2 AND store = $3 AND order_number = $4",
        )
        .bind(verdict_json)
        .bind(conversation_id)
        .bind(store)
        .bind(order_number)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// The text of the shopper's latest messages in a conversation, newest first.
    pub async fn shopper_texts(
        &self,
        conversation_id: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT body FROM messages WHERE conversation_id = $1 AND direction = 'in' \
             AND body IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT $2",
        )
        .bind(conversation_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }
}
