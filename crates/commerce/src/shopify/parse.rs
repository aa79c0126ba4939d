//! Shopify's GraphQL order shape → the normalized `Order`. Customer fields may be null when
//! protected customer data is not granted; nothing here assumes they are present.

use crate::error::CommerceError;
use crate::model::*;
use crate::money::Money;
use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Connection<T> {
    pub nodes: Vec<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GqlOrder {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub currency_code: Option<String>,
    pub display_financial_status: Option<String>,
    pub display_fulfillment_status: Option<String>,
    pub total_price_set: MoneyBag,
    pub customer: Option<GqlCustomer>,
    pub shipping_address: Option<GqlAddress>,
    pub line_items: Connection<GqlLineItem>,
    #[serde(default)]
    pub fulfillments: Vec<GqlFulfillment>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct MoneyBag {
    pub shop_money: GqlMoney,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GqlMoney {
    pub amount: String,
    pub currency_code: String,
}

impl GqlMoney {
    pub(crate) fn to_money(&self) -> Result<Money, CommerceError> {
        Money::parse(&self.amount, &self.currency_code)
            .map_err(|e| CommerceError::decode("Shopify", e))
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GqlCustomer {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub default_email_address: Option<EmailAddress>,
    pub default_phone_number: Option<PhoneNumber>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EmailAddress {
    pub email_address: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PhoneNumber {
    pub phone_number: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GqlAddress {
    pub country_code_v2: Option<String>,
    pub city: Option<String>,
    #[serde(default)]
    pub zip: Option<String>,
    pub phone: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GqlLineItem {
    pub id: String,
    pub name: String,
    pub sku: Option<String>,
    pub quantity: u32,
    pub variant: Option<IdOnly>,
    pub original_unit_price_set: MoneyBag,
}

#[derive(Deserialize)]
pub(crate) struct IdOnly {
    pub id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GqlFulfillment {
    pub display_status: Option<String>,
    pub estimated_delivery_at: Option<DateTime<Utc>>,
    pub in_transit_at: Option<DateTime<Utc>>,
    pub delivered_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub tracking_info: Vec<GqlTracking>,
}

#[derive(Deserialize)]
pub(crate) struct GqlTracking {
    pub company: Option<String>,
    pub number: Option<String>,
    pub url: Option<String>,
}

pub(crate) fn financial(s: Option<&str>) -> FinancialStatus {
    match s.unwrap_or_default() {
        "AUTHORIZED" => FinancialStatus::Authorized,
        "EXPIRED" => FinancialStatus::Expired,
        "PAID" => FinancialStatus::Paid,
        "PARTIALLY_PAID" => FinancialStatus::PartiallyPaid,
        "PARTIALLY_REFUNDED" => FinancialStatus::PartiallyRefunded,
        "PENDING" => FinancialStatus::Pending,
        "REFUNDED" => FinancialStatus::Refunded,
        "VOIDED" => FinancialStatus::Voided,
        _ => FinancialStatus::Unknown,
    }
}

fn fulfilment(s: Option<&str>) -> FulfilmentStatus {
    match s.unwrap_or_default() {
        "FULFILLED" => FulfilmentStatus::Fulfilled,
        "PARTIALLY_FULFILLED" => FulfilmentStatus::PartiallyFulfilled,
        "UNFULFILLED"
        | "OPEN"
        | "PENDING_FULFILLMENT"
        | "SCHEDULED"
        | "IN_PROGRESS"
        | "REQUEST_DECLINED" => FulfilmentStatus::Unfulfilled,
        "ON_HOLD" => FulfilmentStatus::OnHold,
        "RESTOCKED" => FulfilmentStatus::Returned,
        _ => FulfilmentStatus::Unknown,
    }
}

/// Shopify's fulfilment display status, a free first signal before any tracker answers.
pub(crate) fn shipment_status(display: Option<&str>) -> ShipmentStatus {
    match display.unwrap_or_default() {
        "LABEL_PRINTED" | "LABEL_PURCHASED" | "CONFIRMED" => ShipmentStatus::InfoReceived,
        "IN_TRANSIT" | "DELAYED" | "CARRIER_PICKED_UP" => ShipmentStatus::InTransit,
        "OUT_FOR_DELIVERY" => ShipmentStatus::OutForDelivery,
        "ATTEMPTED_DELIVERY" => ShipmentStatus::AttemptFail,
        "DELIVERED" => ShipmentStatus::Delivered,
        "READY_FOR_PICKUP" | "PICKED_UP" => ShipmentStatus::AvailableForPickup,
        "NOT_DELIVERED" | "FAILURE" => ShipmentStatus::Exception,
        _ => ShipmentStatus::Pending,
    }
}

fn digits(s: &str) -> Option<String> {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    (!d.is_empty()).then_some(d)
}

/// The numeric tail of a gid ("gid://shopify/Order/111" → "111").
pub(crate) fn gid_tail(gid: &str) -> &str {
    gid.rsplit('/').next().unwrap_or(gid)
}

impl GqlOrder {
    /// The shopper, from the customer record first and the order's own fields second;
    /// every field may be null when protected customer data is not granted.
    fn customer_view(&self) -> Customer {
        let c = self.customer.as_ref();
        let first = c.and_then(|c| c.first_name.clone());
        let name = match (first.as_deref(), c.and_then(|c| c.last_name.as_deref())) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (f, l) => f.or(l).map(String::from),
        };
        let addr = self.shipping_address.as_ref();
        let phone = c
            .and_then(|c| c.default_phone_number.as_ref()?.phone_number.clone())
            .or(self.phone.clone())
            .or_else(|| addr.and_then(|a| a.phone.clone()));
        let email = c
            .and_then(|c| c.default_email_address.as_ref()?.email_address.clone())
            .or(self.email.clone());
        Customer {
            name,
            first_name: first,
            phone: phone.as_deref().and_then(digits),
            email,
            country: addr.and_then(|a| a.country_code_v2.clone()),
            city: addr.and_then(|a| a.city.clone()),
            postcode: addr.and_then(|a| a.zip.clone()),
            id: c.map(|c| c.id.clone()),
        }
    }

    pub(crate) fn into_order(self, store: &str, shop: &str) -> Result<Order, CommerceError> {
        let total = self.total_price_set.shop_money.to_money()?;
        let customer = self.customer_view();
        let mut line_items = Vec::new();
        for li in self.line_items.nodes {
            line_items.push(LineItem {
                unit_price: li.original_unit_price_set.shop_money.to_money()?,
                id: li.id,
                sku: li.sku.filter(|s| !s.is_empty()),
                name: li.name,
                quantity: li.quantity,
                variant_id: li.variant.map(|v| v.id),
                product_id: None,
            });
        }
        let shipments = self
            .fulfillments
            .iter()
            .flat_map(fulfilment_shipments)
            .collect();
        Ok(Order {
            store: store.to_string(),
            number: self.name.trim_start_matches('#').to_string(),
            admin_url: Some(format!(
                "https://admin.shopify.com/store/{shop}/orders/{}",
                gid_tail(&self.id)
            )),
            id: self.id,
            channel: Channel::Shop,
            placed_at: self.created_at,
            currency: self.currency_code.unwrap_or_else(|| total.currency.clone()),
            total,
            line_items,
            financial_status: financial(self.display_financial_status.as_deref()),
            fulfilment_status: fulfilment(self.display_fulfillment_status.as_deref()),
            customer,
            shipments,
            note: self.note.filter(|n| !n.is_empty()),
            tags: self.tags,
        })
    }
}

fn fulfilment_shipments(f: &GqlFulfillment) -> Vec<Shipment> {
    f.tracking_info
        .iter()
        .filter_map(|t| {
            Some(Shipment {
                carrier: t.company.clone(),
                tracking_number: t.number.clone().filter(|n| !n.is_empty())?,
                tracking_url: t.url.clone(),
                status: shipment_status(f.display_status.as_deref()),
                sub_status: f.display_status.clone(),
                checkpoints: Vec::new(),
                last_movement_at: f.delivered_at.or(f.in_transit_at),
                estimated_delivery: f.estimated_delivery_at,
                pickup_until: None,
            })
        })
        .collect()
}
