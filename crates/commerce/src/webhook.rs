//! Shopify webhook checks: the base64 HMAC of the raw body, and at-least-once delivery dedupe.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;
use subtle::ConstantTimeEq;

/// Base64 HMAC-SHA256 of `body` keyed with `secret`, as Shopify, WooCommerce and AfterShip sign.
pub fn hmac_sha256_base64(secret: &[u8], body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(m) => m,
        Err(_) => return String::new(), // HMAC accepts any key length; unreachable in practice
    };
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// True when `X-Shopify-Hmac-Sha256` matches the raw body under any of the app's secrets
/// (current and, for an hour after a rotation, the previous one). Compared in constant time.
pub fn verify_shopify_webhook(secrets: &[&[u8]], body: &[u8], hmac_header_b64: &str) -> bool {
    verify_base64_hmac(secrets, body, hmac_header_b64)
}

pub(crate) fn verify_base64_hmac(secrets: &[&[u8]], body: &[u8], given_b64: &str) -> bool {
    let Ok(given) = base64::engine::general_purpose::STANDARD.decode(given_b64.trim()) else {
        return false;
    };
    secrets.iter().filter(|s| !s.is_empty()).any(|secret| {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
            return false;
        };
        mac.update(body);
        let expected = mac.finalize().into_bytes();
        expected.as_slice().ct_eq(&given).into()
    })
}

/// Remembers the last deliveries seen so a retried webhook is handled once.
/// Shopify names both `X-Shopify-Webhook-Id` and `X-Shopify-Event-Id` as keys; either repeating
/// means "seen". Bounded: the oldest keys are forgotten first. The server may persist on top.
pub struct WebhookDedupe {
    inner: Mutex<Seen>,
    capacity: usize,
}

struct Seen {
    set: HashSet<String>,
    order: VecDeque<String>,
}

impl WebhookDedupe {
    /// Keeps at most `capacity` keys in memory.
    pub fn new(capacity: usize) -> Self {
        WebhookDedupe {
            inner: Mutex::new(Seen {
                set: HashSet::new(),
                order: VecDeque::new(),
            }),
            capacity: capacity.max(1),
        }
    }

    /// True the first time a delivery is seen (and records it); false for a repeat.
    /// A delivery with neither id cannot be deduplicated and is always let through.
    pub fn first_time(&self, webhook_id: Option<&str>, event_id: Option<&str>) -> bool {
        let keys: Vec<String> = [("w:", webhook_id), ("e:", event_id)]
            .into_iter()
            .filter_map(|(p, id)| id.filter(|s| !s.is_empty()).map(|s| format!("{p}{s}")))
            .collect();
        let mut seen = match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if keys.iter().any(|k| seen.set.contains(k)) {
            return false;
        }
        for k in keys {
            seen.set.insert(k.clone());
            seen.order.push_back(k);
            while seen.order.len() > self.capacity {
                if let Some(old) = seen.order.pop_front() {
                    seen.set.remove(&old);
                }
            }
        }
        true
    }

    /// Forgets a delivery that could not be handled (the store was down, say), so Shopify's retry of it
    /// is handled instead of being taken for a repeat.
    pub fn forget(&self, webhook_id: Option<&str>, event_id: Option<&str>) {
        let mut seen = match self.inner.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        for key in [("w:", webhook_id), ("e:", event_id)]
            .into_iter()
            .filter_map(|(p, id)| id.filter(|s| !s.is_empty()).map(|s| format!("{p}{s}")))
        {
            if seen.set.remove(&key) {
                seen.order.retain(|k| *k != key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_from_the_current_or_previous_secret_passes() {
        let body = br##"{"id":820982911946154508,"name":"#1001"}"##;
        let sig = hmac_sha256_base64(b"old-secret", body);
        assert!(verify_shopify_webhook(
            &[b"new-secret", b"old-secret"],
            body,
            &sig
        ));
        assert!(!verify_shopify_webhook(&[b"new-secret"], body, &sig));
        assert!(!verify_shopify_webhook(&[b"old-secret"], b"{}", &sig));
        assert!(!verify_shopify_webhook(
            &[b"old-secret"],
            body,
            "not base64!"
        ));
        assert!(!verify_shopify_webhook(&[], body, &sig));
    }

    #[test]
    fn a_repeated_delivery_is_seen_once_and_old_keys_are_forgotten() {
        let d = WebhookDedupe::new(2);
        assert!(d.first_time(Some("w1"), Some("e1")));
        assert!(!d.first_time(Some("w1"), None));
        assert!(!d.first_time(Some("w-other"), Some("e1")));
        assert!(d.first_time(Some("w2"), Some("e2")));
        assert!(
            d.first_time(Some("w1"), Some("e1")),
            "evicted after capacity"
        );
        assert!(d.first_time(None, None));
        assert!(d.first_time(None, None));
    }

    #[test]
    fn a_forgotten_delivery_is_handled_when_it_comes_again() {
        let d = WebhookDedupe::new(10);
        assert!(d.first_time(Some("w1"), Some("e1")));
        d.forget(Some("w1"), Some("e1"));
        assert!(d.first_time(Some("w1"), Some("e1")), "the retry is taken");
        assert!(!d.first_time(Some("w1"), None));
    }
}
