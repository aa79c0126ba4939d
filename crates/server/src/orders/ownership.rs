//! Whose order it is, for the desk: every order a conversation holds is judged for its shopper
//! (`lifeline_desk::ownership`) before anything of it reaches a draft, a button or an automatic message.
//! An order not shown to be theirs is kept from the case (`draft::context` leaves it out), the agent is
//! told why, and the shopper is asked once to confirm the email or postcode on it; their answer, or an
//! agent's word, makes it theirs.

use lifeline_commerce::Order;
use lifeline_desk::{
    case::TimelineEvent,
    ownership::{judge, OrderContact, Shopper, Verdict},
};
use lifeline_whatsapp::OutboundMessage;

use crate::{
    cases::{actions, draft},
    events::DeskEvent,
    outbox::{self, DedupeKey, Outbox, Outgoing, To, Window},
    state::AppState,
    store::{now_ms, CaseRow, ConversationView, Store},
};

/// How many of the shopper's latest messages are read for what they confirmed.
const WORDS_READ: i64 = 50;

/// An attached order with the verdict on it.
#[derive(Debug, Clone)]
pub struct Judged {
    pub store: String,
    pub number: String,
    pub order: Order,
    pub verdict: Verdict,
    /// The verdict as last kept, to tell what changed.
    kept: Option<Verdict>,
}

/// What an order knows about whoever placed it.
pub fn contact_of(o: &Order) -> OrderContact {
    OrderContact {
        phone: o.customer.phone.clone().filter(|p| !p.is_empty()),
        email: o.customer.email.clone().filter(|e| !e.is_empty()),
        postcode: o.customer.postcode.clone().filter(|p| !p.is_empty()),
        name: o.customer.name.clone().or(o.customer.first_name.clone()),
        country: o.customer.country.clone(),
    }
}

/// The shopper of a conversation: their phone when WhatsApp shared it, and their country.
pub fn shopper_of(c: &ConversationView) -> Shopper {
    Shopper {
        phone: c.wa_id.clone().filter(|p| !p.is_empty()),
        country: c.country.clone(),
    }
}

/// The found orders of a conversation, most recently fetched first, each judged: a verdict kept as
/// verified stays (an agent's word, a confirmation); any other is judged again on the phones and the
/// shopper's latest words.
pub async fn judged(store: &Store, conversation: &ConversationView) -> anyhow::Result<Vec<Judged>> {
    let rows = store.conversation_orders(conversation.id).await?;
    let kept = store.order_ownership(conversation.id).await?;
    let said = store.shopper_texts(conversation.id, WORDS_READ).await?;
    let said: Vec<&str> = said.iter().map(String::as_str).collect();
    let shopper = shopper_of(conversation);
    let mut out = Vec::new();
    for r in rows {
        let Some(order) = r
            .order_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<Order>(j).ok())
        else {
            continue;
        };
        let kept: Option<Verdict> = kept
            .iter()
            .find(|(s, n, _)| *s == r.store && *n == r.order_number)
            .and_then(|(_, _, j)| serde_json::from_str(j.as_deref()?).ok());
        let verdict = match &kept {
            Some(v) if v.is_verified() => v.clone(),
            _ => judge(&contact_of(&order), &shopper, &said, &r.order_number),
        };
        out.push(Judged {
            store: r.store,
            number: r.order_number,
            order,
            verdict,
            kept,
        });
    }
    Ok(out)
}

/// After a lookup: keeps each order's verdict, notes on the case when one becomes the shopper's, and
/// asks the shopper (once per order) to confirm one that is not yet shown to be theirs.
pub async fn settle(app: &AppState, conversation_id: i64) -> anyhow::Result<()> {
    let Some(conversation) = app.store.conversation(conversation_id).await? else {
        return Ok(());
    };
    for j in judged(&app.store, &conversation).await? {
        if j.kept.as_ref() == Some(&j.verdict) {
            continue;
        }
        keep(&app.store, conversation_id, &j).await?;
        let was_judged = j.kept.is_some();
        if j.verdict.is_verified() && was_judged {
            tell_cases(app, &conversation, &j, None).await?;
        } else if !j.verdict.is_verified() {
            let question = ask(app, &conversation, &j).await?;
            tell_cases(app, &conversation, &j, Some(question)).await?;
        }
    }
    Ok(())
}

async fn keep(store: &Store, conversation_id: i64, j: &Judged) -> anyhow::Result<()> {
    let json = serde_json::to_string(&j.verdict)?;
    store
        .set_order_ownership(conversation_id, &j.store, &j.number, &json)
        .await
}

/// The question to the shopper, in their language and register, greeting them by their own name.
async fn ask(app: &AppState, c: &ConversationView, j: &Judged) -> anyhow::Result<String> {
    let lang = c.language.as_deref().unwrap_or("en");
    let recent = app.store.recent_words(c.id).await?;
    let register = recent.address(lang, chrono::Utc::now()).register;
    let name = c.contact_name.as_deref();
    Ok((app.desk.playbooks).ask_owner(lang, register, Some(&j.number), name))
}

/// Writes the verdict on each live case about this order; with `question`, asks the shopper too
/// (under one key per case and order, so a second look never asks twice).
async fn tell_cases(
    app: &AppState,
    c: &ConversationView,
    j: &Judged,
    question: Option<String>,
) -> anyhow::Result<()> {
    let mut tx = app.store.begin().await?;
    let cases: Vec<CaseRow> = tx.live_cases(c.id).await?;
    let mut changed = Vec::new();
    let mut outs = Vec::new();
    let window = Window::of(c.window_expires_at);
    for case in cases.iter().filter(|k| about(k, &j.number)) {
        let Some(row) = tx.lock_case(case.id).await? else {
            continue;
        };
        let mut events = vec![TimelineEvent::NoteAdded {
            text: j.verdict.agent_line(&j.number),
        }];
        if let Some(text) = question.as_ref().filter(|_| window.is_open(now_ms())) {
            let key =
                DedupeKey::follow_up(row.id, &format!("confirm-owner:{}:{}", j.store, j.number));
            let body = OutboundMessage::Text {
                body: text.clone(),
                preview_url: false,
            };
            outs.push(Outgoing::new(To::from(&row), body, key, "lifeline"));
        } else if question.is_some() {
            events.push(TimelineEvent::NoteAdded {
                text: "the shopper could not be asked to confirm: the 24-hour window is closed"
                    .into(),
            });
        }
        actions::record(&mut tx, &row, "system", &events).await?;
        changed.push(row.id);
    }
    let queued = outbox::queue(&mut tx, outs).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    for case_id in changed {
        app.events.publish(DeskEvent::CaseChanged { case_id });
    }
    Ok(())
}

/// True when a case is about this order (or about no order in particular, so it would take it).
fn about(case: &CaseRow, number: &str) -> bool {
    case.order_number
        .as_deref()
        .is_none_or(|o| lifeline_desk::case::same_order(o, number))
}

/// An agent marks the case's order as the shopper's; the case's timeline says who. Returns the line
/// written, or `None` when the case has no order waiting to be verified.
pub async fn mark_verified(
    app: &AppState,
    case_id: i64,
    agent: &str,
) -> anyhow::Result<Option<String>> {
    let Some(case) = app.store.case(case_id).await? else {
        return Ok(None);
    };
    let Some(conversation) = app.store.conversation(case.conversation_id).await? else {
        return Ok(None);
    };
    let all = judged(&app.store, &conversation).await?;
    let Some(j) = all.into_iter().find(|j| about(&case, &j.number)) else {
        return Ok(None);
    };
    let verified = Judged {
        verdict: j.verdict.clone().by_agent(agent),
        ..j
    };
    keep(&app.store, conversation.id, &verified).await?;
    let line = verified.verdict.agent_line(&verified.number);
    let mut tx = app.store.begin().await?;
    if let Some(row) = tx.lock_case(case_id).await? {
        let note = TimelineEvent::NoteAdded { text: line.clone() };
        actions::record(&mut tx, &row, &format!("agent:{agent}"), &[note]).await?;
    }
    tx.commit().await?;
    app.events.publish(DeskEvent::CaseChanged { case_id });
    app.events.publish(DeskEvent::OrdersChanged {
        conversation_id: conversation.id,
    });
    Ok(Some(line))
}

/// The draft while the case's order is not shown to be the shopper's: the question, with no option,
/// no button and no gesture, and nothing of the order but the number the shopper gave.
pub fn unverified_draft(
    app: &AppState,
    ctx: &draft::CaseContext,
    j: &Judged,
    now: chrono::DateTime<chrono::Utc>,
) -> draft::DraftView {
    let lang = ctx.language();
    let text = (app.desk.playbooks).ask_owner(
        &lang,
        ctx.recent.address(&lang, now).register,
        Some(&j.number),
        ctx.conversation.contact_name.as_deref(),
    );
    draft::DraftView {
        situation: "confirm_owner".into(),
        language: lang,
        text,
        buttons: Vec::new(),
        gestures: Vec::new(),
        options: Vec::new(),
        facts: draft::facts(ctx, now),
        window_open: Window::of(ctx.conversation.window_expires_at).is_open(now_ms()),
        template: None,
    }
}
