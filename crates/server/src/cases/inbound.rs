//! A shopper's message lands in a case: the one about the same order, the open one waiting for an order
//! number, or a new one. Runs inside the inbound worker's transaction.

use chrono::{DateTime, Utc};
use lifeline_desk::{
    case::{
        route_message, when_shopper_writes, CaseRef, CaseStatus, Route, ShopperWrote, TimelineEvent,
    },
    clocks::{start_clocks, ClockKind},
};
use lifeline_triage::{CaseReading, ExceptionKind, Priority, Triage};

use super::{clocks, event, kind, priority, priority_rank, refresh, status, DeskRuntime};
use crate::store::{CaseRow, StoreTx};

/// The message, as the case engine needs it.
pub struct Arrival<'a> {
    pub conversation_id: i64,
    pub phone_number_id: &'a str,
    pub contact_key: &'a str,
    pub language: Option<&'a str>,
    pub reading: Option<&'a Triage>,
    pub has_photo: bool,
    pub wamid: &'a str,
    pub at: DateTime<Utc>,
    /// A tap on one of a case's buttons names its case.
    pub tapped_case: Option<i64>,
    /// The conversation is new (first message, or after a long silence): it is acknowledged whatever the case.
    pub new_conversation: bool,
    /// Automatic acknowledgements are on, and this message may get one (not a reaction, not a tap).
    pub may_acknowledge: bool,
}

/// The case the message went to.
pub struct Landing {
    pub case: CaseRow,
    pub is_new: bool,
    /// Send the acknowledgement now (a new conversation, or a new problem in an ongoing one).
    pub acknowledge: bool,
}

/// Routes the message and updates or opens the case, with its audit trail.
pub async fn land(
    tx: &mut StoreTx,
    desk: &DeskRuntime,
    a: &Arrival<'_>,
) -> anyhow::Result<Landing> {
    let live = tx.live_cases(a.conversation_id).await?;
    let refs: Vec<CaseRef<i64>> = live
        .iter()
        .map(|c| CaseRef {
            id: c.id,
            order_number: c.order_number.clone(),
            status: status(c),
            last_activity_at: super::from_ms(c.updated_at),
        })
        .collect();
    let order = a
        .reading
        .and_then(|t| t.order_numbers.first())
        .map(String::as_str);
    let route = match a.tapped_case.filter(|id| live.iter().any(|c| c.id == *id)) {
        Some(id) => Route::Existing(id),
        None => route_message(&refs, order),
    };
    let (id, attach) = match route {
        Route::NewCase => return open(tx, desk, a).await,
        Route::Existing(id) => (id, false),
        Route::AttachOrder(id) => (id, true),
    };
    let Some(mut row) = live.into_iter().find(|c| c.id == id) else {
        return open(tx, desk, a).await;
    };
    if let ShopperWrote::OpenNewCase = when_shopper_writes(status(&row)) {
        return open(tx, desk, a).await;
    }
    update(tx, &mut row, a, attach).await?;
    let acknowledge = a.may_acknowledge && a.new_conversation;
    if acknowledge {
        acknowledged(tx, &mut row, Utc::now()).await?;
    }
    Ok(Landing {
        case: row,
        is_new: false,
        acknowledge,
    })
}

fn absorbed(previous: Option<&str>, a: &Arrival<'_>) -> CaseReading {
    let mut reading: CaseReading = previous
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    if let Some(t) = a.reading {
        reading.absorb(t, a.has_photo);
    } else if a.has_photo {
        reading.absorb(&silent_reading(a.language), true);
    }
    reading
}

/// A photo without words still counts (a photo after "it arrived broken" strengthens damaged).
fn silent_reading(language: Option<&str>) -> Triage {
    Triage {
        language: language.unwrap_or("und").to_string(),
        kind: ExceptionKind::Other,
        priority: Priority::Normal,
        order_numbers: Vec::new(),
        tracking_numbers: Vec::new(),
        escalate: false,
        confidence: 0.0,
        reasons: vec!["a photo without text".into()],
    }
}

async fn open(tx: &mut StoreTx, desk: &DeskRuntime, a: &Arrival<'_>) -> anyhow::Result<Landing> {
    let reading = absorbed(None, a);
    let now = Utc::now();
    let current = reading.current();
    let order_number = a.reading.and_then(|t| t.order_numbers.first().cloned());
    let acknowledge =
        a.may_acknowledge && (a.new_conversation || current.kind != ExceptionKind::Other);
    let mut row = CaseRow {
        conversation_id: a.conversation_id,
        phone_number_id: a.phone_number_id.to_string(),
        contact_key: a.contact_key.to_string(),
        order_number: order_number.clone(),
        kind: current.kind.as_str().into(),
        priority: if current.escalate {
            Priority::Urgent
        } else {
            current.priority
        }
        .as_str()
        .into(),
        escalated: i64::from(current.escalate),
        status: if acknowledge {
            CaseStatus::Acknowledged
        } else {
            CaseStatus::New
        }
        .as_str()
        .into(),
        reading_json: serde_json::to_string(&reading).ok(),
        language: a.language.map(String::from),
        opened_at: a.at.timestamp_millis(),
        updated_at: now.timestamp_millis(),
        ..CaseRow::default()
    };
    row.priority_rank = priority_rank(priority(&row));
    let mut started = start_clocks(&desk.sla, a.at);
    if acknowledge {
        // Born acknowledged: the answer is queued in this very transaction.
        for clock in started
            .iter_mut()
            .filter(|k| k.kind == ClockKind::Acknowledge)
        {
            clock.meet(now);
        }
    }
    refresh(&mut row, &started, now);
    row.id = tx.insert_case(&row).await?;
    let mut events = vec![(
        "shopper",
        event(&TimelineEvent::Created {
            kind: kind(&row),
            priority: priority(&row),
            order_number,
        }),
    )];
    if current.escalate {
        let reason = current
            .reasons
            .iter()
            .find(|r| r.starts_with("escalate"))
            .cloned()
            .unwrap_or_default();
        events.push(("system", event(&TimelineEvent::Escalated { reason })));
    }
    if acknowledge {
        events.push((
            "system",
            event(&TimelineEvent::Acknowledged { message_id: None }),
        ));
    }
    tx.add_case_events(row.id, &events).await?;
    Ok(Landing {
        case: row,
        is_new: true,
        acknowledge,
    })
}

async fn update(
    tx: &mut StoreTx,
    row: &mut CaseRow,
    a: &Arrival<'_>,
    attach: bool,
) -> anyhow::Result<()> {
    let now = Utc::now();
    let reading = absorbed(row.reading_json.as_deref(), a);
    let current = reading.current();
    let mut events = vec![TimelineEvent::ShopperWrote {
        message_id: a.wamid.to_string(),
    }];
    if attach {
        if let Some(order) = a.reading.and_then(|t| t.order_numbers.first()) {
            row.order_number = Some(order.clone());
            events.push(TimelineEvent::OrderLinked {
                order_number: order.clone(),
            });
        }
    }
    if row.kind_locked == 0 && current.kind != ExceptionKind::Other && current.kind != kind(row) {
        events.push(TimelineEvent::KindCorrected {
            from: kind(row),
            to: current.kind,
        });
        row.kind = current.kind.as_str().into();
    }
    let mut wanted = current.priority.min(priority(row));
    if current.escalate && row.escalated == 0 {
        row.escalated = 1;
        wanted = Priority::Urgent;
        let reason = current
            .reasons
            .iter()
            .find(|r| r.starts_with("escalate"))
            .cloned()
            .unwrap_or_default();
        events.push(TimelineEvent::Escalated { reason });
    }
    if wanted != priority(row) {
        events.push(TimelineEvent::PriorityChanged {
            from: priority(row),
            to: wanted,
        });
        row.priority = wanted.as_str().into();
    }
    if let ShopperWrote::MoveTo(to) = when_shopper_writes(status(row)) {
        events.push(TimelineEvent::StatusChanged {
            from: status(row),
            to,
        });
        row.status = to.as_str().into();
        row.resolved_at = None;
    }
    row.reading_json = serde_json::to_string(&reading).ok();
    let c = clocks(row);
    refresh(row, &c, now);
    tx.save_case(row).await?;
    let lines: Vec<(&str, String)> = events.iter().map(|e| ("shopper", event(e))).collect();
    tx.add_case_events(row.id, &lines).await?;
    Ok(())
}

/// The acknowledgement went out: its clock is met and the case says so.
pub async fn acknowledged(
    tx: &mut StoreTx,
    row: &mut CaseRow,
    at: DateTime<Utc>,
) -> anyhow::Result<()> {
    let mut c = clocks(row);
    for clock in c.iter_mut().filter(|k| k.kind == ClockKind::Acknowledge) {
        clock.meet(at);
    }
    let from = status(row);
    if from == CaseStatus::New {
        row.status = CaseStatus::Acknowledged.as_str().into();
    }
    refresh(row, &c, at);
    tx.save_case(row).await?;
    tx.add_case_event(
        row.id,
        "system",
        &event(&TimelineEvent::Acknowledged { message_id: None }),
    )
    .await?;
    Ok(())
}
