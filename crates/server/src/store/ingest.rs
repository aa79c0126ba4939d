//! Many webhook deliveries in one transaction (group commit): every POST that arrives while the previous
//! batch is being written joins the next one. Rows go in with multi-row statements, so a burst of Meta's
//! receipts costs a handful of statements instead of four per receipt.

use std::collections::HashMap;

use sqlx::{Any, Transaction};

use super::{
    inbound::{IngestOutcome, NewInbound, NewStatus, NewWebhookError},
    make_storable, now_ms, value_rows, Store,
};

/// One webhook POST's rows.
#[derive(Debug, Default, Clone)]
pub struct Delivery {
    pub messages: Vec<NewInbound>,
    pub statuses: Vec<NewStatus>,
    pub errors: Vec<NewWebhookError>,
}

/// Why one delivery was not stored.
#[derive(Debug, Clone, thiserror::Error)]
pub enum NotStored {
    /// The database refuses the delivery's rows themselves (a value it cannot hold, a constraint): storing
    /// them again would fail again.
    #[error("the database refuses this delivery: {0}")]
    Refused(String),
    /// The database could not take the write just now (unreachable, timed out, a deadlock): a redelivery
    /// may well succeed.
    #[error("the database could not store this delivery now: {0}")]
    Unavailable(String),
}

/// Rows per multi-row statement (well under SQLite's and PostgreSQL's parameter limits).
const CHUNK: usize = 200;

impl Store {
    /// Stores several deliveries in one transaction; one result per delivery, in order.
    ///
    /// When the group's transaction fails, each delivery is written again on its own, so one delivery the
    /// database refuses never fails the others. That costs nothing while all goes well (no savepoint per
    /// delivery) and one transaction per delivery in the rare group that fails. Once a delivery on its own
    /// finds the database unavailable, the rest are not tried: they would wait for the same time-out.
    pub async fn record_webhooks(
        &self,
        mut deliveries: Vec<Delivery>,
    ) -> Vec<Result<IngestOutcome, NotStored>> {
        deliveries.iter_mut().for_each(Delivery::make_storable);
        let mut inbound: Vec<&mut NewInbound> = deliveries
            .iter_mut()
            .flat_map(|d| d.messages.iter_mut())
            .collect();
        if !inbound.is_empty() {
            self.resolve_inbound_senders(&mut inbound).await;
        }
        let group = match self.write_deliveries(&deliveries).await {
            Ok(outcomes) => return outcomes.into_iter().map(Ok).collect(),
            Err(e) => e,
        };
        if deliveries.len() == 1 {
            return vec![Err(self.not_stored(&group))];
        }
        tracing::warn!(
            error = format!("{group:#}"),
            deliveries = deliveries.len(),
            "a group commit of webhooks failed; storing each on its own"
        );
        let mut results: Vec<Result<IngestOutcome, NotStored>> = Vec::new();
        for delivery in &deliveries {
            let result = match results.last() {
                Some(Err(NotStored::Unavailable(why))) => Err(NotStored::Unavailable(why.clone())),
                _ => self
                    .write_deliveries(std::slice::from_ref(delivery))
                    .await
                    .map(|mut one| one.pop().unwrap_or_default())
                    .map_err(|e| self.not_stored(&e)),
            };
            results.push(result);
        }
        results
    }

    /// Whether a failed write was refused for what it holds or for the database's state at the time.
    fn not_stored(&self, e: &anyhow::Error) -> NotStored {
        let why = format!("{e:#}");
        let refused = match e.chain().find_map(|c| c.downcast_ref::<sqlx::Error>()) {
            Some(sqlx::Error::Database(db)) => db
                .code()
                .is_some_and(|code| refused_code(&code, self.postgres)),
            Some(sqlx::Error::Encode(_)) => true,
            _ => false,
        };
        if refused {
            NotStored::Refused(why)
        } else {
            NotStored::Unavailable(why)
        }
    }

    /// Writes deliveries in one transaction: all of them or none.
    async fn write_deliveries(
        &self,
        deliveries: &[Delivery],
    ) -> anyhow::Result<Vec<IngestOutcome>> {
        let now = now_ms();
        let mut tx = self.writer.begin().await?;
        if self.postgres {
            let mut keys: Vec<&str> = Vec::new();
            for s in deliveries.iter().flat_map(|d| &d.statuses) {
                keys.push(&s.wamid);
                keys.extend(s.callback.as_deref());
            }
            lock_receipt_keys(&mut tx, &keys).await?;
        }
        let mut outcomes = vec![IngestOutcome::default(); deliveries.len()];
        let messages: Vec<(usize, &NewInbound)> = deliveries
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.messages.iter().map(move |m| (i, m)))
            .collect();
        let mut ids: HashMap<String, i64> = HashMap::new();
        for chunk in messages.chunks(CHUNK) {
            ids.extend(insert_messages(&mut tx, self.postgres, chunk, now).await?);
        }
        let mut media = Vec::new();
        for (i, m) in &messages {
            match ids.remove(&m.wamid) {
                Some(id) => {
                    if let Some(file) = &m.media {
                        media.push((id, *m, file));
                    }
                    outcomes[*i].new_messages.push((id, m.contact_key.clone()));
                }
                None => {
                    outcomes[*i].duplicates += 1;
                    revive_media(&mut tx, &m.wamid, now).await?;
                }
            }
        }
        for (id, m, (media_id, mime, sha)) in media {
            sqlx::query(
                "INSERT INTO media (message_id, phone_number_id, media_id, mime_type, expected_sha256, status, \
                 next_attempt_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6)",
            )
            .bind(id)
            .bind(&m.phone_number_id)
            .bind(media_id)
            .bind(mime)
            .bind(sha)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let statuses: Vec<(usize, &NewStatus)> = deliveries
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.statuses.iter().map(move |s| (i, s)))
            .collect();
        let mut fresh: Vec<(usize, &NewStatus)> = Vec::new();
        for chunk in statuses.chunks(CHUNK) {
            let inserted = insert_statuses(&mut tx, self.postgres, chunk, now).await?;
            fresh.extend(
                chunk
                    .iter()
                    .filter(|(_, s)| inserted.contains(&(s.wamid.clone(), s.status.clone()))),
            );
        }
        for (i, _) in &fresh {
            outcomes[*i].statuses_new += 1;
        }
        // The highest new receipt per message is the one to apply.
        let mut best: HashMap<&str, (usize, &NewStatus)> = HashMap::new();
        for (i, s) in fresh {
            let keep = best
                .get(s.wamid.as_str())
                .is_none_or(|(_, b)| s.rank > b.rank);
            if keep {
                best.insert(&s.wamid, (i, s));
            }
        }
        let best: Vec<(usize, &NewStatus)> = best.into_values().collect();
        for chunk in best.chunks(CHUNK) {
            for (i, applied) in apply_statuses(&mut tx, self.postgres, chunk).await? {
                outcomes[i].statuses_applied += applied;
            }
        }
        let errors: Vec<&NewWebhookError> =
            deliveries.iter().flat_map(|d| d.errors.iter()).collect();
        for e in errors {
            sqlx::query(
                "INSERT INTO webhook_errors (phone_number_id, code, title, details, raw_json, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&e.phone_number_id)
            .bind(e.code)
            .bind(&e.title)
            .bind(&e.details)
            .bind(&e.raw_json)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(outcomes)
    }
}

/// Error codes that mean "these rows", not "this moment": PostgreSQL's classes 22 (data exception, such as
/// a NUL in text), 23 (integrity constraint) and 54 (program limit, such as a row too big); SQLite's
/// TOOBIG, CONSTRAINT (triggers included), MISMATCH and RANGE, whatever their extended code.
fn refused_code(code: &str, postgres: bool) -> bool {
    if postgres {
        ["22", "23", "54"]
            .iter()
            .any(|class| code.starts_with(class))
    } else {
        code.parse::<i32>()
            .is_ok_and(|c| matches!(c & 0xff, 18 | 19 | 20 | 25))
    }
}

impl Delivery {
    /// Every text of the delivery as both databases keep it (see [`super::storable`]).
    fn make_storable(&mut self) {
        let opt = |t: &mut Option<String>| t.iter_mut().for_each(make_storable);
        for m in &mut self.messages {
            for t in [&mut m.phone_number_id, &mut m.contact_key, &mut m.wamid] {
                make_storable(t);
            }
            make_storable(&mut m.msg_type);
            make_storable(&mut m.raw_json);
            for t in [
                &mut m.contact_name,
                &mut m.body,
                &mut m.media_json,
                &mut m.context_json,
            ] {
                opt(t);
            }
            if let Some((id, mime, sha)) = &mut m.media {
                make_storable(id);
                opt(mime);
                opt(sha);
            }
        }
        for s in &mut self.statuses {
            for t in [&mut s.wamid, &mut s.status, &mut s.raw_json] {
                make_storable(t);
            }
            for t in [
                &mut s.recipient,
                &mut s.callback,
                &mut s.error_reason,
                &mut s.pricing_json,
            ] {
                opt(t);
            }
        }
        for e in &mut self.errors {
            make_storable(&mut e.raw_json);
            for t in [&mut e.phone_number_id, &mut e.title, &mut e.details] {
                opt(t);
            }
        }
    }
}

/// The two-key advisory lock space of receipts (the migrations use the one-key lock 7344).
const RECEIPT_LOCKS: i32 = 7345;

/// On PostgreSQL, takes a transaction lock per wamid or callback, so a receipt and the recording of its
/// send never miss each other. Under READ COMMITTED with many connections both can: the receipt's
/// transaction finds no message with that wamid yet, and the send's check for early receipts runs before
/// the receipt is committed. With both holding the same lock until commit, whichever comes second sees
/// the other's rows. Keys go in one order everywhere (sorted, in order of the statements), so two
/// writers never wait on each other in a circle.
pub(super) async fn lock_receipt_keys(
    tx: &mut Transaction<'static, Any>,
    keys: &[&str],
) -> anyhow::Result<()> {
    let mut keys: Vec<i32> = keys.iter().map(|k| lock_key(k)).collect();
    keys.sort_unstable();
    keys.dedup();
    for chunk in keys.chunks(1000) {
        let sql = format!(
            "SELECT pg_advisory_xact_lock({RECEIPT_LOCKS}, k) FROM              (SELECT CAST(column1 AS INTEGER) AS k FROM (VALUES {}) AS v ORDER BY k) AS keys",
            value_rows(chunk.len(), 1, true)
        );
        let mut q = sqlx::query(&sql);
        for k in chunk {
            q = q.bind(*k);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// A 32-bit FNV-1a hash: the same in every desk process and every build (a collision only makes two
/// receipts wait for each other).
fn lock_key(text: &str) -> i32 {
    let hash = text.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    hash as i32
}

async fn insert_messages(
    tx: &mut Transaction<'static, Any>,
    pg: bool,
    chunk: &[(usize, &NewInbound)],
    now: i64,
) -> anyhow::Result<Vec<(String, i64)>> {
    // Several copies of one wamid in one statement would conflict with each other: keep the first.
    let mut seen = std::collections::HashSet::new();
    let rows: Vec<&NewInbound> = chunk
        .iter()
        .map(|(_, m)| *m)
        .filter(|m| seen.insert(m.wamid.as_str()))
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "INSERT INTO messages (direction, status, status_rank, phone_number_id, contact_key, wamid, msg_type, body, \
         media_json, context_json, raw_json, contact_name, sent_at, created_at, sender_json) \
         SELECT 'in', 'received', 0, column1, column2, column3, column4, column5, column6, column7, column8, column9, \
         CAST(column10 AS BIGINT), CAST(column11 AS BIGINT), column12 FROM (VALUES {}) AS v \
         WHERE true ON CONFLICT (wamid) DO NOTHING RETURNING wamid, id",
        value_rows(rows.len(), 12, pg)
    );
    let mut q = sqlx::query_as::<_, (String, i64)>(&sql);
    for m in rows {
        q = q
            .bind(&m.phone_number_id)
            .bind(&m.contact_key)
            .bind(&m.wamid)
            .bind(&m.msg_type)
            .bind(&m.body)
            .bind(&m.media_json)
            .bind(&m.context_json)
            .bind(&m.raw_json)
            .bind(&m.contact_name)
            .bind(m.sent_at)
            .bind(now)
            .bind(&m.sender_json);
    }
    Ok(q.fetch_all(&mut **tx).await?)
}

async fn revive_media(
    tx: &mut Transaction<'static, Any>,
    wamid: &str,
    now: i64,
) -> anyhow::Result<()> {
    // A redelivery must not hide a download that failed: give it another go.
    sqlx::query(
        "UPDATE media SET status = 'pending', next_attempt_at = $1, updated_at = $1 \
         WHERE status = 'failed' AND message_id = (SELECT id FROM messages WHERE wamid = $2)",
    )
    .bind(now)
    .bind(wamid)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_statuses(
    tx: &mut Transaction<'static, Any>,
    pg: bool,
    chunk: &[(usize, &NewStatus)],
    now: i64,
) -> anyhow::Result<std::collections::HashSet<(String, String)>> {
    let mut seen = std::collections::HashSet::new();
    let rows: Vec<&NewStatus> = chunk
        .iter()
        .map(|(_, s)| *s)
        .filter(|s| seen.insert((s.wamid.as_str(), s.status.as_str())))
        .collect();
    if rows.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!(
        "INSERT INTO message_statuses (wamid, status, status_rank, at, recipient, callback, error_code, error_reason, \
         pricing_json, raw_json, received_at) \
         SELECT column1, column2, CAST(column3 AS BIGINT), CAST(column4 AS BIGINT), column5, column6, \
         CAST(column7 AS BIGINT), column8, column9, column10, CAST(column11 AS BIGINT) FROM (VALUES {}) AS v \
         WHERE true ON CONFLICT (wamid, status) DO NOTHING RETURNING wamid, status",
        value_rows(rows.len(), 11, pg)
    );
    let mut q = sqlx::query_as::<_, (String, String)>(&sql);
    for s in rows {
        q = q
            .bind(&s.wamid)
            .bind(&s.status)
            .bind(s.rank)
            .bind(s.at)
            .bind(&s.recipient)
            .bind(&s.callback)
            .bind(s.error_code)
            .bind(&s.error_reason)
            .bind(&s.pricing_json)
            .bind(&s.raw_json)
            .bind(now);
    }
    Ok(q.fetch_all(&mut **tx).await?.into_iter().collect())
}

/// Moves each message forward to its receipt (never backwards); returns (delivery, 1) per message moved.
async fn apply_statuses(
    tx: &mut Transaction<'static, Any>,
    pg: bool,
    chunk: &[(usize, &NewStatus)],
) -> anyhow::Result<Vec<(usize, usize)>> {
    let sql = format!(
        "UPDATE messages SET status = v.column2, status_rank = CAST(v.column3 AS BIGINT), status_at = CAST(v.column4 AS BIGINT), \
         error_code = COALESCE(CAST(v.column5 AS BIGINT), messages.error_code), \
         error_reason = COALESCE(v.column6, messages.error_reason) \
         FROM (VALUES {}) AS v \
         WHERE messages.wamid = v.column1 AND messages.direction = 'out' AND messages.status_rank < CAST(v.column3 AS BIGINT) \
         RETURNING messages.wamid",
        value_rows(chunk.len(), 6, pg)
    );
    let mut q = sqlx::query_as::<_, (String,)>(&sql);
    for (_, s) in chunk {
        q = q
            .bind(&s.wamid)
            .bind(&s.status)
            .bind(s.rank)
            .bind(s.at)
            .bind(s.error_code)
            .bind(&s.error_reason);
    }
    let moved: std::collections::HashSet<String> = q
        .fetch_all(&mut **tx)
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    Ok(chunk
        .iter()
        .filter(|(_, s)| moved.contains(&s.wamid))
        .map(|(i, _)| (*i, 1))
        .collect())
}
