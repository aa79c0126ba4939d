//! `/approvals`: requests beyond an agent's authority, waiting for a supervisor or an admin, with
//! approve and reject forms that go through the case engine's `decide_approval`.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use lifeline_desk::{policy::format_amount, Remedy, Role};
use serde::Deserialize;

use super::{
    case_panel::{remedy_label, web_error},
    page,
    session::{Agent, CsrfForm},
    view, Nav, WebError,
};
use crate::{cases::actions, state::AppState, store::CompensationRow};

/// One request as the page shows it.
pub struct Pending {
    pub id: i64,
    pub case_id: i64,
    pub conversation_id: Option<i64>,
    pub order: String,
    pub remedy: String,
    pub value: String,
    pub asked_by: String,
    pub needs: String,
    pub why: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "approvals.html")]
struct ApprovalsPage {
    nav: Nav,
    pending: Vec<Pending>,
}

async fn line(app: &AppState, c: &CompensationRow) -> Result<Pending, WebError> {
    let case = app.store.case(c.case_id).await?;
    let remedy = serde_json::from_str::<Remedy>(&c.remedy_json)
        .map(|r| remedy_label(&r, &c.currency))
        .unwrap_or_else(|_| "A remedy".into());
    Ok(Pending {
        id: c.id,
        case_id: c.case_id,
        conversation_id: case.map(|k| k.conversation_id),
        order: c.order_number.clone().unwrap_or_default(),
        remedy,
        value: format_amount(c.value_minor, &c.currency),
        asked_by: format!("{} ({})", c.requested_by, c.requested_role),
        needs: c.needs_role.clone().unwrap_or_else(|| "supervisor".into()),
        why: c.why.clone().unwrap_or_default(),
        at: view::full_time(c.created_at),
    })
}

/// `GET /approvals`: supervisors and admins only.
pub async fn page_handler(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Supervisor)?;
    let mut pending = Vec::new();
    for c in app.store.pending_approvals().await? {
        pending.push(line(&app, &c).await?);
    }
    page(ApprovalsPage {
        nav: Nav::of(&agent, "approvals"),
        pending,
    })
}

#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    reason: String,
}

async fn decide(
    app: AppState,
    agent: Agent,
    id: i64,
    approve: bool,
    reason: String,
) -> Result<Response, WebError> {
    agent.require(Role::Supervisor)?;
    let reason = Some(reason.trim().to_string()).filter(|r| !r.is_empty());
    actions::decide_approval(&app, id, approve, &agent.account.email, agent.role, reason)
        .await
        .map_err(web_error)?;
    Ok(Redirect::to("/approvals").into_response())
}

/// `POST /approvals/{id}/approve`: approved and carried out in the shop.
pub async fn approve(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<Response, WebError> {
    decide(app, agent, id, true, f.reason).await
}

/// `POST /approvals/{id}/reject`: refused, with the reason on the case's timeline.
pub async fn reject(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<DecisionForm>,
) -> Result<Response, WebError> {
    decide(app, agent, id, false, f.reason).await
}
