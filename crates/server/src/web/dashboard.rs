//! The dashboard (supervisors and admins): how fast the desk answers and resolves, what kinds of
//! problems come in and when, which clocks ran out, and the compensation given, over the last 14 days.

mod charts;
mod stats;

pub(crate) use stats::human;

use askama::Template;
use axum::{extract::State, response::Response};
use lifeline_desk::{policy::format_amount, Role};

use super::{page, session::Agent, Nav, WebError};
use crate::state::AppState;

/// How many days the dashboard looks back.
const DAYS: u32 = 14;
/// The most cases one dashboard reads (a busy desk's fortnight fits well within it).
const MAX_CASES: i64 = 200_000;

/// A headline figure.
struct Figure {
    label: &'static str,
    value: String,
    detail: String,
}

/// Compensation given in one currency, ready to show.
struct GivenLine {
    currency: String,
    count: i64,
    value: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    nav: Nav,
    days: u32,
    figures: Vec<Figure>,
    kinds_svg: String,
    days_svg: String,
    breached: Vec<(String, u32)>,
    given: Vec<GivenLine>,
}

fn spread_figure(label: &'static str, s: stats::Spread, what: &str) -> Figure {
    Figure {
        label,
        value: s.median_ms.map(stats::human).unwrap_or_else(|| "–".into()),
        detail: match s.p90_ms {
            Some(p90) => format!(
                "median of {} {what}; 9 in 10 within {}",
                s.count,
                stats::human(p90)
            ),
            None => format!("no {what} yet"),
        },
    }
}

fn figures(s: &stats::Summary) -> Vec<Figure> {
    vec![
        Figure {
            label: "Cases opened",
            value: s.cases.to_string(),
            detail: format!("{} resolved", s.resolved),
        },
        spread_figure(
            "First response",
            s.first_response,
            "cases answered by a person",
        ),
        spread_figure("Time to resolution", s.resolution, "resolved cases"),
        Figure {
            label: "Breached clocks",
            value: s.breached_total().to_string(),
            detail: format!("on {} cases", s.breached_cases),
        },
    ]
}

/// `GET /dashboard`.
pub async fn page_handler(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Supervisor)?;
    let now = chrono::Utc::now();
    let since = stats::period_start(now, DAYS);
    let cases = app.store.dashboard_cases(since, MAX_CASES).await?;
    let summary = stats::summarise(&cases, now, DAYS);
    let given = app
        .store
        .compensation_given(since)
        .await?
        .into_iter()
        .map(|g| GivenLine {
            value: format_amount(g.value_minor, &g.currency),
            currency: g.currency,
            count: g.count,
        })
        .collect();
    page(DashboardPage {
        nav: Nav::of(&agent, "dashboard"),
        days: DAYS,
        figures: figures(&summary),
        kinds_svg: charts::volume_by_kind(&summary.by_kind)?,
        days_svg: charts::volume_by_day(&summary.by_day)?,
        breached: summary
            .breached_clocks
            .iter()
            .map(|(k, n)| (charts::kind_label(k), *n))
            .collect(),
        given,
    })
}
