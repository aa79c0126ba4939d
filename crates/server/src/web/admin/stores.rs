//! Admin → Stores: each configured shop with its kind, address (never its keys), the numbers it serves,
//! the orders the desk found there and its last lookup; "Check now" asks the shop for one order through
//! the same client the desk uses, and shows the answer and how long it took.

use std::time::{Duration, Instant};

use askama::Template;
use axum::{extract::State, response::Response};
use lifeline_commerce::StoreConfig;
use lifeline_desk::Role;
use serde::Deserialize;

use super::super::{
    page,
    session::{Agent, CsrfForm},
    view, Nav, WebError,
};
use crate::state::AppState;

/// A check that has not answered by then is reported as such.
const CHECK_TIMEOUT: Duration = Duration::from_secs(15);

/// One store as the page shows it.
struct StoreLine {
    name: String,
    kind: &'static str,
    address: String,
    numbers: String,
    orders_known: i64,
    /// "order 1001 at 21 Nov 14:02: found", or the reason it failed.
    last: String,
    last_ok: bool,
    /// The order number offered for "Check now" (the last one looked up).
    probe: String,
}

/// The answer of "Check now".
struct Check {
    store: String,
    ok: bool,
    text: String,
}

#[derive(Template)]
#[template(path = "admin_stores.html")]
struct StoresPage {
    nav: Nav,
    lines: Vec<StoreLine>,
    check: Option<Check>,
}

/// A URL without anything that could be a credential (user, password, query).
fn bare_url(raw: &str) -> String {
    match reqwest::Url::parse(raw.trim()) {
        Ok(mut u) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.set_query(None);
            u.set_fragment(None);
            u.to_string().trim_end_matches('/').to_string()
        }
        Err(_) => "(not a valid address)".into(),
    }
}

/// The connector's name and where it reaches the shop.
fn kind_and_address(cfg: &StoreConfig) -> (&'static str, String) {
    match cfg {
        StoreConfig::Shopify(c) => {
            let base = c
                .api_base
                .clone()
                .unwrap_or_else(|| format!("https://{}.myshopify.com", c.shop));
            (
                "Shopify",
                format!("{} (Admin API {})", bare_url(&base), c.api_version),
            )
        }
        StoreConfig::Woocommerce(c) => ("WooCommerce", bare_url(&c.url)),
        StoreConfig::File(c) => ("orders file", c.path.display().to_string()),
    }
}

async fn lines(app: &AppState) -> Result<Vec<StoreLine>, WebError> {
    let mut out = Vec::new();
    for table in &app.config.stores {
        let Ok(cfg) = toml::Value::Table(table.clone()).try_into::<StoreConfig>() else {
            continue; // the desk refuses to start with such an entry; nothing to show
        };
        let (kind, address) = kind_and_address(&cfg);
        let numbers = if cfg.numbers().is_empty() {
            "every number".to_string()
        } else {
            cfg.numbers()
                .iter()
                .map(|id| {
                    app.config
                        .number(id)
                        .map(|n| n.display_phone_number.clone())
                        .filter(|d| !d.is_empty())
                        .unwrap_or_else(|| id.clone())
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let seen = app.store.shop_lookups(cfg.name()).await?;
        let (last, last_ok, probe) = match seen.last {
            Some((number, at, error)) => {
                let when = view::full_time(at);
                match error {
                    Some(e) => (format!("order {number}, {when}: {e}"), false, number),
                    None => (format!("order {number}, {when}: found"), true, number),
                }
            }
            None => ("no lookup yet".to_string(), true, String::new()),
        };
        out.push(StoreLine {
            name: cfg.name().to_string(),
            kind,
            address,
            numbers,
            orders_known: seen.orders_known,
            last,
            last_ok,
            probe,
        });
    }
    Ok(out)
}

/// `GET /admin/stores`.
pub async fn stores_page(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    page(StoresPage {
        nav: Nav::of(&agent, "admin"),
        lines: lines(&app).await?,
        check: None,
    })
}

#[derive(Deserialize)]
pub struct CheckForm {
    store: String,
    #[serde(default)]
    order: String,
}

/// Asks one shop for one order and says what came back, in words.
async fn check(app: &AppState, store: &str, order: &str) -> Result<Check, WebError> {
    let shop = app
        .commerce
        .stores
        .iter()
        .find(|s| s.name == store)
        .ok_or(WebError::NotFound)?;
    let number = order.trim().trim_start_matches('#');
    let number = if number.is_empty() { "1" } else { number };
    let started = Instant::now();
    let answer = tokio::time::timeout(CHECK_TIMEOUT, shop.shop.order_by_number(number)).await;
    let ms = started.elapsed().as_millis();
    let (ok, text) = match answer {
        Ok(Ok(Some(o))) => (
            true,
            format!(
                "Order {} found in {ms} ms: {}, {} item line(s), {}.",
                o.number,
                o.customer.name.as_deref().unwrap_or("no customer name"),
                o.line_items.len(),
                o.total
            ),
        ),
        Ok(Ok(None)) => (
            true,
            format!("The shop answered in {ms} ms: there is no order {number}."),
        ),
        Ok(Err(e)) => (false, format!("The lookup failed after {ms} ms: {e}")),
        Err(_) => (
            false,
            format!("No answer within {} s.", CHECK_TIMEOUT.as_secs()),
        ),
    };
    tracing::info!(store, ok, ms = ms as u64, "store checked on demand");
    Ok(Check {
        store: store.to_string(),
        ok,
        text,
    })
}

/// `POST /admin/stores/check`: one real lookup through the shop's client; the page shows the answer.
pub async fn check_store(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(f): CsrfForm<CheckForm>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let result = check(&app, &f.store, &f.order).await?;
    page(StoresPage {
        nav: Nav::of(&agent, "admin"),
        lines: lines(&app).await?,
        check: Some(result),
    })
}

#[cfg(test)]
mod tests {
    use super::bare_url;

    #[test]
    fn an_address_never_shows_a_credential() {
        assert_eq!(
            bare_url("https://key:secret@shop.example/?consumer_key=ck_1#x"),
            "https://shop.example"
        );
        assert_eq!(bare_url("http://127.0.0.1:9/"), "http://127.0.0.1:9");
        assert_eq!(bare_url("not a url"), "(not a valid address)");
    }
}
