//! The demo store: 40+ real-looking orders across the eight markets, shipped in the crate.

use crate::file_tracker::FileTracker;
use crate::filestore::FileStore;
use std::sync::Arc;

/// The demo orders in the file store's JSON format; times are relative to the moment of loading.
pub const DEMO_ORDERS: &str = include_str!("../demo/orders.json");

/// The demo store, loaded fresh so its "9 days ago" is nine days before now.
pub fn demo_store() -> FileStore {
    match FileStore::from_json("demo", DEMO_ORDERS) {
        Ok(store) => store,
        // The file is part of the crate and checked by a test; an empty store beats a panic.
        Err(e) => {
            tracing::error!(error = %e, "the bundled demo orders do not load");
            FileStore::empty("demo")
        }
    }
}

/// A tracker over the same demo orders.
pub fn demo_tracker(store: Arc<FileStore>) -> FileTracker {
    FileTracker::new(store)
}
