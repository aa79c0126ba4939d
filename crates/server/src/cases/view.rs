//! How a case looks through the REST API.

use chrono::Utc;
use lifeline_desk::clocks::ClockState;
use serde_json::{json, Value};

use super::{clocks, extras};
use crate::{
    http::api::time,
    store::{ActionRow, CaseEventRow, CaseRow, CompensationRow},
};

fn parsed(s: &Option<String>) -> Value {
    s.as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null)
}

/// The case as the queue lists it.
pub fn summary(c: &CaseRow) -> Value {
    let now = Utc::now();
    let clocks: Vec<Value> = clocks(c)
        .iter()
        .map(|k| {
            let (state, secs) = match k.status(now) {
                ClockState::Running { remaining } => ("running", remaining.num_seconds()),
                ClockState::Met => ("met", 0),
                ClockState::Breached { by } => ("breached", -by.num_seconds()),
            };
            json!({"kind": k.kind, "started_at": k.started_at, "deadline": k.deadline, "met_at": k.met_at,
                   "state": state, "seconds_left": secs})
        })
        .collect();
    let reading: Value = parsed(&c.reading_json);
    json!({
        "id": c.id,
        "conversation_id": c.conversation_id,
        "phone_number_id": c.phone_number_id,
        "contact_key": c.contact_key,
        "order_number": c.order_number,
        "kind": c.kind,
        "kind_corrected_by_agent": c.kind_locked == 1,
        "priority": c.priority,
        "escalated": c.escalated == 1,
        "status": c.status,
        "assignee": c.assignee,
        "labels": serde_json::from_str::<Value>(&c.labels_json).unwrap_or(Value::Null),
        "breached": c.breached == 1,
        "next_deadline": c.next_deadline.map(time),
        "clocks": clocks,
        "language": c.language,
        "reasons": reading.get("reasons").cloned().unwrap_or(Value::Null),
        "offers": extras(c).offers,
        "opened_at": time(c.opened_at),
        "updated_at": time(c.updated_at),
        "resolved_at": c.resolved_at.map(time),
    })
}

pub fn timeline(rows: &[CaseEventRow]) -> Vec<Value> {
    rows.iter()
        .map(|e| json!({"at": time(e.at), "actor": e.actor, "what": serde_json::from_str::<Value>(&e.event_json).unwrap_or(Value::Null)}))
        .collect()
}

pub fn compensation(c: &CompensationRow) -> Value {
    json!({
        "id": c.id, "case_id": c.case_id, "store": c.store, "order_number": c.order_number,
        "remedy": serde_json::from_str::<Value>(&c.remedy_json).unwrap_or(Value::Null),
        "value_minor": c.value_minor, "currency": c.currency, "status": c.status,
        "requested_by": c.requested_by, "requested_role": c.requested_role, "needs_role": c.needs_role,
        "decided_by": c.decided_by, "why": c.why, "result": parsed(&c.result_json), "error": c.error,
        "created_at": time(c.created_at), "updated_at": time(c.updated_at),
    })
}

/// A pending action (a shopper's tap) as agents and API clients see it: where it stands, how many
/// attempts it took, when it is tried next and what stopped the last one.
pub fn action(a: &ActionRow) -> Value {
    json!({
        "id": a.id, "case_id": a.case_id, "kind": a.kind, "payload": serde_json::from_str::<Value>(&a.payload_json).unwrap_or(Value::Null),
        "status": a.status, "attempts": a.attempts,
        "next_attempt_at": (a.status == "queued").then(|| time(a.next_attempt_at)),
        "held_by": a.lease_holder, "last_error": a.last_error,
        "created_at": time(a.created_at), "updated_at": time(a.updated_at), "done_at": a.done_at.map(time),
    })
}
