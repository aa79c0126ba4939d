//! What the lookup found, told to the shopper. The acknowledgement went out before the shop answered, so
//! it only said the number was being looked up; this short message follows it: "found #1012, I'm looking
//! at it now" once the order is found and shown to be theirs, or "there is no order #99999, could you
//! check the number?" when the shop has none. An order not shown to be theirs gets the ownership
//! question instead (`ownership::settle`), never a confirmation. Nothing is said when a shop failed to
//! answer: the agent sees why, and the acknowledgement's promise still runs.

use lifeline_desk::{address::Register, ownership::Proof};
use lifeline_whatsapp::OutboundMessage;

use super::{ownership::judged, LookupRequest};
use crate::{
    events::DeskEvent,
    outbox::{self, DedupeKey, Outbox, Outgoing, To, Window},
    state::AppState,
    store::{now_ms, CaseRow, ConversationView},
};

/// After a lookup the shopper's message caused (an agent's refresh tells them nothing): one message per
/// order named, or newly shown to be theirs by their own words.
pub async fn tell(app: &AppState, req: &LookupRequest) -> anyhow::Result<()> {
    if req.force {
        return Ok(());
    }
    let Some(c) = app.store.conversation(req.conversation_id).await? else {
        return Ok(());
    };
    let named = |n: &str| {
        req.order_numbers
            .iter()
            .any(|o| lifeline_desk::case::same_order(o, n))
    };
    let mut news: Vec<(String, String)> = Vec::new(); // (what, order number)
    for j in judged(&app.store, &c).await? {
        let confirmed = matches!(
            j.verdict.proof,
            Some(Proof::Email | Proof::Postcode | Proof::Name)
        );
        if j.verdict.is_verified() && (named(&j.number) || confirmed) {
            news.push((format!("order-found:{}:{}", j.store, j.number), j.number));
        }
    }
    for row in app.store.conversation_orders(c.id).await? {
        // A miss is kept under no store, and only while no shop has the order.
        if row.store.is_empty() && row.order_json.is_none() && named(&row.order_number) {
            let what = format!("order-not-found:{}:{}", row.order_number, row.fetched_at);
            news.push((what, row.order_number));
        }
    }
    if news.is_empty() {
        return Ok(());
    }
    say(app, &c, news, req.message_id).await
}

async fn say(
    app: &AppState,
    c: &ConversationView,
    news: Vec<(String, String)>,
    message_id: Option<i64>,
) -> anyhow::Result<()> {
    if !Window::of(c.window_expires_at).is_open(now_ms()) {
        return Ok(());
    }
    let lang = c.language.as_deref().unwrap_or("en");
    let said = app.store.shopper_texts(c.id, 20).await?;
    let register = Register::of_conversation(lang, said.iter().map(String::as_str));
    let mut tx = app.store.begin().await?;
    let cases: Vec<CaseRow> = tx.live_cases(c.id).await?;
    let mut outs = Vec::new();
    let mut changed = Vec::new();
    for (what, number) in news {
        // Told on the newest live case about this order (or about none yet), once per case.
        let Some(case) = cases.iter().find(|k| {
            (k.order_number.as_deref()).is_none_or(|o| lifeline_desk::case::same_order(o, &number))
        }) else {
            continue;
        };
        let mut key = DedupeKey::follow_up(case.id, &what);
        let text = if what.starts_with("order-found") {
            let told = app.store.outbound_by_dedupe_key(key.as_str()).await?;
            match (told, message_id) {
                (None, _) => (app.desk.playbooks).order_found(lang, register, &number),
                // Named again ("I just told you, it's 1027!!") in a later message while nobody has
                // answered yet: never silence, one "yes, that is the one" per message. (Messages share
                // one id sequence: a confirmation older than the message came before it.)
                (Some(told), Some(m)) if told < m && awaits_first_answer(case) => {
                    key = DedupeKey::follow_up(case.id, &format!("{what}:again:{m}"));
                    (app.desk.playbooks).order_found_again(lang, register, &number)
                }
                (Some(_), _) => continue,
            }
        } else {
            (app.desk.playbooks).order_not_found(lang, register, &number)
        };
        let body = OutboundMessage::Text {
            body: text,
            preview_url: false,
        };
        outs.push(Outgoing::new(To::from(case), body, key, "lifeline"));
        changed.push(case.id);
    }
    let queued = outbox::queue(&mut tx, outs).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    for case_id in changed {
        app.events.publish(DeskEvent::CaseChanged { case_id });
    }
    Ok(())
}

/// A case no person has answered yet: the shopper has heard only the desk's own messages.
fn awaits_first_answer(case: &CaseRow) -> bool {
    matches!(case.status.as_str(), "new" | "acknowledged")
}
