//! The queue: which cases an agent sees, in the order they should be handled, and how it is narrowed.

use super::{CaseRow, Store, CASE_COLUMNS};
use crate::store::{like_containing, search::folded};

/// What the queue can be filtered by.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub status: Option<String>,
    pub kind: Option<String>,
    pub assignee: Option<String>,
    /// Only cases nobody has taken.
    pub unassigned: bool,
    pub label: Option<String>,
    pub phone_number_id: Option<String>,
    /// Cases of this store: an order of the conversation was found there, or the case came in on one of
    /// [`CaseFilter::store_numbers`] (the numbers the store serves).
    pub store: Option<String>,
    pub store_numbers: Vec<String>,
    pub open_only: bool,
    /// With `open_only`, also the cases resolved or closed since this time (ms): the board's last column.
    pub resolved_since: Option<i64>,
    /// A name, a phone (any spelling of its digits) or an order number (`#1001` or `1001`).
    pub search: Option<String>,
    pub limit: i64,
}

/// A line of the queue: the case and the shopper's name.
#[derive(Debug, Clone, sqlx::FromRow, Default)]
pub struct QueueRow {
    #[sqlx(flatten)]
    pub case: CaseRow,
    pub contact_name: Option<String>,
    /// The shopper's phone digits, when WhatsApp shared it.
    pub contact_wa_id: Option<String>,
    pub contact_username: Option<String>,
}

/// The queue's conditions over `cases c`; the binds follow [`bind_queue`].
const QUEUE_WHERE: &str = "($1 IS NULL OR c.status = $1) AND ($2 IS NULL OR c.kind = $2) \
     AND ($3 IS NULL OR c.assignee = $3) AND ($4 = 0 OR c.assignee IS NULL) AND ($5 IS NULL OR c.labels_json LIKE $5 ESCAPE '\\') \
     AND ($6 IS NULL OR c.phone_number_id = $6) \
     AND ($7 = 0 OR c.status NOT IN ('resolved', 'closed') OR COALESCE(c.resolved_at, 0) >= $8) \
     AND ($9 = '' OR (',' || $10 || ',') LIKE ('%,' || c.phone_number_id || ',%') OR EXISTS \
          (SELECT 1 FROM conversation_orders o WHERE o.conversation_id = c.conversation_id AND o.store = $9 \
           AND o.order_json IS NOT NULL AND (c.order_number IS NULL OR o.order_number = c.order_number))) \
     AND ($11 = '' OR LOWER(COALESCE(c.order_number, '')) LIKE $11 ESCAPE '\\' \
          OR LOWER(COALESCE(c.order_number, '')) LIKE $12 ESCAPE '\\' OR c.contact_key LIKE $13 ESCAPE '\\' \
          OR EXISTS (SELECT 1 FROM contacts k WHERE k.contact_key = c.contact_key \
          AND (COALESCE(k.search_name, '') LIKE $11 ESCAPE '\\' OR COALESCE(k.search_username, '') LIKE $11 ESCAPE '\\' \
               OR COALESCE(k.wa_id, '') LIKE $13 ESCAPE '\\'))) \
     ORDER BY c.escalated DESC, c.breached DESC, c.priority_rank ASC, \
     COALESCE(c.next_deadline, 9223372036854775807) ASC, c.id ASC LIMIT $14";

/// The search patterns: as typed, without a leading `#`, and its digits alone (a phone however spelled).
/// What the agent typed is matched literally: `%` and `_` are characters to find, not wildcards.
fn search_patterns(search: Option<&str>) -> [String; 3] {
    // Folded like the contacts' search columns: "lucia" finds "Lucía", "LUCÍA" finds "lucía".
    let s = folded(search.unwrap_or("").trim());
    if s.is_empty() {
        return [String::new(), String::new(), String::new()];
    }
    let order = s.trim_start_matches('#').trim();
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let phone = if digits.is_empty() { &s } else { &digits };
    [
        like_containing(&s),
        like_containing(order),
        like_containing(phone),
    ]
}

fn bind_queue<'q, O>(
    q: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>>,
    f: &'q CaseFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments<'q>> {
    let [text, order, phone] = search_patterns(f.search.as_deref());
    q.bind(&f.status)
        .bind(&f.kind)
        .bind(&f.assignee)
        .bind(i64::from(f.unassigned))
        .bind(
            f.label
                .as_ref()
                .map(|l| like_containing(&format!("\"{l}\""))),
        )
        .bind(&f.phone_number_id)
        .bind(i64::from(f.open_only))
        .bind(f.resolved_since.unwrap_or(i64::MAX))
        .bind(f.store.clone().unwrap_or_default())
        .bind(f.store_numbers.join(","))
        .bind(text)
        .bind(order)
        .bind(phone)
        .bind(if f.limit > 0 { f.limit } else { 200 })
}

impl Store {
    /// The queue: escalated first, then breached, then priority, then the clock that runs out first.
    pub async fn list_cases(&self, f: &CaseFilter) -> anyhow::Result<Vec<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases c WHERE {QUEUE_WHERE}");
        Ok(bind_queue(sqlx::query_as(&sql), f)
            .fetch_all(&self.pool)
            .await?)
    }

    /// The queue as the inbox shows it: each case with the shopper's name.
    pub async fn case_queue(&self, f: &CaseFilter) -> anyhow::Result<Vec<QueueRow>> {
        let columns: Vec<String> = CASE_COLUMNS
            .split(',')
            .map(|c| format!("c.{}", c.trim()))
            .collect();
        let sql = format!(
            "SELECT {}, kc.name AS contact_name, kc.wa_id AS contact_wa_id, kc.username AS contact_username \
             FROM cases c LEFT JOIN contacts kc ON kc.contact_key = c.contact_key WHERE {QUEUE_WHERE}",
            columns.join(", ")
        );
        Ok(bind_queue(sqlx::query_as(&sql), f)
            .fetch_all(&self.pool)
            .await?)
    }
}
