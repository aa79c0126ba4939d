//! An agent's reply on a case: tone-checked, within the agent's authority, with the options the
//! shopper can tap and the gestures the text gives; or an approved template once the window has closed.

use chrono::Utc;
use lifeline_desk::{
    case::{CaseStatus, TimelineEvent},
    clocks::{find_promise, Clock, ClockKind},
    policy::Decision,
    tone::{PromiseLimits, ToneFinding},
    Remedy, Role,
};
use lifeline_whatsapp::{outbound::ReplyButton, OutboundMessage};
use serde::Deserialize;

use super::{
    actions::{button_id, record},
    clocks,
    draft::{context, decision, CaseContext},
    event, extras, refresh,
    remedies::request,
    set_extras, status,
};
use crate::{
    events::DeskEvent,
    http::error::{ApiError, ApiResult},
    outbox::{
        self,
        agent::{self, AgentMessage, Refusal},
        DedupeKey, Outbox, Outgoing, To, Window,
    },
    state::AppState,
    store::CaseRow,
};

/// An agent's reply on a case.
#[derive(Debug, Deserialize)]
pub struct ReplyRequest {
    #[serde(default)]
    pub text: String,
    /// Once the window has closed: an approved utility template to send instead of free text.
    #[serde(default)]
    pub template: Option<TemplateChoice>,
    /// Options the shopper can tap (at most 3); each must be within the agent's authority.
    #[serde(default)]
    pub options: Vec<lifeline_desk::playbook::DraftOption>,
    /// Gestures the text gives (from the draft); carried out and confirmed when the reply goes out.
    #[serde(default)]
    pub gestures: Vec<Remedy>,
    pub actor: String,
    #[serde(default = "agent")]
    pub role: Role,
    /// Send even though the tone check found something (recorded on the timeline).
    #[serde(default)]
    pub send_anyway: bool,
}

/// A template and its body parameters.
#[derive(Debug, Deserialize)]
pub struct TemplateChoice {
    pub name: String,
    pub language: String,
    #[serde(default)]
    pub parameters: Vec<String>,
}

fn agent() -> Role {
    Role::Agent
}

/// What became of a reply.
pub enum ReplyOutcome {
    Queued { message_id: Option<i64> },
    ToneFindings(Vec<ToneFinding>),
}

/// An agent's reply: checked against the window, the agent's authority and the tone, then queued in the
/// same transaction as what it changes on the case (clocks met, promise made, status, offers).
pub async fn reply(app: &AppState, case_id: i64, req: ReplyRequest) -> ApiResult<ReplyOutcome> {
    let ctx = context(app, case_id).await?;
    let now = Utc::now();
    if let Some(choice) = &req.template {
        return send_template(app, &ctx, choice, &req.actor).await;
    }
    if req.text.trim().is_empty() {
        return Err(ApiError::BadRequest("the reply is empty".into()));
    }
    let window = Window::of(ctx.conversation.window_expires_at);
    window.free_form(now.timestamp_millis())?;
    within_authority(app, &ctx, &req, now)?;
    let lang = ctx.language();
    let offered: Vec<Remedy> = req.options.iter().map(|o| o.remedy.clone()).collect();
    let promised: Vec<Remedy> = offered.iter().chain(req.gestures.iter()).cloned().collect();
    let msg = message(case_id, &req);
    let asked = AgentMessage {
        msg: &msg,
        fallback: None,
        language: &lang,
        limits: Some(&PromiseLimits::from_offers(&promised)),
        send_anyway: req.send_anyway,
    };
    let findings = match agent::checked(&asked, window, now.timestamp_millis()) {
        Ok(overridden) => overridden,
        Err(Refusal::Tone(findings)) => return Ok(ReplyOutcome::ToneFindings(findings)),
        Err(refused) => return Err(refused.into()),
    };
    let mut tx = app.store.begin().await?;
    let mut row = tx
        .lock_case(case_id)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    let out = Outgoing::new(To::from(&row), msg, DedupeKey::unique("reply"), &req.actor);
    let queued = outbox::queue(&mut tx, vec![out]).await?;
    let events = replied(&mut row, &req, &findings, queued.first(), now, &lang);
    record(&mut tx, &row, &format!("agent:{}", req.actor), &events).await?;
    Outbox::of(app).commit(tx, &queued).await?;
    app.events.publish(DeskEvent::CaseChanged { case_id });
    for gesture in req.gestures {
        request(app, case_id, gesture, &req.actor, req.role).await?;
    }
    Ok(ReplyOutcome::Queued {
        message_id: queued.first(),
    })
}

/// Every option and gesture of the reply must be the agent's to give.
fn within_authority(
    app: &AppState,
    ctx: &CaseContext,
    req: &ReplyRequest,
    now: chrono::DateTime<Utc>,
) -> ApiResult<()> {
    if req.options.len() > 3 {
        return Err(ApiError::Unprocessable(
            "WhatsApp allows at most 3 reply buttons".into(),
        ));
    }
    let titled = req.options.iter().map(|o| (o.title.clone(), &o.remedy));
    let gestures = req
        .gestures
        .iter()
        .map(|g| (lifeline_desk::policy::describe_remedy(g, ""), g));
    for (title, remedy) in titled.chain(gestures) {
        match decision(&app.desk, ctx, remedy, req.role, now) {
            Decision::Allowed => {}
            Decision::NeedsApproval { by, why } => {
                return Err(ApiError::Unprocessable(format!(
                    "{title} needs a {}'s approval before it is offered: {why}",
                    by.as_str()
                )))
            }
            Decision::Refused { why } => {
                return Err(ApiError::Unprocessable(format!(
                    "{title} cannot be offered: {why}"
                )))
            }
        }
    }
    Ok(())
}

/// The reply as WhatsApp carries it: text, or text with the options as buttons.
fn message(case_id: i64, req: &ReplyRequest) -> OutboundMessage {
    if req.options.is_empty() {
        return OutboundMessage::Text {
            body: req.text.clone(),
            preview_url: true,
        };
    }
    OutboundMessage::Buttons {
        body: req.text.clone(),
        header: None,
        footer: None,
        buttons: req
            .options
            .iter()
            .map(|o| ReplyButton {
                id: button_id(case_id, &o.remedy),
                title: o.title.clone(),
            })
            .collect(),
    }
}

/// What a reply changes on the case as it is now: it is news, so it meets the first-reply and cause
/// clocks and every promise made before; a promise in it starts a clock; options wait for the shopper,
/// and the resolution clock keeps running until their choice is carried out.
fn replied(
    row: &mut CaseRow,
    req: &ReplyRequest,
    findings: &[ToneFinding],
    message_id: Option<i64>,
    now: chrono::DateTime<Utc>,
    lang: &str,
) -> Vec<TimelineEvent> {
    let mut c = clocks(row);
    for clock in c.iter_mut() {
        if matches!(
            clock.kind,
            ClockKind::FirstHumanReply | ClockKind::CauseFound | ClockKind::Promise { .. }
        ) {
            clock.meet(now);
        }
    }
    let mut events = Vec::new();
    if !findings.is_empty() {
        events.push(TimelineEvent::ToneOverride {
            findings: findings
                .iter()
                .map(|f| format!("{:?}: {}", f.rule, f.excerpt))
                .collect(),
        });
    }
    events.push(TimelineEvent::ReplySent {
        message_id: message_id.map(|m| m.to_string()),
        template: None,
    });
    if let Some(p) = find_promise(&req.text, lang, now) {
        events.push(TimelineEvent::PromiseMade {
            text: p.phrase.clone(),
            deadline: p.deadline,
        });
        c.push(Clock::promise(&p.phrase, now, p.deadline));
    }
    let to = if req.options.is_empty() {
        CaseStatus::Investigating
    } else {
        CaseStatus::WaitingCustomer
    };
    if status(row) != to && lifeline_desk::case::can_move(status(row), to) {
        events.push(TimelineEvent::StatusChanged {
            from: status(row),
            to,
        });
        row.status = to.as_str().into();
    }
    // A person has answered: a follow-up flagged for them is done.
    let mut e = extras(row);
    e.follow_up_due = false;
    if !req.options.is_empty() {
        // A new offer: the shopper has a choice to make again, and the case waits for it.
        e.offers = req.options.iter().map(|o| o.remedy.clone()).collect();
        e.offered_by = Some(req.actor.clone());
        e.offered_role = Some(req.role);
        e.choice_carried_out = false;
    }
    set_extras(row, &e);
    refresh(row, &c, now);
    events
}

/// Sends an approved utility template on a case (the way to reach a shopper once the window has closed).
async fn send_template(
    app: &AppState,
    ctx: &CaseContext,
    choice: &TemplateChoice,
    actor: &str,
) -> ApiResult<ReplyOutcome> {
    let t = app
        .templates
        .find(&ctx.case.phone_number_id, &choice.name, &choice.language)
        .ok_or_else(|| {
            ApiError::Unprocessable(format!(
                "no template {} in {} is known for this number",
                choice.name, choice.language
            ))
        })?;
    if !t.info.usable_for_case() {
        return Err(ApiError::Unprocessable(format!(
            "{} is not an approved utility template; marketing templates are never used for a case",
            t.info.name
        )));
    }
    if choice.parameters.len() != t.body_params {
        return Err(ApiError::Unprocessable(format!(
            "{} takes {} parameters, {} given",
            t.info.name,
            t.body_params,
            choice.parameters.len()
        )));
    }
    let msg = crate::templates::message(&t, &choice.parameters);
    let out = Outgoing::new(To::from(&ctx.case), msg, DedupeKey::unique("reply"), actor);
    let mut tx = app.store.begin().await?;
    let queued = outbox::queue(&mut tx, vec![out]).await?;
    let e = TimelineEvent::ReplySent {
        message_id: queued.first().map(|m| m.to_string()),
        template: Some(t.info.name.clone()),
    };
    tx.add_case_event(ctx.case.id, &format!("agent:{actor}"), &event(&e))
        .await?;
    Outbox::of(app).commit(tx, &queued).await?;
    app.events.publish(DeskEvent::CaseChanged {
        case_id: ctx.case.id,
    });
    Ok(ReplyOutcome::Queued {
        message_id: queued.first(),
    })
}
