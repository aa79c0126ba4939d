//! Who wrote: the ids a message carries, the contact they belong to, and WhatsApp's notices that a
//! shopper's id changed.
//!
//! A contact keeps the key of the first id the desk saw (the BSUID in 2026 webhooks, the phone before).
//! Every other id of the same person is an alias of that key, so a message carrying only the username's
//! BSUID, a phone known from before the BSUID era, or the new BSUID after a change of number lands in
//! the same contact, conversation and cases.

use std::collections::HashMap;

use lifeline_desk::case::TimelineEvent;
use lifeline_triage::{country_language, country_time_zone, phone_country};
use lifeline_whatsapp::recipient::user_id_country;
use serde_json::Value;

use crate::store::{ContactFacts, PendingInbound, StoreTx};

/// WhatsApp's notice that a shopper's ids changed (`user_changed_user_id`, `user_changed_number`).
#[derive(Debug, Clone, Default)]
pub struct IdChange {
    /// The ids the shopper had: the ones the desk knows them by.
    pub previous: Vec<String>,
    pub wa_id: Option<String>,
    pub user_id: Option<String>,
    pub parent_user_id: Option<String>,
}

impl IdChange {
    /// The audit trail's line for it.
    pub fn event(&self) -> TimelineEvent {
        TimelineEvent::ShopperIdChanged {
            previous: self.previous.first().cloned(),
            now: self.user_id.clone().or_else(|| self.wa_id.clone()),
            phone: self.wa_id.clone(),
        }
    }
}

fn str_of(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The notice a `system` message carries, if it is one about the shopper's ids.
pub fn id_change(msg: &PendingInbound, raw: &Value) -> Option<IdChange> {
    if msg.msg_type != "system" {
        return None;
    }
    let system = raw.get("system")?;
    let kind = str_of(system, "type").unwrap_or_default();
    if !matches!(
        kind.as_str(),
        "user_changed_user_id" | "user_changed_number" | "customer_changed_number"
    ) {
        return None;
    }
    let previous: Vec<String> = [
        str_of(system, "previous_user_id"),
        str_of(system, "previous_parent_user_id"),
        str_of(raw, "from_user_id"),
        str_of(raw, "from"),
        Some(msg.contact_key.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(IdChange {
        previous,
        wa_id: str_of(system, "wa_id").or_else(|| str_of(system, "new_wa_id")),
        user_id: str_of(system, "user_id"),
        parent_user_id: str_of(system, "parent_user_id"),
    })
}

/// What the message tells about its sender: ids, name, username, and the country of the phone (or of
/// the BSUID, for a shopper who writes without a number).
pub fn contact_facts(msg: &PendingInbound, raw: &Value, change: Option<&IdChange>) -> ContactFacts {
    let sender: Value = msg
        .sender_json
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_else(|| raw.clone());
    let mut wa_id = str_of(&sender, "wa_id").or_else(|| str_of(raw, "from"));
    let mut user_id = str_of(&sender, "user_id").or_else(|| str_of(raw, "from_user_id"));
    let mut parent_user_id =
        str_of(&sender, "parent_user_id").or_else(|| str_of(raw, "from_parent_user_id"));
    if let Some(c) = change {
        // The notice names the new ids; the contact takes them (the old ones stay as aliases).
        wa_id = c.wa_id.clone().or(wa_id);
        user_id = c.user_id.clone().or(user_id);
        parent_user_id = c.parent_user_id.clone().or(parent_user_id);
    }
    let country = wa_id
        .as_deref()
        .and_then(phone_country)
        .or_else(|| user_id.as_deref().and_then(user_id_country))
        .map(str::to_string);
    let country = country.as_deref();
    ContactFacts {
        contact_key: msg.contact_key.clone(),
        wa_id,
        user_id,
        parent_user_id,
        username: str_of(&sender, "username"),
        name: msg.contact_name.clone(),
        country: country.map(String::from),
        time_zone: country.and_then(country_time_zone).map(String::from),
        language: country.and_then(country_language).map(String::from),
    }
}

/// One message's sender, as the batch resolves it.
pub struct Sender<'a> {
    pub contact: &'a mut ContactFacts,
    pub change: Option<&'a IdChange>,
}

/// Gives each message the key of the contact its ids belong to, in message order (a change of id early
/// in the batch already counts for the messages after it), and records the ids learnt as aliases.
pub async fn resolve_senders(tx: &mut StoreTx, senders: &mut [Sender<'_>]) -> anyhow::Result<()> {
    let ids: Vec<String> = senders.iter().flat_map(|s| candidates(s)).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut known: HashMap<String, String> = tx.contact_keys_of(&refs).await?;
    let mut links = Vec::new();
    for s in senders.iter_mut() {
        let key = candidates(s)
            .into_iter()
            .find_map(|id| known.get(&id).cloned())
            .unwrap_or_else(|| s.contact.contact_key.clone());
        for id in learnt(s) {
            if id != key && known.get(&id) != Some(&key) {
                if !known.contains_key(&id) {
                    links.push((id.clone(), key.clone()));
                }
                known.insert(id, key.clone());
            }
        }
        s.contact.contact_key = key;
    }
    tx.link_aliases(&links).await
}

/// The ids that may name the sender's contact, most specific first: the ids before a change, then the
/// BSUID, the phone, the parent BSUID, and the key the webhook stored.
fn candidates(s: &Sender<'_>) -> Vec<String> {
    let mut out: Vec<String> = s.change.map(|c| c.previous.clone()).unwrap_or_default();
    if s.change.is_none() {
        out.extend(s.contact.user_id.clone());
        out.extend(s.contact.wa_id.clone());
        out.extend(s.contact.parent_user_id.clone());
    }
    out.push(s.contact.contact_key.clone());
    out
}

/// The ids this message teaches the desk about its sender.
fn learnt(s: &Sender<'_>) -> Vec<String> {
    let c = &s.contact;
    let mut out: Vec<String> = [&c.user_id, &c.wa_id, &c.parent_user_id]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if let Some(change) = s.change {
        out.extend(change.previous.iter().cloned());
    }
    out.push(c.contact_key.clone());
    out
}
