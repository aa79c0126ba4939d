//! The case panel of the conversation screen: each open case with its clocks, order and parcel, timeline
//! and notes, small correction forms, the playbook draft in a composer of its own (sent through the case
//! engine, tone-checked), and the remedies with the policy's answer shown before anyone clicks.
//!
//! The panel is loaded into the conversation screen by the page's script and also stands as a page of its
//! own (`/conversations/{id}/cases`) for a browser without scripts.

mod compose;
mod forms;
mod ownership;
mod parts;
mod retry;
mod words;

pub use compose::{attach, sent_media, template, ATTACH_LIMIT};
pub use forms::{canned, correct, note, remedy, reply};
pub use ownership::verify_order;
use parts::{clock_lines, compensation_line, is_note, lines, option_line, order_box};
pub use retry::{retry_action, retry_message};

use askama::Template;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use chrono::Utc;
use lifeline_desk::{
    case::{can_move, CaseStatus},
    policy::describe_remedy,
    Remedy,
};
use lifeline_triage::ExceptionKind;
use serde::Deserialize;

pub use super::tone::Finding;
use super::{page_with, session::Agent, Nav, WebError};
use crate::{
    cases::{self, draft},
    http::error::ApiError,
    state::AppState,
    store::CaseFilter,
};

/// Timeline lines shown per case (the latest).
const TIMELINE_LINES: usize = 20;
/// How long a resolved case stays in the panel, so the agent sees what was done (ms).
const RESOLVED_SHOWN_MS: i64 = 24 * 3600 * 1000;
/// Carrier checkpoints shown per parcel (the latest).
const CHECKPOINTS: usize = 4;

/// Everything the panel template shows.
pub struct Panel {
    pub conversation_id: i64,
    pub csrf: String,
    pub cases: Vec<PanelCase>,
    /// Every kind: its wire name and its words.
    pub kinds: Vec<(&'static str, &'static str)>,
    pub priorities: Vec<&'static str>,
}

/// One open case as the panel shows it.
pub struct PanelCase {
    pub id: i64,
    pub kind: String,
    /// The kind in words ("where is my order").
    pub kind_label: String,
    pub priority: String,
    pub escalated: bool,
    pub status: String,
    /// Statuses this case may move to from where it stands.
    pub moves: Vec<&'static str>,
    pub labels: Vec<String>,
    pub assignee: String,
    pub clocks: Vec<ClockLine>,
    pub order: Option<OrderBox>,
    /// While the case's order is not shown to be the shopper's: what matched and what did not.
    pub ownership: Option<String>,
    pub timeline: Vec<Line>,
    pub notes: Vec<Line>,
    pub draft: DraftBox,
    pub composer: Composer,
    /// The number's approved utility templates, shown when the window has closed (and on demand).
    pub templates: compose::TemplateBox,
    pub options: Vec<OptionLine>,
    pub compensations: Vec<CompensationLine>,
}

/// A clock with the time left, or by how much it was missed.
pub struct ClockLine {
    pub name: String,
    /// `running`, `met` or `breached` (also the CSS class).
    pub state: &'static str,
    pub label: String,
}

/// The order and its parcels.
pub struct OrderBox {
    pub store: String,
    pub number: String,
    pub items: Vec<String>,
    pub total: String,
    pub payment: String,
    pub admin_url: Option<String>,
    pub parcels: Vec<ParcelBox>,
}

/// A parcel with its tracking and the carrier's latest checkpoints.
pub struct ParcelBox {
    pub carrier: String,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
    pub status: String,
    pub checkpoints: Vec<String>,
}

/// A timeline line: when, who, what.
pub struct Line {
    pub at: String,
    pub actor: String,
    pub what: String,
    pub detail: String,
}

/// The playbook's draft for this case and this person.
pub struct DraftBox {
    pub situation: String,
    pub language: String,
    pub text: String,
    /// Reply buttons: (remedy id, title).
    pub buttons: Vec<(String, String)>,
    /// Gestures the text gives: (remedy id, how an agent names it).
    pub gestures: Vec<(String, String)>,
    pub window_open: bool,
}

/// What the case's reply box holds: empty, the draft, an expanded shortcut, or a reply the tone check stopped.
#[derive(Default)]
pub struct Composer {
    pub text: String,
    /// Remedy ids of the buttons and gestures ticked to go with the reply.
    pub chosen: Vec<String>,
    pub findings: Vec<Finding>,
    pub notice: Option<String>,
    /// A template filled in and previewed, waiting to be sent.
    pub template: Option<compose::TemplateDraft>,
    /// The agent asked for the templates while the window is open.
    pub show_templates: bool,
}

impl Composer {
    pub fn ticks(&self, id: &str) -> bool {
        self.chosen.iter().any(|c| c == id)
    }
}

/// A remedy and what the policy says about it for this person, before anyone clicks.
pub struct OptionLine {
    pub id: String,
    pub label: String,
    /// `allowed`, `approval` or `refused`.
    pub decision: &'static str,
    pub note: String,
}

/// A gesture asked for on this case and where it stands.
pub struct CompensationLine {
    pub id: i64,
    /// It failed in the shop and may be tried again.
    pub retry: bool,
    pub remedy: String,
    pub value: String,
    pub status: String,
    pub who: String,
    pub why: String,
}

/// Case-engine errors in the web app's words.
pub fn web_error(e: ApiError) -> WebError {
    match e {
        ApiError::NotFound(_) => WebError::NotFound,
        ApiError::Unauthorized => WebError::SignIn,
        ApiError::Forbidden(_) => WebError::Forbidden,
        ApiError::BadRequest(m) | ApiError::Conflict(m) | ApiError::Unprocessable(m) => {
            WebError::BadRequest(capitalised(&m))
        }
        ApiError::Tone(findings) => WebError::BadRequest(super::tone::stopped(&findings)),
        ApiError::Internal(e) => WebError::Internal(e),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect::<String>() + ".",
        None => String::new(),
    }
}

/// A remedy named for the agent, in the order's currency.
pub fn remedy_label(r: &Remedy, currency: &str) -> String {
    let s = describe_remedy(r, currency);
    let s = s
        .strip_prefix("a ")
        .or_else(|| s.strip_prefix("an "))
        .unwrap_or(&s);
    capitalised(s).trim_end_matches('.').to_string()
}

/// The cases the panel shows: the open ones in the queue's order, then those resolved in the last day.
/// While there is one, its reply box is the screen's only composer.
pub async fn shown_cases(
    app: &AppState,
    conv: &crate::store::ConversationView,
) -> Result<Vec<crate::store::CaseRow>, WebError> {
    let rows = app
        .store
        .list_cases(&CaseFilter {
            phone_number_id: Some(conv.phone_number_id.clone()),
            search: Some(conv.contact_key.clone()),
            limit: 1000,
            ..CaseFilter::default()
        })
        .await?;
    let since = crate::store::now_ms() - RESOLVED_SHOWN_MS;
    let (open, done): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .filter(|r| r.conversation_id == conv.id)
        .partition(|r| {
            r.resolved_at.is_none() && !matches!(r.status.as_str(), "resolved" | "closed")
        });
    let recent = done
        .into_iter()
        .filter(|r| r.resolved_at.unwrap_or(r.updated_at) >= since);
    Ok(open.into_iter().chain(recent).collect())
}

/// The open cases of a conversation (the queue's order), newest composer state for `composer.0`.
pub async fn panel(
    app: &AppState,
    agent: &Agent,
    conversation_id: i64,
    mut composer: Option<(i64, Composer)>,
) -> Result<Panel, WebError> {
    let conv = app
        .store
        .conversation(conversation_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let mut out = Vec::new();
    for row in shown_cases(app, &conv).await? {
        let mine = match &composer {
            Some((id, _)) if *id == row.id => composer.take().map(|(_, c)| c),
            _ => None,
        };
        out.push(one_case(app, agent, row.id, mine.unwrap_or_default()).await?);
    }
    Ok(Panel {
        conversation_id,
        csrf: agent.csrf.clone(),
        cases: out,
        kinds: ExceptionKind::ALL
            .iter()
            .map(|k| (k.as_str(), words::kind_words(*k)))
            .collect(),
        priorities: vec!["urgent", "high", "normal", "low"],
    })
}

async fn one_case(
    app: &AppState,
    agent: &Agent,
    id: i64,
    composer: Composer,
) -> Result<PanelCase, WebError> {
    let ctx = draft::context(app, id).await.map_err(web_error)?;
    let now = Utc::now();
    let d = draft::draft(app, &ctx, agent.role, now);
    let events = app.store.case_events(id).await?;
    let comps = app.store.case_compensations(id).await?;
    let currency = d.facts.currency.clone().unwrap_or_default();
    let row = &ctx.case;
    let from = cases::status(row);
    Ok(PanelCase {
        id,
        kind: row.kind.clone(),
        kind_label: words::kind_text(&row.kind),
        priority: row.priority.clone(),
        escalated: row.escalated == 1,
        status: row.status.clone(),
        moves: CaseStatus::ALL
            .into_iter()
            .filter(|to| *to != from && can_move(from, *to))
            .map(CaseStatus::as_str)
            .collect(),
        labels: serde_json::from_str(&row.labels_json).unwrap_or_default(),
        assignee: row.assignee.clone().unwrap_or_default(),
        clocks: clock_lines(row, now),
        order: ctx.order.as_ref().map(|(s, o)| order_box(s, o)),
        ownership: (ctx.unverified.as_ref()).map(|j| j.verdict.agent_line(&j.number)),
        timeline: lines(events.iter().rev().take(TIMELINE_LINES), &currency),
        notes: lines(events.iter().rev().filter(|e| is_note(e)), &currency),
        options: d
            .options
            .iter()
            .map(|o| option_line(&o.remedy, &o.decision, &currency))
            .collect(),
        draft: DraftBox {
            situation: d.situation.replace('_', " "),
            language: d.language.clone(),
            text: d.text.clone(),
            buttons: d
                .buttons
                .iter()
                .map(|b| (b.remedy.id(), b.title.clone()))
                .collect(),
            gestures: d
                .gestures
                .iter()
                .map(|g| (g.id(), remedy_label(g, &currency)))
                .collect(),
            window_open: d.window_open,
        },
        templates: compose::template_box(app, &ctx, &composer, d.window_open).await,
        composer,
        compensations: comps.iter().map(compensation_line).collect(),
    })
}

#[derive(Template)]
#[template(path = "case_panel.html")]
struct PanelFragment {
    panel: Panel,
}

#[derive(Template)]
#[template(
    source = "{% extends \"base.html\" %}{% block title %}Cases · Lifeline{% endblock %}\
{% block content %}<p><a href=\"/conversations/{{ panel.conversation_id }}\">← Back to the conversation</a></p>\
{% include \"case_panel.html\" %}{% endblock %}",
    ext = "html"
)]
struct PanelPage {
    nav: Nav,
    panel: Panel,
}

/// The panel alone for the page's script, or as a page of its own for a plain browser.
pub fn render(
    agent: &Agent,
    headers: &HeaderMap,
    status: StatusCode,
    panel: Panel,
) -> Result<Response, WebError> {
    if headers.get("x-requested-with").is_some() {
        page_with(status, PanelFragment { panel })
    } else {
        let nav = Nav::of(agent, "inbox");
        page_with(status, PanelPage { nav, panel })
    }
}

#[derive(Deserialize, Default)]
pub struct PanelQuery {
    /// A case whose reply box starts with the playbook draft ("Use the draft").
    #[serde(rename = "use")]
    use_draft: Option<i64>,
    /// A case whose template form opens while the window is still open ("Send a template").
    templates: Option<i64>,
}

/// `GET /conversations/{id}/cases`.
pub async fn page_handler(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Query(q): Query<PanelQuery>,
) -> Result<Response, WebError> {
    let composer = match (q.use_draft, q.templates) {
        (Some(case_id), _) => Some((case_id, forms::draft_composer(&app, &agent, case_id).await?)),
        (None, Some(case_id)) => Some((
            case_id,
            Composer {
                show_templates: true,
                ..Composer::default()
            },
        )),
        (None, None) => None,
    };
    let p = panel(&app, &agent, id, composer).await?;
    render(&agent, &headers, StatusCode::OK, p)
}
