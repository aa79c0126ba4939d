//! A remedy carried out in the shop: the refund, the free replacement (and its tracking), the single-use
//! code or the note on the order, each under the gesture's idempotency key.

use chrono::{Duration, Utc};
use lifeline_commerce::{
    DiscountRequest, DiscountValue, Money, Order, RefundLine, RefundRequest, ReplacementItem,
};
use lifeline_desk::{playbook::Confirmation, Remedy};

use super::draft::CaseContext;
use crate::{state::AppState, store::CompensationRow};

/// Why the shop did not carry a remedy out, and whether trying again later may help.
#[derive(Debug)]
pub(super) struct Failure {
    pub reason: String,
    /// The shop throttled us, could not be reached or answered 5xx: the same call may succeed later.
    pub transient: bool,
}

impl From<String> for Failure {
    fn from(reason: String) -> Failure {
        Failure {
            reason,
            transient: false,
        }
    }
}

impl From<lifeline_commerce::CommerceError> for Failure {
    fn from(e: lifeline_commerce::CommerceError) -> Failure {
        Failure {
            transient: e.is_transient(),
            reason: e.to_string(),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

/// The shop call for a remedy; returns the confirmation to send and the shop's reference.
pub(super) async fn perform(
    app: &AppState,
    ctx: &CaseContext,
    comp: &CompensationRow,
    remedy: &Remedy,
) -> Result<(Confirmation, Option<String>), Failure> {
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
        Remedy::FullRefund
        | Remedy::PartialRefund { .. }
        | Remedy::LineRefund { .. }
        | Remedy::OrderDiscount { .. } => {
            let (_, order) = needs_order()?;
            let (amount, lines) = match remedy {
                Remedy::PartialRefund { amount_minor } => (*amount_minor, Vec::new()),
                Remedy::LineRefund { line } => line_refund(order, line)?,
                Remedy::OrderDiscount { basis_points } => (
                    order.total.minor * i64::from(*basis_points) / 10_000,
                    Vec::new(),
                ),
                _ => (order.total.minor, Vec::new()),
            };
            let money = Money::new(amount, &order.total.currency);
            let req = RefundRequest {
                amount: money.clone(),
                reason: note("refund"),
                idempotency_key: key,
                notify: true,
                through_gateway: true,
                lines,
            };
            let r = shop()?.refund(order, &req).await?;
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
        Remedy::Replacement | Remedy::LineReplacement { .. } => {
            let (_, order) = needs_order()?;
            let items: Vec<ReplacementItem> = match remedy.line() {
                // The missing line alone, never the lines the shopper already has.
                Some(line) => vec![ReplacementItem {
                    line_item_id: line.line_id.clone(),
                    quantity: line.quantity,
                }],
                None => order
                    .line_items
                    .iter()
                    .map(|l| ReplacementItem {
                        line_item_id: l.id.clone(),
                        quantity: l.quantity,
                    })
                    .collect(),
            };
            let r = shop()?
                .create_replacement(order, &items, &note("free replacement"), &key)
                .await?;
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
            let r = shop()?.create_discount_code(order, &req).await?;
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

/// What a line's refund pays back (the line's price times its quantity) and the line it names.
fn line_refund(
    order: &Order,
    line: &lifeline_desk::remedy::OrderLine,
) -> Result<(i64, Vec<RefundLine>), Failure> {
    let item =
        super::draft::missing::affected(&Remedy::LineRefund { line: line.clone() }, Some(order));
    let amount = item.first().map(|i| i.line_total_minor()).ok_or_else(|| {
        format!(
            "order #{} has no line {} to refund",
            order.number, line.line_id
        )
    })?;
    let lines = vec![RefundLine {
        line_item_id: line.line_id.clone(),
        quantity: line.quantity,
    }];
    Ok((amount, lines))
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
