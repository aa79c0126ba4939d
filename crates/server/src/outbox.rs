//! One way into the outbox. Every message the desk sends (an acknowledgement, a follow-up, a remedy's
//! confirmation, an agent's reply from the REST API, the conversation screen or the case panel) is queued
//! by [`queue`] in the transaction of the decision that causes it, always under a dedupe key, so the
//! decision and its message are stored together or not at all, and a retry, a crash or a second desk
//! never queues it twice. [`Outbox::commit`] commits that transaction and only then wakes the sender and
//! tells the screens. Whether free text may go at all is [`window`]'s to say.

pub mod agent;
pub mod window;

use std::sync::Arc;

use lifeline_whatsapp::OutboundMessage;
use tokio::sync::Notify;

pub use window::{Window, WindowClosed};

use crate::{
    events::{DeskEvent, Events},
    state::AppState,
    store::{CaseRow, ConversationView, NewOutbound, StoreTx},
    templates::Templates,
};

/// What makes a message the same message: queued twice under one key, it is stored once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DedupeKey(String);

impl DedupeKey {
    /// The automatic answer to one inbound message.
    pub fn acknowledgement(inbound_message_id: i64) -> DedupeKey {
        DedupeKey(format!("ack:{inbound_message_id}"))
    }

    /// A follow-up on a case; `about` names what it reports (the promise's deadline, the parcel's state,
    /// the check-in), so each piece of news is told once however many looks find it due.
    pub fn follow_up(case_id: i64, about: &str) -> DedupeKey {
        DedupeKey(format!("followup:{case_id}:{about}"))
    }

    /// The confirmation of a remedy carried out (one per compensation record).
    pub fn confirmation(compensation_id: i64) -> DedupeKey {
        DedupeKey(format!("confirm:{compensation_id}"))
    }

    /// The answer to a shopper's tap the desk could not carry out (one per tapped message).
    pub fn refusal(tap_message_id: i64) -> DedupeKey {
        DedupeKey(format!("refused:{tap_message_id}"))
    }

    /// A REST API client's own idempotency key.
    pub fn api(client_key: &str) -> DedupeKey {
        DedupeKey(format!("api:{client_key}"))
    }

    /// The second attempt at a failed message (it is tried again once).
    pub fn retry(message_id: i64) -> DedupeKey {
        DedupeKey(format!("retry:{message_id}"))
    }

    /// A message nothing else can repeat (each agent's reply is its own); `origin` says where it came from.
    pub fn unique(origin: &str) -> DedupeKey {
        DedupeKey(format!("{origin}:{}", uuid::Uuid::new_v4().simple()))
    }

    /// The key as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The conversation a message goes into.
#[derive(Debug, Clone)]
pub struct To {
    pub conversation_id: i64,
    pub phone_number_id: String,
    pub contact_key: String,
}

impl From<&CaseRow> for To {
    fn from(c: &CaseRow) -> To {
        To {
            conversation_id: c.conversation_id,
            phone_number_id: c.phone_number_id.clone(),
            contact_key: c.contact_key.clone(),
        }
    }
}

impl From<&ConversationView> for To {
    fn from(c: &ConversationView) -> To {
        To {
            conversation_id: c.id,
            phone_number_id: c.phone_number_id.clone(),
            contact_key: c.contact_key.clone(),
        }
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: To,
    pub message: OutboundMessage,
    pub key: DedupeKey,
    /// `lifeline`, `api` or the agent's name, as the thread shows it.
    pub author: String,
    /// A template the sender uses instead if the window has closed by the time the message goes.
    pub fallback: Option<OutboundMessage>,
    pub reply_to: Option<String>,
    /// Held until then (ms): the shopper's morning, or a time an API client asked for.
    pub not_before: Option<i64>,
    /// The caller already moved the conversation's last-message time in this transaction.
    pub conversation_touched: bool,
}

impl Outgoing {
    /// `message` to `to` under `key`, by `author`, to go as soon as it can.
    pub fn new(to: To, message: OutboundMessage, key: DedupeKey, author: &str) -> Outgoing {
        Outgoing {
            to,
            message,
            key,
            author: author.to_string(),
            fallback: None,
            reply_to: None,
            not_before: None,
            conversation_touched: false,
        }
    }

    fn row(&self) -> anyhow::Result<NewOutbound> {
        Ok(NewOutbound {
            conversation_id: self.to.conversation_id,
            phone_number_id: self.to.phone_number_id.clone(),
            contact_key: self.to.contact_key.clone(),
            msg_type: self.message.type_name().to_string(),
            body: Some(self.message.preview_text()),
            payload_json: serde_json::to_string(&self.message)?,
            fallback_json: self
                .fallback
                .as_ref()
                .map(serde_json::to_string)
                .transpose()?,
            reply_to: self.reply_to.clone(),
            not_before: self.not_before,
            dedupe_key: self.key.0.clone(),
            author: Some(self.author.clone()),
            conversation_touched: self.conversation_touched,
        })
    }
}

/// What a transaction queued: (key, conversation, message id) of each message stored now. A key that
/// was already in the outbox is not here.
#[must_use = "hand it to Outbox::commit, which tells the sender and the screens"]
#[derive(Debug, Default)]
pub struct Queued(Vec<(DedupeKey, i64, i64)>);

impl Queued {
    /// The id of the message queued now under `key`.
    pub fn id(&self, key: &DedupeKey) -> Option<i64> {
        self.0
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, id)| *id)
    }

    /// The id of the first message queued now (for a caller that queued one).
    pub fn first(&self) -> Option<i64> {
        self.0.first().map(|(_, _, id)| *id)
    }

    /// Adds what another call in the same transaction queued.
    pub fn extend(&mut self, other: Queued) {
        self.0.extend(other.0);
    }
}

/// Queues `items` in the caller's transaction, in one statement. Each goes under its dedupe key; one
/// already in the outbox (a retry, a second desk, a second look) is skipped and missing from the result.
pub async fn queue(tx: &mut StoreTx, items: Vec<Outgoing>) -> anyhow::Result<Queued> {
    let rows = items
        .iter()
        .map(Outgoing::row)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let ids = tx.enqueue(&rows).await?;
    Ok(Queued(
        items
            .into_iter()
            .filter_map(|m| {
                let id = *ids.get(m.key.as_str())?;
                Some((m.key, m.to.conversation_id, id))
            })
            .collect(),
    ))
}

/// The sender's wake-up call and the screens' event bus: what hears of a message once it is stored.
#[derive(Clone)]
pub struct Outbox {
    wake: Arc<Notify>,
    events: Events,
}

impl Outbox {
    /// The desk's outbox.
    pub fn of(app: &AppState) -> Outbox {
        Outbox {
            wake: app.outbox_wake.clone(),
            events: app.events.clone(),
        }
    }

    /// Commits `tx`, then wakes the sender and tells the screens of each message `queued` in it. Nothing
    /// is announced before the commit, so no one looks for a message that is not there yet.
    pub async fn commit(&self, tx: StoreTx, queued: &Queued) -> anyhow::Result<()> {
        tx.commit().await?;
        for (_, conversation_id, message_id) in &queued.0 {
            self.events.publish(DeskEvent::OutboundQueued {
                conversation_id: *conversation_id,
                message_id: *message_id,
            });
        }
        if !queued.0.is_empty() {
            self.wake.notify_one();
        }
        Ok(())
    }
}

/// Who and what a desk message about a case names when it goes as a template: the shopper's language,
/// their first name (the one the acknowledgement and drafts use) and the order.
pub struct About<'a> {
    pub language: &'a str,
    pub shopper_name: Option<&'a str>,
    pub order_number: Option<&'a str>,
}

/// What the desk says on its own about a case (a follow-up, a remedy's confirmation), decided by
/// [`window::spoken`] with the number's approved template for `purpose` in the shopper's language (or the
/// nearest), its body filled with their name, the order and `text`, as many as it takes.
pub fn desk_message(
    templates: &Templates,
    to: &To,
    window: Window,
    now_ms: i64,
    purpose: &str,
    about: &About<'_>,
    text: &str,
) -> Result<(OutboundMessage, Option<OutboundMessage>), WindowClosed> {
    let template = templates
        .choose(&to.phone_number_id, purpose, about.language)
        .map(|t| {
            let order = about
                .order_number
                .map(|o| format!("#{o}"))
                .unwrap_or_default();
            let name = (about.shopper_name)
                .and_then(lifeline_desk::playbook::first_name)
                .unwrap_or_default();
            let params: Vec<String> = [name, order, text.to_string()]
                .into_iter()
                .take(t.body_params)
                .collect();
            crate::templates::message(&t, &params)
        });
    window::spoken(window, now_ms, text, template)
}
