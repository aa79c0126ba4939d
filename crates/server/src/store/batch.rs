//! Multi-row statements for the inbound worker: a whole batch of messages costs a handful of statements
//! (contacts, conversations, processed marks, cases, timeline, replies) instead of several each.

use std::collections::HashMap;

use super::{
    cases::CaseRow,
    conversations::{ContactFacts, StoreTx},
    markers, now_ms,
    search::folded_opt,
    value_rows as rows,
};

/// A conversation as one batch statement leaves it.
#[derive(Debug, Clone, Copy)]
pub struct TouchedConversation {
    pub id: i64,
    /// `last_inbound_at` before this batch.
    pub before: Option<i64>,
    pub window_expires_at: Option<i64>,
}

impl StoreTx {
    /// Creates or refreshes contacts (one row per key; `bool` = language read from the shopper's words).
    pub async fn upsert_contacts(
        &mut self,
        contacts: &[(ContactFacts, bool)],
    ) -> anyhow::Result<HashMap<String, (i64, ContactFacts)>> {
        if contacts.is_empty() {
            return Ok(HashMap::new());
        }
        let now = now_ms();
        let sql = format!(
            "INSERT INTO contacts (contact_key, wa_id, user_id, name, country, time_zone, language, created_at, updated_at, \
             language_from_words, parent_user_id, username, search_name, search_username) VALUES {} \
             ON CONFLICT (contact_key) DO UPDATE SET name = COALESCE(excluded.name, contacts.name), \
             search_name = COALESCE(excluded.search_name, contacts.search_name), \
             search_username = COALESCE(excluded.search_username, contacts.search_username), \
             wa_id = COALESCE(excluded.wa_id, contacts.wa_id), user_id = COALESCE(excluded.user_id, contacts.user_id), \
             parent_user_id = COALESCE(excluded.parent_user_id, contacts.parent_user_id), \
             username = COALESCE(excluded.username, contacts.username), \
             language = CASE WHEN excluded.language_from_words = 1 THEN excluded.language ELSE COALESCE(contacts.language, excluded.language) END, \
             updated_at = excluded.updated_at \
             RETURNING contact_key, id, name, country, time_zone, language",
            rows(contacts.len(), 14, self.postgres)
        );
        let mut q = sqlx::query_as::<
            _,
            (
                String,
                i64,
                Option<String>,
                Option<String>,
                Option<String>,
                Option<String>,
            ),
        >(&sql);
        for (c, words) in contacts {
            q = q
                .bind(&c.contact_key)
                .bind(&c.wa_id)
                .bind(&c.user_id)
                .bind(&c.name)
                .bind(&c.country)
                .bind(&c.time_zone)
                .bind(&c.language)
                .bind(now)
                .bind(now)
                .bind(i64::from(*words))
                .bind(&c.parent_user_id)
                .bind(&c.username)
                .bind(folded_opt(c.name.as_deref()))
                .bind(folded_opt(c.username.as_deref()));
        }
        let out = q.fetch_all(&mut *self.tx).await?;
        let by_key: HashMap<&str, &ContactFacts> = contacts
            .iter()
            .map(|(c, _)| (c.contact_key.as_str(), c))
            .collect();
        Ok(out
            .into_iter()
            .filter_map(|(key, id, name, country, time_zone, language)| {
                let sent = by_key.get(key.as_str())?;
                let known = ContactFacts {
                    contact_key: key.clone(),
                    wa_id: sent.wa_id.clone(),
                    user_id: sent.user_id.clone(),
                    parent_user_id: sent.parent_user_id.clone(),
                    username: sent.username.clone(),
                    name,
                    country,
                    time_zone,
                    language,
                };
                Some((key, (id, known)))
            })
            .collect())
    }

    /// Opens or moves conversations: (contact id, number, latest inbound time of the batch).
    pub async fn touch_conversations(
        &mut self,
        items: &[(i64, String, i64)],
        window_ms: i64,
    ) -> anyhow::Result<HashMap<(i64, String), TouchedConversation>> {
        if items.is_empty() {
            return Ok(HashMap::new());
        }
        // In an UPDATE every right-hand side sees the old row: `previous_inbound_at` keeps the old time.
        let sql = format!(
            "INSERT INTO conversations (contact_id, phone_number_id, started_at, last_message_at, last_inbound_at, \
             window_expires_at) VALUES {} \
             ON CONFLICT (contact_id, phone_number_id) DO UPDATE SET \
             previous_inbound_at = conversations.last_inbound_at, \
             last_inbound_at = CASE WHEN conversations.last_inbound_at IS NULL OR conversations.last_inbound_at < excluded.last_inbound_at \
                               THEN excluded.last_inbound_at ELSE conversations.last_inbound_at END, \
             window_expires_at = CASE WHEN conversations.last_inbound_at IS NULL OR conversations.last_inbound_at < excluded.last_inbound_at \
                                 THEN excluded.window_expires_at ELSE conversations.window_expires_at END, \
             last_message_at = CASE WHEN conversations.last_message_at < excluded.last_message_at \
                               THEN excluded.last_message_at ELSE conversations.last_message_at END \
             RETURNING contact_id, phone_number_id, id, previous_inbound_at, window_expires_at",
            rows(items.len(), 6, self.postgres)
        );
        let mut q = sqlx::query_as::<_, (i64, String, i64, Option<i64>, Option<i64>)>(&sql);
        for (contact, number, at) in items {
            q = q
                .bind(*contact)
                .bind(number)
                .bind(*at)
                .bind(*at)
                .bind(*at)
                .bind(at.saturating_add(window_ms));
        }
        Ok(q.fetch_all(&mut *self.tx)
            .await?
            .into_iter()
            .map(|(contact, number, id, before, window)| {
                (
                    (contact, number),
                    TouchedConversation {
                        id,
                        before,
                        window_expires_at: window,
                    },
                )
            })
            .collect())
    }

    /// Marks messages handled: (message id, conversation id, triage JSON).
    pub async fn mark_processed_many(
        &mut self,
        items: &[(i64, i64, Option<String>)],
    ) -> anyhow::Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "UPDATE messages SET conversation_id = CAST(v.column2 AS BIGINT), processed_at = CAST(v.column3 AS BIGINT), \
             triage_json = v.column4 FROM (VALUES {}) AS v WHERE messages.id = CAST(v.column1 AS BIGINT) AND messages.processed_at IS NULL",
            rows(items.len(), 4, self.postgres)
        );
        let now = now_ms();
        let mut q = sqlx::query(&sql);
        for (id, conv, triage) in items {
            q = q.bind(*id).bind(*conv).bind(now).bind(triage);
        }
        let done = q.execute(&mut *self.tx).await?.rows_affected();
        // Another desk handled one of them meanwhile: this batch's decisions must not be written twice.
        anyhow::ensure!(
            done == items.len() as u64,
            "{} of {} messages were already handled elsewhere",
            items.len() as u64 - done,
            items.len()
        );
        Ok(())
    }

    /// The cases not closed of several conversations, newest first.
    pub async fn live_cases_of(&mut self, conversations: &[i64]) -> anyhow::Result<Vec<CaseRow>> {
        if conversations.is_empty() {
            return Ok(Vec::new());
        }
        let list = markers(0, conversations.len(), self.postgres);
        let sql = format!(
            "SELECT {} FROM cases WHERE conversation_id IN ({}) AND status <> 'closed' ORDER BY id DESC",
            super::cases::CASE_COLUMNS,
            list
        );
        let mut q = sqlx::query_as(&sql);
        for c in conversations {
            q = q.bind(*c);
        }
        Ok(q.fetch_all(&mut *self.tx).await?)
    }

    /// The order numbers of these conversations that no shop has (the lookup's "not found" marks), as
    /// (conversation, number).
    pub async fn unknown_orders_of(
        &mut self,
        conversations: &[i64],
    ) -> anyhow::Result<std::collections::HashSet<(i64, String)>> {
        if conversations.is_empty() {
            return Ok(Default::default());
        }
        let sql = format!(
            "SELECT conversation_id, order_number FROM conversation_orders \
             WHERE conversation_id IN ({}) AND store = '' AND order_json IS NULL",
            markers(0, conversations.len(), self.postgres)
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
        for c in conversations {
            q = q.bind(*c);
        }
        Ok(q.fetch_all(&mut *self.tx).await?.into_iter().collect())
    }

    /// Timeline lines of several cases in one statement: (case id, actor, event JSON).
    pub async fn add_events_many(
        &mut self,
        events: &[(i64, String, String)],
    ) -> anyhow::Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "INSERT INTO case_events (case_id, at, actor, event_json) VALUES {}",
            rows(events.len(), 4, self.postgres)
        );
        let now = now_ms();
        let mut q = sqlx::query(&sql);
        for (case, actor, json) in events {
            q = q.bind(*case).bind(now).bind(actor).bind(json);
        }
        q.execute(&mut *self.tx).await?;
        Ok(())
    }

    /// Opens several cases in one statement, each of a different conversation; returns their ids in order.
    pub async fn insert_cases_many(&mut self, cases: &[&CaseRow]) -> anyhow::Result<Vec<i64>> {
        if cases.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "INSERT INTO cases (conversation_id, phone_number_id, contact_key, order_number, kind, kind_locked, priority, \
             priority_rank, escalated, status, assignee, labels_json, reading_json, clocks_json, offers_json, breached, \
             next_deadline, language, opened_at, updated_at, resolved_at) VALUES {} RETURNING conversation_id, id",
            rows(cases.len(), 21, self.postgres)
        );
        let mut q = sqlx::query_as::<_, (i64, i64)>(&sql);
        for c in cases {
            q = q
                .bind(c.conversation_id)
                .bind(&c.phone_number_id)
                .bind(&c.contact_key)
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
                .bind(c.opened_at)
                .bind(c.updated_at)
                .bind(c.resolved_at);
        }
        let ids: HashMap<i64, i64> = q.fetch_all(&mut *self.tx).await?.into_iter().collect();
        cases
            .iter()
            .map(|c| {
                ids.get(&c.conversation_id).copied().ok_or_else(|| {
                    anyhow::anyhow!("case of conversation {} not stored", c.conversation_id)
                })
            })
            .collect()
    }
}
