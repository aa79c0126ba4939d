//! `GET /graph/{version}/{node}` for a business number or account: the node's profile, as Graph answers
//! `getPhoneNumberById`. Desks call it at start to learn whether their token still works, so a number
//! answers only to its own token, and refuses any other exactly as a send would (401, code 190).

use axum::http::HeaderMap;
use serde_json::{json, Value};

use crate::graph_error::GraphError;
use crate::send::{authorize, bearer};
use crate::Sandbox;

/// The node's profile restricted to `fields` (Graph always adds `id`); None when `node` is neither a
/// hosted number nor its account, so the caller can look for media under that id instead.
pub(crate) fn profile(
    sb: &Sandbox,
    node: &str,
    headers: &HeaderMap,
    fields: Option<&str>,
) -> Option<Result<Value, GraphError>> {
    let cfg = sb.config();
    let full = if cfg.number(node).is_some() {
        authorize(sb, node, headers).map(|n| {
            json!({
                "verified_name": "Lifeline Sandbox Shop", "display_phone_number": n.display_phone_number,
                "id": n.phone_number_id, "quality_rating": "GREEN", "code_verification_status": "VERIFIED",
                "throughput": {"level": "STANDARD"}, "messaging_limit_tier": "TIER_2K",
            })
        })
    } else {
        let n = cfg.numbers.iter().find(|n| n.waba_id == node)?;
        let known = bearer(headers).is_some_and(|t| cfg.number_by_token(t).is_some());
        if known {
            Ok(
                json!({"id": n.waba_id, "name": "Lifeline Sandbox", "currency": "USD", "timezone_id": "1"}),
            )
        } else {
            Err(GraphError::bad_token("Invalid OAuth access token."))
        }
    };
    Some(full.and_then(|v| only(v, fields)))
}

/// Keeps `id` and the comma-separated `fields`; a field the node does not have is refused, as Graph does.
fn only(full: Value, fields: Option<&str>) -> Result<Value, GraphError> {
    let Some(fields) = fields.filter(|f| !f.trim().is_empty()) else {
        return Ok(full);
    };
    let mut kept = serde_json::Map::new();
    kept.insert("id".into(), full["id"].clone());
    for field in fields.split(',').map(str::trim).filter(|f| !f.is_empty()) {
        let value = full.get(field).ok_or_else(|| {
            GraphError::invalid_parameter(format!("Tried accessing nonexisting field ({field})"))
        })?;
        kept.insert(field.into(), value.clone());
    }
    Ok(Value::Object(kept))
}
