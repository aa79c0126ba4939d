//! Whose order it is, over the REST API: the case's verdict, and an agent marking the order verified.

use axum::{
    extract::{Path, State},
    Json,
};
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::{ApiError, ApiResult};
use crate::{cases::draft::CaseContext, state::AppState};

/// The case's order as the desk judged it: verified or not, and the line the agent reads (masked hints
/// only, never the other customer's contact).
pub(super) fn view(ctx: &CaseContext) -> Value {
    match (&ctx.order, &ctx.unverified) {
        (_, Some(j)) => json!({
            "order_number": j.number,
            "verified": false,
            "line": j.verdict.agent_line(&j.number),
            "phone": j.verdict.phone,
            "confirmable": j.verdict.askable,
            "hints": j.verdict.hints,
        }),
        (Some((_, o)), None) => json!({ "order_number": o.number, "verified": true }),
        (None, None) => Value::Null,
    }
}

/// Who marks the order verified.
#[derive(Deserialize)]
pub(super) struct Verify {
    actor: String,
}

/// An agent marks the case's order as this shopper's; the case's timeline records who.
pub(super) async fn verify(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(v): Json<Verify>,
) -> ApiResult<Json<Value>> {
    if v.actor.trim().is_empty() {
        return Err(ApiError::BadRequest(
            "say who verifies the order (actor)".into(),
        ));
    }
    app.store
        .case(id)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    let line = crate::orders::ownership::mark_verified(&app, id, v.actor.trim())
        .await?
        .ok_or(ApiError::NotFound("order for this case"))?;
    Ok(Json(json!({ "verified": true, "line": line })))
}
