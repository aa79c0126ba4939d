//! What the desk has seen of each configured shop: the orders it found there and its last lookup.

use super::Store;

/// One shop's lookups as the stores admin screen shows them.
#[derive(Debug, Clone, Default)]
pub struct ShopLookups {
    /// Distinct orders found in this shop.
    pub orders_known: i64,
    /// The latest lookup: order number, when (ms), and the error when it failed.
    pub last: Option<(String, i64, Option<String>)>,
}

impl Store {
    /// The orders found in `store` and its most recent lookup (found or failed).
    pub async fn shop_lookups(&self, store: &str) -> anyhow::Result<ShopLookups> {
        let (orders_known,): (i64,) = sqlx::query_as(
            "SELECT COUNT(DISTINCT order_number) FROM conversation_orders WHERE store = $1 AND order_json IS NOT NULL",
        )
        .bind(store)
        .fetch_one(&self.pool)
        .await?;
        let last: Option<(String, i64, Option<String>)> = sqlx::query_as(
            "SELECT order_number, fetched_at, error FROM conversation_orders WHERE store = $1 \
             ORDER BY fetched_at DESC, id DESC LIMIT 1",
        )
        .bind(store)
        .fetch_optional(&self.pool)
        .await?;
        Ok(ShopLookups { orders_known, last })
    }
}
