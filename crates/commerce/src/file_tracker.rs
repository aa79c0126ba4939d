//! A tracker that reads parcels from the file store's orders: the demo's carrier.

use crate::error::CommerceError;
use crate::filestore::FileStore;
use crate::model::Shipment;
use crate::tracker::Tracker;
use async_trait::async_trait;
use reqwest::header::HeaderMap;
use std::sync::Arc;

/// Looks parcels up in the same file the orders come from.
pub struct FileTracker {
    store: Arc<FileStore>,
}

impl FileTracker {
    /// A tracker over an open file store (share the `Arc` with the shop side).
    pub fn new(store: Arc<FileStore>) -> Self {
        FileTracker { store }
    }
}

#[async_trait]
impl Tracker for FileTracker {
    fn name(&self) -> &str {
        "file"
    }

    async fn track(
        &self,
        number: &str,
        _carrier: Option<&str>,
    ) -> Result<Option<Shipment>, CommerceError> {
        let wanted = number.trim();
        Ok(self
            .store
            .orders()
            .into_iter()
            .flat_map(|o| o.shipments)
            .find(|s| s.tracking_number.eq_ignore_ascii_case(wanted)))
    }

    async fn register(
        &self,
        number: &str,
        _carrier: Option<&str>,
        _order: Option<&str>,
    ) -> Result<(), CommerceError> {
        match self.track(number, None).await? {
            Some(_) => Ok(()),
            None => Err(CommerceError::NotFound {
                what: format!("parcel {number} in the orders file"),
            }),
        }
    }

    fn verify_push(&self, _headers: &HeaderMap, _body: &[u8]) -> Result<(), CommerceError> {
        Err(CommerceError::Unsupported(
            "the file tracker receives no push webhooks".into(),
        ))
    }

    /// Accepts normalized `Shipment` JSON (one or an array), as the sandbox may post it.
    fn parse_push(&self, body: &[u8]) -> Result<Vec<Shipment>, CommerceError> {
        if let Ok(many) = serde_json::from_slice::<Vec<Shipment>>(body) {
            return Ok(many);
        }
        serde_json::from_slice::<Shipment>(body)
            .map(|s| vec![s])
            .map_err(|e| CommerceError::decode("file tracker push", e))
    }
}
