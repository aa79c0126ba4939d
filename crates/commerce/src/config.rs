//! Store and tracker settings as written in `lifeline.toml`, and the factories that build them.

use crate::error::CommerceError;
use crate::secret::Secret;
use crate::{aftership, file_tracker, filestore, seventeen, shopify, woocommerce};
use crate::{Shop, Tracker};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;

/// One `[[stores]]` entry; `kind` picks the connector.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum StoreConfig {
    Shopify(ShopifyConfig),
    Woocommerce(WooCommerceConfig),
    File(FileStoreConfig),
}

/// A Shopify store reached through the Admin GraphQL API.
#[derive(Debug, Clone, Deserialize)]
pub struct ShopifyConfig {
    pub name: String,
    /// The handle in `{shop}.myshopify.com`.
    pub shop: String,
    pub access_token: Secret,
    /// Pinned API version ("2025-10"); it decides which fields and directives are sent.
    #[serde(default = "default_shopify_version")]
    pub api_version: String,
    /// Another host to talk to instead of `https://{shop}.myshopify.com` (tests, proxies).
    #[serde(default)]
    pub api_base: Option<String>,
    /// The WhatsApp numbers this store answers on.
    #[serde(default)]
    pub numbers: Vec<String>,
    /// The app's client secret, which signs its `orders/*` webhooks (`X-Shopify-Hmac-Sha256`).
    #[serde(default)]
    pub webhook_secret: Option<Secret>,
    /// The secret before a rotation, still accepted while Shopify finishes sending with it.
    #[serde(default)]
    pub previous_webhook_secret: Option<Secret>,
}

/// A WooCommerce store reached through REST v3 over HTTPS.
#[derive(Debug, Clone, Deserialize)]
pub struct WooCommerceConfig {
    pub name: String,
    /// The site root, e.g. `https://shop.example.com`.
    pub url: String,
    pub consumer_key: Secret,
    pub consumer_secret: Secret,
    #[serde(default)]
    pub numbers: Vec<String>,
}

/// Orders exported to a JSON or CSV file (small shops, and the demo).
#[derive(Debug, Clone, Deserialize)]
pub struct FileStoreConfig {
    pub name: String,
    pub path: PathBuf,
    #[serde(default)]
    pub numbers: Vec<String>,
}

fn default_shopify_version() -> String {
    shopify::DEFAULT_API_VERSION.to_string()
}

impl StoreConfig {
    /// The store's configured name.
    pub fn name(&self) -> &str {
        match self {
            StoreConfig::Shopify(c) => &c.name,
            StoreConfig::Woocommerce(c) => &c.name,
            StoreConfig::File(c) => &c.name,
        }
    }

    /// The WhatsApp numbers tied to this store.
    pub fn numbers(&self) -> &[String] {
        match self {
            StoreConfig::Shopify(c) => &c.numbers,
            StoreConfig::Woocommerce(c) => &c.numbers,
            StoreConfig::File(c) => &c.numbers,
        }
    }
}

/// The `[tracking]` table; `kind` picks the service.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TrackingConfig {
    Aftership(AfterShipConfig),
    #[serde(rename = "17track")]
    SeventeenTrack(SeventeenTrackConfig),
    File(FileTrackerConfig),
}

/// AfterShip Tracking API.
#[derive(Debug, Clone, Deserialize)]
pub struct AfterShipConfig {
    pub api_key: Secret,
    /// Settings → Webhooks secret, for `aftership-hmac-sha256`.
    #[serde(default)]
    pub webhook_secret: Option<Secret>,
    /// Host root (default `https://api.aftership.com`); `/tracking/{api_version}` is appended.
    #[serde(default)]
    pub api_base: Option<String>,
    #[serde(default = "default_aftership_version")]
    pub api_version: String,
}

fn default_aftership_version() -> String {
    aftership::DEFAULT_API_VERSION.to_string()
}

/// 17TRACK API v2.2.
#[derive(Debug, Clone, Deserialize)]
pub struct SeventeenTrackConfig {
    /// Sent as the `17token` header.
    #[serde(alias = "security_key")]
    pub api_key: Secret,
    /// Key for the webhook `sign`; the API key when not set.
    #[serde(default)]
    pub webhook_key: Option<Secret>,
    /// Full base including the version (default `https://api.17track.net/track/v2.2`).
    #[serde(default)]
    pub api_base: Option<String>,
}

/// Parcels read from an orders file (the demo).
#[derive(Debug, Clone, Deserialize)]
pub struct FileTrackerConfig {
    pub path: PathBuf,
}

/// Builds the connector for one store. Checks that can fail before any call (a WooCommerce
/// URL over plain HTTP, an unreadable file) fail here, with the reason.
pub fn build_shop(
    cfg: &StoreConfig,
    http: reqwest::Client,
) -> Result<Arc<dyn Shop>, CommerceError> {
    Ok(match cfg {
        StoreConfig::Shopify(c) => Arc::new(shopify::ShopifyShop::new(c, http)?),
        StoreConfig::Woocommerce(c) => Arc::new(woocommerce::WooCommerceShop::new(c, http)?),
        StoreConfig::File(c) => Arc::new(filestore::FileStore::open(&c.name, &c.path)?),
    })
}

/// Builds the configured parcel tracker.
pub fn build_tracker(
    cfg: &TrackingConfig,
    http: reqwest::Client,
) -> Result<Arc<dyn Tracker>, CommerceError> {
    Ok(match cfg {
        TrackingConfig::Aftership(c) => Arc::new(aftership::AfterShip::new(c, http)?),
        TrackingConfig::SeventeenTrack(c) => Arc::new(seventeen::SeventeenTrack::new(c, http)?),
        TrackingConfig::File(c) => {
            let store = filestore::FileStore::open("file", &c.path)?;
            Arc::new(file_tracker::FileTracker::new(Arc::new(store)))
        }
    })
}

/// Joins a base URL and a path with exactly one slash between them.
pub(crate) fn join(base: &str, path: &str) -> String {
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct File {
        stores: Vec<StoreConfig>,
        tracking: TrackingConfig,
    }

    #[test]
    fn the_documented_toml_parses_and_hides_secrets() {
        let text = r#"
            [[stores]]
            name = "main"
            kind = "shopify"
            shop = "acme"
            access_token = "shpat_very_secret"
            api_version = "2025-10"
            api_base = "http://127.0.0.1:9999"
            numbers = ["200000000000002"]

            [[stores]]
            name = "eu"
            kind = "woocommerce"
            url = "https://shop.example.com"
            consumer_key = "ck_abc"
            consumer_secret = "cs_def"

            [[stores]]
            name = "demo"
            kind = "file"
            path = "demo/orders.json"

            [tracking]
            kind = "17track"
            security_key = "k17_secret"
        "#;
        let f: File = toml::from_str(text).unwrap();
        assert_eq!(f.stores.len(), 3);
        assert_eq!(f.stores[0].name(), "main");
        assert_eq!(f.stores[0].numbers(), ["200000000000002".to_string()]);
        let debug = format!("{:?} {:?}", f.stores, f.tracking);
        assert!(!debug.contains("shpat_very_secret") && !debug.contains("cs_def"));
        assert!(!debug.contains("k17_secret") && debug.contains("[redacted]"));
        assert!(matches!(f.tracking, TrackingConfig::SeventeenTrack(_)));
    }

    #[test]
    fn aftership_defaults_its_version() {
        let t: TrackingConfig = toml::from_str("kind = \"aftership\"\napi_key = \"x\"").unwrap();
        let TrackingConfig::Aftership(c) = t else {
            panic!("wrong kind")
        };
        assert_eq!(c.api_version, aftership::DEFAULT_API_VERSION);
        assert!(c.webhook_secret.is_none());
    }
}
