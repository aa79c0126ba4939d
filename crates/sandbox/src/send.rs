//! `POST /graph/{version}/{node}/messages` and the template listing: Meta's send API and its rules.

use std::time::Instant;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{json, Value};

use crate::address::Address;
use crate::config::SimNumber;
use crate::graph_error::GraphError;
use crate::identity::ShopperIdentity;
use crate::limits::LimitHit;
use crate::model::{SendMeta, SentRecord, SimEvent};
use crate::receipts::Fate;
use crate::state::{new_wamid, unix_now_ms, State as SimState, ThreadItem};
use crate::validate::{self, ValidSend};
use crate::Sandbox;

pub(crate) fn routes() -> Router<Sandbox> {
    Router::new()
        .route("/graph/{version}/{node}/messages", post(post_messages))
        .route(
            "/graph/{version}/{node}/message_templates",
            get(list_templates),
        )
}

/// The Graph major version of a `vNN.N` path segment.
pub(crate) fn parse_version(version: &str) -> Result<u32, GraphError> {
    let bad = || GraphError::invalid_parameter(format!("Unknown path components: /{version}"));
    let rest = version.strip_prefix('v').ok_or_else(bad)?;
    let (major, minor) = rest.split_once('.').ok_or_else(bad)?;
    let numeric = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !numeric(major) || !numeric(minor) {
        return Err(bad());
    }
    major.parse().map_err(|_| bad())
}

/// The Bearer token of a request, if it has one.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The hosted number addressed by the path, if the request carries its token.
pub(crate) fn authorize(
    sb: &Sandbox,
    phone_number_id: &str,
    headers: &HeaderMap,
) -> Result<SimNumber, GraphError> {
    let token = bearer(headers).ok_or_else(|| {
        GraphError::bad_token("An access token is required to request this resource.")
    })?;
    let Some(owner) = sb.config().number_by_token(token) else {
        return Err(GraphError::bad_token("Invalid OAuth access token."));
    };
    match sb.config().number(phone_number_id) {
        Some(n) if n.access_token == owner.access_token => Ok(n.clone()),
        Some(_) => Err(GraphError::bad_token(
            "The access token does not grant access to this phone number.",
        )),
        None => Err(GraphError::invalid_parameter(format!(
            "Unsupported post request. Object with ID '{phone_number_id}' does not exist"
        ))),
    }
}

fn reject(sb: &Sandbox, phone_number_id: &str, err: GraphError) -> Response {
    sb.state().count_rejection(err.code);
    sb.publish(SimEvent::Rejected {
        phone_number_id: phone_number_id.to_string(),
        code: err.code,
        http_status: err.http_status,
    });
    err.into_response()
}

async fn post_messages(
    State(sb): State<Sandbox>,
    Path((version, phone_number_id)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    match handle_send(&sb, &version, &phone_number_id, &headers, &raw) {
        Ok(body) => Json(body).into_response(),
        Err(err) => reject(&sb, &phone_number_id, err),
    }
}

fn handle_send(
    sb: &Sandbox,
    version: &str,
    pnid: &str,
    headers: &HeaderMap,
    raw: &[u8],
) -> Result<Value, GraphError> {
    let major = parse_version(version)?;
    if let Some(injected) = sb.state().refusals.pop_front() {
        return Err(injected);
    }
    let number = authorize(sb, pnid, headers)?;
    let body: Value = serde_json::from_slice(raw).map_err(|e| {
        GraphError::invalid_parameter(format!("The request body is not valid JSON: {e}"))
    })?;
    if !body.is_object() {
        return Err(GraphError::invalid_parameter(
            "The request body must be a JSON object.",
        ));
    }
    if body.get("status").is_some() {
        return mark_read(sb, &body);
    }
    let valid = validate::send_body(&body, &sb.config().templates)?;
    accept(sb, &number, major, body, valid)
}

/// `{"status":"read","message_id":…}` (optionally with a typing indicator) → `{"success":true}`.
fn mark_read(sb: &Sandbox, body: &Value) -> Result<Value, GraphError> {
    if body.get("messaging_product").and_then(Value::as_str) != Some("whatsapp") {
        return Err(GraphError::invalid_parameter(
            "The parameter messaging_product is required.",
        ));
    }
    if body.get("status").and_then(Value::as_str) != Some("read") {
        return Err(GraphError::invalid_parameter("status must be read"));
    }
    let wamid = body
        .get("message_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !wamid.starts_with("wamid.") {
        return Err(GraphError::invalid_parameter(
            "The parameter message_id is required and must be a wamid.",
        ));
    }
    let typing = body.pointer("/typing_indicator/type").is_some();
    let wa_id = {
        let mut state = sb.state();
        let owner = state.inbound_owner.get(wamid).cloned();
        if let Some(thread) = owner.as_ref().and_then(|w| state.threads.get_mut(w)) {
            mark_thread_read(thread, wamid);
        }
        owner
    };
    sb.publish(SimEvent::MarkedRead {
        wamid: wamid.to_string(),
        wa_id,
        typing,
    });
    Ok(json!({"success": true}))
}

/// Marking one message read marks every earlier one in the thread read too.
fn mark_thread_read(thread: &mut [ThreadItem], wamid: &str) {
    let Some(pos) = thread
        .iter()
        .position(|i| matches!(i, ThreadItem::In { wamid: w, .. } if w == wamid))
    else {
        return;
    };
    for item in &mut thread[..=pos] {
        if let ThreadItem::In {
            read_by_business, ..
        } = item
        {
            *read_by_business = true;
        }
    }
}

fn accept(
    sb: &Sandbox,
    number: &SimNumber,
    major: u32,
    body: Value,
    valid: ValidSend,
) -> Result<Value, GraphError> {
    let (record, identity, fate) = record_send(sb, number, major, body, &valid)?;
    sb.publish(SimEvent::Accepted {
        wamid: record.wamid.clone(),
        phone_number_id: number.phone_number_id.clone(),
        to: record.to.clone(),
        kind: record.kind.clone(),
        body: record.body,
    });
    sb.schedule_fate(&record.wamid, fate);
    // Meta names the phone only where the business may know it: the shopper shares it, or it was the address.
    let mut contact = json!({"input": valid.to.input, "user_id": identity.user_id});
    if identity.phone_shared || matches!(valid.to.address, Address::Phone(_)) {
        contact["wa_id"] = json!(record.to);
    }
    let mut message = json!({"id": record.wamid});
    if valid.template.is_some() {
        message["message_status"] = json!("accepted");
    }
    Ok(json!({"messaging_product": "whatsapp", "contacts": [contact], "messages": [message]}))
}

/// Applies the limits, decides the message's fate and records it; one lock, so limits are exact.
fn record_send(
    sb: &Sandbox,
    number: &SimNumber,
    major: u32,
    body: Value,
    valid: &ValidSend,
) -> Result<(SentRecord, ShopperIdentity, Fate), GraphError> {
    let now = Instant::now();
    let mut state = sb.state();
    let wa_id = state
        .resolve(&valid.to.address)
        .ok_or_else(GraphError::undeliverable)?;
    if let Some(id) = valid
        .media_id
        .as_ref()
        .filter(|id| !state.media.contains_key(*id))
    {
        return Err(GraphError::invalid_parameter(format!(
            "Unknown media id {id}"
        )));
    }
    match state.limits.admit(&number.phone_number_id, &wa_id, now) {
        Err(LimitHit::Throughput) => return Err(GraphError::throughput()),
        Err(LimitHit::Pair) => return Err(GraphError::pair_rate()),
        Ok(()) => {}
    }
    if !state.shoppers.contains_key(&wa_id) {
        state.remember_stranger(&wa_id, &number.phone_number_id);
    }
    let open = state.window_open(&number.phone_number_id, &wa_id, sb.config().window, now);
    let fate = decide_fate(&mut state, valid, &wa_id, open);
    let identity = state
        .shoppers
        .get(&wa_id)
        .map(|k| k.identity.clone())
        .ok_or_else(GraphError::undeliverable)?;
    let accepted_ms = unix_now_ms();
    let record = SentRecord {
        wamid: new_wamid(),
        phone_number_id: number.phone_number_id.clone(),
        to: wa_id.clone(),
        accepted_at: now,
        accepted_unix: accepted_ms.div_euclid(1000),
        accepted_unix_ms: accepted_ms,
        kind: valid.kind.clone(),
        meta: send_meta(&body, valid, major, open, &identity, &wa_id),
        body,
        statuses: Vec::new(),
        error_code: None,
    };
    let wamid = record.wamid.clone();
    state.sent.insert(wamid.clone(), record.clone());
    state
        .threads
        .entry(wa_id)
        .or_default()
        .push(ThreadItem::Out { wamid });
    state.stats.accepted_sends += 1;
    Ok((record, identity, fate))
}

fn decide_fate(state: &mut SimState, valid: &ValidSend, wa_id: &str, window_open: bool) -> Fate {
    if let Some(injected) = state.failures.pop_front() {
        return Fate::Fail(injected);
    }
    if valid.template.is_none() && !window_open {
        return Fate::Fail(GraphError::re_engagement());
    }
    if let Some(target) = &valid.reaction_target {
        if !state.inbound_owner.contains_key(target) && !state.sent.contains_key(target) {
            return Fate::Fail(GraphError::value_invalid(format!(
                "Reaction target {target} is unknown"
            )));
        }
        return Fate::SentOnly;
    }
    if state.undeliverable.iter().any(|w| w == wa_id) {
        return Fate::Fail(GraphError::undeliverable());
    }
    Fate::Deliver
}

fn send_meta(
    body: &Value,
    valid: &ValidSend,
    major: u32,
    open: bool,
    identity: &ShopperIdentity,
    wa_id: &str,
) -> SendMeta {
    let category = valid
        .template
        .as_ref()
        .map_or("service".to_string(), |t| t.category.to_lowercase());
    SendMeta {
        version_major: major,
        callback: body
            .get("biz_opaque_callback_data")
            .and_then(Value::as_str)
            .map(str::to_string),
        recipient_user_id: identity.user_id.clone(),
        recipient_parent_user_id: identity.parent_user_id.clone(),
        recipient_phone: identity.phone_shared.then(|| wa_id.to_string()),
        free: open && (category == "service" || category == "utility"),
        category,
    }
}

#[derive(serde::Deserialize)]
struct Paging {
    limit: Option<usize>,
    after: Option<String>,
}

async fn list_templates(
    State(sb): State<Sandbox>,
    Path((version, waba_id)): Path<(String, String)>,
    Query(paging): Query<Paging>,
    headers: HeaderMap,
) -> Response {
    if let Err(e) = parse_version(&version) {
        return e.into_response();
    }
    let token = bearer(&headers).unwrap_or_default();
    let allowed = sb
        .config()
        .numbers
        .iter()
        .any(|n| n.waba_id == waba_id && n.access_token == token);
    if !allowed {
        return GraphError::bad_token(
            "Invalid OAuth access token for this WhatsApp Business Account.",
        )
        .into_response();
    }
    let limit = paging.limit.unwrap_or(25).clamp(1, 100);
    let start = paging.after.as_deref().and_then(decode_cursor).unwrap_or(0);
    let all = &sb.config().templates;
    let end = (start + limit).min(all.len());
    let data: Vec<Value> = (start.min(end)..end)
        .map(|i| all[i].to_listing(i))
        .collect();
    let mut paging =
        json!({"cursors": {"before": encode_cursor(start), "after": encode_cursor(end)}});
    if end < all.len() {
        let base = sb.config().public_base.clone();
        paging["next"] = json!(format!(
            "{base}/graph/{version}/{waba_id}/message_templates?limit={limit}&after={}",
            encode_cursor(end)
        ));
    }
    Json(json!({"data": data, "paging": paging})).into_response()
}

fn encode_cursor(offset: usize) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("tpl:{offset}"))
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("tpl:")?
        .parse()
        .ok()
}
