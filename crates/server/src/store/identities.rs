//! A shopper's ids. WhatsApp names one person by a phone (conditional since 2026), a business-scoped user id
//! (always), a parent BSUID (linked portfolios) and a username (display only). A contact is keyed by the
//! first id the desk saw; every other id it learns is an alias of that key, so a changed number (a new
//! BSUID) or a phone known from before the BSUID era lands in the same contact and conversation.

use std::collections::HashMap;

use super::{conversations::StoreTx, inbound::NewInbound, markers, now_ms, value_rows, Store};

use sqlx::{Any, Executor};

/// The contact key each of `ids` belongs to, for the ids the desk knows: an id that is itself a contact's
/// key maps to itself, an alias to its contact.
async fn keys_of<'e, E: Executor<'e, Database = Any>>(
    db: E,
    postgres: bool,
    ids: &[&str],
) -> anyhow::Result<HashMap<String, String>> {
    let n = ids.len();
    let sql = format!(
        "SELECT contact_key, contact_key FROM contacts WHERE contact_key IN ({}) \
         UNION ALL SELECT alias, contact_key FROM contact_aliases WHERE alias IN ({})",
        markers(0, n, postgres),
        markers(n, n, postgres)
    );
    let mut q = sqlx::query_as::<_, (String, String)>(&sql);
    for id in ids.iter().chain(ids.iter()) {
        q = q.bind(*id);
    }
    let mut out = HashMap::new();
    for (id, key) in q.fetch_all(db).await? {
        // A contact's own key wins over an alias that names it too (the contacts rows come first).
        out.entry(id).or_insert(key);
    }
    Ok(out)
}

/// Ids in batches small enough for one statement's parameters, without repeats.
fn batches<'a>(ids: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut ids: Vec<&str> = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids.chunks(500).map(<[&str]>::to_vec).collect()
}

/// The statement that records `(alias, contact key)` pairs; an alias already taken keeps its contact.
fn link_sql(n: usize, postgres: bool) -> String {
    format!(
        "INSERT INTO contact_aliases (alias, contact_key, created_at) VALUES {} \
         ON CONFLICT (alias) DO NOTHING",
        value_rows(n, 3, postgres)
    )
}

impl Store {
    /// Gives each inbound message of a group commit the key of the contact its sender's ids belong to,
    /// before it is stored and handed to a worker: so a changed BSUID's messages join the same contact
    /// and are handled in order with its earlier ones. A notice of changed ids links the new ids first,
    /// in message order. A failure here leaves the keys as the webhook gave them (nothing is lost; the
    /// worker resolves them again).
    pub async fn resolve_inbound_senders(&self, messages: &mut [&mut NewInbound]) {
        if let Err(e) = self.try_resolve_inbound_senders(messages).await {
            tracing::warn!(
                error = format!("{e:#}"),
                "sender ids not resolved at ingest"
            );
        }
    }

    async fn try_resolve_inbound_senders(
        &self,
        messages: &mut [&mut NewInbound],
    ) -> anyhow::Result<()> {
        let ids: Vec<&str> = messages
            .iter()
            .flat_map(|m| {
                let before = m.id_change.iter().flat_map(|(before, _)| before.iter());
                m.sender_ids.iter().chain(before).chain([&m.contact_key])
            })
            .map(String::as_str)
            .collect();
        let mut known = HashMap::new();
        for batch in batches(&ids) {
            known.extend(keys_of(&self.pool, self.postgres, &batch).await?);
        }
        let mut links: Vec<(String, String)> = Vec::new();
        for m in messages.iter_mut() {
            let candidates: Vec<&String> = match &m.id_change {
                Some((before, _)) => before.iter().chain([&m.contact_key]).collect(),
                None => m.sender_ids.iter().chain([&m.contact_key]).collect(),
            };
            let found = candidates.iter().find_map(|id| known.get(*id)).cloned();
            // A notice names the ids the shopper's earlier messages came under, even before a worker made
            // their contact: the first of them is that contact's key.
            let key = match (&m.id_change, found) {
                (_, Some(key)) => key,
                (Some(_), None) => candidates[0].clone(),
                (None, None) => continue,
            };
            if let Some((_, after)) = &m.id_change {
                for id in after {
                    if known.get(id) != Some(&key) {
                        known.insert(id.clone(), key.clone());
                        links.push((id.clone(), key.clone()));
                    }
                }
            }
            m.contact_key = key;
        }
        for chunk in links.chunks(300) {
            let sql = link_sql(chunk.len(), self.postgres);
            let mut q = sqlx::query(&sql);
            for (alias, key) in chunk {
                q = q.bind(alias).bind(key).bind(now_ms());
            }
            q.execute(&self.writer).await?;
        }
        Ok(())
    }
}

impl StoreTx {
    /// The contact key each of `ids` belongs to, for the ids the desk knows.
    pub async fn contact_keys_of(
        &mut self,
        ids: &[&str],
    ) -> anyhow::Result<HashMap<String, String>> {
        let mut out = HashMap::new();
        for batch in batches(ids) {
            out.extend(keys_of(&mut *self.tx, self.postgres, &batch).await?);
        }
        Ok(out)
    }

    /// Records that each `(alias, contact key)` names that contact; an alias already taken keeps its
    /// contact (the first contact that showed an id owns it).
    pub async fn link_aliases(&mut self, links: &[(String, String)]) -> anyhow::Result<()> {
        let now = now_ms();
        for chunk in links.chunks(300) {
            let sql = link_sql(chunk.len(), self.postgres);
            let mut q = sqlx::query(&sql);
            for (alias, key) in chunk {
                q = q.bind(alias).bind(key).bind(now);
            }
            q.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// The conversation between a contact and a number, opened if need be, without moving its 24-hour
    /// window: a system notice is not the shopper writing.
    pub async fn conversation_for_notice(
        &mut self,
        contact_id: i64,
        phone_number_id: &str,
        at: i64,
    ) -> anyhow::Result<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO conversations (contact_id, phone_number_id, started_at, last_message_at) \
             VALUES ($1, $2, $3, $3) ON CONFLICT (contact_id, phone_number_id) DO UPDATE SET \
             last_message_at = CASE WHEN conversations.last_message_at < excluded.last_message_at \
                               THEN excluded.last_message_at ELSE conversations.last_message_at END \
             RETURNING id",
        )
        .bind(contact_id)
        .bind(phone_number_id)
        .bind(at)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(id)
    }
}
