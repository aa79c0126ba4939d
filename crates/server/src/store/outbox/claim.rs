//! Claiming what is due to send: the numbers a desk sends for, the rows locked without waiting, and the
//! windows and addresses read with them.

use super::ClaimedSend;
use crate::store::{markers, now_ms, Store};

/// Which numbers' messages a desk claims: those it holds the sending lease for, and those of numbers no
/// desk is configured for (so they fail visibly rather than wait forever). Empty: every number.
#[derive(Debug, Clone, Default)]
pub struct SendScope {
    /// Numbers whose sending lease this desk holds.
    pub held: Vec<String>,
    /// Every number this desk has credentials for.
    pub configured: Vec<String>,
}

impl SendScope {
    /// The `AND …` clause; phone number ids come from the configuration and are written as quoted literals.
    fn condition(&self) -> String {
        if self.configured.is_empty() {
            return String::new();
        }
        let list = |ids: &[String]| {
            ids.iter()
                .map(|id| format!("'{}'", id.replace('\'', "''")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let others = format!("phone_number_id NOT IN ({})", list(&self.configured));
        if self.held.is_empty() {
            format!(" AND {others}")
        } else {
            format!(
                " AND (phone_number_id IN ({}) OR {others})",
                list(&self.held)
            )
        }
    }
}

impl Store {
    /// Claims due messages of every number for sending, leasing them for `lease_ms`.
    pub async fn claim_due_outbox(
        &self,
        limit: i64,
        lease_ms: i64,
    ) -> anyhow::Result<Vec<ClaimedSend>> {
        self.claim_due_outbox_for(limit, lease_ms, &SendScope::default())
            .await
    }

    /// Claims due messages of the numbers this desk sends for (see [`SendScope`]). On PostgreSQL the rows
    /// are locked `FOR UPDATE SKIP LOCKED`, so two claims never wait on each other and cannot deadlock.
    pub async fn claim_due_outbox_for(
        &self,
        limit: i64,
        lease_ms: i64,
        scope: &SendScope,
    ) -> anyhow::Result<Vec<ClaimedSend>> {
        let now = now_ms();
        let numbers = scope.condition();
        // Look first on a reader: the writer is the desk's one serial resource, so it is taken only when
        // something is due.
        let due: Option<(i64,)> = sqlx::query_as(&format!(
            "SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= $1{numbers} LIMIT 1"
        ))
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if due.is_none() {
            return Ok(Vec::new());
        }
        let lock = if self.postgres {
            " FOR UPDATE SKIP LOCKED"
        } else {
            ""
        };
        let mut claimed: Vec<ClaimedSend> = sqlx::query_as(&format!(
            "UPDATE messages SET status = 'sending', lease_until = $1, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= $2{numbers} \
                          ORDER BY next_attempt_at, id LIMIT $3{lock}) \
             AND status = 'queued' \
             RETURNING id, conversation_id, phone_number_id, contact_key, payload_json, fallback_json, reply_to, attempts, \
             created_at, not_before, dedupe_key"
        ))
        .bind(now + lease_ms)
        .bind(now)
        .bind(limit)
        .fetch_all(&self.writer)
        .await?;
        // The windows and the shoppers' addresses, in one read rather than one per send.
        let mut conversations: Vec<i64> =
            claimed.iter().filter_map(|c| c.conversation_id).collect();
        conversations.sort_unstable();
        conversations.dedup();
        if !conversations.is_empty() {
            let list = markers(0, conversations.len(), self.postgres);
            let sql = format!(
                "SELECT c.id, c.window_expires_at, k.wa_id, k.user_id, k.parent_user_id \
                 FROM conversations c JOIN contacts k ON k.id = c.contact_id WHERE c.id IN ({list})"
            );
            type Row = (
                i64,
                Option<i64>,
                Option<String>,
                Option<String>,
                Option<String>,
            );
            let mut q = sqlx::query_as::<_, Row>(&sql);
            for c in &conversations {
                q = q.bind(*c);
            }
            let found: std::collections::HashMap<i64, Row> = q
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .map(|r| (r.0, r))
                .collect();
            for c in &mut claimed {
                let Some((_, window, phone, user, parent)) =
                    c.conversation_id.and_then(|id| found.get(&id))
                else {
                    continue;
                };
                c.window_expires_at = *window;
                c.recipient = lifeline_whatsapp::Recipient::for_shopper(
                    phone.as_deref(),
                    user.as_deref(),
                    parent.as_deref(),
                );
            }
        }
        for c in &mut claimed {
            if c.recipient.is_none() {
                c.recipient = lifeline_whatsapp::Recipient::parse(&c.contact_key);
            }
        }
        Ok(claimed)
    }

    /// When the next queued message this desk may claim falls due, if any (so the sender can sleep until
    /// then rather than spin on another desk's numbers).
    pub async fn next_outbox_due(&self, scope: &SendScope) -> anyhow::Result<Option<i64>> {
        let row: (Option<i64>,) = sqlx::query_as(&format!(
            "SELECT MIN(next_attempt_at) FROM messages WHERE status = 'queued'{}",
            scope.condition()
        ))
        .fetch_one(&self.pool)
        .await?;
        Ok(row.0)
    }
}
