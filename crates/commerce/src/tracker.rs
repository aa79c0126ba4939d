//! The `Tracker` trait (AfterShip, 17TRACK, the demo file) and polling that catches missed pushes.

use crate::error::CommerceError;
use crate::model::Shipment;
use async_trait::async_trait;
use reqwest::header::HeaderMap;

/// A parcel-tracking service: look a number up, ask for pushes, and read the pushes it sends.
#[async_trait]
pub trait Tracker: Send + Sync {
    /// The configured tracker name ("aftership", "17track", "file").
    fn name(&self) -> &str;
    /// The parcel as the service knows it now; `Ok(None)` when the number is unknown to it.
    async fn track(
        &self,
        number: &str,
        carrier: Option<&str>,
    ) -> Result<Option<Shipment>, CommerceError>;
    /// Ask the service to follow this number and push changes; registering twice is fine.
    async fn register(
        &self,
        number: &str,
        carrier: Option<&str>,
        order_number: Option<&str>,
    ) -> Result<(), CommerceError>;
    /// Check a push webhook's signature against the raw body before trusting a byte of it.
    /// Takes the same `HeaderMap` type axum hands to handlers.
    fn verify_push(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), CommerceError>;
    /// The parcels a verified push talks about (empty for events that carry no parcel news).
    fn parse_push(&self, body: &[u8]) -> Result<Vec<Shipment>, CommerceError>;
}

/// What makes two looks at the same parcel different enough to tell the desk.
fn changed(old: &Shipment, new: &Shipment) -> bool {
    old.status != new.status
        || old.sub_status != new.sub_status
        || old.last_movement() != new.last_movement()
        || old.checkpoints.len() != new.checkpoints.len()
        || old.estimated_delivery != new.estimated_delivery
}

/// Polls every parcel that is still travelling and returns those that changed since `known`,
/// so a push that never arrived (dropped after the tracker's retries) is caught up.
/// A failing lookup is logged and skipped: one bad number must not hide the others.
pub async fn reconcile(tracker: &dyn Tracker, known: &[Shipment]) -> Vec<Shipment> {
    let mut out = Vec::new();
    for old in known.iter().filter(|s| !s.is_terminal()) {
        match tracker
            .track(&old.tracking_number, old.carrier.as_deref())
            .await
        {
            Ok(Some(fresh)) if changed(old, &fresh) => out.push(fresh),
            Ok(_) => {}
            Err(e) => tracing::warn!(
                tracker = tracker.name(),
                number = %old.tracking_number,
                error = %e,
                "reconcile lookup failed"
            ),
        }
    }
    out
}

/// The value of a header as text, if present and readable.
pub(crate) fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}
