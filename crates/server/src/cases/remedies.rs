//! Remedies: asked for by an agent or chosen by the shopper, decided by the compensation policy (or a
//! supervisor), carried out in the shop once, noted on the order, and confirmed to the shopper.

use chrono::Utc;
use lifeline_desk::{
    case::TimelineEvent,
    policy::{value_minor, Decision},
    Remedy, Role,
};

use super::{
    actions::save,
    draft::{context, decision, missing, CaseContext},
    event, extras,
};
use crate::{
    events::DeskEvent,
    http::error::{ApiError, ApiResult},
    state::AppState,
    store::CompensationRow,
};

/// Someone asks for a remedy: the policy decides whether it happens now, waits for approval, or not at all.
#[tracing::instrument(name = "remedy", skip(app, role),
    fields(desk = %crate::leases::this_desk()))]
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
    // A line's remedy is recorded with the order's own name for the line, within its quantity.
    let remedy = match order {
        Some(o) => missing::scoped(remedy, o).map_err(ApiError::Unprocessable)?,
        None => remedy,
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
            value_minor: value_minor(&remedy, total, &missing::affected(&remedy, order)),
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

/// Retries a failed action (same idempotency key: the shop never refunds twice).
pub async fn retry(app: &AppState, id: i64) -> ApiResult<CompensationRow> {
    retry_by(app, id, "api").await
}

/// [`retry`] by `actor` (`agent:<who>` or `api`): the timeline records the retry, then its outcome.
pub async fn retry_by(app: &AppState, id: i64, actor: &str) -> ApiResult<CompensationRow> {
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
    let retried = match serde_json::from_str::<Remedy>(&comp.remedy_json) {
        Ok(remedy) => super::event(&TimelineEvent::ActionRetried { remedy }),
        Err(_) => serde_json::json!({"event": "action_retried"}).to_string(),
    };
    app.store
        .add_case_event(comp.case_id, actor, &retried)
        .await?;
    let ctx = context(app, comp.case_id).await?;
    let comp = app
        .store
        .compensation(id)
        .await?
        .ok_or(ApiError::NotFound("action"))?;
    carry_out(app, &ctx, comp).await
}

/// The shopper tapped one of the options an agent offered: the choice goes on the timeline, then the
/// policy decides it with the authority of whoever offered it. Carried out by the actions worker.
pub async fn shopper_chose(
    app: &AppState,
    case_id: i64,
    remedy: Remedy,
) -> ApiResult<CompensationRow> {
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
    // A button's id names a line by its id alone; the offered option carries its name.
    let Some(remedy) = e.offers.iter().find(|r| r.id() == remedy.id()).cloned() else {
        return Err(ApiError::Conflict(
            "the shopper chose an option that was not offered on this case".into(),
        ));
    };
    let by = e.offered_by.unwrap_or_else(|| "lifeline".into());
    let role = e.offered_role.unwrap_or(Role::Agent);
    request(app, case_id, remedy, &by, role).await
}

/// Carries on with an approved action a desk stopped in the middle of (same key: the shop does it once).
pub async fn resume(app: &AppState, comp: CompensationRow) -> ApiResult<CompensationRow> {
    let ctx = context(app, comp.case_id).await?;
    carry_out(app, &ctx, comp).await
}

/// Does it in the shop (once), notes it on the order, confirms it to the shopper, records it on the case.
#[tracing::instrument(name = "remedy_carried_out", skip_all, fields(desk = %crate::leases::this_desk(),
    case_id = comp.case_id, compensation_id = comp.id))]
pub(super) async fn carry_out(
    app: &AppState,
    ctx: &CaseContext,
    comp: CompensationRow,
) -> ApiResult<CompensationRow> {
    let id = comp.id;
    let result = carry_out_once(app, ctx, comp).await;
    if result.is_ok() {
        // Carried out here (done, or failed with its reason): the pending action written with the
        // approval is no longer needed; on an error it stays, and the actions worker takes it later.
        app.store.settle_remedy_actions(id).await?;
    }
    result
}

async fn carry_out_once(
    app: &AppState,
    ctx: &CaseContext,
    comp: CompensationRow,
) -> ApiResult<CompensationRow> {
    let remedy: Remedy = serde_json::from_str(&comp.remedy_json).map_err(anyhow::Error::from)?;
    let outcome = super::shop::perform(app, ctx, &comp, &remedy).await;
    match &outcome {
        Ok(_) => tracing::info!(?remedy, "carried out in the shop"),
        Err(reason) => tracing::warn!(?remedy, %reason, "not carried out in the shop"),
    }
    let row = ctx.case.clone();
    let actor = format!(
        "agent:{}",
        comp.decided_by.clone().unwrap_or(comp.requested_by.clone())
    );
    match outcome {
        Ok((confirmation, reference)) => {
            let done = super::confirm::Done {
                confirmation,
                reference,
            };
            super::confirm::record_done(app, ctx, &comp, &remedy, done, &actor).await?;
        }
        Err(failure) => {
            let reason = failure.reason;
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
            let mut failed = app.store.compensation(comp.id).await?.unwrap_or(comp);
            failed.retryable = failure.transient;
            return Ok(failed);
        }
    }
    Ok(app.store.compensation(comp.id).await?.unwrap_or(comp))
}
