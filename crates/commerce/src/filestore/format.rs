//! The file store's on-disk shape: friendly for a shop owner to export, with times that may be
//! written relative to now ("-9d", "-3h30m", "+2d") so demo data stays realistic whenever it runs.
//!
//! JSON: `{"orders": [...]}` or a bare array; each order has `number`, `placed_at`, `currency`,
//! optional `id`, `channel` (shop | amazon | ebay), `total` (summed from items when absent),
//! `financial_status`, `fulfilment_status`, `customer {name, phone, email, country, city, id}`,
//! `items [{id?, sku?, name, quantity, unit_price: "24.90", variant_id?}]`, `shipments
//! [{carrier?, tracking_number, tracking_url?, status, sub_status?, estimated_delivery?, pickup_until?,
//! checkpoints [{at, place?, message, status?}]}]`, `note`, `tags`. Amounts are decimal strings.
//!
//! CSV: one row per item; columns by header name: number, placed_at, currency, total, channel,
//! financial_status, fulfilment_status, customer_name, first_name, phone, email, country, city,
//! customer_id, line_item_id, sku, item_name, quantity, unit_price, variant_id, carrier,
//! tracking_number, tracking_url, shipment_status, sub_status, last_event_at, last_event,
//! last_event_place, estimated_delivery, pickup_until, note, tags (separated by ";").

use crate::error::CommerceError;
use crate::model::*;
use crate::money::Money;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

/// The whole file: either `{"orders": [...]}` or a bare array.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum FileDoc {
    Wrapped { orders: Vec<FileOrder> },
    Bare(Vec<FileOrder>),
}

impl FileDoc {
    pub(crate) fn into_orders(self) -> Vec<FileOrder> {
        match self {
            FileDoc::Wrapped { orders } | FileDoc::Bare(orders) => orders,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FileOrder {
    pub number: String,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default = "shop_channel")]
    pub channel: Channel,
    pub placed_at: String,
    pub currency: String,
    /// Computed from the items when absent.
    #[serde(default)]
    pub total: Option<String>,
    #[serde(default = "paid")]
    pub financial_status: FinancialStatus,
    #[serde(default = "unfulfilled")]
    pub fulfilment_status: FulfilmentStatus,
    #[serde(default)]
    pub customer: Customer,
    #[serde(default)]
    pub items: Vec<FileItem>,
    #[serde(default)]
    pub shipments: Vec<FileShipment>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FileItem {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub sku: Option<String>,
    pub name: String,
    #[serde(default = "one")]
    pub quantity: u32,
    pub unit_price: String,
    #[serde(default)]
    pub variant_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FileShipment {
    #[serde(default)]
    pub carrier: Option<String>,
    pub tracking_number: String,
    #[serde(default)]
    pub tracking_url: Option<String>,
    pub status: ShipmentStatus,
    #[serde(default)]
    pub sub_status: Option<String>,
    #[serde(default)]
    pub checkpoints: Vec<FileCheckpoint>,
    #[serde(default)]
    pub estimated_delivery: Option<String>,
    /// Until when a pickup point holds the parcel ("+6d", a date or a time).
    #[serde(default)]
    pub pickup_until: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FileCheckpoint {
    pub at: String,
    #[serde(default)]
    pub place: Option<String>,
    pub message: String,
    #[serde(default)]
    pub status: Option<ShipmentStatus>,
}

fn shop_channel() -> Channel {
    Channel::Shop
}
fn paid() -> FinancialStatus {
    FinancialStatus::Paid
}
fn unfulfilled() -> FulfilmentStatus {
    FulfilmentStatus::Unfulfilled
}
fn one() -> u32 {
    1
}

/// Reads "now", "-9d", "+2d", "-3h30m", "-45m", an RFC 3339 time or a plain date.
pub(crate) fn moment(text: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("now") {
        return Ok(now);
    }
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('+')) {
        let offset =
            relative(rest).ok_or_else(|| format!("{t:?} is not an offset like -9d or -3h30m"))?;
        let at = if t.starts_with('-') {
            now.checked_sub_signed(offset)
        } else {
            now.checked_add_signed(offset)
        };
        return at.ok_or_else(|| format!("{t:?} is too far from now"));
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|d| d.and_utc())
        .ok_or_else(|| format!("{t:?} is neither a time (RFC 3339), a date nor an offset like -9d"))
}

fn relative(text: &str) -> Option<Duration> {
    let mut total = Duration::zero();
    let mut digits = String::new();
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().ok()?;
        digits.clear();
        let step = match c {
            'd' => Duration::try_days(n)?,
            'h' => Duration::try_hours(n)?,
            'm' => Duration::try_minutes(n)?,
            _ => return None,
        };
        total = total.checked_add(&step)?;
        any = true;
    }
    (any && digits.is_empty()).then_some(total)
}

impl FileOrder {
    /// The normalized order, with relative times resolved against `now`.
    pub(crate) fn into_order(
        self,
        store: &str,
        now: DateTime<Utc>,
    ) -> Result<Order, CommerceError> {
        let bad = |detail: String| CommerceError::Decode {
            service: format!("file store {store}"),
            detail: format!("order {}: {detail}", self.number),
        };
        let currency = self.currency.to_ascii_uppercase();
        let money = |s: &str| Money::parse(s, &currency).map_err(|e| bad(e.to_string()));
        let mut line_items = Vec::new();
        for (i, item) in self.items.iter().enumerate() {
            line_items.push(LineItem {
                id: item
                    .id
                    .clone()
                    .unwrap_or_else(|| format!("{}-{}", self.number, i + 1)),
                sku: item.sku.clone(),
                name: item.name.clone(),
                quantity: item.quantity,
                unit_price: money(&item.unit_price)?,
                variant_id: item.variant_id.clone(),
                product_id: None,
            });
        }
        let total = match &self.total {
            Some(t) => money(t)?,
            None => {
                sum_lines(&line_items, &currency).ok_or_else(|| bad("total overflows".into()))?
            }
        };
        let mut shipments = Vec::new();
        for s in &self.shipments {
            shipments.push(s.clone().into_shipment(now).map_err(bad)?);
        }
        let mut customer = self.customer.clone();
        if customer.first_name.is_none() {
            customer.first_name = customer
                .name
                .as_deref()
                .and_then(|n| n.split_whitespace().next())
                .map(String::from);
        }
        Ok(Order {
            store: store.to_string(),
            id: self.id.clone().unwrap_or_else(|| self.number.clone()),
            number: self.number.trim_start_matches('#').to_string(),
            channel: self.channel,
            placed_at: moment(&self.placed_at, now).map_err(bad)?,
            total,
            currency,
            line_items,
            financial_status: self.financial_status,
            fulfilment_status: self.fulfilment_status,
            customer,
            shipments,
            note: self.note,
            tags: self.tags,
            admin_url: None,
        })
    }
}

pub(crate) fn sum_lines(items: &[LineItem], currency: &str) -> Option<Money> {
    items.iter().try_fold(Money::zero(currency), |acc, it| {
        acc.checked_add(&it.unit_price.times(it.quantity)?)
    })
}

impl FileShipment {
    fn into_shipment(self, now: DateTime<Utc>) -> Result<Shipment, String> {
        let mut checkpoints = Vec::new();
        for c in self.checkpoints {
            checkpoints.push(Checkpoint {
                at: moment(&c.at, now)?,
                place: c.place,
                message: c.message,
                status: c.status,
            });
        }
        checkpoints.sort_by_key(|x| std::cmp::Reverse(x.at));
        Ok(Shipment {
            last_movement_at: checkpoints.first().map(|c| c.at),
            estimated_delivery: self
                .estimated_delivery
                .as_deref()
                .map(|e| moment(e, now))
                .transpose()?,
            carrier: self.carrier,
            tracking_number: self.tracking_number,
            tracking_url: self.tracking_url,
            status: self.status,
            sub_status: self.sub_status,
            pickup_until: self
                .pickup_until
                .as_deref()
                .map(|e| moment(e, now))
                .transpose()?,
            checkpoints,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_and_absolute_moments_resolve() {
        let now = Utc::now();
        assert_eq!(moment("-9d", now).unwrap(), now - Duration::days(9));
        assert_eq!(moment("+2d", now).unwrap(), now + Duration::days(2));
        assert_eq!(moment("-3h30m", now).unwrap(), now - Duration::minutes(210));
        assert_eq!(moment("now", now).unwrap(), now);
        assert_eq!(
            moment("2026-01-02T03:04:05Z", now).unwrap().to_rfc3339(),
            "2026-01-02T03:04:05+00:00"
        );
        assert!(moment("2026-01-02", now).is_ok());
        for bad in [
            "-9",
            "-d",
            "-9x",
            "yesterday",
            "",
            "-99999999999999d",
            "+999999999d",
        ] {
            assert!(moment(bad, now).is_err(), "{bad}");
        }
    }
}
