//! What agents and shoppers do to a case: replies (tone-checked), remedies (within policy, approved when
//! beyond an agent's authority), carried out in the shop once, and confirmed to the shopper.

use chrono::{Duration, Utc};
use lifeline_commerce::{DiscountRequest, DiscountValue, Money, RefundRequest, ReplacementItem};
use lifeline_desk::{
    case::{CaseStatus, TimelineEvent},
    clocks::{find_promise, Clock, ClockKind},
    playbook::Confirmation,
    policy::{value_minor, Decision},
    tone::{check_tone, PromiseLimits, ToneFinding},
    Remedy, Role,
};
use lifeline_whatsapp::{outbound::ReplyButton, OutboundMessage};
use serde::Deserialize;

use super::{
    clocks,
    draft::{context, decision, CaseContext},
    event, extras, refresh, set_extras, status,
};
use crate::{
    events::DeskEvent,
    http::error::{ApiError, ApiResult},
    state::AppState,
    store::{now_ms, CaseRow, CompensationRow, NewOutbound},
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

pub async fn reply(app: &AppState, case_id: i64, req: ReplyRequest) -> ApiResult<ReplyOutcome> {
    let ctx = context(app, case_id).await?;
    let now = Utc::now();
    if let Some(choice) = &req.template {
        return send_template(app, &ctx, choice, &req.actor).await;
    }
    if req.text.trim().is_empty() {
        return Err(ApiError::BadRequest("the reply is empty".into()));
    }
    if ctx
        .conversation
        .window_expires_at
        .is_none_or(|t| t <= now_ms())
    {
        return Err(ApiError::Conflict(
            "window closed: the shopper has not written in 24 hours; send an approved template"
                .into(),
        ));
    }
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
        match decision(&app.desk, &ctx, remedy, req.role, now) {
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
    let lang = ctx.language();
    let offered: Vec<Remedy> = req.options.iter().map(|o| o.remedy.clone()).collect();
    let promised: Vec<Remedy> = offered.iter().chain(req.gestures.iter()).cloned().collect();
    let findings = check_tone(
        &req.text,
        &lang,
        Some(&PromiseLimits::from_offers(&promised)),
    );
    if !findings.is_empty() && !req.send_anyway {
        return Ok(ReplyOutcome::ToneFindings(findings));
    }
    let msg = if req.options.is_empty() {
        OutboundMessage::Text {
            body: req.text.clone(),
            preview_url: true,
        }
    } else {
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
    };
    msg.validate()
        .map_err(|e| ApiError::Unprocessable(e.to_string()))?;
    let message_id = enqueue(app, &ctx.case, &msg, &req.actor).await?;
    let mut row = ctx.case.clone();
    let mut c = clocks(&row);
    for clock in c.iter_mut() {
        // A reply is news: it meets the first-reply and cause clocks and every promise made before.
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
    if let Some(p) = find_promise(&req.text, &lang, now) {
        events.push(TimelineEvent::PromiseMade {
            text: p.phrase.clone(),
            deadline: p.deadline,
        });
        c.push(Clock::promise(&p.phrase, now, p.deadline));
    }
    let to = if offered.is_empty() {
        CaseStatus::Investigating
    } else {
        CaseStatus::WaitingCustomer
    };
    if status(&row) != to && lifeline_desk::case::can_move(status(&row), to) {
        events.push(TimelineEvent::StatusChanged {
            from: status(&row),
            to,
        });
        row.status = to.as_str().into();
    }
    if !offered.is_empty() {
        let mut e = extras(&row);
        e.offers = offered;
        e.offered_by = Some(req.actor.clone());
        e.offered_role = Some(req.role);
        set_extras(&mut row, &e);
    }
    refresh(&mut row, &c, now);
    save(app, &row, &format!("agent:{}", req.actor), events).await?;
    for gesture in req.gestures {
        request(app, case_id, gesture, &req.actor, req.role).await?;
    }
    Ok(ReplyOutcome::Queued { message_id })
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
    let message_id = enqueue(app, &ctx.case, &msg, actor).await?;
    let e = TimelineEvent::ReplySent {
        message_id: message_id.map(|m| m.to_string()),
        template: Some(t.info.name.clone()),
    };
    app.store
        .add_case_event(ctx.case.id, &format!("agent:{actor}"), &event(&e))
        .await?;
    app.events.publish(DeskEvent::CaseChanged {
        case_id: ctx.case.id,
    });
    Ok(ReplyOutcome::Queued { message_id })
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

/// Someone asks for a remedy: the policy decides whether it happens now, waits for approval, or not at all.
pub async fn request(
    app: &AppState,
    case_id: i64,
    remedy: Remedy,
    actor: &str,
    role: Role,
) -> ApiResult<CompensationRow> {
    let ctx = context(app, case_id).await?;
    let now = Utc::now();
    let (store, order) = match &ctx.order {
        Some((s, o)) => (Some(s.clone()), Some(o)),
        None if remedy.is_compensation() => {
            return Err(ApiError::Conflict(
                "no order is attached to this case yet; ask for the order number first".into(),
            ))
        }
        None => (None, None),
    };
    let total = order.map(|o| o.total.minor).unwrap_or(0);
    let currency = order.map(|o| o.total.currency.clone()).unwrap_or_default();
    let decided = decision(&app.desk, &ctx, &remedy, role, now);
    let (status, needs, why) = match &decided {
        Decision::Allowed => ("approved", None, None),
        Decision::NeedsApproval { by, why } => (
            "pending_approval",
            Some(by.as_str().to_string()),
            Some(why.clone()),
        ),
        Decision::Refused { why } => {
            return Err(ApiError::Unprocessable(format!(
                "refused by the compensation policy: {why}"
            )))
        }
    };
    let row = app
        .store
        .insert_compensation(&CompensationRow {
            case_id,
            store,
            order_number: order.map(|o| o.number.clone()),
            remedy_json: serde_json::to_string(&remedy).map_err(anyhow::Error::from)?,
            value_minor: value_minor(&remedy, total, &[]),
            currency,
            status: status.into(),
            requested_by: actor.into(),
            requested_role: role.as_str().into(),
            needs_role: needs,
            why: why.clone(),
            idempotency_key: format!("case:{case_id}:{}", remedy.id()),
            ..CompensationRow::default()
        })
        .await?;
    if row.status == "pending_approval" && status == "pending_approval" {
        if let Decision::NeedsApproval { by, why } = decided {
            app.store
                .add_case_event(
                    case_id,
                    &format!("agent:{actor}"),
                    &event(&TimelineEvent::ApprovalRequested { remedy, by, why }),
                )
                .await?;
            app.events.publish(DeskEvent::CaseChanged { case_id });
        }
        return Ok(row);
    }
    if row.status == "approved" {
        return carry_out(app, &ctx, row).await;
    }
    Ok(row) // already done or decided before: the same request never acts twice
}

/// A supervisor's answer to a request beyond an agent's authority.
pub async fn decide_approval(
    app: &AppState,
    id: i64,
    approve: bool,
    actor: &str,
    role: Role,
    reason: Option<String>,
) -> ApiResult<CompensationRow> {
    let comp = app
        .store
        .compensation(id)
        .await?
        .ok_or(ApiError::NotFound("approval"))?;
    let remedy: Remedy = serde_json::from_str(&comp.remedy_json).map_err(anyhow::Error::from)?;
    let needed = comp
        .needs_role
        .as_deref()
        .and_then(|r| serde_json::from_value::<Role>(r.into()).ok())
        .unwrap_or(Role::Supervisor);
    if role < needed {
        return Err(ApiError::Forbidden(format!(
            "only a {} or above can decide this",
            needed.as_str()
        )));
    }
    let to = if approve { "approved" } else { "rejected" };
    if !app
        .store
        .update_compensation(id, &["pending_approval"], to, Some(actor), None, None)
        .await?
    {
        return Err(ApiError::Conflict(format!(
            "this request is already {}",
            comp.status
        )));
    }
    let e = if approve {
        TimelineEvent::ApprovalApproved { remedy }
    } else {
        TimelineEvent::ApprovalRejected {
            remedy,
            why: reason.unwrap_or_default(),
        }
    };
    app.store
        .add_case_event(comp.case_id, &format!("agent:{actor}"), &event(&e))
        .await?;
    app.events.publish(DeskEvent::CaseChanged {
        case_id: comp.case_id,
    });
    let comp = app
        .store
        .compensation(id)
        .await?
        .ok_or(ApiError::NotFound("approval"))?;
    if !approve {
        return Ok(comp);
    }
    let ctx = context(app, comp.case_id).await?;
    carry_out(app, &ctx, comp).await
}

/// Retries a failed action (same idempotency key: the shop never refunds twice).
pub async fn retry(app: &AppState, id: i64) -> ApiResult<CompensationRow> {
    let comp = app
        .store
        .compensation(id)
        .await?
        .ok_or(ApiError::NotFound("action"))?;
    if !app
        .store
        .update_compensation(id, &["failed"], "approved", None, None, None)
        .await?
    {
        return Err(ApiError::Conflict(format!(
            "only a failed action can be retried; this one is {}",
            comp.status
        )));
    }
    let ctx = context(app, comp.case_id).await?;
    let comp = app
        .store
        .compensation(id)
        .await?
        .ok_or(ApiError::NotFound("action"))?;
    carry_out(app, &ctx, comp).await
}

/// The shopper tapped one of the options an agent offered.
pub async fn shopper_chose(app: AppState, case_id: i64, remedy: Remedy) {
    let result = async {
        let case = app
            .store
            .case(case_id)
            .await?
            .ok_or(ApiError::NotFound("case"))?;
        let e = extras(&case);
        app.store
            .add_case_event(
                case_id,
                "shopper",
                &event(&TimelineEvent::ShopperChose {
                    remedy: remedy.clone(),
                }),
            )
            .await?;
        if !e.offers.contains(&remedy) {
            return Err(ApiError::Conflict(
                "the shopper chose an option that was not offered on this case".into(),
            ));
        }
        let by = e.offered_by.unwrap_or_else(|| "lifeline".into());
        request(
            &app,
            case_id,
            remedy,
            &by,
            e.offered_role.unwrap_or(Role::Agent),
        )
        .await
    }
    .await;
    if let Err(e) = result {
        tracing::warn!(case_id, error = %e, "the shopper's choice was not carried out");
    }
}

/// Does it in the shop (once), notes it on the order, confirms it to the shopper, records it on the case.
async fn carry_out(
    app: &AppState,
    ctx: &CaseContext,
    comp: CompensationRow,
) -> ApiResult<CompensationRow> {
    let remedy: Remedy = serde_json::from_str(&comp.remedy_json).map_err(anyhow::Error::from)?;
    let outcome = perform(app, ctx, &comp, &remedy).await;
    let now = Utc::now();
    let mut row = ctx.case.clone();
    let actor = format!(
        "agent:{}",
        comp.decided_by.clone().unwrap_or(comp.requested_by.clone())
    );
    match outcome {
        Ok((confirmation, reference)) => {
            let lang = ctx.language();
            let mut facts = super::draft::facts(ctx, now);
            // The original parcel's tracking must never pass for the new one's.
            facts.tracking_number = None;
            facts.tracking_url = None;
            let text = app
                .desk
                .playbooks
                .confirmation_for(&lang, &confirmation, &facts);
            enqueue(
                app,
                &row,
                &OutboundMessage::Text {
                    body: text,
                    preview_url: true,
                },
                "lifeline",
            )
            .await?;
            app.store
                .update_compensation(
                    comp.id,
                    &["approved"],
                    "done",
                    None,
                    Some(&serde_json::to_string(&confirmation).unwrap_or_default()),
                    None,
                )
                .await?;
            let mut e = extras(&row);
            e.refund_in_progress |=
                matches!(remedy, Remedy::FullRefund | Remedy::PartialRefund { .. });
            e.replacement_in_transit |= remedy == Remedy::Replacement;
            if remedy == Remedy::Replacement {
                e.replacement_order = reference.clone();
            }
            set_extras(&mut row, &e);
            let mut events = vec![TimelineEvent::ActionDone {
                remedy: remedy.clone(),
                reference,
            }];
            if remedy.is_compensation() && status(&row) != CaseStatus::Resolved {
                events.push(TimelineEvent::StatusChanged {
                    from: status(&row),
                    to: CaseStatus::Resolved,
                });
                row.status = CaseStatus::Resolved.as_str().into();
                row.resolved_at = Some(now.timestamp_millis());
                let mut c = clocks(&row);
                for clock in c.iter_mut().filter(|k| k.kind == ClockKind::Resolution) {
                    clock.meet(now);
                }
                refresh(&mut row, &c, now);
            } else {
                let c = clocks(&row);
                refresh(&mut row, &c, now);
            }
            save(app, &row, &actor, events).await?;
        }
        Err(reason) => {
            app.store
                .update_compensation(comp.id, &["approved"], "failed", None, None, Some(&reason))
                .await?;
            save(
                app,
                &row,
                &actor,
                vec![TimelineEvent::ActionFailed { remedy, reason }],
            )
            .await?;
        }
    }
    Ok(app.store.compensation(comp.id).await?.unwrap_or(comp))
}

/// The shop call for a remedy; returns the confirmation to send and the shop's reference.
async fn perform(
    app: &AppState,
    ctx: &CaseContext,
    comp: &CompensationRow,
    remedy: &Remedy,
) -> Result<(Confirmation, Option<String>), String> {
    let key = comp.idempotency_key.clone();
    let needs_order = || {
        ctx.order
            .as_ref()
            .ok_or_else(|| "no order is attached to this case".to_string())
    };
    let shop = || {
        let (store, _) = needs_order()?;
        app.commerce
            .stores
            .iter()
            .find(|s| &s.name == store)
            .map(|s| s.shop.clone())
            .ok_or_else(|| format!("store {store} is no longer configured"))
    };
    let currency = ctx
        .order
        .as_ref()
        .map(|(_, o)| o.total.currency.clone())
        .unwrap_or_default();
    let note = |what: &str| {
        format!(
            "Lifeline case #{}: {what} (by {})",
            ctx.case.id,
            comp.decided_by.as_deref().unwrap_or(&comp.requested_by)
        )
    };
    let done = match remedy {
        Remedy::FullRefund | Remedy::PartialRefund { .. } | Remedy::OrderDiscount { .. } => {
            let (_, order) = needs_order()?;
            let amount = match remedy {
                Remedy::PartialRefund { amount_minor } => *amount_minor,
                Remedy::OrderDiscount { basis_points } => {
                    order.total.minor * i64::from(*basis_points) / 10_000
                }
                _ => order.total.minor,
            };
            let money = Money::new(amount, &order.total.currency);
            let req = RefundRequest {
                amount: money.clone(),
                reason: note("refund"),
                idempotency_key: key,
                notify: true,
                through_gateway: true,
            };
            let r = shop()?
                .refund(order, &req)
                .await
                .map_err(|e| e.to_string())?;
            let confirmation = match remedy {
                Remedy::OrderDiscount { .. } => Confirmation::OrderDiscounted {
                    amount_minor: r.amount.minor,
                    currency: r.amount.currency.clone(),
                },
                _ => Confirmation::Refunded {
                    amount_minor: r.amount.minor,
                    currency: r.amount.currency.clone(),
                    days_to_show: (5, 10),
                },
            };
            (confirmation, Some(r.id))
        }
        Remedy::Replacement => {
            let (_, order) = needs_order()?;
            let items: Vec<ReplacementItem> = order
                .line_items
                .iter()
                .map(|l| ReplacementItem {
                    line_item_id: l.id.clone(),
                    quantity: l.quantity,
                })
                .collect();
            let r = shop()?
                .create_replacement(order, &items, &note("free replacement"), &key)
                .await
                .map_err(|e| e.to_string())?;
            let (tracking_number, tracking_url) = replacement_tracking(app, &r.order_number).await;
            (
                Confirmation::ReplacementShipped {
                    order_number: r.order_number.clone(),
                    tracking_number,
                    tracking_url,
                },
                Some(r.order_number),
            )
        }
        Remedy::Coupon { basis_points } => {
            let (_, order) = needs_order()?;
            let code = format!(
                "SORRY-{}-{}",
                order.number.trim_start_matches('#'),
                &uuid::Uuid::new_v4().simple().to_string()[..4].to_uppercase()
            );
            let expires = Utc::now() + Duration::days(90);
            let req = DiscountRequest {
                value: DiscountValue::PercentBasisPoints(*basis_points),
                code,
                expires_at: Some(expires),
                idempotency_key: key,
            };
            let r = shop()?
                .create_discount_code(order, &req)
                .await
                .map_err(|e| e.to_string())?;
            (
                Confirmation::CouponCreated {
                    code: r.code.clone(),
                    percent: basis_points / 100,
                    expires: expires.date_naive(),
                },
                Some(r.code),
            )
        }
        Remedy::FreeExpress => (Confirmation::ExpressUpgraded, None),
        Remedy::ChaseCarrier | Remedy::KeepWaiting => (
            Confirmation::CarrierChased {
                update_within_hours: 24,
            },
            None,
        ),
        Remedy::AskEvidence => (Confirmation::EvidenceRequested, None),
        Remedy::ReturnLabel => (Confirmation::ReturnLabelSent { label_url: None }, None),
        Remedy::KeepItem => (Confirmation::KeepItem, None),
        Remedy::TalkToAgent => (Confirmation::HandedToAgent { within_minutes: 15 }, None),
    };
    if let (Some((_, order)), Ok(shop)) = (&ctx.order, shop()) {
        let tags = vec!["lifeline".to_string()];
        if let Err(e) = shop
            .add_note(
                order,
                &note(&lifeline_desk::policy::describe_remedy(remedy, &currency)),
                &tags,
            )
            .await
        {
            tracing::warn!(order = %order.number, error = %e, "could not note the action on the order");
        }
    }
    Ok(done)
}

/// The new parcel of a replacement, when the shop already has one.
async fn replacement_tracking(app: &AppState, number: &str) -> (Option<String>, Option<String>) {
    match app.commerce.find_order(number, None).await {
        Ok(Some((_, o))) => o
            .shipments
            .first()
            .map(|s| (Some(s.tracking_number.clone()), s.tracking_url.clone()))
            .unwrap_or((None, None)),
        _ => (None, None),
    }
}
