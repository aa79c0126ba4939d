//! Shopify `orders/*` webhooks: the delivery headers and the REST-shaped (snake_case) order.

use super::parse::shipment_status;
use crate::error::CommerceError;
use crate::model::*;
use crate::money::Money;
use crate::tracker::header;
use chrono::{DateTime, Utc};
use reqwest::header::HeaderMap;
use serde::Deserialize;

const SERVICE: &str = "Shopify webhook";

/// What the `X-Shopify-*` headers say about one delivery; the ids are the dedupe keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShopifyDelivery {
    pub topic: Option<String>,
    pub shop_domain: Option<String>,
    pub api_version: Option<String>,
    pub webhook_id: Option<String>,
    pub event_id: Option<String>,
    pub triggered_at: Option<String>,
    /// The base64 HMAC to check with `verify_shopify_webhook`.
    pub hmac: Option<String>,
}

impl ShopifyDelivery {
    /// Reads the delivery headers (names are case-insensitive).
    pub fn from_headers(h: &HeaderMap) -> Self {
        let get = |n: &str| header(h, n).map(String::from);
        ShopifyDelivery {
            topic: get("x-shopify-topic"),
            shop_domain: get("x-shopify-shop-domain"),
            api_version: get("x-shopify-api-version"),
            webhook_id: get("x-shopify-webhook-id"),
            event_id: get("x-shopify-event-id"),
            triggered_at: get("x-shopify-triggered-at"),
            hmac: get("x-shopify-hmac-sha256"),
        }
    }
}

#[derive(Deserialize)]
struct RestOrder {
    id: u64,
    name: String,
    created_at: DateTime<Utc>,
    currency: String,
    total_price: String,
    financial_status: Option<String>,
    fulfillment_status: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    note: Option<String>,
    #[serde(default)]
    tags: String,
    customer: Option<RestCustomer>,
    shipping_address: Option<RestAddress>,
    #[serde(default)]
    line_items: Vec<RestLine>,
    #[serde(default)]
    fulfillments: Vec<RestFulfillment>,
}

#[derive(Deserialize)]
struct RestCustomer {
    id: u64,
    first_name: Option<String>,
    last_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Deserialize)]
struct RestAddress {
    country_code: Option<String>,
    city: Option<String>,
    #[serde(default)]
    zip: Option<String>,
    phone: Option<String>,
}

#[derive(Deserialize)]
struct RestLine {
    id: u64,
    name: String,
    sku: Option<String>,
    quantity: u32,
    price: String,
    variant_id: Option<u64>,
}

#[derive(Deserialize)]
struct RestFulfillment {
    tracking_company: Option<String>,
    #[serde(default)]
    tracking_numbers: Vec<String>,
    #[serde(default)]
    tracking_urls: Vec<String>,
    shipment_status: Option<String>,
    updated_at: Option<DateTime<Utc>>,
}

fn statuses(fin: Option<&str>, ful: Option<&str>) -> (FinancialStatus, FulfilmentStatus) {
    let upper = fin.unwrap_or_default().to_ascii_uppercase();
    let financial = super::parse::financial(Some(upper.as_str()));
    let fulfilment = match ful {
        Some("fulfilled") => FulfilmentStatus::Fulfilled,
        Some("partial") => FulfilmentStatus::PartiallyFulfilled,
        Some("restocked") => FulfilmentStatus::Returned,
        None | Some("null") | Some("unfulfilled") => FulfilmentStatus::Unfulfilled,
        Some(_) => FulfilmentStatus::Unknown,
    };
    (financial, fulfilment)
}

fn shipments(f: &RestFulfillment) -> Vec<Shipment> {
    let display = f.shipment_status.as_deref().map(|s| match s {
        "attempted_delivery" => "ATTEMPTED_DELIVERY".to_string(),
        other => other.to_ascii_uppercase(),
    });
    f.tracking_numbers
        .iter()
        .enumerate()
        .map(|(i, n)| Shipment {
            carrier: f.tracking_company.clone(),
            tracking_number: n.clone(),
            tracking_url: f.tracking_urls.get(i).cloned(),
            status: shipment_status(display.as_deref()),
            sub_status: display.clone(),
            checkpoints: Vec::new(),
            last_movement_at: f.updated_at,
            estimated_delivery: None,
            pickup_until: None,
        })
        .collect()
}

/// The order in an `orders/create|updated|fulfilled` webhook body (verify it first).
pub fn parse_shopify_order_webhook(
    store: &str,
    shop: &str,
    body: &[u8],
) -> Result<Order, CommerceError> {
    let o: RestOrder =
        serde_json::from_slice(body).map_err(|e| CommerceError::decode(SERVICE, e))?;
    let money =
        |a: &str| Money::parse(a, &o.currency).map_err(|e| CommerceError::decode(SERVICE, e));
    let mut line_items = Vec::new();
    for l in &o.line_items {
        line_items.push(LineItem {
            id: format!("gid://shopify/LineItem/{}", l.id),
            sku: l.sku.clone().filter(|s| !s.is_empty()),
            name: l.name.clone(),
            quantity: l.quantity,
            unit_price: money(&l.price)?,
            variant_id: l
                .variant_id
                .map(|v| format!("gid://shopify/ProductVariant/{v}")),
            product_id: None,
        });
    }
    let (financial_status, fulfilment_status) = statuses(
        o.financial_status.as_deref(),
        o.fulfillment_status.as_deref(),
    );
    let c = o.customer.as_ref();
    let first = c.and_then(|c| c.first_name.clone());
    let name = match (first.as_deref(), c.and_then(|c| c.last_name.as_deref())) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.or(l).map(String::from),
    };
    let addr = o.shipping_address.as_ref();
    let phone = c
        .and_then(|c| c.phone.clone())
        .or(o.phone.clone())
        .or_else(|| addr.and_then(|a| a.phone.clone()));
    Ok(Order {
        store: store.to_string(),
        number: o.name.trim_start_matches('#').to_string(),
        id: format!("gid://shopify/Order/{}", o.id),
        channel: Channel::Shop,
        placed_at: o.created_at,
        total: money(&o.total_price)?,
        currency: o.currency.to_ascii_uppercase(),
        line_items,
        financial_status,
        fulfilment_status,
        customer: Customer {
            name,
            first_name: first,
            phone: phone
                .map(|p| p.chars().filter(char::is_ascii_digit).collect::<String>())
                .filter(|p| !p.is_empty()),
            email: c.and_then(|c| c.email.clone()).or(o.email.clone()),
            country: addr.and_then(|a| a.country_code.clone()),
            city: addr.and_then(|a| a.city.clone()),
            postcode: addr.and_then(|a| a.zip.clone()),
            id: c.map(|c| format!("gid://shopify/Customer/{}", c.id)),
        },
        shipments: o.fulfillments.iter().flat_map(shipments).collect(),
        note: o.note.clone().filter(|n| !n.is_empty()),
        tags: o
            .tags
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        admin_url: Some(format!(
            "https://admin.shopify.com/store/{shop}/orders/{}",
            o.id
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::webhook::{hmac_sha256_base64, verify_shopify_webhook, WebhookDedupe};

    const BODY_TEXT: &str = r##"{"id":450789469,"name":"#1001","created_at":"2026-11-01T10:00:00-03:00",
      "currency":"BRL","total_price":"289.80","financial_status":"paid","fulfillment_status":"fulfilled",
      "email":"ana.souza@exemplo.com.br","phone":null,"note":"","tags":"vip, demo",
      "customer":{"id":207119551,"first_name":"Ana","last_name":"Souza","email":"ana.souza@exemplo.com.br","phone":"+55 11 98765-4321"},
      "shipping_address":{"country_code":"BR","city":"São Paulo","phone":null},
      "line_items":[{"id":466157049,"name":"Tênis de corrida","sku":"RUN-AZ-38","quantity":1,"price":"249.90","variant_id":39072856},
                    {"id":466157050,"name":"Meias","sku":"","quantity":1,"price":"39.9","variant_id":null}],
      "fulfillments":[{"tracking_company":"Correios","tracking_numbers":["LB123456789BR"],
        "tracking_urls":["https://rastreamento.correios.com.br/?objetos=LB123456789BR"],
        "shipment_status":"in_transit","updated_at":"2026-11-05T08:00:00Z"}]}"##;
    const BODY: &[u8] = BODY_TEXT.as_bytes();

    #[test]
    fn a_verified_orders_updated_delivery_parses_once() {
        let sig = hmac_sha256_base64(b"app-secret", BODY);
        let mut h = HeaderMap::new();
        h.insert("X-Shopify-Hmac-Sha256", sig.parse().unwrap());
        h.insert("X-Shopify-Topic", "orders/updated".parse().unwrap());
        h.insert(
            "X-Shopify-Webhook-Id",
            "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043".parse().unwrap(),
        );
        h.insert(
            "X-Shopify-Event-Id",
            "98880550-7158-44d4-b7cd-2c97c8a091b5".parse().unwrap(),
        );
        let d = ShopifyDelivery::from_headers(&h);
        assert_eq!(d.topic.as_deref(), Some("orders/updated"));
        assert!(verify_shopify_webhook(
            &[b"app-secret"],
            BODY,
            d.hmac.as_deref().unwrap()
        ));
        let seen = WebhookDedupe::new(100);
        assert!(seen.first_time(d.webhook_id.as_deref(), d.event_id.as_deref()));
        assert!(!seen.first_time(d.webhook_id.as_deref(), d.event_id.as_deref()));

        let o = parse_shopify_order_webhook("main", "acme", BODY).unwrap();
        assert_eq!(o.number, "1001");
        assert_eq!(o.total, Money::new(28980, "BRL"));
        assert_eq!(o.line_items[1].unit_price.minor, 3990);
        assert_eq!(o.customer.phone.as_deref(), Some("5511987654321"));
        assert_eq!(o.tags, vec!["vip", "demo"]);
        assert_eq!(o.shipments[0].status, ShipmentStatus::InTransit);
        assert!(o.note.is_none());
        assert!(parse_shopify_order_webhook("main", "acme", b"{}").is_err());
    }
}
