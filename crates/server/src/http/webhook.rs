//! `GET`/`POST /webhooks/whatsapp`: Meta's handshake, then signed deliveries stored before the 200.
//!
//! The POST does no slow work: verify, parse, one transaction, hand the new messages to the workers.

use std::{collections::HashMap, time::Instant};

use axum::{
    body::Bytes,
    extract::{rejection::BytesRejection, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use lifeline_whatsapp::{
    errors::describe,
    signature,
    webhook::{self, Event, InboundMessage, StatusUpdate},
};
use subtle::ConstantTimeEq;

use crate::{
    metrics::Metrics,
    state::AppState,
    store::{NewInbound, NewStatus, NewWebhookError, NotStored},
};

/// Meta's verification GET: echo the challenge when the verify token matches one of ours.
pub async fn handshake(
    State(app): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let mode = q.get("hub.mode").map(String::as_str);
    let token = q.get("hub.verify_token").map(String::as_str).unwrap_or("");
    let challenge = q.get("hub.challenge").cloned().unwrap_or_default();
    let known = !token.is_empty()
        && app.config.numbers.iter().any(|n| {
            let ours = n.verify_token.expose().as_bytes();
            !ours.is_empty() && bool::from(ours.ct_eq(token.as_bytes()))
        });
    if mode == Some("subscribe") && known {
        (StatusCode::OK, challenge).into_response()
    } else {
        (StatusCode::FORBIDDEN, "verify token does not match").into_response()
    }
}

/// A signed delivery from Meta.
pub async fn receive(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let started = Instant::now();
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            Metrics::inc(&app.metrics.webhooks_too_large);
            return (e.status(), e.body_text()).into_response();
        }
    };
    let header = headers
        .get("x-hub-signature-256")
        .and_then(|v| v.to_str().ok());
    let Some(app_secret) = signing_secret(&app, &body, header) else {
        Metrics::inc(&app.metrics.webhooks_bad_signature);
        return (StatusCode::UNAUTHORIZED, "signature missing or wrong").into_response();
    };
    let events = match webhook::parse(&body) {
        Ok(events) => events,
        Err(e) => {
            Metrics::inc(&app.metrics.webhooks_malformed);
            let reason = format!("unreadable webhook: {e}");
            if let Err(err) = app.store.record_dead_letter(&reason, &body).await {
                tracing::error!(error = format!("{err:#}"), "could not keep a dead letter");
                return (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response();
            }
            return (StatusCode::BAD_REQUEST, reason).into_response();
        }
    };
    let (messages, statuses, errors) = split(&app, &app_secret, events);
    let delivery = crate::store::Delivery {
        messages,
        statuses,
        errors,
    };
    match app.ingest.store(delivery).await {
        Ok(outcome) => {
            let m = &app.metrics;
            m.inbound_messages.fetch_add(
                outcome.new_messages.len() as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
            m.inbound_duplicates.fetch_add(
                outcome.duplicates as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
            m.statuses.fetch_add(
                outcome.statuses_new as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
            if outcome.statuses_applied > 0 {
                app.events.publish(crate::events::DeskEvent::Receipts {
                    count: outcome.statuses_applied,
                });
            }
            for (id, contact_key) in outcome.new_messages {
                app.inbound.dispatch(id, &contact_key);
            }
            Metrics::inc(&m.webhooks_ok);
            m.webhook_micros.fetch_add(
                started.elapsed().as_micros() as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
            StatusCode::OK.into_response()
        }
        Err(NotStored::Refused(why)) => {
            Metrics::inc(&app.metrics.webhooks_failed);
            tracing::error!(error = %why, "the database refuses a webhook; keeping it as a dead letter");
            refused(&app, &why, &body).await
        }
        Err(e @ NotStored::Unavailable(_)) => {
            // Not stored, so not acknowledged: Meta will deliver it again, and the database may take it then.
            Metrics::inc(&app.metrics.webhooks_failed);
            tracing::error!(error = %e, "could not store a webhook");
            (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
        }
    }
}

/// A signed delivery whose rows the database refuses. A 500 would only bring Meta back with the same
/// body, refused again for the 7 days Meta retries, and then the delivery would be lost. So it is kept
/// whole as a dead letter (`GET /api/v1/dead-letters`), where an operator can read it, and answered 200.
/// Only when the dead letter cannot be stored either is it a 500, so that Meta keeps it.
async fn refused(app: &AppState, why: &str, body: &[u8]) -> Response {
    let reason = format!("a signed webhook the database could not store: {why}");
    match app.store.record_dead_letter(&reason, body).await {
        Ok(_) => StatusCode::OK.into_response(),
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "could not keep a dead letter");
            (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
        }
    }
}

/// The app secret that signed this body, if any of our apps did.
fn signing_secret(app: &AppState, body: &[u8], header: Option<&str>) -> Option<String> {
    let mut tried: Vec<&str> = Vec::new();
    for n in &app.config.numbers {
        let secret = n.app_secret.expose();
        if secret.is_empty() || tried.contains(&secret) {
            continue;
        }
        tried.push(secret);
        if signature::verify(secret.as_bytes(), body, header).is_ok() {
            return Some(secret.to_string());
        }
    }
    None
}

/// Sorts events into rows, keeping only those for numbers of the app that signed the delivery.
fn split(
    app: &AppState,
    app_secret: &str,
    events: Vec<Event>,
) -> (Vec<NewInbound>, Vec<NewStatus>, Vec<NewWebhookError>) {
    let mut messages = Vec::new();
    let mut statuses = Vec::new();
    let mut errors = Vec::new();
    let received = crate::store::now_ms();
    let signed_by_its_app = |id: &str| match app.config.number(id) {
        Some(n) => n.app_secret.expose() == app_secret,
        None => {
            tracing::warn!(
                phone_number_id = id,
                "webhook for a number this desk does not know; kept"
            );
            true
        }
    };
    for event in events {
        match event {
            Event::Message(m) if signed_by_its_app(&m.number.phone_number_id) => {
                errors.extend(implausible_time(
                    "message",
                    &m.number,
                    &m.wamid,
                    m.timestamp,
                    &m.raw,
                    received,
                ));
                match inbound_row(&m, received) {
                    Some(row) => messages.push(row),
                    // No wa_id and no user id: nobody to tie it to or answer, but it is kept, not lost.
                    None => errors.push(NewWebhookError {
                        phone_number_id: Some(m.number.phone_number_id.clone()),
                        code: 0,
                        title: Some(format!("message {} has no sender id", m.wamid)),
                        details: None,
                        raw_json: m.raw.to_string(),
                    }),
                }
            }
            Event::Status(s) if signed_by_its_app(&s.number.phone_number_id) => {
                errors.extend(implausible_time(
                    "status",
                    &s.number,
                    &s.wamid,
                    s.timestamp,
                    &s.raw,
                    received,
                ));
                statuses.push(status_row(&s, received))
            }
            Event::Error(e) => errors.push(NewWebhookError {
                phone_number_id: Some(e.number.phone_number_id.clone()),
                code: e.error.code,
                title: e.error.title.clone(),
                details: e.error.details.clone(),
                raw_json: e.raw.to_string(),
            }),
            Event::Unknown { field, raw } => errors.push(NewWebhookError {
                phone_number_id: None,
                code: 0,
                title: Some(format!("unhandled webhook element ({field})")),
                details: None,
                raw_json: raw.to_string(),
            }),
            Event::Message(m) => {
                tracing::warn!(wamid = %m.wamid, "message for a number of another app; dropped")
            }
            Event::Status(s) => {
                tracing::warn!(wamid = %s.wamid, "status for a number of another app; dropped")
            }
        }
    }
    (messages, statuses, errors)
}

/// A webhook error for agents when an element's `timestamp` is absurd; it is stored with the arrival time.
fn implausible_time(
    what: &str,
    number: &webhook::NumberRef,
    wamid: &str,
    timestamp: i64,
    raw: &serde_json::Value,
    received: i64,
) -> Option<NewWebhookError> {
    let e = webhook::event_time_ms(timestamp, received).err()?;
    Some(NewWebhookError {
        phone_number_id: Some(number.phone_number_id.clone()),
        code: 0,
        title: Some(format!("{what} {wamid}: {e}")),
        details: None,
        raw_json: raw.to_string(),
    })
}

/// WhatsApp's notice that a shopper's ids changed: (the ids before, the ids after).
fn id_change(m: &InboundMessage) -> Option<(Vec<String>, Vec<String>)> {
    let webhook::MessageKind::System {
        kind: Some(kind),
        new_wa_id,
        user_id,
        parent_user_id,
        previous_user_id,
        previous_parent_user_id,
        ..
    } = &m.kind
    else {
        return None;
    };
    if !matches!(
        kind.as_str(),
        "user_changed_user_id" | "user_changed_number" | "customer_changed_number"
    ) {
        return None;
    }
    let ids =
        |v: [&Option<String>; 4]| -> Vec<String> { v.into_iter().flatten().cloned().collect() };
    Some((
        ids([
            previous_user_id,
            previous_parent_user_id,
            &m.from_user_id,
            &m.from,
        ]),
        ids([user_id, parent_user_id, new_wa_id, &None]),
    ))
}

fn inbound_row(m: &InboundMessage, received: i64) -> Option<NewInbound> {
    let contact_key = m.contact_key()?;
    let body = m.text().map(str::to_string).or_else(|| match &m.kind {
        webhook::MessageKind::Reaction { emoji, .. } => emoji.clone(),
        _ => None,
    });
    Some(NewInbound {
        phone_number_id: m.number.phone_number_id.clone(),
        contact_key,
        contact_name: m.contact_name.clone(),
        sender_json: Some(
            serde_json::json!({
                "wa_id": m.from, "user_id": m.from_user_id,
                "parent_user_id": m.from_parent_user_id, "username": m.username,
            })
            .to_string(),
        ),
        sender_ids: [&m.from_user_id, &m.from, &m.from_parent_user_id]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
        id_change: id_change(m),
        wamid: m.wamid.clone(),
        msg_type: m.type_name().to_string(),
        body,
        media_json: m.media().and_then(|x| serde_json::to_string(x).ok()),
        context_json: m
            .context
            .as_ref()
            .and_then(|c| serde_json::to_string(c).ok()),
        raw_json: m.raw.to_string(),
        sent_at: webhook::event_time_ms(m.timestamp, received).unwrap_or(received),
        media: m
            .media()
            .map(|x| (x.id.clone(), x.mime_type.clone(), x.sha256.clone())),
    })
}

fn status_row(s: &StatusUpdate, received: i64) -> NewStatus {
    let error = s.errors.first();
    NewStatus {
        wamid: s.wamid.clone(),
        status: s.status.as_str().to_string(),
        rank: i64::from(s.status.rank()) + 1,
        at: webhook::event_time_ms(s.timestamp, received).unwrap_or(received),
        recipient: s
            .recipient_id
            .clone()
            .or_else(|| s.recipient_user_id.clone()),
        callback: s.biz_opaque_callback_data.clone(),
        error_code: error.map(|e| e.code),
        error_reason: error.map(|e| match &e.details {
            Some(d) => format!("{} ({d})", describe(e.code)),
            None => describe(e.code).to_string(),
        }),
        pricing_json: s.pricing.as_ref().map(|p| p.to_string()),
        raw_json: s.raw.to_string(),
    }
}
