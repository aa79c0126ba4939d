//! A supervisor's answer to a remedy beyond an agent's authority. Approved, it is carried out like any
//! other; not approved, nothing claims it was done: a shopper who tapped it and was told it waits for
//! approval hears that it was not approved and that a person replies, and the case goes back to an
//! agent with the task of offering something else ([`taps::not_approved`]).

use lifeline_desk::{case::TimelineEvent, Remedy, Role};

use super::{draft::context, event, remedies::carry_out, taps};
use crate::{
    events::DeskEvent,
    http::error::{ApiError, ApiResult},
    state::AppState,
    store::CompensationRow,
};

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
    let why = reason.unwrap_or_default();
    let e = if approve {
        TimelineEvent::ApprovalApproved {
            remedy: remedy.clone(),
        }
    } else {
        TimelineEvent::ApprovalRejected {
            remedy: remedy.clone(),
            why: why.clone(),
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
        taps::not_approved(app, &comp, &remedy, &why).await?;
        return Ok(comp);
    }
    let ctx = context(app, comp.case_id).await?;
    carry_out(app, &ctx, comp).await
}
