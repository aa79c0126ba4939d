//! The case screen's "this order is the shopper's" button: an agent vouches for an order the desk could
//! not tie to the shopper (another phone, a marketplace's masked contact), and the timeline says who.

use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use serde::Deserialize;

use super::forms::{case_row, done};
use crate::{
    state::AppState,
    web::{
        session::{Agent, CsrfForm},
        WebError,
    },
};

/// The button's form carries nothing but its CSRF token.
#[derive(Deserialize)]
pub struct VerifyForm {}

/// `POST /cases/{id}/order/verify`: the signed-in agent marks the case's order verified.
pub async fn verify_order(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<VerifyForm>,
) -> Result<Response, WebError> {
    let row = case_row(&app, id).await?;
    crate::orders::ownership::mark_verified(&app, id, &agent.account.email)
        .await?
        .ok_or_else(|| {
            WebError::BadRequest("This case has no order waiting to be verified.".into())
        })?;
    done(&app, &agent, &headers, row.conversation_id).await
}
