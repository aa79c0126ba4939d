//! REST for cases: the queue, one case with its timeline, corrections, notes, the playbook draft, replies,
//! remedies and approvals, the tone check, canned replies.

use axum::{
    extract::{Path, Query, State},
    http::StatusCode,
    routing::{get, post},
    Json, Router,
};
use chrono::Utc;
use lifeline_desk::{case::TimelineEvent, tone::check_tone, Remedy, Role};
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::{ApiError, ApiResult};
use crate::{
    cases::{self, actions, draft, view},
    state::AppState,
    store::CaseFilter,
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/cases", get(list))
        .route("/cases/{id}", get(one).patch(correct))
        .route("/cases/{id}/notes", post(note))
        .route("/cases/{id}/order/verify", post(super::ownership::verify))
        .route("/cases/{id}/draft", get(draft_for))
        .route("/cases/{id}/reply", post(reply))
        .route("/cases/{id}/actions", post(action))
        .route("/actions/{id}/retry", post(retry))
        .route("/approvals", get(approvals))
        .route("/approvals/{id}/approve", post(approve))
        .route("/approvals/{id}/reject", post(reject))
        .route("/tone", post(tone))
        .route("/templates", get(templates))
        .route("/templates/sync", post(sync_templates))
        .merge(super::canned::router())
}

#[derive(Deserialize, Default)]
struct ListQuery {
    status: Option<String>,
    kind: Option<String>,
    assignee: Option<String>,
    label: Option<String>,
    number: Option<String>,
    q: Option<String>,
    #[serde(default)]
    all: bool,
    limit: Option<i64>,
}

async fn list(State(app): State<AppState>, Query(q): Query<ListQuery>) -> ApiResult<Json<Value>> {
    let rows = app
        .store
        .list_cases(&CaseFilter {
            status: q.status,
            kind: q.kind,
            assignee: q.assignee,
            label: q.label,
            phone_number_id: q.number,
            open_only: !q.all,
            search: q.q,
            limit: q.limit.unwrap_or(200).clamp(1, 1000),
            ..CaseFilter::default()
        })
        .await?;
    Ok(Json(
        json!({ "cases": rows.iter().map(view::summary).collect::<Vec<_>>() }),
    ))
}

async fn one(State(app): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<Value>> {
    let ctx = draft::context(&app, id).await?;
    let mut v = view::summary(&ctx.case);
    v["timeline"] = view::timeline(&app.store.case_events(id).await?).into();
    v["compensations"] = app
        .store
        .case_compensations(id)
        .await?
        .iter()
        .map(view::compensation)
        .collect::<Vec<_>>()
        .into();
    v["pending_actions"] = app
        .store
        .case_actions(id)
        .await?
        .iter()
        .map(view::action)
        .collect::<Vec<_>>()
        .into();
    v["order"] = ctx
        .order
        .as_ref()
        .map(|(s, o)| json!({"store": s, "order": o}))
        .unwrap_or(Value::Null);
    v["ownership"] = super::ownership::view(&ctx);
    v["shopper"] = json!({"name": ctx.conversation.contact_name, "wa_id": ctx.conversation.wa_id, "country": ctx.conversation.country});
    Ok(Json(v))
}

/// An agent corrects what triage read, moves the case, or takes it.
#[derive(Deserialize)]
struct Correction {
    actor: String,
    kind: Option<String>,
    priority: Option<String>,
    status: Option<String>,
    assignee: Option<Option<String>>,
}

async fn correct(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(c): Json<Correction>,
) -> ApiResult<Json<Value>> {
    let fix = cases::correct::Correction {
        kind: c.kind,
        priority: c.priority,
        status: c.status,
        assignee: c.assignee,
    };
    let row = cases::correct::correct(&app, id, fix, &c.actor).await?;
    Ok(Json(view::summary(&row)))
}

#[derive(Deserialize)]
struct Note {
    actor: String,
    text: String,
}

async fn note(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(n): Json<Note>,
) -> ApiResult<StatusCode> {
    app.store
        .case(id)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    if n.text.trim().is_empty() {
        return Err(ApiError::BadRequest("the note is empty".into()));
    }
    let e = cases::event(&TimelineEvent::NoteAdded { text: n.text });
    app.store
        .add_case_event(id, &format!("agent:{}", n.actor), &e)
        .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize)]
struct RoleQuery {
    #[serde(default = "agent")]
    role: Role,
}

fn agent() -> Role {
    Role::Agent
}

async fn draft_for(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<RoleQuery>,
) -> ApiResult<Json<Value>> {
    let ctx = draft::context(&app, id).await?;
    let d = draft::draft(&app, &ctx, q.role, Utc::now());
    Ok(Json(serde_json::to_value(d).map_err(anyhow::Error::from)?))
}

async fn reply(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(req): Json<actions::ReplyRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    match actions::reply(&app, id, req).await? {
        actions::ReplyOutcome::Queued { message_id } => Ok((
            StatusCode::ACCEPTED,
            Json(json!({"status": "queued", "message_id": message_id})),
        )),
        actions::ReplyOutcome::ToneFindings(f) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(
                json!({"error": "the tone check found something; fix it or send anyway", "tone": f}),
            ),
        )),
    }
}

#[derive(Deserialize)]
struct ActionRequest {
    remedy: Remedy,
    actor: String,
    #[serde(default = "agent")]
    role: Role,
}

async fn action(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(a): Json<ActionRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let row = actions::request(&app, id, a.remedy, &a.actor, a.role).await?;
    let status = if row.status == "pending_approval" {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view::compensation(&row))))
}

async fn retry(State(app): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<Value>> {
    Ok(Json(view::compensation(&actions::retry(&app, id).await?)))
}

async fn approvals(State(app): State<AppState>) -> ApiResult<Json<Value>> {
    let rows = app.store.pending_approvals().await?;
    Ok(Json(
        json!({ "approvals": rows.iter().map(view::compensation).collect::<Vec<_>>() }),
    ))
}

#[derive(Deserialize)]
struct Decision {
    actor: String,
    role: Role,
    reason: Option<String>,
}

async fn approve(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(d): Json<Decision>,
) -> ApiResult<Json<Value>> {
    Ok(Json(view::compensation(
        &actions::decide_approval(&app, id, true, &d.actor, d.role, d.reason).await?,
    )))
}

async fn reject(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(d): Json<Decision>,
) -> ApiResult<Json<Value>> {
    Ok(Json(view::compensation(
        &actions::decide_approval(&app, id, false, &d.actor, d.role, d.reason).await?,
    )))
}

#[derive(Deserialize)]
struct ToneRequest {
    text: String,
    #[serde(default = "english")]
    language: String,
}

fn english() -> String {
    "en".into()
}

async fn tone(Json(t): Json<ToneRequest>) -> Json<Value> {
    Json(json!({ "findings": check_tone(&t.text, &t.language, None) }))
}

async fn templates(State(app): State<AppState>) -> Json<Value> {
    let sync: serde_json::Map<String, Value> = app
        .templates
        .sync_state()
        .into_iter()
        .map(|(n, r)| {
            (
                n,
                match r {
                    Ok(at) => json!({"ok": true, "at": crate::http::api::time(at)}),
                    Err(e) => json!({"ok": false, "error": e}),
                },
            )
        })
        .collect();
    Json(json!({ "templates": app.templates.all(), "last_sync": sync }))
}

async fn sync_templates(State(app): State<AppState>) -> Json<Value> {
    crate::templates::sync_all(&app).await;
    templates(State(app)).await
}
