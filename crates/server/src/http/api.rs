//! The REST API (`/api/v1`, bearer token): conversations, messages, sending, numbers, dead letters.

use axum::{
    extract::{Path, Query, Request, State},
    http::StatusCode,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use chrono::{TimeZone, Utc};
use lifeline_whatsapp::OutboundMessage;
use serde::Deserialize;
use serde_json::{json, Value};
use subtle::ConstantTimeEq;

use super::error::{ApiError, ApiResult};
use crate::{
    outbox::{
        self,
        agent::{self, AgentMessage},
        DedupeKey, Outbox, Outgoing, To, Window,
    },
    state::AppState,
    store::{now_ms, ConversationView, MessageView},
};

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/conversations", get(list_conversations))
        .route("/conversations/{id}", get(get_conversation))
        .route(
            "/conversations/{id}/messages",
            get(list_messages).post(send_message),
        )
        .route("/messages/{id}/media", get(message_media))
        .route("/conversations/{id}/orders", get(list_orders))
        .route(
            "/conversations/{id}/orders/refresh",
            axum::routing::post(refresh_orders),
        )
        .route("/numbers", get(list_numbers))
        .merge(super::cases::router())
        .merge(super::media::router())
        .route("/dead-letters", get(list_dead_letters))
        .route("/webhook-errors", get(list_webhook_errors))
        .layer(middleware::from_fn_with_state(state, require_token))
}

async fn require_token(
    State(app): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, ApiError> {
    let expected = app.config.api_token.expose().as_bytes();
    let given = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("")
        .as_bytes();
    if expected.is_empty() || !bool::from(expected.ct_eq(given)) {
        return Err(ApiError::Unauthorized);
    }
    Ok(next.run(req).await)
}

/// Unix milliseconds as RFC 3339, the way the API shows every time.
pub fn time(ms: i64) -> Value {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
        .unwrap_or(Value::Null)
}

fn opt_time(ms: Option<i64>) -> Value {
    ms.map(time).unwrap_or(Value::Null)
}

fn json_field(raw: &Option<String>) -> Value {
    raw.as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null)
}

fn conversation_json(app: &AppState, c: &ConversationView) -> Value {
    let number = app.config.number(&c.phone_number_id);
    let now = now_ms();
    json!({
        "id": c.id,
        "contact": {
            "key": c.contact_key, "wa_id": c.wa_id,
            "phone": c.wa_id.as_deref().and_then(lifeline_whatsapp::recipient::phone_digits).map(|d| format!("+{d}")),
            "user_id": c.user_id, "parent_user_id": c.parent_user_id, "username": c.username,
            "name": c.contact_name,
            "country": c.country, "language": c.language, "time_zone": c.time_zone,
        },
        "number": {
            "phone_number_id": c.phone_number_id,
            "display_phone_number": number.map(|n| n.display_phone_number.clone()),
        },
        "started_at": time(c.started_at),
        "last_message_at": time(c.last_message_at),
        "last_inbound_at": opt_time(c.last_inbound_at),
        "window_open_until": opt_time(c.window_expires_at),
        "window_open": Window::of(c.window_expires_at).is_open(now),
    })
}

#[derive(Deserialize)]
struct Page {
    limit: Option<i64>,
    before: Option<i64>,
}

async fn list_conversations(
    State(app): State<AppState>,
    Query(p): Query<Page>,
) -> ApiResult<Json<Value>> {
    let limit = p.limit.unwrap_or(50).clamp(1, 500);
    let rows = app.store.list_conversations(limit, p.before).await?;
    let list: Vec<Value> = rows.iter().map(|c| conversation_json(&app, c)).collect();
    Ok(Json(json!({ "conversations": list })))
}

async fn get_conversation(
    State(app): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let c = app
        .store
        .conversation(id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    Ok(Json(conversation_json(&app, &c)))
}

fn message_json(m: &MessageView, media: Option<&crate::store::MediaRow>) -> Value {
    let raw = json_field(&m.raw_json);
    json!({
        "id": m.id,
        "direction": if m.direction == "in" { "inbound" } else { "outbound" },
        "wamid": m.wamid,
        "type": m.msg_type,
        "text": m.body,
        "media": media.map(|r| json!({
            "media_id": r.media_id, "mime_type": r.mime_type, "status": r.status, "attempts": r.attempts,
            "error": r.last_error, "size": r.size,
            "url": (r.status == "stored").then(|| format!("/api/v1/messages/{}/media", m.id)),
        })).unwrap_or_else(|| json_field(&m.media_json)),
        "context": json_field(&m.context_json),
        "payload": json_field(&m.payload_json),
        "status": m.status,
        "error": m.error_code.map(|c| json!({"code": c, "reason": m.error_reason}))
            .or_else(|| m.error_reason.as_ref().map(|r| json!({"code": null, "reason": r})))
            .unwrap_or_else(|| inbound_error(&raw)),
        "attempts": m.attempts,
        "next_attempt_at": if m.status == "queued" { opt_time(m.next_attempt_at) } else { Value::Null },
        "sent_at": time(m.sent_at),
        "status_at": opt_time(m.status_at),
        "created_at": time(m.created_at),
        "triage": json_field(&m.triage_json),
        "author": m.author,
        "raw": raw,
    })
}

/// The first error Meta attached to an inbound message (131051 on unsupported types), as the API shows errors.
fn inbound_error(raw: &Value) -> Value {
    let Some(e) = raw.get("errors").and_then(|e| e.get(0)) else {
        return Value::Null;
    };
    let code = e.get("code").and_then(Value::as_i64);
    let details = e.pointer("/error_data/details").and_then(Value::as_str);
    let reason = match (code, details) {
        (Some(c), Some(d)) => format!("{} ({d})", lifeline_whatsapp::errors::describe(c)),
        (Some(c), None) => lifeline_whatsapp::errors::describe(c).to_string(),
        (None, d) => d
            .or_else(|| e.get("title").and_then(Value::as_str))
            .unwrap_or("error")
            .to_string(),
    };
    json!({"code": code, "reason": reason})
}

/// The file a shopper sent, once downloaded (the `media.url` of a message).
async fn message_media(State(app): State<AppState>, Path(id): Path<i64>) -> ApiResult<Response> {
    let media = app
        .store
        .media_of(id)
        .await?
        .ok_or(ApiError::NotFound("media"))?;
    let path = media
        .path
        .filter(|_| media.status == "stored")
        .ok_or(ApiError::NotFound("stored media"))?;
    let bytes = tokio::fs::read(app.media_dir.join(&path))
        .await
        .map_err(anyhow::Error::from)?;
    let mime = media
        .mime_type
        .unwrap_or_else(|| "application/octet-stream".into());
    Ok(([(axum::http::header::CONTENT_TYPE, mime)], bytes).into_response())
}

async fn list_messages(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Query(p): Query<Page>,
) -> ApiResult<Json<Value>> {
    app.store
        .conversation(id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    let limit = p.limit.unwrap_or(500).clamp(1, 5000);
    let rows = app.store.conversation_messages(id, limit).await?;
    let media = app.store.media_of_conversation(id).await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|m| message_json(m, media.iter().find(|r| r.message_id == m.id)))
        .collect();
    Ok(Json(json!({ "messages": list })))
}

/// What an agent (or a later issue's automation) asks to send.
#[derive(Deserialize)]
struct SendRequest {
    /// Shorthand for a plain text message.
    text: Option<String>,
    #[serde(default)]
    preview_url: bool,
    /// Any other kind, as `{"type": "buttons", ...}` (see the OpenAPI document).
    message: Option<OutboundMessage>,
    /// Sent instead when the 24-hour window has closed (must be a template).
    fallback_template: Option<OutboundMessage>,
    reply_to: Option<String>,
    /// RFC 3339: hold the message until then.
    not_before: Option<chrono::DateTime<Utc>>,
    /// Retrying a request with the same key queues the message once.
    idempotency_key: Option<String>,
    author: Option<String>,
    /// Send even though the tone check found something (the same checks as every screen).
    #[serde(default)]
    send_anyway: bool,
}

async fn send_message(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    Json(req): Json<SendRequest>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let conv = app
        .store
        .conversation(id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    let msg = match (req.text, req.message) {
        (Some(body), None) => OutboundMessage::Text {
            body,
            preview_url: req.preview_url,
        },
        (None, Some(m)) => m,
        _ => {
            return Err(ApiError::BadRequest(
                "give either \"text\" or \"message\"".into(),
            ))
        }
    };
    let asked = AgentMessage {
        msg: &msg,
        fallback: req.fallback_template.as_ref(),
        language: conv.language.as_deref().unwrap_or("en"),
        limits: None,
        send_anyway: req.send_anyway,
    };
    let overridden = agent::checked(&asked, Window::of(conv.window_expires_at), now_ms())?;
    if !overridden.is_empty() {
        tracing::info!(
            conversation = id,
            findings = overridden.len(),
            "tone check overridden"
        );
    }
    let key = match &req.idempotency_key {
        Some(k) => DedupeKey::api(k),
        None => DedupeKey::unique("api"),
    };
    let mut out = Outgoing::new(
        To::from(&conv),
        msg,
        key.clone(),
        req.author.as_deref().unwrap_or("api"),
    );
    out.fallback = req.fallback_template;
    out.reply_to = req.reply_to;
    out.not_before = req.not_before.map(|t| t.timestamp_millis());
    let mut tx = app.store.begin().await?;
    let queued = outbox::queue(&mut tx, vec![out]).await?;
    Outbox::of(&app).commit(tx, &queued).await?;
    if let Some(id) = queued.first() {
        return Ok((
            StatusCode::ACCEPTED,
            Json(json!({"id": id, "status": "queued"})),
        ));
    }
    // The client sent this request before: the same message, queued once.
    let existing = app.store.outbound_by_dedupe_key(key.as_str()).await?;
    Ok((
        StatusCode::OK,
        Json(json!({"id": existing, "status": "queued", "duplicate": true})),
    ))
}

fn order_json(r: &crate::store::OrderRow) -> Value {
    json!({
        "store": if r.store.is_empty() { Value::Null } else { Value::String(r.store.clone()) },
        "order_number": r.order_number,
        "order": json_field(&r.order_json),
        "error": r.error,
        "source": r.source,
        "fetched_at": time(r.fetched_at),
    })
}

/// The orders and parcels attached to a conversation, with the reason when a shop could not answer.
async fn list_orders(State(app): State<AppState>, Path(id): Path<i64>) -> ApiResult<Json<Value>> {
    app.store
        .conversation(id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    let rows = app.store.conversation_orders(id).await?;
    Ok(Json(
        json!({ "orders": rows.iter().map(order_json).collect::<Vec<_>>() }),
    ))
}

/// Fetches the conversation's orders again now, ignoring the cache; answers with the fresh list.
async fn refresh_orders(
    State(app): State<AppState>,
    Path(id): Path<i64>,
) -> ApiResult<Json<Value>> {
    let conv = app
        .store
        .conversation(id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    if !app.commerce.is_configured() {
        return Err(ApiError::Conflict(
            "no store is configured (see [[stores]] in lifeline.toml)".into(),
        ));
    }
    let numbers: Vec<String> = app
        .store
        .conversation_orders(id)
        .await?
        .into_iter()
        .map(|r| r.order_number)
        .collect();
    let mut numbers = numbers;
    numbers.sort();
    numbers.dedup();
    crate::orders::lookup(
        app.clone(),
        crate::orders::LookupRequest {
            conversation_id: id,
            phone_number_id: conv.phone_number_id.clone(),
            wa_id: conv.wa_id.clone(),
            order_numbers: numbers,
            force: true,
            message_id: None,
        },
    )
    .await;
    list_orders(State(app), Path(id)).await
}

async fn list_numbers(State(app): State<AppState>) -> Json<Value> {
    let list: Vec<Value> = app
        .numbers
        .iter()
        .map(|n| {
            json!({
                "phone_number_id": n.config.phone_number_id,
                "display_phone_number": n.config.display_phone_number,
                "api_version": n.config.api_version,
                "health": n.health(),
            })
        })
        .collect();
    Json(json!({ "numbers": list }))
}

async fn list_dead_letters(
    State(app): State<AppState>,
    Query(p): Query<Page>,
) -> ApiResult<Json<Value>> {
    let rows = app
        .store
        .list_dead_letters(p.limit.unwrap_or(50).clamp(1, 500))
        .await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|d| json!({"id": d.id, "received_at": time(d.received_at), "reason": d.reason, "body": d.body}))
        .collect();
    Ok(Json(json!({ "dead_letters": list })))
}

/// Errors Meta reported for a number or the account (`value.errors`), newest first.
async fn list_webhook_errors(
    State(app): State<AppState>,
    Query(p): Query<Page>,
) -> ApiResult<Json<Value>> {
    let rows = app
        .store
        .list_webhook_errors(p.limit.unwrap_or(50).clamp(1, 500))
        .await?;
    let list: Vec<Value> = rows
        .iter()
        .map(|(id, number, code, title, details, at)| {
            json!({"id": id, "phone_number_id": number, "code": code, "title": title, "details": details,
                   "received_at": time(*at)})
        })
        .collect();
    Ok(Json(json!({ "webhook_errors": list })))
}
