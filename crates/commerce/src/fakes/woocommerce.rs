//! A fake WooCommerce REST v3 site: Basic auth with consumer key and secret, `X-WP-Total` and
//! `X-WP-TotalPages` pagination, `{code, message, data:{status}}` errors, refunds, coupons, notes.

use super::{knob_methods, lock, serve, HasKnobs, Injected, Knobs, Running, Shared};
use crate::model::{FinancialStatus, FulfilmentStatus, Order};
use crate::money::Money;
use axum::extract::{Path, Query, State};
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

struct WooState {
    knobs: Knobs,
    key: String,
    secret: String,
    orders: Vec<Value>,
    refunds: Vec<Value>,
    coupons: Vec<Value>,
    notes: Vec<Value>,
    next_id: u64,
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
    let (first, last) = c.name.as_deref().map(|s| s.split_once(' ').unwrap_or((s, ""))).unwrap_or(("", ""));
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
        "shipping": { "first_name": first, "last_name": last, "country": c.country.clone().unwrap_or_default(), "city": c.city.clone().unwrap_or_default() },
        "line_items": lines,
        "meta_data": [{ "id": 1, "key": "_wc_shipment_tracking_items", "value": tracking }],
        "refunds": [],
    })
}

impl FakeWooCommerce {
    /// Starts a site with `orders` that accepts this consumer key and secret.
    pub async fn start(consumer_key: &str, consumer_secret: &str, orders: Vec<Order>) -> std::io::Result<FakeWooCommerce> {
        let orders: Vec<Value> = orders.iter().enumerate().map(|(i, o)| render(o, i as u64)).collect();
        let next_id = orders.iter().filter_map(|o| o["id"].as_u64()).max().unwrap_or(0) + 1;
        let state = Arc::new(Mutex::new(WooState {
            knobs: Knobs::default(), key: consumer_key.into(), secret: consumer_secret.into(),
            orders, refunds: vec![], coupons: vec![], notes: vec![], next_id,
        }));
        let router = Router::new()
            .route("/wp-json/wc/v3/orders", get(list).post(create))
            .route("/wp-json/wc/v3/orders/{id}", get(one).put(update))
            .route("/wp-json/wc/v3/orders/{id}/refunds", post(refund))
            .route("/wp-json/wc/v3/orders/{id}/notes", post(note))
            .route("/wp-json/wc/v3/coupons", post(coupon))
            .with_state(state.clone());
        Ok(FakeWooCommerce { state, running: serve(router).await? })
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

fn error(status: u16, code: &str, message: &str) -> Response {
    let s = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (s, Json(json!({ "code": code, "message": message, "data": { "status": status } }))).into_response()
}

/// Knobs, delay and Basic auth (or the query-string fallback), before any handler work.
async fn gate(st: &Shared<WooState>, headers: &HeaderMap, q: &HashMap<String, String>) -> Result<(), Response> {
    let (inj, delay, key, secret) = {
        let mut s = lock(st);
        let (inj, delay) = s.knobs.next();
        (inj, delay, s.key.clone(), s.secret.clone())
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{key}:{secret}")));
    let basic = headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(expected.as_str());
    let by_query = q.get("consumer_key") == Some(&key) && q.get("consumer_secret") == Some(&secret);
    if !basic && !by_query {
        return Err(error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."));
    }
    match inj {
        Injected::Nothing => Ok(()),
        Injected::Throttle => Err(error(429, "too_many_requests", "Too many requests, slow down.")),
        Injected::Fail(s) => Err(error(s, "internal_server_error", "There has been a critical error on this website.")),
    }
}

fn matches(o: &Value, term: &str) -> bool {
    let t = term.to_lowercase();
    [&o["number"], &o["billing"]["email"], &o["billing"]["phone"], &o["billing"]["first_name"], &o["billing"]["last_name"]]
        .iter()
        .any(|v| v.as_str().is_some_and(|s| s.to_lowercase().contains(&t)))
}

async fn list(State(st): State<Shared<WooState>>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let per_page: usize = q.get("per_page").and_then(|p| p.parse().ok()).unwrap_or(10).clamp(1, 100);
    let page: usize = q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
    let s = lock(&st);
    let mut hits: Vec<&Value> = s.orders.iter().filter(|o| q.get("search").is_none_or(|t| matches(o, t))).collect();
    hits.sort_by(|a, b| b["date_created_gmt"].as_str().cmp(&a["date_created_gmt"].as_str()));
    let total = hits.len();
    let pages = total.div_ceil(per_page).max(1);
    let slice: Vec<Value> = hits.into_iter().skip((page - 1) * per_page).take(per_page).cloned().collect();
    let mut resp = Json(slice).into_response();
    let h = resp.headers_mut();
    h.insert("x-wp-total", total.into());
    h.insert("x-wp-totalpages", pages.into());
    resp
}

fn find(s: &WooState, id: &str) -> Option<usize> {
    let id: u64 = id.parse().ok()?;
    s.orders.iter().position(|o| o["id"].as_u64() == Some(id))
}

fn invalid_id() -> Response {
    error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
}

async fn one(State(st): State<Shared<WooState>>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let s = lock(&st);
    match find(&s, &id) {
        Some(i) => Json(s.orders[i].clone()).into_response(),
        None => invalid_id(),
    }
}

async fn update(State(st): State<Shared<WooState>>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>, Json(body): Json<Value>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let Some(i) = find(&s, &id) else { return invalid_id() };
    for m in body["meta_data"].as_array().into_iter().flatten() {
        let meta = s.orders[i]["meta_data"].as_array_mut();
        if let Some(meta) = meta {
            meta.retain(|x| x["key"] != m["key"]);
            meta.push(m.clone());
        }
    }
    Json(s.orders[i].clone()).into_response()
}

async fn refund(State(st): State<Shared<WooState>>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>, Json(body): Json<Value>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let Some(i) = find(&s, &id) else { return invalid_id() };
    let currency = s.orders[i]["currency"].as_str().unwrap_or("EUR").to_string();
    let parse = |v: &Value| v.as_str().and_then(|a| Money::parse(a, &currency).ok()).map(|m| m.minor);
    let total = parse(&s.orders[i]["total"]).unwrap_or(0);
    let done: i64 = s.refunds.iter().filter(|r| r["order_id"].as_u64() == s.orders[i]["id"].as_u64()).filter_map(|r| parse(&r["amount"])).sum();
    let Some(amount) = parse(&body["amount"]).filter(|a| *a > 0 && done + a <= total) else {
        return error(400, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
    };
    s.next_id += 1;
    let refund_id = s.next_id;
    let mut recorded = body.clone();
    recorded["order_id"] = s.orders[i]["id"].clone();
    recorded["id"] = json!(refund_id);
    s.refunds.push(recorded);
    if done + amount == total {
        s.orders[i]["status"] = json!("refunded");
    }
    let api_refund = body["api_refund"].as_bool().unwrap_or(true);
    (StatusCode::CREATED, Json(json!({ "id": refund_id, "amount": Money::new(amount, &currency).to_decimal_string(),
        "reason": body["reason"], "refunded_payment": api_refund, "line_items": [] }))).into_response()
}

async fn create(State(st): State<Shared<WooState>>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>, Json(body): Json<Value>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let mut lines = Vec::new();
    for (j, l) in body["line_items"].as_array().into_iter().flatten().enumerate() {
        let known = s.orders.iter().flat_map(|o| o["line_items"].as_array().cloned().unwrap_or_default()).find(|x| x["product_id"] == l["product_id"]);
        let Some(known) = known else {
            return error(400, "woocommerce_rest_invalid_product_id", "Invalid product ID.");
        };
        lines.push(json!({ "id": 90_000 + s.next_id * 10 + j as u64, "name": known["name"], "product_id": l["product_id"],
            "variation_id": l["variation_id"], "quantity": l["quantity"], "sku": known["sku"],
            "subtotal": l["subtotal"].as_str().unwrap_or("0.00"), "total": l["total"].as_str().unwrap_or("0.00") }));
    }
    if lines.is_empty() {
        return error(400, "woocommerce_rest_required_line_items", "Line items are required.");
    }
    s.next_id += 1;
    let id = s.next_id;
    let mut order = body.clone();
    order["id"] = json!(id);
    order["number"] = json!(id.to_string());
    order["line_items"] = json!(lines);
    order["total"] = json!("0.00");
    order["date_created_gmt"] = json!(chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string());
    s.orders.push(order.clone());
    (StatusCode::CREATED, Json(order)).into_response()
}

async fn note(State(st): State<Shared<WooState>>, Path(id): Path<String>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>, Json(body): Json<Value>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let Some(i) = find(&s, &id) else { return invalid_id() };
    s.next_id += 1;
    let mut recorded = body.clone();
    recorded["order_id"] = s.orders[i]["id"].clone();
    recorded["id"] = json!(s.next_id);
    s.notes.push(recorded.clone());
    (StatusCode::CREATED, Json(recorded)).into_response()
}

async fn coupon(State(st): State<Shared<WooState>>, headers: HeaderMap, Query(q): Query<HashMap<String, String>>, Json(body): Json<Value>) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let code = body["code"].as_str().unwrap_or_default().to_lowercase();
    if code.is_empty() || s.coupons.iter().any(|c| c["code"] == code.as_str()) {
        return error(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists");
    }
    s.next_id += 1;
    let mut created = body.clone();
    created["id"] = json!(s.next_id);
    created["code"] = json!(code);
    s.coupons.push(created.clone());
    (StatusCode::CREATED, Json(created)).into_response()
}
