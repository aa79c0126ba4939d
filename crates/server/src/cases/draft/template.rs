//! The approved template to send instead of the draft once the 24-hour window has closed.

use lifeline_desk::situation::Facts;
use serde::Serialize;

use super::CaseContext;
use crate::state::AppState;

/// A template ready to send: which one and its body parameters.
#[derive(Debug, Serialize)]
pub struct TemplateSuggestion {
    pub name: String,
    pub language: String,
    pub parameters: Vec<String>,
    pub body: Option<String>,
}

/// The case-update template filled with the shopper's name, the order and the first line of the draft.
pub(super) fn suggest_template(
    app: &AppState,
    ctx: &CaseContext,
    f: &Facts,
    text: &str,
) -> Option<TemplateSuggestion> {
    let t = app.templates.choose(
        &ctx.case.phone_number_id,
        lifeline_desk::templates::purpose::CASE_UPDATE,
        &ctx.language(),
    )?;
    let name = (f.shopper_name.as_deref())
        .and_then(lifeline_desk::playbook::first_name)
        .unwrap_or_default();
    let order = f
        .order_number
        .as_ref()
        .map(|o| format!("#{}", o.trim_start_matches('#')))
        .unwrap_or_default();
    let news = text
        .split("\n\n")
        .nth(1)
        .or(text.split("\n\n").next())
        .unwrap_or("")
        .to_string();
    let parameters: Vec<String> = [name, order, crate::templates::one_line(&news)]
        .into_iter()
        .take(t.body_params.max(1))
        .collect();
    Some(TemplateSuggestion {
        name: t.info.name,
        language: t.info.language,
        parameters,
        body: t.body,
    })
}
