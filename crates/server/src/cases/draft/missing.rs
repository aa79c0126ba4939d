//! A missing item's line: read from the shopper's messages of the case against the order's lines,
//! and a line remedy held to that order (its line, its price, at most its quantity).

use lifeline_commerce::Order;
use lifeline_desk::{
    missing::{read_missing_line, Line, MissingLine},
    policy::AffectedItem,
    remedy::OrderLine,
    Remedy,
};
use lifeline_triage::ExceptionKind;

use crate::{
    state::AppState,
    store::{CaseRow, ConversationView},
};

/// How many of the conversation's latest messages are read for the missing line.
const MESSAGES_READ: i64 = 500;

/// For a missing-item case with its order: the line the shopper's messages since the case opened
/// name, or the order's lines to ask about. `None` for any other case.
pub async fn of_case(
    app: &AppState,
    case: &CaseRow,
    conversation: &ConversationView,
    order: Option<&Order>,
) -> anyhow::Result<Option<MissingLine>> {
    let Some(order) = order else {
        return Ok(None);
    };
    if super::kind(case) != ExceptionKind::MissingItem {
        return Ok(None);
    }
    let messages = app
        .store
        .conversation_messages(conversation.id, MESSAGES_READ)
        .await?;
    let texts: Vec<&str> = messages
        .iter()
        .rev()
        .filter(|m| m.direction == "in" && m.sent_at >= case.opened_at)
        .filter_map(|m| m.body.as_deref())
        .collect();
    Ok(Some(read_missing_line(&app.triager, &texts, &lines(order))))
}

fn lines(order: &Order) -> Vec<Line<'_>> {
    order
        .line_items
        .iter()
        .map(|l| Line {
            id: &l.id,
            name: &l.name,
            quantity: l.quantity,
            unit_price_minor: l.unit_price.minor,
        })
        .collect()
}

/// A line remedy as the order knows it: named after the order's line, its quantity within the
/// line's. A remedy for the whole order is returned as it is.
pub fn scoped(remedy: Remedy, order: &Order) -> Result<Remedy, String> {
    let Some(asked) = remedy.line() else {
        return Ok(remedy);
    };
    let Some(item) = order.line_items.iter().find(|l| l.id == asked.line_id) else {
        return Err(format!(
            "order #{} has no line {}; look at the order's lines again",
            order.number, asked.line_id
        ));
    };
    if asked.quantity == 0 || asked.quantity > item.quantity {
        return Err(format!(
            "order #{} has {} × {}, not {}",
            order.number, item.quantity, item.name, asked.quantity
        ));
    }
    let line = OrderLine {
        name: item.name.clone(),
        ..asked.clone()
    };
    Ok(match remedy {
        Remedy::LineReplacement { .. } => Remedy::LineReplacement { line },
        Remedy::LineRefund { .. } => Remedy::LineRefund { line },
        other => other,
    })
}

/// The items a remedy is about, for the compensation policy: a line remedy's line at its price,
/// nothing for a remedy of the whole order.
pub fn affected(remedy: &Remedy, order: Option<&Order>) -> Vec<AffectedItem> {
    let (Some(line), Some(order)) = (remedy.line(), order) else {
        return Vec::new();
    };
    order
        .line_items
        .iter()
        .find(|l| l.id == line.line_id)
        .map(|l| AffectedItem {
            unit_price_minor: l.unit_price.minor,
            quantity: line.quantity.min(l.quantity),
        })
        .into_iter()
        .collect()
}

/// The line remedies the policy's replacement and refund become on a missing-item case: for the
/// missing line once it is known, none while the desk still asks which item it is.
pub fn line_remedy(missing: &MissingLine, replacement: bool) -> Option<Remedy> {
    let line = missing.line()?.clone();
    Some(if replacement {
        Remedy::LineReplacement { line }
    } else {
        Remedy::LineRefund { line }
    })
}
