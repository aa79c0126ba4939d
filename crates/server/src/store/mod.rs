//! The store: every SQL statement of the desk lives here, behind methods named after what they mean.
//!
//! SQLite (the default, a file in WAL mode) and PostgreSQL (chosen by a `postgres://` URL) run the same
//! queries through sqlx's `Any` driver; the schema differs only in how ids and blobs are declared.

mod accounts;
mod actions;
mod batch;
mod cases;
mod conversations;
pub mod dashboard;
mod identities;
mod inbound;
mod ingest;
mod leases;
mod media;
mod numbers;
mod orders;
mod outbox;
mod ownership;
mod promises;
mod recent;
mod schema;
pub mod search;
mod settle;
mod shops;
mod template_sync;

pub use accounts::{Account, InboxFilter, InboxMessage, InboxRow, PersonRow, SessionRow};
pub use actions::{ActionRow, NewAction, RemedyAction, REMEDY_KIND};
pub use batch::TouchedConversation;
pub use cases::{CannedReply, CaseEventRow, CaseFilter, CaseRow, CompensationRow, QueueRow};
pub use conversations::{ContactFacts, ConversationRow, ConversationView, MessageView, StoreTx};
pub use inbound::{
    IngestOutcome, NewInbound, NewStatus, NewWebhookError, PendingInbound, ProcessedInbound,
};
pub use ingest::{Delivery, NotStored};
pub use leases::LeaseRow;
pub use media::{MediaJob, MediaRow};
pub use numbers::NumberHealthRow;
pub use orders::OrderRow;
pub use outbox::{callback_data, ClaimedSend, NewOutbound, SendScope};
pub use recent::RecentWords;
pub use shops::ShopLookups;
pub use template_sync::TemplateSyncRow;

use std::{str::FromStr, time::Duration};

use anyhow::Context;
use sqlx::{
    any::{AnyConnectOptions, AnyPoolOptions},
    AnyPool, Executor,
};

/// Bind markers for a multi-row VALUES list, taking the values in order: `($1, $2), ($3, $4)` on PostgreSQL,
/// `(?, ?), (?, ?)` on SQLite, where each numbered marker would cost a scan of all the others when bound.
pub(super) fn value_rows(rows: usize, cols: usize, postgres: bool) -> String {
    (0..rows)
        .map(|r| format!("({})", markers(r * cols, cols, postgres)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `text` for a LIKE pattern, with `%`, `_` and `\` standing for themselves: use it with
/// `LIKE … ESCAPE '\'`, which reads the same on SQLite and on PostgreSQL (with `standard_conforming_strings`
/// on, its default since 9.1, `'\'` is one backslash there too).
pub(super) fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A LIKE pattern (`ESCAPE '\'`) matching any text that contains `text` literally.
pub(super) fn like_containing(text: &str) -> String {
    format!("%{}%", like_escaped(text))
}

/// `n` bind markers in order after the first `before` ones: `$3, $4` or `?, ?`.
pub(super) fn markers(before: usize, n: usize, postgres: bool) -> String {
    if postgres {
        (before + 1..=before + n)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        vec!["?"; n].join(", ")
    }
}

/// Text as both databases keep it. PostgreSQL refuses U+0000 in TEXT ("invalid byte sequence for encoding
/// UTF8: 0x00") and Meta may send one inside a message or a name (`\u0000` is valid JSON), so it becomes
/// U+FFFD on both databases and an agent reads the same on either. JSON written by serde escapes it as the
/// six characters `\u0000`, which both accept, so a raw body still says exactly what Meta sent.
pub(super) fn storable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\0') {
        text.replace('\0', "\u{FFFD}").into()
    } else {
        text.into()
    }
}

/// [`storable`] in place.
pub(super) fn make_storable(text: &mut String) {
    if let std::borrow::Cow::Owned(clean) = storable(text) {
        *text = clean;
    }
}

/// A handle on the database, cheap to clone.
#[derive(Clone)]
pub struct Store {
    /// Reads (several connections).
    pool: AnyPool,
    /// Writes. On SQLite one connection, so writers queue fairly instead of sleeping in SQLite's busy
    /// handler; on PostgreSQL the same pool as reads.
    writer: AnyPool,
    postgres: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("postgres", &self.postgres)
            .finish()
    }
}

/// Milliseconds since the Unix epoch: how every time is stored.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

impl Store {
    /// Opens (creating when needed) the database and brings its schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Store> {
        sqlx::any::install_default_drivers();
        let postgres = url.starts_with("postgres://") || url.starts_with("postgresql://");
        let url = if postgres || url.contains("mode=") {
            url.to_string()
        } else if url.contains('?') {
            format!("{url}&mode=rwc")
        } else {
            format!("{url}?mode=rwc")
        };
        let options = AnyConnectOptions::from_str(&url)
            .with_context(|| "the database URL is not valid (sqlite://FILE or postgres://…)")?;
        // The writer leaves checkpoints to `checkpoint` (run by the desk in the background), so a commit
        // never stalls copying the log into the database.
        let pool_with = |n: u32, writer: bool| {
            AnyPoolOptions::new()
                .max_connections(n)
                .acquire_timeout(Duration::from_secs(10))
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if !postgres {
                            conn.execute(
                                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                             PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;",
                            )
                            .await?;
                            if writer {
                                conn.execute("PRAGMA wal_autocheckpoint=0;").await?;
                            }
                        }
                        Ok(())
                    })
                })
        };
        let pool = pool_with(if postgres { 16 } else { 8 }, false)
            .connect_with(options.clone())
            .await
            .with_context(|| "cannot open the database")?;
        let writer = if postgres {
            pool.clone()
        } else {
            pool_with(1, true).connect_with(options).await?
        };
        let store = Store {
            pool,
            writer,
            postgres,
        };
        store.migrate().await?;
        Ok(store)
    }

    /// True on PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.postgres
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        // On SQLite the writer pool has one connection: give it back before the migrations take it. On
        // PostgreSQL two desks starting at once would both create the table (`IF NOT EXISTS` is not safe
        // against a concurrent create), so it is created under the migrations' lock too.
        let mut tx = self.writer.begin().await?;
        if self.postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7344)")
                .execute(&mut *tx)
                .await?;
        }
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .await?;
        tx.commit().await?;
        for (version, sql) in schema::MIGRATIONS {
            let mut tx = self.writer.begin().await?;
            if self.postgres {
                // Several desks may start at once against one database: one migrates, the others wait.
                sqlx::query("SELECT pg_advisory_xact_lock(7344)")
                    .execute(&mut *tx)
                    .await?;
            }
            let done: Option<(i64,)> =
                sqlx::query_as("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_some() {
                continue;
            }
            tx.execute(schema::ddl(sql, self.postgres).as_str())
                .await
                .with_context(|| format!("migration {version}"))?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        self.fill_search_names().await?;
        Ok(())
    }

    /// Copies SQLite's write-ahead log into the database without holding up writers (PASSIVE); the desk
    /// runs it every few hundred milliseconds. Nothing to do on PostgreSQL.
    pub async fn checkpoint(&self) -> anyhow::Result<()> {
        if !self.postgres {
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Answers when the database can be reached (for `/readyz`).
    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Keeps a webhook body that could not be read, so an operator can look at it and nothing is lost.
    pub async fn record_dead_letter(&self, reason: &str, body: &[u8]) -> anyhow::Result<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO dead_letters (received_at, reason, body) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(now_ms())
        .bind(storable(reason).as_ref())
        .bind(body.to_vec())
        .fetch_one(&self.writer)
        .await?;
        Ok(id)
    }

    /// The dead letters, newest first.
    pub async fn list_dead_letters(&self, limit: i64) -> anyhow::Result<Vec<DeadLetter>> {
        let rows: Vec<(i64, i64, String, Vec<u8>)> = sqlx::query_as(
            "SELECT id, received_at, reason, body FROM dead_letters ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, received_at, reason, body)| DeadLetter {
                id,
                received_at,
                reason,
                body: String::from_utf8_lossy(&body).into_owned(),
            })
            .collect())
    }
}

/// A webhook body the desk could not read.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DeadLetter {
    pub id: i64,
    pub received_at: i64,
    pub reason: String,
    pub body: String,
}
