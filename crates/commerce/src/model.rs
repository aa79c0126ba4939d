//! The normalized order and parcel that every connector produces and the desk reads.

use crate::money::Money;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Where the order was placed; marketplaces come with their own contact rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The retailer's own store (Shopify, WooCommerce, exported file).
    Shop,
    /// Amazon: the buyer may only be answered, never contacted first off-platform.
    Amazon,
    /// eBay marketplace.
    Ebay,
}

/// Where the money stands, folded from each shop's own vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FinancialStatus {
    Pending,
    Authorized,
    Paid,
    PartiallyPaid,
    PartiallyRefunded,
    Refunded,
    Voided,
    Failed,
    Expired,
    Unknown,
}

/// Where the goods stand from the shop's side (the parcel's own story is in `Shipment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FulfilmentStatus {
    Unfulfilled,
    PartiallyFulfilled,
    Fulfilled,
    OnHold,
    Returned,
    Cancelled,
    Unknown,
}

/// The shopper as the shop knows them; any field may be hidden by the shop's privacy rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub name: Option<String>,
    pub first_name: Option<String>,
    /// Digits with country code where the shop gave one (E.164 without "+").
    pub phone: Option<String>,
    pub email: Option<String>,
    /// ISO 3166-1 alpha-2 of the shipping address.
    pub country: Option<String>,
    /// Shipping city, for the agent's orientation.
    #[serde(default)]
    pub city: Option<String>,
    /// Shipping postcode, as the shop wrote it; one of the things a shopper can confirm an order by.
    #[serde(default)]
    pub postcode: Option<String>,
    /// The shop's customer id (needed to tie a discount code to one shopper).
    pub id: Option<String>,
}

/// One product line of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineItem {
    pub id: String,
    pub sku: Option<String>,
    pub name: String,
    pub quantity: u32,
    pub unit_price: Money,
    /// The variant to send again in a replacement.
    pub variant_id: Option<String>,
    /// The product behind the variant (WooCommerce needs both).
    #[serde(default)]
    pub product_id: Option<String>,
}

/// An order, whichever shop it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The configured store name it came from.
    pub store: String,
    /// The number the shopper sees, without "#" ("1001").
    pub number: String,
    /// The shop's own id (Shopify gid, WooCommerce numeric id).
    pub id: String,
    pub channel: Channel,
    pub placed_at: DateTime<Utc>,
    pub currency: String,
    pub total: Money,
    pub line_items: Vec<LineItem>,
    pub financial_status: FinancialStatus,
    pub fulfilment_status: FulfilmentStatus,
    pub customer: Customer,
    pub shipments: Vec<Shipment>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    /// A link for the agent to open the order in the shop's admin.
    pub admin_url: Option<String>,
}

impl Order {
    /// True for Amazon and eBay orders, which carry the marketplace's conduct rules.
    pub fn is_marketplace(&self) -> bool {
        self.channel != Channel::Shop
    }

    /// Whether Lifeline may open a WhatsApp conversation about this order; never for Amazon,
    /// whose buyers may only be answered when they write first.
    pub fn may_contact_first(&self) -> bool {
        self.channel != Channel::Amazon
    }
}

/// The normalized parcel status shared by AfterShip, 17TRACK, Shopify and the file store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShipmentStatus {
    Pending,
    InfoReceived,
    InTransit,
    OutForDelivery,
    AttemptFail,
    Delivered,
    AvailableForPickup,
    Exception,
    Expired,
}

impl ShipmentStatus {
    /// The snake_case word used on the wire and in the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentStatus::Pending => "pending",
            ShipmentStatus::InfoReceived => "info_received",
            ShipmentStatus::InTransit => "in_transit",
            ShipmentStatus::OutForDelivery => "out_for_delivery",
            ShipmentStatus::AttemptFail => "attempt_fail",
            ShipmentStatus::Delivered => "delivered",
            ShipmentStatus::AvailableForPickup => "available_for_pickup",
            ShipmentStatus::Exception => "exception",
            ShipmentStatus::Expired => "expired",
        }
    }
}

/// One scan or event in the parcel's journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub at: DateTime<Utc>,
    pub place: Option<String>,
    pub message: String,
    pub status: Option<ShipmentStatus>,
}

/// A parcel and what the carrier says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    pub carrier: Option<String>,
    pub tracking_number: String,
    pub tracking_url: Option<String>,
    pub status: ShipmentStatus,
    /// The tracker's finer status kept as text ("Exception_004", "InTransit_CustomsProcessing").
    pub sub_status: Option<String>,
    /// Newest first.
    pub checkpoints: Vec<Checkpoint>,
    pub last_movement_at: Option<DateTime<Utc>>,
    pub estimated_delivery: Option<DateTime<Utc>>,
    /// Until when a parcel waiting at a pickup point is held, when the source says so (the file store's
    /// `pickup_until`); never guessed, so a draft only names a deadline the data gives.
    #[serde(default)]
    pub pickup_until: Option<DateTime<Utc>>,
}

/// Sub-statuses after which the parcel will not move again (returned, destroyed, cancelled).
const FINAL_EXCEPTIONS: [&str; 5] = [
    "Exception_011",
    "Exception_Returned",
    "Exception_Destroyed",
    "Exception_Cancel",
    "returned",
];

impl Shipment {
    /// Takes the tracker's fresh look at this parcel, keeping what the shop knows better: the carrier's
    /// name as the shop shows it to the shopper ("Cainiao → DHL", where the tracker only has its courier
    /// code "cainiao-dhl") and the shop's tracking link when the tracker gives none.
    pub fn refresh_from(&mut self, fresh: Shipment) {
        let carrier = self.carrier.take();
        let link = self.tracking_url.take();
        *self = fresh;
        if carrier.is_some() {
            self.carrier = carrier;
        }
        if self.tracking_url.is_none() {
            self.tracking_url = link;
        }
    }

    /// The latest moment anything happened: the stated last movement or the newest checkpoint.
    pub fn last_movement(&self) -> Option<DateTime<Utc>> {
        let newest = self.checkpoints.iter().map(|c| c.at).max();
        match (self.last_movement_at, newest) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// How long the parcel has been still; `None` when nothing ever happened.
    pub fn since_last_movement(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.last_movement()
            .map(|at| (now - at).max(Duration::zero()))
    }

    /// True once the journey is over: delivered, tracking expired, or returned/destroyed/cancelled.
    pub fn is_terminal(&self) -> bool {
        match self.status {
            ShipmentStatus::Delivered | ShipmentStatus::Expired => true,
            ShipmentStatus::Exception => self
                .sub_status
                .as_deref()
                .is_some_and(|s| FINAL_EXCEPTIONS.iter().any(|f| s.eq_ignore_ascii_case(f))),
            _ => false,
        }
    }

    /// A parcel still on its way that has not moved for longer than `threshold`.
    pub fn is_stalled(&self, now: DateTime<Utc>, threshold: Duration) -> bool {
        !self.is_terminal()
            && self
                .since_last_movement(now)
                .is_some_and(|still| still > threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parcel(status: ShipmentStatus, moved_days_ago: Option<i64>, now: DateTime<Utc>) -> Shipment {
        Shipment {
            carrier: Some("correios".into()),
            tracking_number: "LX123456789BR".into(),
            tracking_url: None,
            status,
            sub_status: None,
            checkpoints: moved_days_ago
                .map(|d| Checkpoint {
                    at: now - Duration::days(d),
                    place: None,
                    message: "Objeto em trânsito".into(),
                    status: Some(status),
                })
                .into_iter()
                .collect(),
            last_movement_at: None,
            estimated_delivery: None,
            pickup_until: None,
        }
    }

    #[test]
    fn a_parcel_still_for_nine_days_is_stalled_at_seven() {
        let now = Utc::now();
        let p = parcel(ShipmentStatus::InTransit, Some(9), now);
        assert_eq!(p.since_last_movement(now), Some(Duration::days(9)));
        assert!(p.is_stalled(now, Duration::days(7)));
        assert!(!p.is_stalled(now, Duration::days(10)));
    }

    #[test]
    fn delivered_or_silent_parcels_are_not_stalled() {
        let now = Utc::now();
        assert!(
            !parcel(ShipmentStatus::Delivered, Some(30), now).is_stalled(now, Duration::days(7))
        );
        assert!(!parcel(ShipmentStatus::Pending, None, now).is_stalled(now, Duration::days(7)));
        let mut returned = parcel(ShipmentStatus::Exception, Some(20), now);
        returned.sub_status = Some("Exception_011".into());
        assert!(returned.is_terminal());
        returned.sub_status = Some("Exception_004".into());
        assert!(returned.is_stalled(now, Duration::days(7)));
    }

    #[test]
    fn the_stated_last_movement_counts_when_newer_than_checkpoints() {
        let now = Utc::now();
        let mut p = parcel(ShipmentStatus::InTransit, Some(9), now);
        p.last_movement_at = Some(now - Duration::days(1));
        assert!(!p.is_stalled(now, Duration::days(7)));
    }

    #[test]
    fn statuses_travel_as_snake_case() {
        let s = serde_json::to_string(&ShipmentStatus::AvailableForPickup).unwrap();
        assert_eq!(s, "\"available_for_pickup\"");
        assert_eq!(ShipmentStatus::AttemptFail.as_str(), "attempt_fail");
    }
}
