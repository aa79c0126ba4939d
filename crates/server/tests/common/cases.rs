//! Cases as agents and shoppers see them in tests: a shopper's cases, their clocks and labels, an offer
//! sent from the draft, the texts at a phone.

use lifeline_sandbox::SentRecord;
use serde_json::{json, Value};

use super::app::{eventually, TestApp};

/// The shopper's cases (all of them, resolved ones too), oldest first, in full.
pub async fn cases_of(app: &TestApp, wa_id: &str) -> Vec<Value> {
    let Some(conversation) = app.conversation_id(wa_id).await else {
        return Vec::new();
    };
    let list = app.api("/cases?all=true").await["cases"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut ids: Vec<i64> = list
        .iter()
        .filter(|c| c["conversation_id"] == conversation)
        .filter_map(|c| c["id"].as_i64())
        .collect();
    ids.sort_unstable();
    let mut out = Vec::new();
    for id in ids {
        out.push(app.api(&format!("/cases/{id}")).await);
    }
    out
}

/// The shopper's one case once its order is attached.
pub async fn first_case_with_order(app: &TestApp, wa_id: &str) -> Value {
    eventually(10, "the case with its order", || async {
        let cases = cases_of(app, wa_id).await;
        cases.first().filter(|c| c["order"].is_object()).cloned()
    })
    .await
}

/// The state (`running`, `met`, `breached`) of the case's clock of `kind` (`resolution`…).
pub fn clock(case: &Value, kind: &str) -> String {
    case["clocks"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["kind"]["type"] == kind))
        .and_then(|c| c["state"].as_str())
        .unwrap_or_else(|| panic!("a {kind} clock on {case:#}"))
        .to_string()
}

/// The case's board labels (`needs follow-up`, `resolved`, its kind…).
pub fn labels(case: &Value) -> Vec<String> {
    case["labels"]
        .as_array()
        .map(|ls| {
            ls.iter()
                .filter_map(|l| l.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Someone of `role` sends the case's draft with its buttons (and the gestures it gives); returns the
/// offer as it reached the shopper's phone.
pub async fn offer(app: &TestApp, id: i64, wa_id: &str, role: &str) -> SentRecord {
    let draft = app.api(&format!("/cases/{id}/draft?role={role}")).await;
    let (status, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": draft["text"], "options": draft["buttons"], "gestures": draft["gestures"],
                   "actor": "sara", "role": role, "send_anyway": true}),
        )
        .await;
    assert_eq!(status, 202, "{body}");
    eventually(10, "the buttons at the shopper's phone", || async {
        app.sandbox
            .sent_to(wa_id)
            .into_iter()
            .find(|m| m.body["type"] == "interactive")
    })
    .await
}

/// The texts the shopper's phone received, in order.
pub fn texts_at(app: &TestApp, wa_id: &str) -> Vec<String> {
    app.sandbox
        .sent_to(wa_id)
        .iter()
        .filter_map(|m| m.body["text"]["body"].as_str().map(String::from))
        .collect()
}

/// The case's compensation of `kind` (`line_refund`, `replacement`…) once carried out.
pub async fn done(app: &TestApp, id: i64, kind: &str) -> Value {
    eventually(15, "the remedy carried out", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        (case["compensations"].as_array()?.iter())
            .find(|c| c["remedy"]["type"] == kind && c["status"] == "done")
            .cloned()
    })
    .await
}

/// The compensation covers `quantity` × the line `name` alone, valued at `value_minor`.
pub fn for_line(comp: &Value, name: &str, quantity: u32, value_minor: i64) {
    let line = &comp["remedy"]["line"];
    assert_eq!(line["name"], name, "{comp}");
    assert_eq!(line["quantity"], quantity, "{comp}");
    assert_eq!(comp["value_minor"], value_minor, "{comp}");
}

/// The remedies a draft lists (allowed or not), by type (`line_refund`, `replacement`…).
pub fn remedy_types(draft: &Value) -> Vec<String> {
    (draft["options"].as_array().into_iter().flatten())
        .map(|o| o["remedy"]["type"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The draft offers no replacement and no refund: nothing is made good until the desk knows what.
pub fn offers_nothing_to_make_good(draft: &Value) {
    let types = remedy_types(draft);
    assert!(
        !types
            .iter()
            .any(|t| t.contains("replacement") || t.contains("refund")),
        "nothing to make good until the item is known: {types:?}"
    );
}
