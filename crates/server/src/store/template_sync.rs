//! The templates each number's account approved, as the desk that last synced them saw them: one desk
//! asks Meta, every desk reads the answer here (table `template_syncs`, migration 9).

use super::Store;

/// One number's last sync.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TemplateSyncRow {
    pub phone_number_id: String,
    pub templates_json: Option<String>,
    pub error: Option<String>,
    pub synced_at: i64,
}

impl Store {
    /// Records a sync's outcome for a number: the templates on success, the reason otherwise (a failed
    /// sync keeps the templates of the last good one).
    pub async fn record_template_sync(
        &self,
        phone_number_id: &str,
        outcome: Result<&str, &str>,
        at: i64,
    ) -> anyhow::Result<()> {
        let (json, error) = match outcome {
            Ok(json) => (Some(json), None),
            Err(e) => (None, Some(e)),
        };
        sqlx::query(
            "INSERT INTO template_syncs (phone_number_id, templates_json, error, synced_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (phone_number_id) DO UPDATE SET \
             templates_json = COALESCE(excluded.templates_json, template_syncs.templates_json), \
             error = excluded.error, synced_at = excluded.synced_at",
        )
        .bind(phone_number_id)
        .bind(json)
        .bind(error)
        .bind(at)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    /// Every number's last sync.
    pub async fn template_syncs(&self) -> anyhow::Result<Vec<TemplateSyncRow>> {
        Ok(sqlx::query_as(
            "SELECT phone_number_id, templates_json, error, synced_at FROM template_syncs",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}
