//! The fake WooCommerce site's handlers: orders, refunds, notes and coupons.

use super::lock;
use super::woocommerce::{error, gate, WooState};
use super::Shared;
use crate::money::Money;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::collections::HashMap;

fn matches(o: &Value, term: &str) -> bool {
    let t = term.to_lowercase();
    [
        &o["number"],
        &o["billing"]["email"],
        &o["billing"]["phone"],
        &o["billing"]["first_name"],
        &o["billing"]["last_name"],
    ]
    .iter()
    .any(|v| v.as_str().is_some_and(|s| s.to_lowercase().contains(&t)))
}

pub(crate) async fn list(
    State(st): State<Shared<WooState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let per_page: usize = q
        .get("per_page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(10)
        .clamp(1, 100);
    let page: usize = q
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .max(1);
    let s = lock(&st);
    let mut hits: Vec<&Value> = s
        .orders
        .iter()
        .filter(|o| q.get("search").is_none_or(|t| matches(o, t)))
        .collect();
    hits.sort_by(|a, b| {
        b["date_created_gmt"]
            .as_str()
            .cmp(&a["date_created_gmt"].as_str())
    });
    let total = hits.len();
    let pages = total.div_ceil(per_page).max(1);
    let slice: Vec<Value> = hits
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .cloned()
        .collect();
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

pub(crate) async fn one(
    State(st): State<Shared<WooState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let s = lock(&st);
    match find(&s, &id) {
        Some(i) => Json(s.orders[i].clone()).into_response(),
        None => invalid_id(),
    }
}

pub(crate) async fn update(
    State(st): State<Shared<WooState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    Json(body): Json<Value>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let Some(i) = find(&s, &id) else {
        return invalid_id();
    };
    for m in body["meta_data"].as_array().into_iter().flatten() {
        let meta = s.orders[i]["meta_data"].as_array_mut();
        if let Some(meta) = meta {
            meta.retain(|x| x["key"] != m["key"]);
            meta.push(m.clone());
        }
    }
    Json(s.orders[i].clone()).into_response()
}

pub(crate) async fn refund(
    State(st): State<Shared<WooState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    Json(body): Json<Value>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let Some(i) = find(&s, &id) else {
        return invalid_id();
    };
    let currency = s.orders[i]["currency"]
        .as_str()
        .unwrap_or("EUR")
        .to_string();
    let parse = |v: &Value| {
        v.as_str()
            .and_then(|a| Money::parse(a, &currency).ok())
            .map(|m| m.minor)
    };
    let total = parse(&s.orders[i]["total"]).unwrap_or(0);
    let done: i64 = s
        .refunds
        .iter()
        .filter(|r| r["order_id"].as_u64() == s.orders[i]["id"].as_u64())
        .filter_map(|r| parse(&r["amount"]))
        .sum();
    let Some(amount) = parse(&body["amount"]).filter(|a| *a > 0 && done + a <= total) else {
        return error(
            400,
            "woocommerce_rest_cannot_create_order_refund",
            "Invalid refund amount.",
        );
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
    (
        StatusCode::CREATED,
        Json(
            json!({ "id": refund_id, "amount": Money::new(amount, &currency).to_decimal_string(),
        "reason": body["reason"], "refunded_payment": api_refund, "line_items": [] }),
        ),
    )
        .into_response()
}

pub(crate) async fn create(
    State(st): State<Shared<WooState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    Json(body): Json<Value>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let mut lines = Vec::new();
    for (j, l) in body["line_items"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let known = s
            .orders
            .iter()
            .flat_map(|o| o["line_items"].as_array().cloned().unwrap_or_default())
            .find(|x| x["product_id"] == l["product_id"]);
        let Some(known) = known else {
            return error(
                400,
                "woocommerce_rest_invalid_product_id",
                "Invalid product ID.",
            );
        };
        lines.push(json!({ "id": 90_000 + s.next_id * 10 + j as u64, "name": known["name"], "product_id": l["product_id"],
            "variation_id": l["variation_id"], "quantity": l["quantity"], "sku": known["sku"],
            "subtotal": l["subtotal"].as_str().unwrap_or("0.00"), "total": l["total"].as_str().unwrap_or("0.00") }));
    }
    if lines.is_empty() {
        return error(
            400,
            "woocommerce_rest_required_line_items",
            "Line items are required.",
        );
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

pub(crate) async fn note(
    State(st): State<Shared<WooState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    Json(body): Json<Value>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let Some(i) = find(&s, &id) else {
        return invalid_id();
    };
    s.next_id += 1;
    let mut recorded = body.clone();
    recorded["order_id"] = s.orders[i]["id"].clone();
    recorded["id"] = json!(s.next_id);
    s.notes.push(recorded.clone());
    (StatusCode::CREATED, Json(recorded)).into_response()
}

pub(crate) async fn coupon(
    State(st): State<Shared<WooState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    Json(body): Json<Value>,
) -> Response {
    if let Err(r) = gate(&st, &headers, &q).await {
        return r;
    }
    let mut s = lock(&st);
    let code = body["code"].as_str().unwrap_or_default().to_lowercase();
    if code.is_empty() || s.coupons.iter().any(|c| c["code"] == code.as_str()) {
        return error(
            400,
            "woocommerce_rest_coupon_code_already_exists",
            "The coupon code already exists",
        );
    }
    s.next_id += 1;
    let mut created = body.clone();
    created["id"] = json!(s.next_id);
    created["code"] = json!(code);
    s.coupons.push(created.clone());
    (StatusCode::CREATED, Json(created)).into_response()
}
