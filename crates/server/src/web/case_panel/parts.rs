//! The pieces of a case as the panel shows them: clocks, order and parcel, timeline lines, remedies with
//! the policy's answer, and the gestures asked for.

use chrono::Utc;
use lifeline_desk::{
    clocks::ClockState,
    followup::news::AgentTask,
    policy::{format_amount, Decision},
    Remedy,
};
use serde_json::Value;

use super::{
    remedy_label, ClockLine, CompensationLine, Line, OptionLine, OrderBox, ParcelBox, CHECKPOINTS,
};
use crate::{
    cases,
    store::{CaseEventRow, CaseRow, CompensationRow},
    web::view,
};

pub(super) fn clock_lines(row: &CaseRow, now: chrono::DateTime<Utc>) -> Vec<ClockLine> {
    cases::clocks(row)
        .iter()
        .map(|k| {
            let name = super::words::clock_words(&k.kind);
            let (state, label) = match k.status(now) {
                ClockState::Running { remaining } => {
                    ("running", format!("{} left", span(remaining.num_seconds())))
                }
                ClockState::Met => ("met", "met".to_string()),
                ClockState::Breached { by } => (
                    "breached",
                    format!("breached by {}", span(by.num_seconds())),
                ),
            };
            ClockLine { name, state, label }
        })
        .collect()
}

/// "3 h 05 min", "12 min", "2 days 4 h".
fn span(secs: i64) -> String {
    let m = secs.max(0) / 60;
    match m {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h {:02} min", m / 60, m % 60),
        m => format!("{} days {} h", m / 1440, (m % 1440) / 60),
    }
}

pub(super) fn order_box(store: &str, o: &lifeline_commerce::Order) -> OrderBox {
    OrderBox {
        store: store.to_string(),
        number: o.number.clone(),
        items: o
            .line_items
            .iter()
            .map(|l| {
                let price = format_amount(l.unit_price.minor, &l.unit_price.currency);
                format!("{} × {} ({price})", l.quantity, l.name)
            })
            .collect(),
        total: format_amount(o.total.minor, &o.total.currency),
        payment: format!("{:?}", o.financial_status).to_lowercase(),
        admin_url: o.admin_url.clone().filter(|u| u.starts_with("https://")),
        parcels: o
            .shipments
            .iter()
            .map(|s| ParcelBox {
                carrier: s.carrier.clone().unwrap_or_default(),
                tracking_number: s.tracking_number.clone(),
                tracking_url: s
                    .tracking_url
                    .clone()
                    .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
                status: s.status.as_str().replace('_', " "),
                checkpoints: s
                    .checkpoints
                    .iter()
                    .take(CHECKPOINTS)
                    .map(|c| {
                        let at = view::full_time(c.at.timestamp_millis());
                        match &c.place {
                            Some(p) => format!("{at} · {p} · {}", c.message),
                            None => format!("{at} · {}", c.message),
                        }
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub(super) fn is_note(e: &CaseEventRow) -> bool {
    e.event_json.contains("\"note_added\"")
}

pub(super) fn lines<'a>(
    events: impl Iterator<Item = &'a CaseEventRow>,
    currency: &str,
) -> Vec<Line> {
    events
        .map(|e| {
            let (what, detail) =
                match serde_json::from_str::<lifeline_desk::case::TimelineEvent>(&e.event_json) {
                    Ok(event) => super::words::event_words(&event, currency),
                    Err(_) => {
                        // Written by a newer desk, or not a timeline event: its fields as they are.
                        let v: Value = serde_json::from_str(&e.event_json).unwrap_or(Value::Null);
                        let what = v["event"].as_str().unwrap_or("event").replace('_', " ");
                        (what, details(&v, currency))
                    }
                };
            Line {
                at: view::full_time(e.at),
                actor: e.actor.trim_start_matches("agent:").to_string(),
                what,
                detail,
            }
        })
        .collect()
}

/// The fields of a timeline event besides its name: "from: new · to: acknowledged"; a remedy in words.
fn details(v: &Value, currency: &str) -> String {
    v.as_object()
        .map(|o| {
            o.iter()
                .filter(|(k, _)| k.as_str() != "event")
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| match v {
                    _ if k == "remedy" => serde_json::from_value::<Remedy>(v.clone())
                        .map(|r| remedy_label(&r, currency))
                        .unwrap_or_else(|_| format!("remedy: {v}")),
                    _ if k == "task" => serde_json::from_value::<AgentTask>(v.clone())
                        .map(|t| format!("for the team: {}", t.describe()))
                        .unwrap_or_else(|_| format!("task: {v}")),
                    Value::String(s) => format!("{}: {s}", k.replace('_', " ")),
                    other => format!("{}: {other}", k.replace('_', " ")),
                })
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default()
}

pub(super) fn option_line(r: &Remedy, d: &Decision, currency: &str) -> OptionLine {
    let (decision, note) = match d {
        Decision::Allowed => ("allowed", "within your authority".to_string()),
        Decision::NeedsApproval { by, why } => (
            "approval",
            format!("needs approval by a {}: {why}", by.as_str()),
        ),
        Decision::Refused { why } => ("refused", format!("refused: {why}")),
    };
    OptionLine {
        id: r.id(),
        label: remedy_label(r, currency),
        decision,
        note,
    }
}

pub(super) fn compensation_line(c: &CompensationRow) -> CompensationLine {
    let remedy = serde_json::from_str::<Remedy>(&c.remedy_json)
        .map(|r| remedy_label(&r, &c.currency))
        .unwrap_or_else(|_| "a remedy".into());
    let failed = c.status == "failed";
    let why = if failed {
        c.error.clone().or(c.why.clone())
    } else {
        c.why.clone().or(c.error.clone())
    };
    CompensationLine {
        id: c.id,
        retry: failed,
        remedy,
        value: if c.value_minor > 0 {
            format_amount(c.value_minor, &c.currency)
        } else {
            String::new()
        },
        status: c.status.replace('_', " "),
        who: format!("{} ({})", c.requested_by, c.requested_role),
        why: why.unwrap_or_default(),
    }
}
