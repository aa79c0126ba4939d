//! Sends whose outcome is unknown: the desk died after the request went out, or Meta's answer was lost.
//! Meta may have accepted them, so they wait for a receipt (which names the send by its callback data)
//! for the settle window before the sender may try again; see `workers::sender::settle`.

use super::{now_ms, outbox::callback_data, Store};

impl Store {
    /// Sends still "sending" after their lease ran out, with the time it ran out.
    pub async fn in_flight_past_lease(&self) -> anyhow::Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT id, lease_until FROM messages WHERE status = 'sending' AND lease_until < $1",
        )
        .bind(now_ms())
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records a send as accepted when one of its receipts has arrived; true when one had.
    pub async fn confirm_from_receipt(&self, id: i64) -> anyhow::Result<bool> {
        let seen: Option<(String,)> =
            sqlx::query_as("SELECT wamid FROM message_statuses WHERE callback = $1 LIMIT 1")
                .bind(callback_data(id))
                .fetch_optional(&self.pool)
                .await?;
        match seen {
            Some((wamid,)) => {
                self.record_sent(id, &wamid).await?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Says on the message why it waits, for the agent who looks at it.
    pub async fn note_outcome_unknown(&self, id: i64, reason: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE messages SET error_reason = $1 WHERE id = $2 AND status = 'sending'")
            .bind(reason)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
