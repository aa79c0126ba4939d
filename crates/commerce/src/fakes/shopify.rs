//! A fake Shopify Admin GraphQL endpoint. It cannot parse GraphQL; it dispatches on the
//! operation name the connector gives each document and reads the variables, answering in the
//! documented shapes: `extensions.cost.throttleStatus` on every answer, `THROTTLED` errors,
//! `userErrors` with HTTP 200, the 60-day window, prefix-matching name search, `@idempotent`.

use super::shopify_render::{order_node, shopify_identities};
use super::{knob_methods, lock, serve, HasKnobs, Injected, Knobs, Running, Shared};
use crate::model::Order;
use crate::money::Money;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{Duration, Utc};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The fake store; dropping it stops the server.
pub struct FakeShopify {
    state: Shared<ShopifyState>,
    running: Running,
}

pub(crate) struct ShopifyState {
    pub(crate) knobs: Knobs,
    pub(crate) token: String,
    pub(crate) orders: Vec<Order>,
    pub(crate) scopes: Vec<String>,
    pub(crate) refunded: HashMap<String, i64>,
    pub(crate) refunds: Vec<Value>,
    pub(crate) refund_keys: HashMap<String, Value>,
    pub(crate) drafts: Vec<Value>,
    pub(crate) discounts: Vec<Value>,
    pub(crate) notes: Vec<(String, String)>,
    pub(crate) next_number: u64,
    pub(crate) next_id: u64,
}

impl HasKnobs for ShopifyState {
    fn knobs(&mut self) -> &mut Knobs {
        &mut self.knobs
    }
}

knob_methods!(FakeShopify);

impl FakeShopify {
    /// Starts a store holding `orders` (given Shopify gids) that accepts `token`.
    pub async fn start(token: &str, orders: Vec<Order>) -> std::io::Result<FakeShopify> {
        let next_number = orders
            .iter()
            .filter_map(|o| o.number.parse::<u64>().ok())
            .max()
            .unwrap_or(1000)
            + 1;
        let state = Arc::new(Mutex::new(ShopifyState {
            knobs: Knobs::default(),
            token: token.to_string(),
            orders: orders
                .into_iter()
                .enumerate()
                .map(|(i, o)| shopify_identities(o, i))
                .collect(),
            scopes: [
                "read_orders",
                "write_orders",
                "write_discounts",
                "write_draft_orders",
                "read_customers",
            ]
            .map(String::from)
            .to_vec(),
            refunded: HashMap::new(),
            refunds: Vec::new(),
            refund_keys: HashMap::new(),
            drafts: Vec::new(),
            discounts: Vec::new(),
            notes: Vec::new(),
            next_number,
            next_id: 1,
        }));
        let router = Router::new()
            .route("/admin/api/{version}/graphql.json", post(graphql))
            .with_state(state.clone());
        Ok(FakeShopify {
            state,
            running: serve(router).await?,
        })
    }

    /// Grants an extra access scope (e.g. `read_all_orders`).
    pub fn grant_scope(&self, scope: &str) {
        lock(&self.state).scopes.push(scope.to_string());
    }

    /// The store's orders now (with gids, notes, tags, replacements).
    pub fn orders(&self) -> Vec<Order> {
        lock(&self.state).orders.clone()
    }

    /// Every accepted `RefundInput`, with `"idempotencyKey"` added when the directive was sent.
    pub fn refunds(&self) -> Vec<Value> {
        lock(&self.state).refunds.clone()
    }

    /// Every `DraftOrderInput` received.
    pub fn draft_orders(&self) -> Vec<Value> {
        lock(&self.state).drafts.clone()
    }

    /// Every accepted `DiscountCodeBasicInput`.
    pub fn discount_codes(&self) -> Vec<Value> {
        lock(&self.state).discounts.clone()
    }

    /// (order gid, note) for each `orderUpdate` note.
    pub fn notes(&self) -> Vec<(String, String)> {
        lock(&self.state).notes.clone()
    }
}

fn cost(requested: u32, available: f64) -> Value {
    json!({ "cost": { "requestedQueryCost": requested, "actualQueryCost": requested,
        "throttleStatus": { "maximumAvailable": 1000.0, "currentlyAvailable": available, "restoreRate": 1000.0 } } })
}

fn injected(inj: Injected) -> Option<Response> {
    match inj {
        Injected::Nothing => None,
        Injected::Throttle => Some(Json(json!({
            "errors": [{ "message": "Throttled", "extensions": { "code": "THROTTLED",
                "documentation": "https://shopify.dev/api/usage/rate-limits" } }],
            "extensions": { "cost": { "requestedQueryCost": 752, "actualQueryCost": null,
                "throttleStatus": { "maximumAvailable": 2000.0, "currentlyAvailable": 732, "restoreRate": 1000.0 } } } })).into_response()),
        Injected::Fail(s) => Some(fail(s)),
    }
}

fn fail(status: u16) -> Response {
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match status {
        401 => "[API] Invalid API key or access token (unrecognized login or wrong password)",
        402 => "Unavailable Shop",
        423 => "Locked",
        429 => "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
        _ => "Internal Server Error",
    };
    let mut resp = (code, Json(json!({ "errors": text }))).into_response();
    if status == 429 {
        resp.headers_mut()
            .insert("retry-after", axum::http::HeaderValue::from_static("0.05"));
    }
    resp
}

async fn graphql(
    State(st): State<Shared<ShopifyState>>,
    Path(version): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let (inj, delay) = lock(&st).knobs.next();
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let token_ok = headers
        .get("x-shopify-access-token")
        .and_then(|v| v.to_str().ok())
        == Some(lock(&st).token.as_str());
    if !token_ok {
        return fail(401);
    }
    if let Some(r) = injected(inj) {
        return r;
    }
    let Ok(req) = serde_json::from_str::<Value>(&body) else {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({ "errors": { "query": "Required parameter missing or invalid" } })),
        )
            .into_response();
    };
    let query = req["query"].as_str().unwrap_or_default().to_string();
    let vars = req["variables"].clone();
    let mut s = lock(&st);
    let answer = s.run(&version, &query, &vars);
    let cost = cost(
        if query.trim_start().starts_with("mutation") {
            10
        } else {
            12
        },
        990.0,
    );
    Json(match answer {
        Ok(data) => json!({ "data": data, "extensions": cost }),
        Err(message) => json!({ "errors": [{ "message": message, "extensions": { "code": "BAD_REQUEST", "requestId": "fake-req-1" } }], "extensions": cost }),
    })
    .into_response()
}

/// The operation name after `query`/`mutation`.
fn operation(query: &str) -> &str {
    let rest = query
        .trim_start()
        .trim_start_matches("query")
        .trim_start_matches("mutation")
        .trim_start();
    rest.split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
}

/// The key inside `@idempotent(key: "…")`, if the directive is there.
fn idempotency_key(query: &str) -> Option<String> {
    let at = query.find("@idempotent(key:")?;
    let rest = query[at + "@idempotent(key:".len()..].trim_start();
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<String>();
    stream.next()?.ok()
}

impl ShopifyState {
    fn run(&mut self, version: &str, query: &str, vars: &Value) -> Result<Value, String> {
        match operation(query) {
            "OrderByName" => Ok(self.by_name(vars["q"].as_str().unwrap_or_default())),
            "OrdersByContact" => Ok(self.by_contact(vars["q"].as_str().unwrap_or_default())),
            "AccessScopes" => Ok(json!({ "currentAppInstallation": { "accessScopes":
                self.scopes.iter().map(|s| json!({ "handle": s })).collect::<Vec<_>>() } })),
            "SuggestedRefund" => Ok(self.suggested_refund(vars["id"].as_str().unwrap_or_default())),
            "Refund" => self.refund(version, idempotency_key(query), &vars["input"]),
            "DraftOrderCreate" => Ok(self.draft_create(&vars["input"])),
            "DraftOrderComplete" => {
                Ok(self.draft_complete(vars["id"].as_str().unwrap_or_default()))
            }
            "DiscountCreate" => self.discount(version, &vars["basicCodeDiscount"]),
            "OrderNote" => Ok(self.note(&vars["input"])),
            "TagsAdd" => Ok(self.tags_add(vars["id"].as_str().unwrap_or_default(), &vars["tags"])),
            other => Err(format!("Field '{other}' doesn't exist on type 'QueryRoot'")),
        }
    }

    fn visible(&self, o: &Order) -> bool {
        self.scopes.iter().any(|s| s == "read_all_orders")
            || o.placed_at > Utc::now() - Duration::days(60)
    }

    /// Like the real search, `name:` matches by prefix; exactness is the connector's job.
    fn by_name(&self, q: &str) -> Value {
        let wanted = q
            .trim_start_matches("name:")
            .trim_matches('"')
            .trim_start_matches('#');
        let nodes: Vec<Value> = self
            .orders
            .iter()
            .filter(|o| self.visible(o) && o.number.starts_with(wanted))
            .map(order_node)
            .collect();
        json!({ "orders": { "nodes": nodes } })
    }

    fn by_contact(&self, q: &str) -> Value {
        let terms: Vec<(String, String)> = q
            .split(" OR ")
            .filter_map(|t| t.split_once(':'))
            .map(|(k, v)| {
                (
                    k.trim().to_string(),
                    v.trim().trim_matches('"').to_lowercase(),
                )
            })
            .collect();
        let mut hits: Vec<&Order> = self
            .orders
            .iter()
            .filter(|o| self.visible(o))
            .filter(|o| {
                terms.iter().any(|(k, v)| match k.as_str() {
                    "email" => {
                        o.customer
                            .email
                            .as_deref()
                            .map(str::to_lowercase)
                            .as_deref()
                            == Some(v)
                    }
                    "phone" => o.customer.phone.as_deref() == Some(v.trim_start_matches('+')),
                    _ => false,
                })
            })
            .collect();
        hits.sort_by_key(|x| std::cmp::Reverse(x.placed_at));
        json!({ "orders": { "nodes": hits.into_iter().take(10).map(order_node).collect::<Vec<_>>() } })
    }

    pub(crate) fn remaining(&self, o: &Order) -> i64 {
        o.total.minor - self.refunded.get(&o.id).copied().unwrap_or(0)
    }

    fn suggested_refund(&self, id: &str) -> Value {
        let Some(o) = self.orders.iter().find(|o| o.id == id) else {
            return json!({ "order": null });
        };
        let left = self.remaining(o);
        let txs = if left > 0 {
            json!([{ "parentTransaction": { "id": format!("gid://shopify/OrderTransaction/{}", o.id.rsplit('/').next().unwrap_or("0")) },
                "gateway": "shopify_payments", "kind": "SUGGESTED_REFUND",
                "amountSet": { "shopMoney": { "amount": Money::new(left, &o.currency).to_decimal_string(), "currencyCode": o.currency } } }])
        } else {
            json!([])
        };
        json!({ "order": { "suggestedRefund": { "suggestedTransactions": txs } } })
    }
}
