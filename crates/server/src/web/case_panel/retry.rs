//! "Retry" for what failed: an action in the shop (refund, replacement, coupon) tried again through the
//! case engine with the same idempotency key, and a failed message queued again as it was. Both land on
//! the case's timeline.

use std::collections::HashMap;

use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use lifeline_desk::case::TimelineEvent;
use lifeline_whatsapp::OutboundMessage;

use super::{
    forms::{case_row, done},
    web_error,
};
use crate::{
    cases::{self, actions},
    events::DeskEvent,
    outbox::{self, DedupeKey, Outbox, Outgoing, Window},
    state::AppState,
    store::{now_ms, CaseFilter},
    web::{
        session::{Agent, CsrfForm},
        WebError,
    },
};

/// `POST /actions/{id}/retry`: a failed action again; the timeline shows the retry and its outcome.
pub async fn retry_action(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let comp = app
        .store
        .compensation(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let row = case_row(&app, comp.case_id).await?;
    let actor = format!("agent:{}", agent.account.email);
    actions::retry_by(&app, id, &actor)
        .await
        .map_err(web_error)?;
    done(&app, &agent, &headers, row.conversation_id).await
}

/// `POST /messages/{id}/retry`: a failed message queued again (once), through the same outbox.
pub async fn retry_message(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    headers: HeaderMap,
    CsrfForm(_): CsrfForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let m = app.store.message(id).await?.ok_or(WebError::NotFound)?;
    let conv_id = m.conversation_id.ok_or(WebError::NotFound)?;
    if m.direction == "in" || m.status != "failed" {
        return Err(WebError::BadRequest(
            "Only a message that failed can be tried again.".into(),
        ));
    }
    let msg: OutboundMessage = m
        .payload_json
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .ok_or_else(|| WebError::BadRequest("This message cannot be sent again.".into()))?;
    let conv = app
        .store
        .conversation(conv_id)
        .await?
        .ok_or(WebError::NotFound)?;
    Window::of(conv.window_expires_at).admits(&msg, None, now_ms())?;
    let open = open_cases(&app, &conv).await?;
    // The second attempt and the note on the cases are written together.
    let out = Outgoing::new(
        (&conv).into(),
        msg,
        DedupeKey::retry(id),
        &agent.account.email,
    );
    let mut tx = app.store.begin().await?;
    let queued = outbox::queue(&mut tx, vec![out]).await?;
    let again = queued
        .first()
        .ok_or_else(|| WebError::BadRequest("This message was already tried again.".into()))?;
    let e = cases::event(&TimelineEvent::MessageRetried {
        failed_message: id,
        message_id: again,
    });
    let actor = format!("agent:{}", agent.account.email);
    for c in &open {
        tx.add_case_event(*c, &actor, &e).await?;
    }
    Outbox::of(&app).commit(tx, &queued).await?;
    for c in open {
        app.events.publish(DeskEvent::CaseChanged { case_id: c });
    }
    Ok(if headers.get("x-requested-with").is_some() {
        StatusCode::NO_CONTENT.into_response()
    } else {
        Redirect::to(&format!("/conversations/{conv_id}")).into_response()
    })
}

/// The open cases of the conversation (the retry goes on their timelines).
async fn open_cases(
    app: &AppState,
    conv: &crate::store::ConversationView,
) -> Result<Vec<i64>, WebError> {
    let open = app
        .store
        .list_cases(&CaseFilter {
            phone_number_id: Some(conv.phone_number_id.clone()),
            search: Some(conv.contact_key.clone()),
            open_only: true,
            limit: 100,
            ..CaseFilter::default()
        })
        .await?;
    Ok(open
        .iter()
        .filter(|c| c.conversation_id == conv.id)
        .map(|c| c.id)
        .collect())
}
