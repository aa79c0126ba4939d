//! What the parcel itself tells a draft: the carrier's newest event (its words, place and day), and for a
//! parcel waiting to be collected, where it waits and until when. Only what the tracking holds: a
//! deadline the tracker does not give stays unknown.

use chrono::{DateTime, Utc};
use lifeline_commerce::{Checkpoint, Shipment, ShipmentStatus};
use lifeline_desk::situation::{Facts, Situation};

/// The newest checkpoint (they are kept newest first, but a source may not be).
fn newest<'a>(checkpoints: impl Iterator<Item = &'a Checkpoint>) -> Option<&'a Checkpoint> {
    checkpoints.max_by_key(|c| c.at)
}

fn words(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Fills the facts the parcel gives: the status, the carrier's newest event, the pickup point.
pub(super) fn fill(f: &mut Facts, s: &Shipment, now: DateTime<Utc>) {
    f.tracking_number = Some(s.tracking_number.clone());
    f.tracking_url = s.tracking_url.clone();
    f.carrier = s.carrier.clone();
    f.shipment_status = Some(s.status.as_str().to_string());
    f.shipment_sub_status = s.sub_status.clone();
    f.days_since_movement = s.since_last_movement(now).map(|d| d.num_days());
    f.estimated_delivery = s.estimated_delivery.map(|d| d.date_naive());
    f.days_late = s
        .estimated_delivery
        .map(|d| (now - d).num_days())
        .filter(|d| *d > 0);
    if let Some(event) = newest(s.checkpoints.iter()) {
        f.carrier_event = words(Some(&event.message));
        f.carrier_event_place = words(event.place.as_deref());
        f.carrier_event_date = Some(event.at.date_naive());
    }
    let at_pickup = newest(
        s.checkpoints
            .iter()
            .filter(|c| c.status == Some(ShipmentStatus::AvailableForPickup)),
    )
    .or_else(|| {
        (s.status == ShipmentStatus::AvailableForPickup)
            .then(|| newest(s.checkpoints.iter()))
            .flatten()
    });
    f.pickup_place = at_pickup.and_then(|c| words(c.place.as_deref()));
    f.pickup_until = s.pickup_until.map(|d| d.date_naive());
}

/// Chasing the carrier fits a parcel that is with the carrier and moving, late, silent or "delivered"
/// unseen; never an order with no parcel, one the carrier declared lost, nor one waiting for the shopper
/// (pickup point, new delivery, customs), where the draft says what to do instead.
pub(super) fn chase_fits(f: &Facts, situation: Situation) -> bool {
    use lifeline_desk::situation::Whereabouts;
    f.tracking_number.is_some()
        && matches!(
            situation,
            Situation::WhereIsMyOrder(Whereabouts::Moving | Whereabouts::OutForDelivery)
                | Situation::DelayedMoving
                | Situation::Stalled
                | Situation::DeliveredNotReceived
        )
}
