//! Admin screens (admins only): the business numbers and their health, the WhatsApp templates with a
//! sync on demand, the canned replies, and a read-only view of the compensation policy and SLA.

mod canned;
mod policy;
mod stores;

pub use canned::{add_canned, canned_page, delete_canned};
pub use policy::policy_page;
pub use stores::{check_store, stores_page};

use askama::Template;
use axum::{
    extract::State,
    response::{IntoResponse, Redirect, Response},
};
use lifeline_desk::Role;
use serde::Deserialize;

use super::{
    page,
    session::{Agent, CsrfForm},
    view, Nav, WebError,
};
use crate::state::AppState;

/// The path Meta posts to, under the desk's public address.
const WEBHOOK_PATH: &str = "/webhooks/whatsapp";

/// One business number as the numbers page shows it.
struct NumberLine {
    display: String,
    phone_number_id: String,
    api_version: String,
    waba_id: String,
    /// `healthy`, `credentials` or `outage`: what the health badge says.
    state: &'static str,
    /// Why it cannot send, with Meta's error code when there is one.
    problem: String,
    since: String,
    verify_token_set: bool,
}

#[derive(Template)]
#[template(path = "admin_numbers.html")]
struct NumbersPage {
    nav: Nav,
    lines: Vec<NumberLine>,
    webhook_url: String,
    /// False when `public_url` is not configured, so the URL shown is only a pattern.
    webhook_known: bool,
}

/// Where Meta must send this desk's webhooks.
fn webhook_url(public_url: Option<&str>) -> (String, bool) {
    match public_url.map(|u| u.trim().trim_end_matches('/')) {
        Some(base) if !base.is_empty() => (format!("{base}{WEBHOOK_PATH}"), true),
        _ => (
            format!("https://<this desk's public address>{WEBHOOK_PATH}"),
            false,
        ),
    }
}

/// `GET /admin/numbers`.
pub async fn numbers_page(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let mut lines: Vec<NumberLine> = app
        .numbers
        .iter()
        .map(|n| {
            let h = n.health();
            let problem = match (&h.reason, h.error_code) {
                (Some(r), Some(code)) => format!("{r} (error {code})"),
                (Some(r), None) => r.clone(),
                (None, Some(code)) => format!("error {code}"),
                (None, None) => String::new(),
            };
            NumberLine {
                display: n.config.display_phone_number.clone(),
                phone_number_id: n.config.phone_number_id.clone(),
                api_version: n.config.api_version.clone(),
                waba_id: n.config.waba_id.clone().unwrap_or_default(),
                state: h.state.as_str(),
                problem,
                since: view::full_time(h.since_ms),
                verify_token_set: !n.config.verify_token.is_empty(),
            }
        })
        .collect();
    lines.sort_by(|a, b| a.display.cmp(&b.display));
    let (webhook_url, webhook_known) = webhook_url(app.config.public_url.as_deref());
    page(NumbersPage {
        nav: Nav::of(&agent, "admin"),
        lines,
        webhook_url,
        webhook_known,
    })
}

/// One template as the templates page lists it.
struct TemplateLine {
    number: String,
    name: String,
    language: String,
    category: String,
    status: String,
    usable: bool,
    purpose: String,
    source: &'static str,
    body: String,
}

/// The outcome of the last sync of one number.
struct SyncLine {
    number: String,
    outcome: String,
    ok: bool,
}

#[derive(Template)]
#[template(path = "admin_templates.html")]
struct TemplatesPage {
    nav: Nav,
    lines: Vec<TemplateLine>,
    syncs: Vec<SyncLine>,
}

/// A serde enum's wire spelling (`APPROVED`, `UTILITY`), for display.
fn wire_name(v: impl serde::Serialize) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `GET /admin/templates`.
pub async fn templates_page(
    State(app): State<AppState>,
    agent: Agent,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let number_name = |id: &str| {
        app.config
            .number(id)
            .map(|n| n.display_phone_number.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| id.to_string())
    };
    let mut lines: Vec<TemplateLine> = app
        .templates
        .all()
        .into_iter()
        .map(|t| TemplateLine {
            number: number_name(&t.phone_number_id),
            usable: t.info.usable_for_case(),
            name: t.info.name,
            language: t.info.language,
            category: wire_name(t.info.category),
            status: wire_name(t.info.status),
            purpose: t.info.purpose.unwrap_or_default(),
            source: t.source,
            body: t.body.unwrap_or_default(),
        })
        .collect();
    lines.sort_by(|a, b| (&a.number, &a.name, &a.language).cmp(&(&b.number, &b.name, &b.language)));
    let mut syncs: Vec<SyncLine> = app
        .templates
        .sync_state()
        .into_iter()
        .map(|(id, outcome)| SyncLine {
            number: number_name(&id),
            ok: outcome.is_ok(),
            outcome: match outcome {
                Ok(at) => format!("synced {}", view::full_time(at)),
                Err(e) => format!("last sync failed: {e}"),
            },
        })
        .collect();
    syncs.sort_by(|a, b| a.number.cmp(&b.number));
    page(TemplatesPage {
        nav: Nav::of(&agent, "admin"),
        lines,
        syncs,
    })
}

#[derive(Deserialize)]
pub struct NoFields {}

/// `POST /admin/templates/sync`: fetches every number's templates from WhatsApp now.
pub async fn sync_templates(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    crate::templates::sync_all(&app).await;
    tracing::info!(by = agent.account.id, "templates synced on demand");
    Ok(Redirect::to("/admin/templates").into_response())
}

#[cfg(test)]
mod tests {
    use super::webhook_url;

    #[test]
    fn the_webhook_url_is_built_from_the_public_address() {
        assert_eq!(
            webhook_url(Some("https://desk.shop.example/ ")),
            (
                "https://desk.shop.example/webhooks/whatsapp".to_string(),
                true
            )
        );
        assert!(!webhook_url(None).1);
        assert!(!webhook_url(Some("  ")).1);
    }
}
