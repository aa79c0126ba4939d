//! `POST /webhooks/shopify`: a Shopify store's `orders/*` webhooks, verified with the app's secret and
//! handled once, bring every conversation's copy of the order up to date (a new fulfilment's tracking
//! number, a refund, a cancellation), shown live to agents.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use lifeline_commerce::{
    parse_shopify_order_webhook, verify_shopify_webhook, Order, ShopifyDelivery,
};

use crate::state::AppState;

pub async fn receive(State(app): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let delivery = ShopifyDelivery::from_headers(&headers);
    let domain = delivery.shop_domain.as_deref().unwrap_or("");
    let Some((store, hooks)) = app.commerce.stores.iter().find_map(|s| {
        s.shopify_webhooks
            .as_ref()
            .filter(|h| h.domain.eq_ignore_ascii_case(domain))
            .map(|h| (s, h))
    }) else {
        return (
            StatusCode::NOT_FOUND,
            format!("no store with a webhook secret is configured for the shop domain '{domain}'"),
        )
            .into_response();
    };
    let secrets: Vec<&[u8]> = hooks
        .secrets
        .iter()
        .map(|s| s.expose().as_bytes())
        .collect();
    if !verify_shopify_webhook(&secrets, &body, delivery.hmac.as_deref().unwrap_or("")) {
        return (
            StatusCode::UNAUTHORIZED,
            "X-Shopify-Hmac-Sha256 missing or wrong",
        )
            .into_response();
    }
    if !delivery
        .topic
        .as_deref()
        .is_some_and(|t| t.starts_with("orders/"))
    {
        // Subscribed to something the desk does not use: accepted so Shopify does not retry it.
        return (StatusCode::OK, "topic not used by the desk").into_response();
    }
    if !hooks
        .seen
        .first_time(delivery.webhook_id.as_deref(), delivery.event_id.as_deref())
    {
        return (StatusCode::OK, "already handled").into_response();
    }
    let fresh = match parse_shopify_order_webhook(&store.name, &hooks.shop, &body) {
        Ok(o) => o,
        Err(e) => {
            let _ = app
                .store
                .record_dead_letter(&format!("unreadable Shopify order webhook: {e}"), &body)
                .await;
            return (StatusCode::BAD_REQUEST, e.to_string()).into_response();
        }
    };
    // Not stored: forget the delivery, so Shopify's retry is handled rather than taken for a repeat.
    let failed = |e: anyhow::Error| {
        tracing::error!(error = format!("{e:#}"), "Shopify order webhook not stored");
        hooks
            .seen
            .forget(delivery.webhook_id.as_deref(), delivery.event_id.as_deref());
        (StatusCode::INTERNAL_SERVER_ERROR, "try again").into_response()
    };
    let rows = match app.store.orders_by_number(&store.name, &fresh.number).await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    for row in rows {
        let cached: Option<Order> = row
            .order_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok());
        let order = merged(fresh.clone(), cached.as_ref());
        if let Err(e) = crate::orders::keep_pushed(&app, row, &order).await {
            return failed(e);
        }
    }
    StatusCode::OK.into_response()
}

/// The shop's new word on the order, keeping what the carrier tracker already told about a parcel the
/// desk knew (the webhook's fulfilment carries only the shop's coarse status).
fn merged(mut fresh: Order, cached: Option<&Order>) -> Order {
    let Some(cached) = cached else {
        return fresh;
    };
    for s in &mut fresh.shipments {
        if let Some(known) = cached
            .shipments
            .iter()
            .find(|k| k.tracking_number == s.tracking_number)
        {
            *s = known.clone();
        }
    }
    fresh
}
