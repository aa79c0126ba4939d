//! Orders and parcels for the desk: which shop to ask, fetching in the background (never delaying the
//! acknowledgement), a short cache, and the failure reason an agent can act on.

pub mod ownership;
mod told;

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use lifeline_commerce::{
    build_shop, build_tracker, Order, Shop, StoreConfig, Tracker, TrackingConfig,
};

use crate::{
    config::Config,
    events::DeskEvent,
    state::AppState,
    store::{now_ms, OrderRow},
};

/// A fetched order is reused for this long unless an agent asks for a refresh.
pub const CACHE_MS: i64 = 5 * 60 * 1000;
/// A shop that has not answered by then is reported as slow; the lookup goes on without it.
const SHOP_TIMEOUT: Duration = Duration::from_secs(15);

/// One configured shop and the numbers it serves (all numbers when the list is empty).
pub struct StoreRuntime {
    pub name: String,
    pub numbers: Vec<String>,
    pub shop: Arc<dyn Shop>,
    /// A Shopify store that takes `orders/*` webhooks: its `{shop}.myshopify.com` domain and secrets.
    pub shopify_webhooks: Option<ShopifyWebhooks>,
}

/// Where a Shopify store's webhooks come from and what signs them.
pub struct ShopifyWebhooks {
    pub shop: String,
    pub domain: String,
    pub secrets: Vec<lifeline_commerce::Secret>,
    /// Deliveries already handled (Shopify delivers at least once).
    pub seen: lifeline_commerce::WebhookDedupe,
}

/// Every shop and the carrier tracker, built once from the configuration.
#[derive(Clone, Default)]
pub struct Commerce {
    pub stores: Arc<Vec<StoreRuntime>>,
    pub tracker: Option<Arc<dyn Tracker>>,
}

impl Commerce {
    pub fn from_config(config: &Config, http: reqwest::Client) -> anyhow::Result<Commerce> {
        let mut stores = Vec::new();
        for (i, table) in config.stores.iter().enumerate() {
            let cfg: StoreConfig = toml::Value::Table(table.clone())
                .try_into()
                .with_context(|| format!("[[stores]] entry {}", i + 1))?;
            let shop =
                build_shop(&cfg, http.clone()).with_context(|| format!("store {}", cfg.name()))?;
            let shopify_webhooks = match &cfg {
                StoreConfig::Shopify(s) if s.webhook_secret.is_some() => Some(ShopifyWebhooks {
                    shop: s.shop.clone(),
                    domain: format!("{}.myshopify.com", s.shop),
                    secrets: [&s.webhook_secret, &s.previous_webhook_secret]
                        .into_iter()
                        .flatten()
                        .cloned()
                        .collect(),
                    seen: lifeline_commerce::WebhookDedupe::new(10_000),
                }),
                _ => None,
            };
            stores.push(StoreRuntime {
                name: cfg.name().to_string(),
                numbers: cfg.numbers().to_vec(),
                shop,
                shopify_webhooks,
            });
        }
        let tracker = match &config.tracking {
            Some(table) => {
                let cfg: TrackingConfig = toml::Value::Table(table.clone())
                    .try_into()
                    .context("[tracking]")?;
                Some(build_tracker(&cfg, http).context("[tracking]")?)
            }
            None => None,
        };
        Ok(Commerce {
            stores: Arc::new(stores),
            tracker,
        })
    }

    pub fn is_configured(&self) -> bool {
        !self.stores.is_empty()
    }

    /// The shops that serve a number.
    pub fn for_number<'a>(
        &'a self,
        phone_number_id: &'a str,
    ) -> impl Iterator<Item = &'a StoreRuntime> + 'a {
        self.stores
            .iter()
            .filter(move |s| s.numbers.is_empty() || s.numbers.iter().any(|n| n == phone_number_id))
    }

    /// Finds an order in the named store, or in every store.
    pub async fn find_order(
        &self,
        number: &str,
        store: Option<&str>,
    ) -> anyhow::Result<Option<(String, Order)>> {
        for s in self
            .stores
            .iter()
            .filter(|s| store.is_none_or(|n| n == s.name))
        {
            if let Some(order) = s.shop.order_by_number(number).await? {
                return Ok(Some((s.name.clone(), self.with_tracking(order).await)));
            }
        }
        Ok(None)
    }

    /// Brings each shipment up to date from the carrier tracker, when one is configured.
    pub async fn with_tracking(&self, mut order: Order) -> Order {
        let Some(tracker) = &self.tracker else {
            return order;
        };
        for shipment in &mut order.shipments {
            match tracker
                .track(&shipment.tracking_number, shipment.carrier.as_deref())
                .await
            {
                Ok(Some(fresh)) => shipment.refresh_from(fresh),
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(tracking = %shipment.tracking_number, error = %e, "tracker lookup failed")
                }
            }
        }
        order
    }
}

/// What a lookup is about.
pub struct LookupRequest {
    pub conversation_id: i64,
    pub phone_number_id: String,
    pub wa_id: Option<String>,
    pub order_numbers: Vec<String>,
    /// Ignore the cache (an agent pressed refresh).
    pub force: bool,
    /// The shopper's message that named the orders, when one did.
    pub message_id: Option<i64>,
}

/// Fetches the orders a message names (or the shopper's recent orders by phone) and attaches them.
#[tracing::instrument(name = "order_lookup", skip_all, fields(desk = %crate::leases::this_desk(),
    conversation_id = req.conversation_id, number = %req.phone_number_id,
    orders = ?req.order_numbers, force = req.force))]
pub async fn lookup(app: AppState, req: LookupRequest) {
    match lookup_inner(&app, &req).await {
        Ok(()) => tracing::info!("orders looked up"),
        Err(e) => tracing::warn!(
            conversation_id = req.conversation_id,
            error = format!("{e:#}"),
            "order lookup failed"
        ),
    }
    // Whose order it is, before anything of it reaches the shopper (and whether their words just said so).
    if let Err(e) = ownership::settle(&app, req.conversation_id).await {
        tracing::warn!(error = format!("{e:#}"), "order ownership not settled");
    } else if let Err(e) = told::tell(&app, &req).await {
        // Found and theirs, or not found: the shopper hears which (the acknowledgement did not say).
        tracing::warn!(error = format!("{e:#}"), "lookup result not told");
    }
    app.events.publish(DeskEvent::OrdersChanged {
        conversation_id: req.conversation_id,
    });
}

async fn lookup_inner(app: &AppState, req: &LookupRequest) -> anyhow::Result<()> {
    let stores: Vec<&StoreRuntime> = app.commerce.for_number(&req.phone_number_id).collect();
    if stores.is_empty() {
        return Ok(());
    }
    for number in &req.order_numbers {
        if !req.force {
            if let Some(at) = app
                .store
                .order_fetched_at(req.conversation_id, number)
                .await?
            {
                if now_ms() - at < CACHE_MS {
                    continue;
                }
            }
        }
        fetch_one(app, req.conversation_id, &stores, number, "message").await?;
    }
    if req.order_numbers.is_empty() {
        let known = app.store.conversation_orders(req.conversation_id).await?;
        if known.is_empty() || req.force {
            if let Some(wa_id) = &req.wa_id {
                by_phone(app, req.conversation_id, &stores, wa_id).await?;
            }
        }
    }
    Ok(())
}

async fn fetch_one(
    app: &AppState,
    conversation_id: i64,
    stores: &[&StoreRuntime],
    number: &str,
    source: &str,
) -> anyhow::Result<()> {
    let mut problems = Vec::new();
    for s in stores {
        match tokio::time::timeout(SHOP_TIMEOUT, s.shop.order_by_number(number)).await {
            Ok(Ok(Some(order))) => {
                let order = app.commerce.with_tracking(order).await;
                record(
                    app,
                    conversation_id,
                    &s.name,
                    number,
                    Some(&order),
                    None,
                    source,
                )
                .await?;
                app.store.clear_order_miss(conversation_id, number).await?;
                return Ok(());
            }
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                record(
                    app,
                    conversation_id,
                    &s.name,
                    number,
                    None,
                    Some(e.to_string()),
                    source,
                )
                .await?;
                problems.push(format!("{}: {e}", s.name));
            }
            Err(_) => {
                let why = format!(
                    "{} did not answer within {} s",
                    s.name,
                    SHOP_TIMEOUT.as_secs()
                );
                record(
                    app,
                    conversation_id,
                    &s.name,
                    number,
                    None,
                    Some(why.clone()),
                    source,
                )
                .await?;
                problems.push(why);
            }
        }
    }
    if problems.is_empty() {
        let names: Vec<&str> = stores.iter().map(|s| s.name.as_str()).collect();
        let why = format!("order {number} was not found in {}", names.join(", "));
        record(app, conversation_id, "", number, None, Some(why), source).await?;
    }
    Ok(())
}

async fn by_phone(
    app: &AppState,
    conversation_id: i64,
    stores: &[&StoreRuntime],
    wa_id: &str,
) -> anyhow::Result<()> {
    let phone = format!("+{wa_id}");
    for s in stores {
        match tokio::time::timeout(
            SHOP_TIMEOUT,
            s.shop.recent_orders_by_contact(Some(&phone), None),
        )
        .await
        {
            Ok(Ok(orders)) => {
                let mut orders = orders;
                orders.sort_by_key(|o| std::cmp::Reverse(o.placed_at));
                for order in orders.into_iter().take(3) {
                    let order = app.commerce.with_tracking(order).await;
                    let number = order.number.clone();
                    record(
                        app,
                        conversation_id,
                        &s.name,
                        &number,
                        Some(&order),
                        None,
                        "phone",
                    )
                    .await?;
                }
            }
            Ok(Err(e)) => {
                tracing::warn!(store = %s.name, error = %e, "recent orders by phone failed")
            }
            Err(_) => tracing::warn!(store = %s.name, "recent orders by phone timed out"),
        }
    }
    Ok(())
}

async fn record(
    app: &AppState,
    conversation_id: i64,
    store: &str,
    number: &str,
    order: Option<&Order>,
    error: Option<String>,
    source: &str,
) -> anyhow::Result<()> {
    app.store
        .record_order_lookup(&OrderRow {
            conversation_id,
            store: store.to_string(),
            order_number: number.to_string(),
            order_json: order.map(serde_json::to_string).transpose()?,
            error,
            source: source.to_string(),
            fetched_at: now_ms(),
        })
        .await
}

/// Stores a pushed update of an attached order (a carrier's or the shop's) and shows it to agents live.
pub async fn keep_pushed(
    app: &AppState,
    mut row: crate::store::OrderRow,
    order: &Order,
) -> anyhow::Result<()> {
    row.order_json = serde_json::to_string(order).ok();
    row.fetched_at = crate::store::now_ms();
    row.error = None;
    app.store.record_order_lookup(&row).await?;
    app.events.publish(crate::events::DeskEvent::OrdersChanged {
        conversation_id: row.conversation_id,
    });
    Ok(())
}
