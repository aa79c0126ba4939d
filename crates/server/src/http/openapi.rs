//! `/api/openapi.json`: the REST API described for client generators and people.

use axum::Json;
use serde_json::{json, Map, Value};

/// (method, path, summary, request body schema, success status)
const OPERATIONS: &[(&str, &str, &str, Option<&str>, &str)] = &[
    ("get", "/conversations", "Conversations, most recent first (contact, number, window open until)", None, "200"),
    ("get", "/conversations/{id}", "One conversation", None, "200"),
    ("get", "/conversations/{id}/messages", "Messages of a conversation: direction, wamid, type, text, media, status, errors, triage", None, "200"),
    ("post", "/conversations/{id}/messages", "Send: {\"text\"} or {\"message\": OutboundMessage}, with optional fallback_template, reply_to, not_before, idempotency_key", Some("SendRequest"), "202"),
    ("post", "/conversations/{id}/read", "Mark the shopper's latest message read (blue ticks)", None, "200"),
    ("get", "/conversations/{id}/orders", "Orders and parcels attached to the conversation, with the reason when a shop failed", None, "200"),
    ("post", "/conversations/{id}/orders/refresh", "Fetch the conversation's orders again now", None, "200"),
    ("get", "/messages/{id}/media", "The stored file of an inbound message", None, "200"),
    ("get", "/numbers", "Numbers and their health", None, "200"),
    ("post", "/numbers/{id}/media", "Upload a local file (multipart field \"file\"); returns the media id to send", None, "200"),
    ("get", "/dead-letters", "Webhook bodies that could not be read", None, "200"),
    ("get", "/webhook-errors", "Errors Meta reported for numbers and the account", None, "200"),
    ("get", "/cases", "The queue: escalated, breached, priority, then the clock that runs out first. Filters: status, kind, assignee, label, number, q, all", None, "200"),
    ("get", "/cases/{id}", "A case with its clocks, timeline, order, compensations and pending actions (the shopper's taps)", None, "200"),
    ("patch", "/cases/{id}", "Correct kind or priority, move the status, assign", Some("Correction"), "200"),
    ("post", "/cases/{id}/notes", "Add an internal note", Some("Note"), "201"),
    ("post", "/cases/{id}/order/verify", "Mark the case's order as this shopper's", Some("Verify"), "200"),
    ("get", "/cases/{id}/draft", "The playbook draft for a role: text, buttons, gestures, each option's policy answer, template when the window is closed", None, "200"),
    ("post", "/cases/{id}/reply", "Send a reply (tone-checked: 422 with findings unless send_anyway) or a template", Some("ReplyRequest"), "202"),
    ("post", "/cases/{id}/actions", "Ask for a remedy: done at once, waiting for approval (202), or refused (422)", Some("ActionRequest"), "200"),
    ("post", "/actions/{id}/retry", "Retry a failed action (same idempotency key)", None, "200"),
    ("get", "/cases/{id}/canned/{shortcut}", "A canned reply filled with the case's facts", None, "200"),
    ("get", "/approvals", "Requests waiting for a supervisor", None, "200"),
    ("post", "/approvals/{id}/approve", "Approve (supervisor or admin) and carry it out", Some("Decision"), "200"),
    ("post", "/approvals/{id}/reject", "Reject with a reason", Some("Decision"), "200"),
    ("post", "/tone", "Tone findings for a text in a language", Some("ToneRequest"), "200"),
    ("get", "/templates", "Approved templates per number, synced and configured", None, "200"),
    ("post", "/templates/sync", "Sync templates from the WhatsApp accounts now", None, "200"),
    ("get", "/canned-replies", "Canned replies", None, "200"),
    ("post", "/canned-replies", "Create or replace a canned reply", Some("CannedReply"), "201"),
    ("delete", "/canned-replies/{id}", "Delete a canned reply", None, "204"),
];

fn schemas() -> Value {
    let s = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    let role = json!({"type": "string", "enum": ["agent", "supervisor", "admin"]});
    let remedy = json!({"type": "object", "description": "{\"type\": \"full_refund\" | \"partial_refund\" (amount_minor) | \"replacement\" | \"coupon\" (basis_points) | \"order_discount\" (basis_points) | \"free_express\" | \"chase_carrier\" | \"keep_waiting\" | \"return_label\" | \"keep_item\" | \"ask_evidence\" | \"talk_to_agent\"}", "properties": {"type": {"type": "string"}}, "required": ["type"]});
    json!({
        "SendRequest": s(json!({"text": {"type": "string"}, "preview_url": {"type": "boolean"}, "message": {"type": "object", "description": "OutboundMessage: {\"type\": \"text\" | \"template\" | \"buttons\" | \"list\" | \"media\" | \"reaction\", …}"}, "fallback_template": {"type": "object"}, "reply_to": {"type": "string"}, "not_before": {"type": "string", "format": "date-time"}, "idempotency_key": {"type": "string"}, "author": {"type": "string"}}), &[]),
        "Correction": s(json!({"actor": {"type": "string"}, "kind": {"type": "string"}, "priority": {"type": "string", "enum": ["urgent", "high", "normal", "low"]}, "status": {"type": "string", "enum": ["new", "acknowledged", "investigating", "waiting_customer", "resolved", "closed"]}, "assignee": {"type": ["string", "null"]}}), &["actor"]),
        "Note": s(json!({"actor": {"type": "string"}, "text": {"type": "string"}}), &["actor", "text"]),
        "Verify": s(json!({"actor": {"type": "string"}}), &["actor"]),
        "ReplyRequest": s(json!({"text": {"type": "string"}, "options": {"type": "array", "items": {"type": "object", "properties": {"remedy": remedy.clone(), "title": {"type": "string", "maxLength": 20}}}}, "gestures": {"type": "array", "items": remedy.clone()}, "template": s(json!({"name": {"type": "string"}, "language": {"type": "string"}, "parameters": {"type": "array", "items": {"type": "string"}}}), &["name", "language"]), "actor": {"type": "string"}, "role": role.clone(), "send_anyway": {"type": "boolean"}}), &["actor"]),
        "ActionRequest": s(json!({"remedy": remedy, "actor": {"type": "string"}, "role": role.clone()}), &["remedy", "actor"]),
        "Decision": s(json!({"actor": {"type": "string"}, "role": role, "reason": {"type": "string"}}), &["actor", "role"]),
        "ToneRequest": s(json!({"text": {"type": "string"}, "language": {"type": "string"}}), &["text"]),
        "CannedReply": s(json!({"shortcut": {"type": "string", "maxLength": 25}, "language": {"type": "string"}, "text": {"type": "string", "maxLength": 1024}}), &["shortcut", "language", "text"]),
        "Error": s(json!({"error": {"type": "string"}}), &["error"]),
    })
}

/// The whole document.
pub fn spec() -> Value {
    let mut paths = Map::new();
    for (method, path, summary, body, status) in OPERATIONS {
        let params: Vec<Value> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{')?.strip_suffix('}'))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}))
            .collect();
        let mut op = json!({
            "summary": summary,
            "parameters": params,
            "responses": {
                *status: {"description": "success", "content": {"application/json": {"schema": {"type": "object"}}}},
                "4XX": {"description": "a clear reason", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
        });
        if let Some(schema) = body {
            op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
        }
        let entry = paths
            .entry(format!("/api/v1{path}"))
            .or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Lifeline REST API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "The desk's API: conversations, cases, drafts, replies, actions, approvals, templates, canned replies."},
        "servers": [{"url": "/"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "schemas": schemas()},
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
