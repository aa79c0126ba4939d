//! Which playbook fits: the exception kind from triage, refined by what the order and the parcel really show.
//!
//! A shopper who writes "where is my parcel?" about a parcel that has not moved for nine days needs a different
//! reply from one whose parcel is out for delivery today. [`situation`] makes that call from plain facts.

use chrono::{DateTime, NaiveDate, Utc};
use lifeline_triage::ExceptionKind;
use serde::{Deserialize, Serialize};

use crate::Remedy;

mod parcel;
pub(crate) use parcel::RETURNED;
pub use parcel::{customs_asks, CustomsAsk};

/// Where a parcel stands when a shopper asks where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Whereabouts {
    /// On its way and on time.
    Moving,
    /// With the courier today.
    OutForDelivery,
    /// Paid, not handed to the carrier yet.
    NotShippedYet,
    /// The shopper gave an order number the shop does not know.
    NoOrderFound,
}

/// The playbook key: one reply formula per situation. Serialized as its key (`"stalled"`, `"where_moving"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Situation {
    WhereIsMyOrder(Whereabouts),
    /// Late but still moving.
    DelayedMoving,
    /// No tracking movement for more than 7 days: we chase the carrier.
    Stalled,
    /// Tracking says delivered, the shopper has nothing.
    DeliveredNotReceived,
    /// Still nothing 48 hours after chasing (or the tracking expired): treat it as lost.
    LostInTransit,
    DamagedNoPhoto,
    DamagedWithPhoto,
    WrongItem,
    MissingItem,
    /// Paid, then told the item is not available.
    Oversold,
    /// Charged twice for one order.
    PaymentDoubleCharge,
    /// Paid but no confirmation, or "failed" but debited.
    PaymentUnmatched,
    ReturnExchange,
    /// Held at customs.
    CustomsHold,
    /// Waiting at a pickup point, post office or locker to be collected.
    AwaitingPickup,
    /// The courier tried to deliver and could not.
    DeliveryFailed,
    /// The carrier itself says the parcel is lost.
    DeclaredLost,
    /// The carrier is sending the parcel back to the shop, or has (returned, refused, destroyed, cancelled).
    ReturnedToSender,
    /// No order known yet: ask for the number.
    AskOrderNumber,
    Other,
}

impl Situation {
    /// Every situation, in the order the playbook files list them.
    pub const ALL: [Situation; 23] = [
        Situation::WhereIsMyOrder(Whereabouts::Moving),
        Situation::WhereIsMyOrder(Whereabouts::OutForDelivery),
        Situation::WhereIsMyOrder(Whereabouts::NotShippedYet),
        Situation::WhereIsMyOrder(Whereabouts::NoOrderFound),
        Situation::DelayedMoving,
        Situation::Stalled,
        Situation::DeliveredNotReceived,
        Situation::LostInTransit,
        Situation::DamagedNoPhoto,
        Situation::DamagedWithPhoto,
        Situation::WrongItem,
        Situation::MissingItem,
        Situation::Oversold,
        Situation::PaymentDoubleCharge,
        Situation::PaymentUnmatched,
        Situation::ReturnExchange,
        Situation::CustomsHold,
        Situation::AwaitingPickup,
        Situation::DeliveryFailed,
        Situation::DeclaredLost,
        Situation::ReturnedToSender,
        Situation::AskOrderNumber,
        Situation::Other,
    ];

    /// The table name of this situation in the playbook files (`[stalled]`, `[where_moving]`…).
    pub fn key(self) -> &'static str {
        match self {
            Situation::WhereIsMyOrder(Whereabouts::Moving) => "where_moving",
            Situation::WhereIsMyOrder(Whereabouts::OutForDelivery) => "where_out_for_delivery",
            Situation::WhereIsMyOrder(Whereabouts::NotShippedYet) => "where_not_shipped",
            Situation::WhereIsMyOrder(Whereabouts::NoOrderFound) => "where_no_order_found",
            Situation::DelayedMoving => "delayed_moving",
            Situation::Stalled => "stalled",
            Situation::DeliveredNotReceived => "delivered_not_received",
            Situation::LostInTransit => "lost_in_transit",
            Situation::DamagedNoPhoto => "damaged_no_photo",
            Situation::DamagedWithPhoto => "damaged_with_photo",
            Situation::WrongItem => "wrong_item",
            Situation::MissingItem => "missing_item",
            Situation::Oversold => "oversold",
            Situation::PaymentDoubleCharge => "payment_double_charge",
            Situation::PaymentUnmatched => "payment_unmatched",
            Situation::ReturnExchange => "return_exchange",
            Situation::CustomsHold => "customs_hold",
            Situation::AwaitingPickup => "awaiting_pickup",
            Situation::DeliveryFailed => "delivery_failed",
            Situation::DeclaredLost => "declared_lost",
            Situation::ReturnedToSender => "returned_to_sender",
            Situation::AskOrderNumber => "ask_order_number",
            Situation::Other => "other",
        }
    }

    /// Parses a key made by [`Situation::key`].
    pub fn from_key(key: &str) -> Option<Situation> {
        Situation::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl From<Situation> for String {
    fn from(s: Situation) -> String {
        s.key().to_string()
    }
}

impl TryFrom<String> for Situation {
    type Error = String;
    fn try_from(key: String) -> Result<Situation, String> {
        Situation::from_key(&key).ok_or_else(|| format!("unknown situation `{key}`"))
    }
}

/// What the desk knows about the shopper, the order and the parcel when it drafts a reply.
///
/// Every field is optional because a first message often comes before the order is found; the playbook
/// leaves out the sentences whose facts are missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub shopper_name: Option<String>,
    pub order_number: Option<String>,
    /// `Some(false)` when the shop was asked and has no such order.
    pub order_found: Option<bool>,
    pub item: Option<String>,
    pub days_late: Option<i64>,
    pub days_since_movement: Option<i64>,
    pub tracking_number: Option<String>,
    pub tracking_url: Option<String>,
    pub carrier: Option<String>,
    /// The commerce crate's snake_case shipment status (`in_transit`, `out_for_delivery`, `delivered`…).
    pub shipment_status: Option<String>,
    /// The carrier's finer status, when known (`InTransit_CustomsProcessing`…); used to spot customs holds.
    pub shipment_sub_status: Option<String>,
    pub estimated_delivery: Option<NaiveDate>,
    /// The carrier's newest event as it wrote it ("Disponible en oficina para recoger").
    pub carrier_event: Option<String>,
    /// Where that event happened, when the carrier says.
    pub carrier_event_place: Option<String>,
    /// The day of that event.
    pub carrier_event_date: Option<NaiveDate>,
    /// Where a parcel waits to be collected: the place of the carrier's pickup-point event.
    pub pickup_place: Option<String>,
    /// Until when it waits there, only when the parcel data says so (never guessed).
    pub pickup_until: Option<NaiveDate>,
    /// What the shopper says about the parcel (not home, pickup point, customs): a hint that the
    /// parcel's own status overrides whenever it says something more definite.
    #[serde(default)]
    pub shopper_says: lifeline_triage::Situation,
    pub order_total_minor: Option<i64>,
    pub currency: Option<String>,
    /// The shopper's locale ("pt-BR", "es-MX"), for amounts; the language alone is used when absent.
    pub locale: Option<String>,
    pub has_photo: bool,
    /// For a missing item: the line the shopper says is missing, or the order's lines to ask about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_line: Option<crate::missing::MissingLine>,
    /// For payment cases: the shopper says they were charged twice.
    pub charged_twice: bool,
    /// The shop still shows the order's payment as pending: the day the order was placed.
    #[serde(default)]
    pub payment_pending_since: Option<NaiveDate>,
    /// The options the policy allows, chosen by the caller, in the order they should be offered.
    pub offers: Vec<Remedy>,
    /// How formally the shopper writes: a formal shopper gets the formal texts ("Sie", "Lei", "usted").
    #[serde(default)]
    pub register: crate::address::Register,
    /// The desk greeted this shopper within the last hours: the text starts without a greeting.
    #[serde(default)]
    pub greeted: bool,
}

/// More than this many days without tracking movement is a stalled parcel (domain brief).
pub const STALLED_AFTER_DAYS: i64 = 7;
/// Still nothing 48 hours after chasing a stalled parcel: treat it as lost.
pub const LOST_AFTER_DAYS: i64 = STALLED_AFTER_DAYS + 2;

/// Days past the promised date: the fact when given, else from the estimated delivery date.
fn days_late(facts: &Facts, now: DateTime<Utc>) -> i64 {
    facts.days_late.unwrap_or_else(|| {
        facts
            .estimated_delivery
            .map(|eta| (now.date_naive() - eta).num_days())
            .unwrap_or(0)
    })
}

/// Where the parcel is, from the shipment facts, for any delivery question. The parcel's own word comes
/// first (declared lost, delivered, at a pickup point, a failed attempt, customs, not shipped); only a
/// parcel that says nothing more definite than "in transit" takes the shopper's word for where it is.
fn delivery_situation(facts: &Facts, now: DateTime<Utc>, reported_lost: bool) -> Situation {
    if let Some(s) = parcel::parcel_says(facts) {
        return s;
    }
    if let Some(s) = parcel::shopper_says(facts) {
        return s;
    }
    let status = facts.shipment_status.as_deref().unwrap_or("");
    let quiet = facts.days_since_movement.unwrap_or(0);
    match status {
        "out_for_delivery" => Situation::WhereIsMyOrder(Whereabouts::OutForDelivery),
        _ if quiet > LOST_AFTER_DAYS && reported_lost => Situation::LostInTransit,
        _ if quiet > STALLED_AFTER_DAYS || status == "exception" => Situation::Stalled,
        _ if days_late(facts, now) > 0 => Situation::DelayedMoving,
        _ => Situation::WhereIsMyOrder(Whereabouts::Moving),
    }
}

/// Picks the playbook for a case: the kind from triage, refined by the order and the parcel.
///
/// Exists so the draft answers what is really going on (a "where is it?" about a parcel silent for nine
/// days gets the stalled playbook, not a tracking link). Pure: `now` is passed in.
pub fn situation(kind: ExceptionKind, facts: &Facts, now: DateTime<Utc>) -> Situation {
    if kind == ExceptionKind::Other {
        return Situation::Other;
    }
    if facts.order_number.is_none() {
        return Situation::AskOrderNumber;
    }
    if facts.order_found == Some(false) {
        return Situation::WhereIsMyOrder(Whereabouts::NoOrderFound);
    }
    match kind {
        ExceptionKind::WhereIsMyOrder | ExceptionKind::Delayed => {
            delivery_situation(facts, now, false)
        }
        ExceptionKind::Lost => delivery_situation(facts, now, true),
        ExceptionKind::Damaged if facts.has_photo => Situation::DamagedWithPhoto,
        ExceptionKind::Damaged => Situation::DamagedNoPhoto,
        ExceptionKind::WrongItem => Situation::WrongItem,
        ExceptionKind::MissingItem => Situation::MissingItem,
        ExceptionKind::OutOfStock => Situation::Oversold,
        ExceptionKind::ReturnExchange => Situation::ReturnExchange,
        ExceptionKind::Payment if facts.charged_twice => Situation::PaymentDoubleCharge,
        ExceptionKind::Payment => Situation::PaymentUnmatched,
        ExceptionKind::Other => Situation::Other,
    }
}

/// True when a shopper's message says they were charged twice, in any of the eight languages.
///
/// Exists so the caller can set [`Facts::charged_twice`] from the message itself; triage only says "payment".
pub fn mentions_double_charge(text: &str) -> bool {
    const CUES: [&str; 22] = [
        "twice",
        "two times",
        "double charge",
        "charged double",
        "duas vezes",
        "cobrado em dobro",
        "cobrança duplicada",
        "cobranca duplicada",
        "dos veces",
        "cobro duplicado",
        "deux fois",
        "double prélèvement",
        "double prelevement",
        "zweimal",
        "doppelt",
        "due volte",
        "addebito doppio",
        "dua kali",
        "terpotong dua",
        "twee keer",
        "dubbel",
        "tweemaal",
    ];
    let lower = text.to_lowercase();
    CUES.iter().any(|cue| lower.contains(cue))
}

#[cfg(test)]
mod tests;
