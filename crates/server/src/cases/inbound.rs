//! A shopper's message lands in a case: the one about the same order, the open one waiting for an order
//! number, or a new one. The inbound worker routes a whole batch in memory (later messages see the cases
//! earlier ones opened), then writes the cases and their timeline with a few statements.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use lifeline_desk::{
    case::{
        fold_message, raised, route_message, same_order, when_shopper_writes, CaseRef, CaseStatus,
        Fold, Route, ShopperWrote, TimelineEvent,
    },
    clocks::{start_clocks, ClockKind},
};
use lifeline_triage::{CaseReading, ExceptionKind, Priority, Triage};

mod fold;

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
    pub at: DateTime<Utc>,
    /// A tap on one of a case's buttons names its case.
    pub tapped_case: Option<i64>,
    /// The conversation is new (first message, or after a long silence): it is acknowledged whatever the case.
    pub new_conversation: bool,
    /// Automatic acknowledgements are on, and this message may get one (not a reaction, not a tap).
    pub may_acknowledge: bool,
}

/// Where a message went.
pub struct Landing {
    /// The case id; negative for a case this batch opened (see [`CaseBook::persist`]).
    pub case_id: i64,
    pub is_new: bool,
    /// Send the acknowledgement now (a new conversation, or a new problem in an ongoing one).
    pub acknowledge: bool,
    pub escalated: bool,
}

/// The live cases of a batch's conversations and what the batch did to them.
pub struct CaseBook {
    cases: Vec<CaseRow>,
    /// (conversation, order number) pairs no shop has: a case on one takes the shopper's next number.
    unknown: HashSet<(i64, String)>,
    changed: HashSet<i64>,
    events: Vec<(i64, &'static str, String)>,
    next_new: i64,
}

impl CaseBook {
    pub fn new(live: Vec<CaseRow>, unknown: HashSet<(i64, String)>) -> CaseBook {
        CaseBook {
            cases: live,
            unknown,
            changed: HashSet::new(),
            events: Vec::new(),
            next_new: -1,
        }
    }

    /// Routes a message and updates or opens its case, with its audit trail.
    pub fn land(&mut self, desk: &DeskRuntime, a: &Arrival<'_>) -> Landing {
        let refs: Vec<CaseRef<i64>> = self
            .cases
            .iter()
            .filter(|c| c.conversation_id == a.conversation_id && status(c) != CaseStatus::Closed)
            .map(|c| CaseRef {
                id: c.id,
                order_number: c.order_number.clone(),
                status: status(c),
                last_activity_at: super::from_ms(c.updated_at),
                order_unknown: c.order_number.as_ref().is_some_and(|o| {
                    (self.unknown.iter())
                        .any(|(conv, n)| *conv == c.conversation_id && same_order(n, o))
                }),
            })
            .collect();
        let order = a
            .reading
            .and_then(|t| t.order_numbers.first())
            .map(String::as_str);
        let route = match a.tapped_case.filter(|id| refs.iter().any(|c| c.id == *id)) {
            Some(id) => Route::Existing(id),
            None => route_message(&refs, order),
        };
        let (id, attach) = match route {
            Route::NewCase => return self.open(desk, a),
            Route::Existing(id) => (id, false),
            Route::AttachOrder(id) => (id, true),
        };
        let Some(index) = self.cases.iter().position(|c| c.id == id) else {
            return self.open(desk, a);
        };
        if let ShopperWrote::OpenNewCase = when_shopper_writes(status(&self.cases[index])) {
            return self.open(desk, a);
        }
        let case = &self.cases[index];
        let fold = fold_message(fold::open_case(case), fold::later(case, a));
        let Fold::Into { kind, priority } = fold else {
            return self.beside(desk, a, index);
        };
        let acknowledge = a.may_acknowledge && a.new_conversation;
        let events = update(
            &mut self.cases[index],
            a,
            attach,
            acknowledge,
            (kind, priority),
        );
        self.changed.insert(id);
        self.events
            .extend(events.into_iter().map(|(actor, e)| (id, actor, e)));
        Landing {
            case_id: id,
            is_new: false,
            acknowledge,
            escalated: self.cases[index].escalated == 1,
        }
    }

    /// Writes a notice about the shopper (not a message that lands) into the trail of each open case
    /// of a conversation; returns those cases.
    pub fn notice(&mut self, conversation_id: i64, what: &TimelineEvent) -> Vec<i64> {
        let ids: Vec<i64> = self
            .cases
            .iter()
            .filter(|c| c.conversation_id == conversation_id && status(c) != CaseStatus::Closed)
            .map(|c| c.id)
            .collect();
        for id in &ids {
            self.events.push((*id, "system", event(what)));
        }
        ids
    }

    fn open(&mut self, desk: &DeskRuntime, a: &Arrival<'_>) -> Landing {
        let reading = absorbed(None, a);
        let now = Utc::now();
        let current = reading.current();
        let order_number = a.reading.and_then(|t| t.order_numbers.first().cloned());
        let acknowledge =
            a.may_acknowledge && (a.new_conversation || current.kind != ExceptionKind::Other);
        let id = self.next_new;
        self.next_new -= 1;
        let mut row = CaseRow {
            id,
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
        self.events.push((
            id,
            "shopper",
            event(&TimelineEvent::Created {
                kind: kind(&row),
                priority: priority(&row),
                order_number,
            }),
        ));
        if current.escalate {
            let reason = current
                .reasons
                .iter()
                .find(|r| r.starts_with("escalate"))
                .cloned()
                .unwrap_or_default();
            self.events
                .push((id, "system", event(&TimelineEvent::Escalated { reason })));
        }
        if acknowledge {
            self.events.push((
                id,
                "system",
                event(&TimelineEvent::Acknowledged { message_id: None }),
            ));
        }
        let escalated = row.escalated == 1;
        self.cases.insert(0, row);
        Landing {
            case_id: id,
            is_new: true,
            acknowledge,
            escalated,
        }
    }

    /// Writes what the batch did: new cases (their real ids replace the placeholders), changed cases, and
    /// the timeline in one statement. Returns placeholder → id.
    pub async fn persist(self, tx: &mut StoreTx) -> anyhow::Result<HashMap<i64, i64>> {
        let mut ids = HashMap::new();
        let fresh: Vec<&CaseRow> = self.cases.iter().rev().filter(|c| c.id < 0).collect();
        let mut conversations: Vec<i64> = fresh.iter().map(|c| c.conversation_id).collect();
        conversations.sort_unstable();
        conversations.dedup();
        if conversations.len() == fresh.len() {
            // The usual batch: at most one new case per conversation, all in one statement.
            for chunk in fresh.chunks(500) {
                let stored = tx.insert_cases_many(chunk).await?;
                ids.extend(chunk.iter().map(|c| c.id).zip(stored));
            }
        } else {
            for row in fresh {
                ids.insert(row.id, tx.insert_case(row).await?);
            }
        }
        for row in self
            .cases
            .iter()
            .filter(|c| c.id > 0 && self.changed.contains(&c.id))
        {
            tx.save_case(row).await?;
        }
        let events: Vec<(i64, String, String)> = self
            .events
            .into_iter()
            .map(|(id, actor, e)| (ids.get(&id).copied().unwrap_or(id), actor.to_string(), e))
            .collect();
        tx.add_events_many(&events).await?;
        Ok(ids)
    }
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
        reasons: vec!["a photo without text".into()],
        ..Triage::default()
    }
}

/// A message on an existing case: reading refined, order attached, kind and priority as
/// [`fold_message`] decided, escalated, reopened.
fn update(
    row: &mut CaseRow,
    a: &Arrival<'_>,
    attach: bool,
    acknowledge: bool,
    (to_kind, wanted): (ExceptionKind, Priority),
) -> Vec<(&'static str, String)> {
    let now = Utc::now();
    let reading = absorbed(row.reading_json.as_deref(), a);
    let current = reading.current();
    let mut events = vec![TimelineEvent::ShopperWrote {
        message_id: String::new(),
    }];
    if attach {
        if let Some(order) = a.reading.and_then(|t| t.order_numbers.first()) {
            row.order_number = Some(order.clone());
            events.push(TimelineEvent::OrderLinked {
                order_number: order.clone(),
            });
        }
    }
    if to_kind != kind(row) {
        events.push(TimelineEvent::KindCorrected {
            from: kind(row),
            to: to_kind,
        });
        row.kind = to_kind.as_str().into();
    }
    let mut wanted = raised(priority(row), wanted);
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
    let mut c = clocks(row);
    let mut lines: Vec<(&'static str, String)> =
        events.iter().map(|e| ("shopper", event(e))).collect();
    if acknowledge {
        for clock in c.iter_mut().filter(|k| k.kind == ClockKind::Acknowledge) {
            clock.meet(now);
        }
        if status(row) == CaseStatus::New {
            row.status = CaseStatus::Acknowledged.as_str().into();
        }
        lines.push((
            "system",
            event(&TimelineEvent::Acknowledged { message_id: None }),
        ));
    }
    refresh(row, &c, now);
    row.updated_at = now.timestamp_millis();
    lines
}
