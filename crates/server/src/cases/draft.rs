//! What the desk knows about a case (order, parcel, what was given before), the options the policy lets
//! an agent offer, and the playbook draft filled with those facts.

use chrono::{DateTime, Utc};
use lifeline_commerce::Order;
use lifeline_desk::{
    policy::{decide, CompensationRequest, Decision, GivenCompensation, RemedyKind},
    situation::{situation, Facts, Situation},
    Remedy, Role,
};
use lifeline_triage::{CaseReading, ExceptionKind};
use serde::Serialize;

use super::{from_ms, kind, DeskRuntime};

pub mod canned;
pub(super) mod missing;
mod parcel;
mod template;
use crate::{
    http::error::{ApiError, ApiResult},
    state::AppState,
    store::{CaseRow, CompensationRow, ConversationView},
};
use template::suggest_template;
pub use template::TemplateSuggestion;

/// A case with everything around it.
pub struct CaseContext {
    pub case: CaseRow,
    pub conversation: ConversationView,
    /// The store it came from and the order, when one is attached.
    pub order: Option<(String, Order)>,
    /// What was given for this order before, in any case.
    pub given: Vec<CompensationRow>,
    /// The case's order while it is not shown to be the shopper's: for the agent's eyes only, never in
    /// `order`, so nothing of it reaches a draft, a button or an automatic message.
    pub unverified: Option<crate::orders::ownership::Judged>,
    /// The shops were asked for the case's order number and none has it.
    pub order_missing: bool,
    /// For a missing item: the line the shopper says is missing, or the lines to ask about.
    pub missing: Option<lifeline_desk::missing::MissingLine>,
    /// What the shopper and the desk said lately: the register to answer in, and whether to greet.
    pub recent: crate::store::RecentWords,
}

impl CaseContext {
    pub fn language(&self) -> String {
        self.case
            .language
            .clone()
            .or_else(|| self.conversation.language.clone())
            .unwrap_or_else(|| "en".into())
    }
}

pub async fn context(app: &AppState, case_id: i64) -> ApiResult<CaseContext> {
    let case = app
        .store
        .case(case_id)
        .await?
        .ok_or(ApiError::NotFound("case"))?;
    let conversation = app
        .store
        .conversation(case.conversation_id)
        .await?
        .ok_or(ApiError::NotFound("conversation"))?;
    let same = |n: &str| {
        case.order_number
            .as_deref()
            .is_none_or(|o| lifeline_desk::case::same_order(o, n))
    };
    let judged = crate::orders::ownership::judged(&app.store, &conversation).await?;
    let (order, unverified) = match judged.into_iter().find(|j| same(&j.number)) {
        Some(j) if j.verdict.is_verified() => (Some((j.store, j.order)), None),
        other => (None, other),
    };
    let given = match &order {
        Some((_, o)) => app.store.order_compensations(&o.number).await?,
        None => Vec::new(),
    };
    let missing =
        missing::of_case(app, &case, &conversation, order.as_ref().map(|(_, o)| o)).await?;
    let order_missing = order.is_none() && unverified.is_none() && {
        // A lookup that found the number in no shop leaves a row with no store and no order.
        let rows = app.store.conversation_orders(conversation.id).await?;
        rows.iter().any(|r| {
            r.store.is_empty()
                && r.order_json.is_none()
                && case
                    .order_number
                    .as_deref()
                    .is_some_and(|n| lifeline_desk::case::same_order(n, &r.order_number))
        })
    };
    let recent = app.store.recent_words(conversation.id).await?;
    Ok(CaseContext {
        case,
        conversation,
        order,
        given,
        unverified,
        missing,
        order_missing,
        recent,
    })
}

/// The facts a playbook is filled with.
pub fn facts(ctx: &CaseContext, now: DateTime<Utc>) -> Facts {
    let reading: CaseReading = ctx
        .case
        .reading_json
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let lang = ctx.language();
    let mut f = Facts {
        shopper_name: ctx.conversation.contact_name.clone(),
        order_number: ctx.case.order_number.clone(),
        has_photo: reading.photos > 0,
        locale: ctx
            .conversation
            .country
            .as_ref()
            .map(|c| format!("{lang}-{c}")),
        shopper_says: reading.situation,
        order_found: ctx.order_missing.then_some(false),
        ..Facts::default()
    };
    if let Some((_, o)) = &ctx.order {
        f.order_found = Some(true);
        // The person chatting is the WhatsApp profile, which the acknowledgement already greeted; the
        // order's name (maybe a partner's) only when the profile gives none.
        let named = |n: &String| lifeline_desk::playbook::first_name(n).is_some();
        f.shopper_name = (f.shopper_name.filter(named))
            .or(o.customer.first_name.clone().filter(named))
            .or(o.customer.name.clone());
        f.order_number = Some(o.number.clone());
        f.item = o.line_items.first().map(|l| l.name.clone());
        if let Some(m) = &ctx.missing {
            // A missing item names the line the shopper says is missing, never just the first.
            f.item = m.line().map(|l| l.name.clone());
            f.missing_line = Some(m.clone());
        }
        if o.financial_status == lifeline_commerce::FinancialStatus::Pending {
            f.payment_pending_since = Some(o.placed_at.date_naive());
        }
        f.order_total_minor = Some(o.total.minor);
        f.currency = Some(o.total.currency.clone());
        if let Some(s) = o.shipments.first() {
            parcel::fill(&mut f, s, now);
        }
    }
    let address = ctx.recent.address(&lang, now);
    (f.register, f.greeted) = (address.register, address.greeted);
    // Triage says "payment"; the shopper's own words say whether it was a double charge.
    f.charged_twice = ctx
        .recent
        .shopper
        .iter()
        .any(|said| lifeline_desk::situation::mentions_double_charge(said));
    f
}

/// The kind whose policy applies: a parcel silent past the stall threshold is handled as lost
/// (domain brief: chase after 7 days, treat as lost 48 hours later), one "delivered" that never
/// arrived or declared lost by its carrier likewise. A parcel the tracking places within the shopper's
/// reach (waiting at a pickup point, or after a failed attempt) or an order not shipped yet is not lost,
/// whatever the shopper fears: at most late.
pub fn policy_kind(kind: ExceptionKind, situation: Situation) -> ExceptionKind {
    use lifeline_desk::situation::Whereabouts;
    match situation {
        Situation::Stalled
        | Situation::LostInTransit
        | Situation::DeliveredNotReceived
        | Situation::DeclaredLost
        | Situation::ReturnedToSender => ExceptionKind::Lost,
        Situation::AwaitingPickup
        | Situation::DeliveryFailed
        | Situation::WhereIsMyOrder(Whereabouts::NotShippedYet)
            if kind == ExceptionKind::Lost =>
        {
            ExceptionKind::Delayed
        }
        _ => kind,
    }
}

/// Days behind: past the estimated date, or, for a parcel that stopped moving, the days it has been silent.
fn lateness(f: &Facts, situation: Situation) -> Option<i64> {
    match situation {
        Situation::Stalled | Situation::LostInTransit => f.days_late.max(f.days_since_movement),
        _ => f.days_late,
    }
}

/// The remedies the policy lists for the kind, made concrete for this order.
fn candidates(
    desk: &DeskRuntime,
    kind: ExceptionKind,
    f: &Facts,
    situation: Situation,
) -> Vec<Remedy> {
    let mut out = Vec::new();
    let delivery = matches!(
        kind,
        ExceptionKind::Delayed | ExceptionKind::WhereIsMyOrder | ExceptionKind::Lost
    );
    if delivery && parcel::chase_fits(f, situation) {
        out.push(Remedy::ChaseCarrier);
    }
    if (kind == ExceptionKind::Damaged && !f.has_photo) || kind == ExceptionKind::Payment {
        out.push(Remedy::AskEvidence);
    }
    let total = f.order_total_minor.unwrap_or(0);
    let late = lateness(f, situation).unwrap_or(0);
    for offer in desk.policy.rule(policy_kind(kind, situation)).offers {
        if offer.days_late_over.is_some_and(|d| late <= d) {
            continue;
        }
        let pct = offer.max_percent.unwrap_or(0);
        if let Some(m) = &f.missing_line {
            // A missing item is made good for its line alone, once the line is known.
            match offer.remedy {
                RemedyKind::Replacement | RemedyKind::PartialRefund => {
                    let replacement = offer.remedy == RemedyKind::Replacement;
                    out.extend(missing::line_remedy(m, replacement));
                    continue;
                }
                _ => {}
            }
        }
        out.push(match offer.remedy {
            RemedyKind::FullRefund => Remedy::FullRefund,
            RemedyKind::PartialRefund => Remedy::PartialRefund {
                amount_minor: total * i64::from(pct.max(10)) / 100,
            },
            RemedyKind::Replacement => Remedy::Replacement,
            RemedyKind::Coupon => Remedy::Coupon {
                basis_points: pct.max(5) * 100,
            },
            RemedyKind::OrderDiscount => Remedy::OrderDiscount {
                basis_points: pct.max(5) * 100,
            },
            RemedyKind::FreeExpress => Remedy::FreeExpress,
        });
    }
    out.dedup();
    out
}

/// The policy's answer for one remedy on this case, at `role`.
pub fn decision(
    desk: &DeskRuntime,
    ctx: &CaseContext,
    remedy: &Remedy,
    role: Role,
    now: DateTime<Utc>,
) -> Decision {
    let f = facts(ctx, now);
    let sit = situation(kind(&ctx.case), &f, now);
    let policy_kind = policy_kind(kind(&ctx.case), sit);
    let given: Vec<GivenCompensation> = ctx
        .given
        .iter()
        .filter_map(|g| {
            Some(GivenCompensation {
                kind: policy_kind,
                remedy: serde_json::from_str(&g.remedy_json).ok()?,
                value_minor: g.value_minor,
                at: from_ms(g.created_at),
            })
        })
        .collect();
    let currency = f.currency.clone().unwrap_or_else(|| "USD".into());
    decide(
        &desk.policy,
        &CompensationRequest {
            kind: policy_kind,
            remedy,
            order_total_minor: f.order_total_minor.unwrap_or(0),
            currency: &currency,
            days_late: lateness(&f, sit),
            already_given: &given,
            role,
            items: &missing::affected(remedy, ctx.order.as_ref().map(|(_, o)| o)),
        },
    )
}

/// One option with the policy's answer, for the agent's screen.
#[derive(Debug, Serialize)]
pub struct OptionView {
    pub remedy: Remedy,
    pub decision: Decision,
}

/// The draft for an agent of `role`: the options they may offer on their own, the others with the reason.
#[derive(Debug, Serialize)]
pub struct DraftView {
    pub situation: String,
    pub language: String,
    pub text: String,
    pub buttons: Vec<lifeline_desk::playbook::DraftOption>,
    /// Gestures the text already gives (a coupon "for the trouble"): carried out when the reply is sent.
    pub gestures: Vec<Remedy>,
    pub options: Vec<OptionView>,
    pub facts: Facts,
    /// False once 24 hours have passed since the shopper last wrote: only a template can go out.
    pub window_open: bool,
    /// The approved utility template to send instead, filled, when the window has closed.
    pub template: Option<TemplateSuggestion>,
}

pub fn draft(app: &AppState, ctx: &CaseContext, role: Role, now: DateTime<Utc>) -> DraftView {
    if let Some(j) = &ctx.unverified {
        return crate::orders::ownership::unverified_draft(app, ctx, j, now);
    }
    let desk = &app.desk;
    let mut f = facts(ctx, now);
    let sit = situation(kind(&ctx.case), &f, now);
    let options: Vec<OptionView> = candidates(desk, kind(&ctx.case), &f, sit)
        .into_iter()
        .map(|remedy| OptionView {
            decision: decision(desk, ctx, &remedy, role, now),
            remedy,
        })
        .collect();
    // Up to three choices for buttons, plus one gesture the text can give on top ("5% off, for the trouble").
    let allowed = || {
        options
            .iter()
            .filter(|o| matches!(o.decision, Decision::Allowed))
            .map(|o| o.remedy.clone())
    };
    let choices = allowed()
        .filter(|r| !lifeline_desk::playbook::is_gesture(r))
        .take(3);
    f.offers = choices
        .chain(
            allowed()
                .filter(lifeline_desk::playbook::is_gesture)
                .take(1),
        )
        .collect();
    let lang = ctx.language();
    let d = desk.playbooks.draft(sit, &lang, &f);
    let in_buttons = |r: &Remedy| d.options.iter().any(|o| &o.remedy == r);
    let gestures = f
        .offers
        .iter()
        .filter(|r| lifeline_desk::playbook::is_gesture(r) && !in_buttons(r))
        .cloned()
        .collect();
    let window_open = crate::outbox::Window::of(ctx.conversation.window_expires_at)
        .is_open(crate::store::now_ms());
    let template = if window_open {
        None
    } else {
        suggest_template(app, ctx, &f, &d.text)
    };
    DraftView {
        situation: sit.key().to_string(),
        language: lang,
        text: d.text,
        buttons: d.options,
        gestures,
        options,
        facts: f,
        window_open,
        template,
    }
}
