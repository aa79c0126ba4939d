//! Orders and parcels: shops and carrier trackers behind one normalized model.
//!
//! The desk asks a [`Shop`] for an order and a [`Tracker`] for its parcel; connectors exist for
//! Shopify (Admin GraphQL), WooCommerce (REST v3), a JSON/CSV file store, AfterShip and 17TRACK.
//! Build them from `lifeline.toml` with [`build_shop`] and [`build_tracker`].
#![forbid(unsafe_code)]

pub mod aftership;
pub mod config;
mod demo;
mod display;
pub mod error;
pub mod file_tracker;
pub mod filestore;
pub mod model;
pub mod money;
pub mod secret;
pub mod seventeen;
pub mod shop;
pub mod shopify;
pub mod tracker;
pub mod webhook;
mod when;
pub mod woocommerce;

#[cfg(feature = "fakes")]
pub mod fakes;

pub use config::{build_shop, build_tracker, StoreConfig, TrackingConfig};
pub use demo::{demo_store, demo_tracker, DEMO_ORDERS};
pub use error::CommerceError;
pub use file_tracker::FileTracker;
pub use filestore::FileStore;
pub use model::*;
pub use money::{currency_exponent, Money};
pub use secret::Secret;
pub use shop::*;
pub use shopify::{parse_shopify_order_webhook, ShopifyDelivery};
pub use tracker::{reconcile, Tracker};
pub use webhook::{verify_shopify_webhook, WebhookDedupe};
