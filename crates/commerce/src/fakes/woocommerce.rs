//! A fake WooCommerce REST v3 site: Basic auth with consumer key and secret, `X-WP-Total` and
//! `X-WP-TotalPages` pagination, `{code, message, data:{status}}` errors, refunds, coupons, notes.

use super::woocommerce_routes as routes;
use super::{knob_methods, lock, serve, HasKnobs, Injected, Knobs, Running, Shared};
use crate::model::{FinancialStatus, FulfilmentStatus, Order};
use crate::money::Money;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The fake site; dropping it stops the server.
pub struct FakeWooCommerce {
    state: Shared<WooState>,
    running: Running,
}

pub(crate) struct WooState {
    pub(crate) knobs: Knobs,
    pub(crate) key: String,
    pub(crate) secret: String,
    pub(crate) orders: Vec<Value>,
    pub(crate) refunds: Vec<Value>,
    pub(crate) coupons: Vec<Value>,
    pub(crate) notes: Vec<Value>,
    pub(crate) next_id: u64,
}

impl HasKnobs for WooState {
    fn knobs(&mut self) -> &mut Knobs {
        &mut self.knobs
    }
}

knob_methods!(FakeWooCommerce);

fn status_of(o: &Order) -> &'static str {
    match (o.financial_status, o.fulfilment_status) {
        (FinancialStatus::Refunded, _) => "refunded",
        (FinancialStatus::Voided, _) | (_, FulfilmentStatus::Cancelled) => "cancelled",
        (FinancialStatus::Failed, _) => "failed",
        (_, FulfilmentStatus::OnHold) => "on-hold",
        (FinancialStatus::Pending, _) => "pending",
        (_, FulfilmentStatus::Fulfilled) => "completed",
        _ => "processing",
    }
}

/// The order in WooCommerce's REST shape. The Woo id is `order.id` when numeric.
fn render(o: &Order, n: u64) -> Value {
    let id = o.id.parse::<u64>().unwrap_or(700 + n);
    let c = &o.customer;
    let (first, last) = c
        .name
        .as_deref()
        .map(|s| s.split_once(' ').unwrap_or((s, "")))
        .unwrap_or(("", ""));
    let lines: Vec<Value> = o.line_items.iter().enumerate().map(|(j, l)| {
        let sub = Money::new(l.unit_price.minor * i64::from(l.quantity), &o.currency).to_decimal_string();
        json!({ "id": id * 10 + j as u64, "name": l.name, "product_id": 5000 + id * 10 + j as u64,
            "variation_id": if l.variant_id.is_some() { 9000 + id * 10 + j as u64 } else { 0 },
            "quantity": l.quantity, "sku": l.sku.clone().unwrap_or_default(), "subtotal": sub, "total": sub })
    }).collect();
    let tracking: Vec<Value> = o.shipments.iter().map(|s| json!({ "tracking_provider": s.carrier.clone().unwrap_or_default(),
        "tracking_number": s.tracking_number, "custom_tracking_link": s.tracking_url.clone().unwrap_or_default() })).collect();
    json!({
        "id": id, "number": o.number, "status": status_of(o), "currency": o.currency,
        "date_created_gmt": o.placed_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "total": o.total.to_decimal_string(), "customer_id": 40 + n,
        "billing": { "first_name": first, "last_name": last, "email": c.email.clone().unwrap_or_default(),
            "phone": c.phone.clone().unwrap_or_default(), "country": c.country.clone().unwrap_or_default(), "city": c.city.clone().unwrap_or_default() },
        "shipping": { "first_name": first, "last_name": last, "country": c.country.clone().unwrap_or_default(), "city": c.city.clone().unwrap_or_default(), "postcode": c.postcode.clone().unwrap_or_default() },
        "line_items": lines,
        "meta_data": [{ "id": 1, "key": "_wc_shipment_tracking_items", "value": tracking }],
        "refunds": [],
    })
}

impl FakeWooCommerce {
    /// Starts a site with `orders` that accepts this consumer key and secret.
    pub async fn start(
        consumer_key: &str,
        consumer_secret: &str,
        orders: Vec<Order>,
    ) -> std::io::Result<FakeWooCommerce> {
        let orders: Vec<Value> = orders
            .iter()
            .enumerate()
            .map(|(i, o)| render(o, i as u64))
            .collect();
        let next_id = orders
            .iter()
            .filter_map(|o| o["id"].as_u64())
            .max()
            .unwrap_or(0)
            + 1;
        let state = Arc::new(Mutex::new(WooState {
            knobs: Knobs::default(),
            key: consumer_key.into(),
            secret: consumer_secret.into(),
            orders,
            refunds: vec![],
            coupons: vec![],
            notes: vec![],
            next_id,
        }));
        let router = Router::new()
            .route(
                "/wp-json/wc/v3/orders",
                get(routes::list).post(routes::create),
            )
            .route(
                "/wp-json/wc/v3/orders/{id}",
                get(routes::one).put(routes::update),
            )
            .route("/wp-json/wc/v3/orders/{id}/refunds", post(routes::refund))
            .route("/wp-json/wc/v3/orders/{id}/notes", post(routes::note))
            .route("/wp-json/wc/v3/coupons", post(routes::coupon))
            .with_state(state.clone());
        Ok(FakeWooCommerce {
            state,
            running: serve(router).await?,
        })
    }

    /// Every refund body received (with `"order_id"` added).
    pub fn refunds(&self) -> Vec<Value> {
        lock(&self.state).refunds.clone()
    }
    /// Every coupon created.
    pub fn coupons(&self) -> Vec<Value> {
        lock(&self.state).coupons.clone()
    }
    /// Every order note (with `"order_id"`).
    pub fn notes(&self) -> Vec<Value> {
        lock(&self.state).notes.clone()
    }
    /// The site's orders in REST shape, including ones created by the connector.
    pub fn orders(&self) -> Vec<Value> {
        lock(&self.state).orders.clone()
    }
}

pub(crate) fn error(status: u16, code: &str, message: &str) -> Response {
    let s = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        s,
        Json(json!({ "code": code, "message": message, "data": { "status": status } })),
    )
        .into_response()
}

/// Knobs, delay and Basic auth (or the query-string fallback), before any handler work.
pub(crate) async fn gate(
    st: &Shared<WooState>,
    headers: &HeaderMap,
    q: &HashMap<String, String>,
) -> Result<(), Response> {
    let (inj, delay, key, secret) = {
        let mut s = lock(st);
        let (inj, delay) = s.knobs.next();
        (inj, delay, s.key.clone(), s.secret.clone())
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}"))
    );
    let basic =
        headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(expected.as_str());
    let by_query = q.get("consumer_key") == Some(&key) && q.get("consumer_secret") == Some(&secret);
    if !basic && !by_query {
        return Err(error(
            401,
            "woocommerce_rest_cannot_view",
            "Sorry, you cannot list resources.",
        ));
    }
    match inj {
        Injected::Nothing => Ok(()),
        Injected::Throttle => Err(error(
            429,
            "too_many_requests",
            "Too many requests, slow down.",
        )),
        Injected::Fail(s) => Err(error(
            s,
            "internal_server_error",
            "There has been a critical error on this website.",
        )),
    }
}
