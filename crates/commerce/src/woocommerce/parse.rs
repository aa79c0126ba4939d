//! WooCommerce's REST order shape → the normalized `Order`.

use crate::error::CommerceError;
use crate::model::*;
use crate::money::Money;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
pub(crate) struct WooOrder {
    pub id: u64,
    pub number: String,
    pub status: String,
    pub currency: String,
    pub date_created_gmt: String,
    pub total: String,
    #[serde(default)]
    pub customer_id: u64,
    #[serde(default)]
    pub billing: WooAddress,
    #[serde(default)]
    pub shipping: WooAddress,
    #[serde(default)]
    pub line_items: Vec<WooLine>,
    #[serde(default)]
    pub meta_data: Vec<WooMeta>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct WooAddress {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WooLine {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub product_id: u64,
    #[serde(default)]
    pub variation_id: u64,
    pub quantity: u32,
    #[serde(default)]
    pub sku: Option<String>,
    pub subtotal: String,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WooMeta {
    pub key: String,
    pub value: Value,
}

/// Meta keys where shipment-tracking plugins commonly keep the number.
const TRACKING_KEYS: [&str; 3] = [
    "_tracking_number",
    "tracking_number",
    "_aftership_tracking_number",
];

fn statuses(status: &str) -> (FinancialStatus, FulfilmentStatus) {
    match status {
        "pending" => (FinancialStatus::Pending, FulfilmentStatus::Unfulfilled),
        "processing" => (FinancialStatus::Paid, FulfilmentStatus::Unfulfilled),
        "on-hold" => (FinancialStatus::Pending, FulfilmentStatus::OnHold),
        "completed" => (FinancialStatus::Paid, FulfilmentStatus::Fulfilled),
        "cancelled" => (FinancialStatus::Voided, FulfilmentStatus::Cancelled),
        "refunded" => (FinancialStatus::Refunded, FulfilmentStatus::Unknown),
        "failed" => (FinancialStatus::Failed, FulfilmentStatus::Unfulfilled),
        "trash" => (FinancialStatus::Unknown, FulfilmentStatus::Cancelled),
        _ => (FinancialStatus::Unknown, FulfilmentStatus::Unknown),
    }
}

fn nonempty(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// Shipments named in plugin meta: the Shipment Tracking list or a single number key.
fn shipments(meta: &[WooMeta]) -> Vec<Shipment> {
    let mut out = Vec::new();
    let mut push = |number: &str, carrier: Option<&str>, url: Option<&str>| {
        if !number.trim().is_empty()
            && !out
                .iter()
                .any(|s: &Shipment| s.tracking_number == number.trim())
        {
            out.push(Shipment {
                carrier: carrier.filter(|c| !c.is_empty()).map(String::from),
                tracking_number: number.trim().to_string(),
                tracking_url: url.filter(|u| !u.is_empty()).map(String::from),
                status: ShipmentStatus::InfoReceived,
                sub_status: Some("known to the shop only; ask the tracker".into()),
                checkpoints: Vec::new(),
                last_movement_at: None,
                estimated_delivery: None,
                pickup_until: None,
            });
        }
    };
    for m in meta {
        if m.key == "_wc_shipment_tracking_items" {
            for item in m.value.as_array().into_iter().flatten() {
                let carrier = item["tracking_provider"]
                    .as_str()
                    .or(item["custom_tracking_provider"].as_str());
                if let Some(n) = item["tracking_number"].as_str() {
                    push(n, carrier, item["custom_tracking_link"].as_str());
                }
            }
        } else if TRACKING_KEYS.contains(&m.key.as_str()) {
            if let Some(n) = m.value.as_str() {
                push(n, None, None);
            }
        }
    }
    out
}

fn placed_at(gmt: &str) -> Result<DateTime<Utc>, CommerceError> {
    NaiveDateTime::parse_from_str(gmt, "%Y-%m-%dT%H:%M:%S")
        .map(|d| d.and_utc())
        .or_else(|_| DateTime::parse_from_rfc3339(gmt).map(|d| d.with_timezone(&Utc)))
        .map_err(|e| CommerceError::decode("WooCommerce", format!("date_created_gmt {gmt:?}: {e}")))
}

/// The shopper from billing first, shipping second; country and city from shipping first.
fn customer(b: &WooAddress, s: &WooAddress, customer_id: u64) -> Customer {
    let first = nonempty(&b.first_name).or(nonempty(&s.first_name));
    let last = nonempty(&b.last_name).or(nonempty(&s.last_name));
    let name = match (&first, &last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (f, l) => f.clone().or(l.clone()),
    };
    Customer {
        name,
        first_name: first,
        phone: nonempty(&b.phone)
            .or(nonempty(&s.phone))
            .map(|p| p.chars().filter(char::is_ascii_digit).collect()),
        email: nonempty(&b.email),
        country: nonempty(&s.country).or(nonempty(&b.country)),
        city: nonempty(&s.city).or(nonempty(&b.city)),
        postcode: nonempty(&s.postcode).or(nonempty(&b.postcode)),
        id: (customer_id != 0).then(|| customer_id.to_string()),
    }
}

impl WooOrder {
    pub(crate) fn into_order(self, store: &str, site: &str) -> Result<Order, CommerceError> {
        let money = |s: &str| {
            Money::parse(s, &self.currency).map_err(|e| CommerceError::decode("WooCommerce", e))
        };
        let mut line_items = Vec::new();
        for l in &self.line_items {
            let subtotal = money(&l.subtotal)?;
            line_items.push(LineItem {
                id: l.id.to_string(),
                sku: nonempty(&l.sku),
                name: l.name.clone(),
                quantity: l.quantity,
                unit_price: Money::new(
                    subtotal.minor / i64::from(l.quantity.max(1)),
                    &self.currency,
                ),
                variant_id: (l.variation_id != 0).then(|| l.variation_id.to_string()),
                product_id: (l.product_id != 0).then(|| l.product_id.to_string()),
            });
        }
        let (financial_status, fulfilment_status) = statuses(&self.status);
        let tags = self
            .meta_data
            .iter()
            .find(|m| m.key == "_lifeline_tags")
            .and_then(|m| m.value.as_str())
            .map(|t| {
                t.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Ok(Order {
            store: store.to_string(),
            number: self.number.clone(),
            id: self.id.to_string(),
            channel: Channel::Shop,
            placed_at: placed_at(&self.date_created_gmt)?,
            total: money(&self.total)?,
            currency: self.currency.to_ascii_uppercase(),
            line_items,
            financial_status,
            fulfilment_status,
            customer: customer(&self.billing, &self.shipping, self.customer_id),
            shipments: shipments(&self.meta_data),
            note: None,
            tags,
            admin_url: Some(format!(
                "{}/wp-admin/post.php?post={}&action=edit",
                site.trim_end_matches('/'),
                self.id
            )),
        })
    }
}
