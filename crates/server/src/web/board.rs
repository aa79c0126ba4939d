//! The inbox's board (`/inbox?view=board`): one column per label, in the order agents work them
//! (`pending`, `logistics`, `refund in progress`, `needs follow-up`, `resolved`), with the queue's filters.
//!
//! A case may carry several labels; its card sits in the column of the furthest one (a pending parcel
//! case whose clock ran out is under "needs follow-up"), so each case shows once. The last column holds
//! the cases resolved in the past week.

use askama::Template;
use axum::{
    extract::{Query, State},
    response::Response,
};
use lifeline_desk::case::Label;

use super::{
    cases_view::{self, CaseLine, Filters, QueueQuery},
    page,
    session::Agent,
    Nav, WebError,
};
use crate::state::AppState;

/// Cases on the board at once (all columns together).
const LIMIT: i64 = 500;
/// How far back the "resolved" column reaches.
const RESOLVED_FOR_MS: i64 = 7 * 24 * 3600 * 1000;

/// One column: its label and its cards, in the queue's order.
pub struct Column {
    pub label: &'static str,
    pub cards: Vec<CaseLine>,
}

#[derive(Template)]
#[template(path = "board.html")]
struct BoardPage {
    nav: Nav,
    f: Filters,
    columns: Vec<Column>,
    /// More cases match than the board holds.
    more: bool,
    limit: i64,
}

#[derive(Template)]
#[template(path = "board_columns.html")]
struct BoardColumns {
    columns: Vec<Column>,
}

/// The column a case's card goes in: its furthest board label (`pending` when it has none).
fn column_of(labels: &[String]) -> usize {
    Label::ALL
        .iter()
        .rposition(|l| labels.iter().any(|x| x == l.as_str()))
        .unwrap_or(0)
}

/// The filters, the columns, and whether more cases match than the board holds.
async fn columns(
    app: &AppState,
    agent: &Agent,
    q: &QueueQuery,
) -> Result<(Filters, Vec<Column>, bool), WebError> {
    let (mut filter, f) = cases_view::filters(app, agent, q, "board").await?;
    filter.limit = LIMIT;
    if filter.open_only {
        filter.resolved_since = Some(crate::store::now_ms() - RESOLVED_FOR_MS);
    }
    let rows = app.store.case_queue(&filter).await?;
    let mut columns: Vec<Column> = Label::ALL
        .iter()
        .map(|l| Column {
            label: l.as_str(),
            cards: Vec::new(),
        })
        .collect();
    for r in &rows {
        let card = cases_view::line(r);
        columns[column_of(&card.labels)].cards.push(card);
    }
    Ok((f, columns, rows.len() as i64 >= LIMIT))
}

/// `GET /inbox?view=board`.
pub async fn page_handler(
    app: &AppState,
    agent: Agent,
    q: &QueueQuery,
) -> Result<Response, WebError> {
    let (f, columns, more) = columns(app, &agent, q).await?;
    page(BoardPage {
        nav: Nav::of(&agent, "inbox"),
        f,
        columns,
        more,
        limit: LIMIT,
    })
}

/// `GET /inbox/board`: the columns alone, fetched again by the page's script when something happens.
pub async fn columns_handler(
    State(app): State<AppState>,
    agent: Agent,
    Query(q): Query<QueueQuery>,
) -> Result<Response, WebError> {
    let (_, columns, _) = columns(&app, &agent, &q).await?;
    page(BoardColumns { columns })
}

#[cfg(test)]
mod tests {
    use super::column_of;

    fn labels(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_card_sits_in_its_furthest_label() {
        assert_eq!(column_of(&labels(&["pending", "delay"])), 0);
        assert_eq!(column_of(&labels(&["pending", "logistics", "lost"])), 1);
        assert_eq!(column_of(&labels(&["pending", "needs follow-up"])), 3);
        assert_eq!(column_of(&labels(&["resolved", "damaged"])), 4);
        assert_eq!(column_of(&labels(&["other"])), 0);
    }
}
