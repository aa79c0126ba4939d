//! A shopper's tap on a remedy button. The inbound transaction writes it as a pending action, so a crash
//! after that commit loses nothing; the actions worker carries it out through the remedies, where the
//! compensation's key (`case:<id>:<remedy>`) makes the shop act once and the confirmation's own key
//! tells the shopper once, however many attempts it takes. A choice the desk cannot carry out, or that
//! waits for a supervisor's approval, is answered honestly in the shopper's language and put in front
//! of an agent (see [`answer`]); so is a choice a supervisor then did not approve.

mod answer;

use lifeline_desk::{case::TimelineEvent, Remedy};
use serde::{Deserialize, Serialize};

use self::answer::Unmet;
use super::{actions, event};
use crate::{
    events::DeskEvent,
    http::error::{ApiError, ApiResult},
    state::AppState,
    store::{ActionRow, CompensationRow, NewAction, StoreTx},
};

/// The kind of pending action a tap is.
pub const KIND: &str = "tap";

/// A tap as the inbound worker read it: the case and remedy its button names, where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tap {
    pub case_id: i64,
    pub remedy: Remedy,
    /// The conversation the tap came from; the case must be in it.
    pub conversation_id: i64,
    /// The inbound message of the tap (its key: one action per tapped message).
    pub message_id: i64,
}

impl Tap {
    fn action(&self) -> anyhow::Result<NewAction> {
        Ok(NewAction {
            case_id: self.case_id,
            kind: KIND.into(),
            payload_json: serde_json::to_string(self)?,
            idempotency_key: format!("tap:{}", self.message_id),
        })
    }
}

/// Writes taps as pending actions in the inbound transaction; true when there was one (the worker is
/// woken after the commit).
pub async fn queue(tx: &mut StoreTx, taps: impl IntoIterator<Item = Tap>) -> anyhow::Result<bool> {
    let rows = taps
        .into_iter()
        .map(|t| t.action())
        .collect::<anyhow::Result<Vec<_>>>()?;
    tx.queue_actions(&rows).await?;
    Ok(!rows.is_empty())
}

/// Why an attempt left a tap not carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TapError {
    /// Worth trying again later: the database or the shop was away for a while.
    Again(String),
    /// Trying again cannot help (refused, not this shopper's case, the shop said no); the reason is kept.
    Final(String),
}

fn again(e: impl std::fmt::Display) -> TapError {
    TapError::Again(e.to_string())
}

/// Carries taps out for the actions worker. It holds the desk's state because deciding and carrying out
/// a remedy (the policy, the shop, the outbox and the templates) uses most of it.
#[derive(Clone)]
pub struct Taps {
    app: AppState,
}

impl Taps {
    /// Taps carried out with this desk's state.
    pub fn new(app: AppState) -> Taps {
        Taps { app }
    }

    /// One attempt at a pending tap. Each attempt looks at what the earlier ones left (a compensation
    /// decided, approved, failed or done) and carries on from there, so a crash at any point is followed
    /// by the rest of the work, never by a second refund or a second confirmation.
    pub async fn carry_out(&self, action: &ActionRow) -> Result<(), TapError> {
        if action.kind == crate::store::REMEDY_KIND {
            return self.approved_remedy(action).await;
        }
        let tap = read(action)?;
        let app = &self.app;
        let case = app.store.case(tap.case_id).await.map_err(again)?;
        match case {
            None => return Err(TapError::Final("the tapped case does not exist".into())),
            Some(c) if c.conversation_id != tap.conversation_id => {
                return Err(TapError::Final(
                    "the tap came from another conversation than the case's".into(),
                ))
            }
            Some(_) => {}
        }
        let key = format!("case:{}:{}", tap.case_id, tap.remedy.id());
        let earlier = app
            .store
            .case_compensations(tap.case_id)
            .await
            .map_err(again)?
            .into_iter()
            .find(|c| c.idempotency_key == key);
        let attempt = match earlier {
            None => return self.first(&tap).await,
            Some(c) if c.status == "failed" => actions::retry_by(app, c.id, "lifeline").await,
            Some(c) if c.status == "approved" => actions::resume(app, c).await,
            Some(c) if c.status == "pending_approval" => return self.awaiting_approval(&tap).await,
            Some(c) if c.status == "rejected" => return self.not_again(&tap).await,
            Some(_) => return Ok(()), // done
        };
        outcome(attempt)
    }

    /// An approved remedy the request that approved it did not carry out (its desk died meanwhile):
    /// carried on from where the compensation stands, with the same key, so the shop acts once.
    async fn approved_remedy(&self, action: &ActionRow) -> Result<(), TapError> {
        let what: crate::store::RemedyAction = serde_json::from_str(&action.payload_json)
            .map_err(|e| TapError::Final(format!("the action cannot be read: {e}")))?;
        let comp = self
            .app
            .store
            .compensation(what.compensation_id)
            .await
            .map_err(again)?;
        match comp {
            Some(c) if c.status == "approved" => outcome(actions::resume(&self.app, c).await),
            Some(_) => Ok(()), // carried out (or failed visibly) meanwhile
            None => Err(TapError::Final("the compensation does not exist".into())),
        }
    }

    /// The first look at a tap: the choice recorded and decided; a refusal, or a choice that waits for a
    /// supervisor's approval, is answered (never as done) and put in front of an agent.
    async fn first(&self, tap: &Tap) -> Result<(), TapError> {
        match actions::shopper_chose(&self.app, tap.case_id, tap.remedy.clone()).await {
            Err(ApiError::Unprocessable(why) | ApiError::Conflict(why)) => {
                answer::answer(&self.app, tap, Unmet::Refused(&why))
                    .await
                    .map_err(again)?;
                Err(TapError::Final(why))
            }
            Ok(c) if c.status == "pending_approval" => self.awaiting_approval(tap).await,
            other => outcome(other),
        }
    }

    /// A tapped choice in a supervisor's queue: the shopper hears it waits for a person's approval, once.
    async fn awaiting_approval(&self, tap: &Tap) -> Result<(), TapError> {
        if !answer::answered(&self.app, tap).await.map_err(again)? {
            answer::answer(&self.app, tap, Unmet::AwaitingApproval)
                .await
                .map_err(again)?;
        }
        Ok(())
    }

    /// A choice tapped again after a supervisor did not approve it: answered as one the desk cannot
    /// arrange (never silence), and put in front of an agent.
    async fn not_again(&self, tap: &Tap) -> Result<(), TapError> {
        let why = "a supervisor did not approve it when it was chosen before";
        answer::answer(&self.app, tap, Unmet::Refused(why))
            .await
            .map_err(again)?;
        Err(TapError::Final(why.into()))
    }

    /// Puts on the case that Lifeline stopped trying to carry the tap out by itself (an agent can still).
    pub async fn gave_up(&self, action: &ActionRow, reason: &str) {
        let Ok(tap) = read(action) else { return };
        let e = TimelineEvent::ActionFailed {
            remedy: tap.remedy,
            reason: format!(
                "{reason} (tried {} times; Lifeline will not try again by itself)",
                action.attempts
            ),
        };
        let app = &self.app;
        match app
            .store
            .add_case_event(tap.case_id, "system", &event(&e))
            .await
        {
            Ok(_) => app.events.publish(DeskEvent::CaseChanged {
                case_id: tap.case_id,
            }),
            Err(e) => tracing::warn!(
                case_id = tap.case_id,
                error = format!("{e:#}"),
                "could not note on the case that a tap was given up"
            ),
        }
    }
}

/// A remedy a supervisor did not approve (`why`). A shopper who tapped it and was told it waits for
/// approval is told it was not approved and that a person replies, with that promise kept; either way
/// the case goes back to an agent with the task of offering something else.
pub(super) async fn not_approved(
    app: &AppState,
    comp: &CompensationRow,
    remedy: &Remedy,
    why: &str,
) -> anyhow::Result<()> {
    match told_it_waits(app, comp.case_id, remedy).await? {
        Some(tap) => {
            let unmet = Unmet::NotApproved {
                compensation_id: comp.id,
                why,
            };
            answer::answer(app, &tap, unmet).await
        }
        None => answer::hand_back(app, comp.case_id, remedy, why).await,
    }
}

/// The shopper's tap of `remedy` on the case that was answered as waiting for approval, if any.
async fn told_it_waits(
    app: &AppState,
    case_id: i64,
    remedy: &Remedy,
) -> anyhow::Result<Option<Tap>> {
    for action in app.store.case_actions(case_id).await?.iter().rev() {
        let Ok(tap) = read(action) else { continue };
        if tap.remedy.id() == remedy.id() && answer::answered(app, &tap).await? {
            return Ok(Some(tap));
        }
    }
    Ok(None)
}

/// The tap a pending action holds.
fn read(action: &ActionRow) -> Result<Tap, TapError> {
    if action.kind != KIND {
        return Err(TapError::Final(format!(
            "not a tap: {} actions are not known to this desk",
            action.kind
        )));
    }
    serde_json::from_str(&action.payload_json)
        .map_err(|e| TapError::Final(format!("the stored tap cannot be read: {e}")))
}

/// What a remedy's answer means for the tap: carried out (or handed to a supervisor), worth another
/// attempt, or not going to happen.
fn outcome(answer: ApiResult<CompensationRow>) -> Result<(), TapError> {
    match answer {
        Ok(c) if c.status == "failed" => {
            let why = c.error.unwrap_or_else(|| "the shop did not do it".into());
            Err(if c.retryable {
                TapError::Again(why)
            } else {
                TapError::Final(why)
            })
        }
        Ok(_) => Ok(()),
        // The database was away, or an agent moved the compensation on meanwhile: look again.
        Err(ApiError::Internal(e)) => Err(TapError::Again(format!("{e:#}"))),
        Err(ApiError::Conflict(why)) => Err(TapError::Again(why)),
        Err(other) => Err(TapError::Final(other.to_string())),
    }
}
