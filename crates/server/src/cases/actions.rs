//! What agents and shoppers do to a case: replies (tone-checked), remedies (within policy, approved when
//! beyond an agent's authority), carried out in the shop once, and confirmed to the shopper.

use lifeline_desk::{case::TimelineEvent, Remedy};
use lifeline_whatsapp::OutboundMessage;

use super::event;
use crate::{
    events::DeskEvent,
    state::AppState,
    store::{CaseRow, NewOutbound},
};

pub use super::remedies::{decide_approval, request, retry, retry_by, shopper_chose};
pub use super::reply::{reply, ReplyOutcome, ReplyRequest, TemplateChoice};

/// Button ids carry the case, so a tap finds its case even among several: `case:<id>:remedy:<remedy id>`.
pub fn button_id(case_id: i64, remedy: &Remedy) -> String {
    format!("case:{case_id}:remedy:{}", remedy.id())
}

/// Reads a button id made by [`button_id`].
pub fn parse_button(id: &str) -> Option<(i64, Remedy)> {
    let rest = id.strip_prefix("case:")?;
    let (case, remedy) = rest.split_once(":remedy:")?;
    Some((case.parse().ok()?, Remedy::from_id(remedy)?))
}

/// Saves a case with its new timeline lines and tells the screens.
pub async fn save(
    app: &AppState,
    row: &CaseRow,
    actor: &str,
    events: Vec<TimelineEvent>,
) -> anyhow::Result<()> {
    let mut tx = app.store.begin().await?;
    tx.save_case(row).await?;
    for e in &events {
        tx.add_case_event(row.id, actor, &event(e)).await?;
    }
    tx.commit().await?;
    app.events
        .publish(DeskEvent::CaseChanged { case_id: row.id });
    Ok(())
}

/// Queues a message on the case's conversation.
pub async fn enqueue(
    app: &AppState,
    case: &CaseRow,
    msg: &OutboundMessage,
    author: &str,
) -> anyhow::Result<Option<i64>> {
    enqueue_at(app, case, msg, author, None).await
}

/// Queues a message to go out no earlier than `not_before` (ms), e.g. the shopper's morning.
pub async fn enqueue_at(
    app: &AppState,
    case: &CaseRow,
    msg: &OutboundMessage,
    author: &str,
    not_before: Option<i64>,
) -> anyhow::Result<Option<i64>> {
    let id = app
        .store
        .enqueue_outbound(&NewOutbound {
            conversation_id: case.conversation_id,
            phone_number_id: case.phone_number_id.clone(),
            contact_key: case.contact_key.clone(),
            msg_type: msg.type_name().into(),
            body: Some(msg.preview_text()),
            payload_json: serde_json::to_string(msg)?,
            author: Some(author.into()),
            not_before,
            ..Default::default()
        })
        .await?;
    app.outbox_wake.notify_one();
    if let Some(message_id) = id {
        app.events.publish(DeskEvent::OutboundQueued {
            conversation_id: case.conversation_id,
            message_id,
        });
    }
    Ok(id)
}
