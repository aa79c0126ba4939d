//! Inbound workers: messages of one shopper are handled in order, shoppers in parallel.
//!
//! The webhook hands each stored message to the shard of its contact; a sweeper re-dispatches anything
//! left unprocessed (after a crash, or by another desk sharing the database).

mod claim;
mod shards;

pub use shards::{spawn, Dispatcher};

use claim::{claim, redispatch_later};

use crate::cases::inbound::{Arrival, CaseBook};
use crate::cases::promised;
use lifeline_desk::ack::{acknowledgement, news::LocalTime, AckFacts};
use lifeline_triage::Triage;
use std::collections::HashMap;

use super::identity::{contact_facts, id_change, resolve_senders, IdChange, Sender};
use crate::{
    events::DeskEvent,
    metrics::Metrics,
    outbox::{self, DedupeKey, Outbox, Outgoing, To, Window},
    state::AppState,
    store::{ContactFacts, PendingInbound},
};

/// The 24-hour customer service window.
pub const WINDOW_MS: i64 = 24 * 3600 * 1000;

/// The languages the desk writes in; any other reading falls back to the contact's known language.
const SERVED: [&str; 8] = ["en", "es", "pt", "fr", "de", "it", "id", "nl"];

/// One message of a batch, read before the transaction starts.
struct Prepared<'a> {
    msg: &'a PendingInbound,
    contact: ContactFacts,
    /// WhatsApp's notice that the shopper's ids changed (a `system` message).
    change: Option<IdChange>,
    from_words: bool,
    reading: Option<Triage>,
    tapped: Option<(i64, lifeline_desk::Remedy)>,
}

/// Handles a shard's messages in order, in one transaction and a handful of statements: contacts,
/// conversations and windows, triage, cases, and the acknowledgements they cause are stored together.
async fn handle_batch(app: &AppState, ids: &[i64]) -> anyhow::Result<()> {
    let dispatched = app.store.inbound_by_ids(ids).await?;
    if dispatched.is_empty() {
        return Ok(()); // already handled
    }
    let mut tx = app.store.begin().await?;
    let (messages, busy) = claim(&mut tx, dispatched).await?;
    if messages.is_empty() {
        drop(tx);
        redispatch_later(app, busy);
        return Ok(());
    }
    trace_batch(&messages);
    let mut prepared: Vec<Prepared> = messages.iter().map(|m| prepare(app, m)).collect();

    let mut senders: Vec<Sender> = prepared
        .iter_mut()
        .map(|p| Sender {
            contact: &mut p.contact,
            change: p.change.as_ref(),
        })
        .collect();
    resolve_senders(&mut tx, &mut senders).await?;
    // Contacts: one row per shopper, the latest message's facts winning.
    let mut contacts: Vec<(ContactFacts, bool)> = Vec::new();
    for p in &prepared {
        match contacts
            .iter_mut()
            .find(|(c, _)| c.contact_key == p.contact.contact_key)
        {
            Some(slot) if p.from_words || !slot.1 => *slot = (p.contact.clone(), p.from_words),
            Some(_) => {}
            None => contacts.push((p.contact.clone(), p.from_words)),
        }
    }
    let known = tx.upsert_contacts(&contacts).await?;
    // Conversations: one row per (shopper, number), moved to the batch's latest message.
    let mut latest: HashMap<(i64, String), i64> = HashMap::new();
    for p in prepared.iter().filter(|p| p.msg.msg_type != "system") {
        let Some((contact_id, _)) = known.get(&p.contact.contact_key) else {
            continue;
        };
        let at = latest
            .entry((*contact_id, p.msg.phone_number_id.clone()))
            .or_insert(p.msg.sent_at);
        *at = (*at).max(p.msg.sent_at);
    }
    let items: Vec<(i64, String, i64)> = latest
        .iter()
        .map(|((c, n), at)| (*c, n.clone(), *at))
        .collect();
    let mut conversations = tx.touch_conversations(&items, WINDOW_MS).await?;
    // A system notice is not the shopper writing: its conversation is found or opened without moving
    // the 24-hour window.
    for p in prepared.iter().filter(|p| p.msg.msg_type == "system") {
        let Some((contact_id, _)) = known.get(&p.contact.contact_key) else {
            continue;
        };
        let slot = (*contact_id, p.msg.phone_number_id.clone());
        if let std::collections::hash_map::Entry::Vacant(vacant) = conversations.entry(slot) {
            let id = tx
                .conversation_for_notice(*contact_id, &p.msg.phone_number_id, p.msg.sent_at)
                .await?;
            vacant.insert(crate::store::TouchedConversation {
                id,
                before: None,
                window_expires_at: None,
            });
        }
    }
    let conversation_ids: Vec<i64> = conversations.values().map(|c| c.id).collect();
    let live = tx.live_cases_of(&conversation_ids).await?;
    // Only a conversation whose case holds an order number can hold one no shop has.
    let numbered: Vec<i64> = (live.iter())
        .filter(|c| c.order_number.is_some())
        .map(|c| c.conversation_id)
        .collect();
    let unknown = tx.unknown_orders_of(&numbered).await?;
    let mut book = CaseBook::new(live, unknown);
    // What was said lately, so an acknowledgement follows the shopper's register and greets once.
    let mut recent = tx.recent_words(&conversation_ids).await?;

    let silence = app.config.greeting.new_conversation_after.as_millis() as i64;
    let mut last_inbound: HashMap<i64, Option<i64>> =
        conversations.values().map(|c| (c.id, c.before)).collect();
    let mut processed = Vec::with_capacity(prepared.len());
    let mut afters = Vec::with_capacity(prepared.len());
    let mut acks = Vec::new();
    let mut promised = Vec::new(); // (case, the answer promised by), kept once the cases are written
    for p in &prepared {
        let Some((contact_id, facts)) = known.get(&p.contact.contact_key) else {
            continue;
        };
        let Some(conv) = conversations.get(&(*contact_id, p.msg.phone_number_id.clone())) else {
            continue;
        };
        if let Some(change) = &p.change {
            processed.push((p.msg.id, conv.id, None));
            let cases = book.notice(conv.id, &change.event());
            afters.push(After::notice(conv.id, p.msg.id, cases.first().copied()));
            continue;
        }
        if p.msg.msg_type == "system" {
            processed.push((p.msg.id, conv.id, None));
            afters.push(After::notice(conv.id, p.msg.id, None));
            continue;
        }
        let previous = last_inbound.get(&conv.id).copied().flatten();
        let is_new = previous.is_none_or(|prev| p.msg.sent_at - prev > silence);
        last_inbound.insert(
            conv.id,
            Some(previous.unwrap_or(p.msg.sent_at).max(p.msg.sent_at)),
        );
        processed.push((
            p.msg.id,
            conv.id,
            p.reading.as_ref().map(serde_json::to_string).transpose()?,
        ));
        let words = recent.entry(conv.id).or_default();
        words.shopper.extend(p.msg.body.clone());
        // Free text can answer only inside the window (a message handled a day late cannot be).
        let may_acknowledge = app.config.greeting.enabled
            && p.msg.msg_type != "reaction"
            && p.tapped.is_none()
            && Window::of(conv.window_expires_at).is_open(crate::store::now_ms());
        let landing = (p.msg.msg_type != "reaction").then(|| {
            book.land(
                &app.desk,
                &Arrival {
                    conversation_id: conv.id,
                    phone_number_id: &p.msg.phone_number_id,
                    contact_key: &p.contact.contact_key,
                    language: facts.language.as_deref(),
                    reading: p.reading.as_ref(),
                    has_photo: matches!(p.msg.msg_type.as_str(), "image" | "video"),
                    at: crate::cases::from_ms(p.msg.sent_at),
                    tapped_case: p.tapped.as_ref().map(|(case, _)| *case),
                    new_conversation: is_new,
                    may_acknowledge,
                },
            )
        });
        if let Some(l) = landing.as_ref().filter(|l| l.acknowledge) {
            let answer = promised::answer_at(app, &p.msg.phone_number_id, app.desk.clock.now());
            let back = promised::team_back(answer, facts.time_zone.as_deref());
            let lang = facts.language.as_deref().unwrap_or("en");
            let said = (
                p.msg.body.as_deref(),
                words.address(lang, app.desk.clock.now()),
            );
            let (text, promises) =
                greeting(app, facts, p.reading.as_ref(), said, l.escalated, back);
            words.desk.push((crate::store::now_ms(), text.clone()));
            promised.extend(promises.then(|| (l.case_id, answer.by().timestamp_millis())));
            let body = lifeline_whatsapp::OutboundMessage::Text {
                body: text,
                preview_url: false,
            };
            let to = To {
                conversation_id: conv.id,
                phone_number_id: p.msg.phone_number_id.clone(),
                contact_key: p.contact.contact_key.clone(),
            };
            let key = DedupeKey::acknowledgement(p.msg.id);
            let mut ack = Outgoing::new(to, body, key, "lifeline");
            ack.conversation_touched = true;
            acks.push(ack);
        }
        afters.push(After {
            conversation_id: conv.id,
            message_id: p.msg.id,
            case_id: landing.map(|l| l.case_id),
            ack_key: DedupeKey::acknowledgement(p.msg.id),
            lookup: app
                .commerce
                .is_configured()
                .then(|| crate::orders::LookupRequest {
                    conversation_id: conv.id,
                    phone_number_id: p.msg.phone_number_id.clone(),
                    wa_id: facts.wa_id.clone(),
                    order_numbers: p
                        .reading
                        .as_ref()
                        .map(|t| t.order_numbers.clone())
                        .unwrap_or_default(),
                    force: false,
                    message_id: Some(p.msg.id),
                }),
            tapped: p.tapped.clone(),
        });
    }
    tx.mark_processed_many(&processed).await?;
    let case_ids = book.persist(&mut tx).await?;
    for (case_id, by) in promised {
        let case_id = case_ids.get(&case_id).copied().unwrap_or(case_id);
        tx.promise_answer(case_id, by).await?;
    }
    let queued = outbox::queue(&mut tx, acks).await?;
    // A tap is carried out by the actions worker from the row written here, never lost to a crash.
    let tapped = crate::cases::taps::queue(&mut tx, afters.iter().filter_map(After::tap)).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    if tapped {
        app.actions_wake.notify_one();
    }
    redispatch_later(app, busy);

    for a in afters {
        Metrics::inc(&app.metrics.inbound_processed);
        app.events.publish(DeskEvent::InboundMessage {
            conversation_id: a.conversation_id,
            message_id: a.message_id,
        });
        if let Some(case_id) = a.case_id.map(|id| case_ids.get(&id).copied().unwrap_or(id)) {
            app.events.publish(DeskEvent::CaseChanged { case_id });
        }
        if queued.id(&a.ack_key).is_some() {
            Metrics::inc(&app.metrics.acknowledgements);
        }
        if let Some(req) = a.lookup {
            tokio::spawn(crate::orders::lookup(app.clone(), req));
        }
    }
    Ok(())
}

/// What happens once the batch has committed.
struct After {
    conversation_id: i64,
    message_id: i64,
    case_id: Option<i64>,
    ack_key: DedupeKey,
    lookup: Option<crate::orders::LookupRequest>,
    tapped: Option<(i64, lifeline_desk::Remedy)>,
}

impl After {
    /// A notice: shown in the thread and the case, nothing to answer or look up.
    fn notice(conversation_id: i64, message_id: i64, case_id: Option<i64>) -> After {
        After {
            conversation_id,
            message_id,
            case_id,
            ack_key: DedupeKey::acknowledgement(message_id),
            lookup: None,
            tapped: None,
        }
    }

    /// The shopper's tap on a remedy button, to carry out once the batch has committed.
    fn tap(&self) -> Option<crate::cases::taps::Tap> {
        let (case_id, remedy) = self.tapped.clone()?;
        Some(crate::cases::taps::Tap {
            case_id,
            remedy,
            conversation_id: self.conversation_id,
            message_id: self.message_id,
        })
    }
}

/// Notes the batch's wamids and shoppers on its span, so one message can be followed across desks.
fn trace_batch(messages: &[PendingInbound]) {
    let span = tracing::Span::current();
    if span.is_disabled() {
        return;
    }
    #[derive(serde::Deserialize)]
    struct Wamid {
        id: Option<String>,
    }
    let wamids: Vec<String> = messages
        .iter()
        .filter_map(|m| {
            serde_json::from_str::<Wamid>(m.raw_json.as_deref()?)
                .ok()?
                .id
        })
        .collect();
    let shoppers: Vec<&str> = messages.iter().map(|m| m.contact_key.as_str()).collect();
    span.record("wamids", tracing::field::debug(&wamids));
    span.record("shoppers", tracing::field::debug(&shoppers));
}

/// Reads a message before the transaction: who sent it, what it says, whether it is a button tap.
fn prepare<'a>(app: &AppState, msg: &'a PendingInbound) -> Prepared<'a> {
    // The message as Meta sent it, read once for the sender's ids and a button tap.
    let raw: serde_json::Value = msg
        .raw_json
        .as_deref()
        .and_then(|r| serde_json::from_str(r).ok())
        .unwrap_or_default();
    let change = id_change(msg, &raw);
    let mut contact = contact_facts(msg, &raw, change.as_ref());
    let reading = msg
        .body
        .as_deref()
        .filter(|_| !matches!(msg.msg_type.as_str(), "reaction" | "system"))
        .map(|text| app.triager.triage(text, contact.wa_id.as_deref()));
    let from_words = reading
        .as_ref()
        .map(|t| t.language.as_str())
        .filter(|l| SERVED.contains(l));
    if let Some(lang) = from_words {
        contact.language = Some(lang.to_string());
    }
    Prepared {
        msg,
        contact,
        change,
        from_words: from_words.is_some(),
        reading,
        tapped: tapped_button(&raw),
    }
}

/// A tap on a case's reply button: which case, which remedy.
fn tapped_button(raw: &serde_json::Value) -> Option<(i64, lifeline_desk::Remedy)> {
    let id = raw
        .pointer("/interactive/button_reply/id")
        .or_else(|| raw.pointer("/interactive/list_reply/id"))?;
    crate::cases::actions::parse_button(id.as_str()?)
}

/// The first answer (SOP step 1): by name, thanks, what happens next and when; asks for the order
/// number only when it is missing; extra care when the shopper threatens a dispute; when the team is
/// back if nobody is there now. With it, whether it promises an answer.
fn greeting(
    app: &AppState,
    contact: &ContactFacts,
    reading: Option<&Triage>,
    (said, address): (Option<&str>, lifeline_desk::address::Address),
    escalated: bool,
    team_back: Option<LocalTime>,
) -> (String, bool) {
    // The same first name the drafts and automatic messages use (`lifeline_desk::playbook::first_name`).
    let first_name = contact
        .name
        .as_deref()
        .and_then(lifeline_desk::playbook::first_name);
    if let Some(text) = &app.config.greeting.text {
        return (
            text.replace("{name}", first_name.as_deref().unwrap_or("")),
            false,
        );
    }
    let lang = contact.language.as_deref().unwrap_or("en");
    let kind = reading.map_or(lifeline_triage::ExceptionKind::Other, |t| t.kind);
    let facts = AckFacts {
        name: first_name.as_deref(),
        order_number: reading
            .and_then(|t| t.order_numbers.first())
            .map(String::as_str),
        kind,
        escalated: escalated || reading.is_some_and(|t| t.escalate),
        within_minutes: app.config.greeting.promise_minutes,
        said,
        team_back,
        register: address.register,
        greeted: address.greeted,
    };
    (acknowledgement(lang, &facts), facts.promises_answer())
}
