//! The business numbers this desk serves: their Cloud API clients, health and send pacing.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use lifeline_whatsapp::CloudClient;
use serde::Serialize;

use crate::config::{Config, NumberConfig};

/// Whether a number can send. Credential errors flag it; inbound keeps flowing either way.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Health {
    pub healthy: bool,
    pub reason: Option<String>,
    pub error_code: Option<i64>,
    pub since_ms: i64,
}

/// One number at run time.
pub struct NumberRuntime {
    pub config: NumberConfig,
    pub client: CloudClient,
    health: Mutex<Health>,
    pacing: Mutex<Pacing>,
}

/// Token bucket per number and a GCRA per shopper (the pair rate).
struct Pacing {
    tokens: f64,
    refilled: Instant,
    rate: f64,
    pair_interval: Duration,
    pair_burst: u32,
    pairs: HashMap<String, Instant>,
}

impl Pacing {
    /// Takes one send for `to`; returns how long to wait first when the limits say so.
    fn take(&mut self, to: &str, now: Instant) -> Option<Duration> {
        let elapsed = now.duration_since(self.refilled).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.rate.max(1.0));
        self.refilled = now;
        // Pair rate: theoretical arrival time, allowing `pair_burst` messages at once.
        let tat = self.pairs.get(to).copied().unwrap_or(now).max(now);
        let allowance = self.pair_interval * self.pair_burst.saturating_sub(1);
        if tat > now + allowance {
            return Some(tat - now - allowance);
        }
        if self.tokens < 1.0 {
            return Some(Duration::from_secs_f64((1.0 - self.tokens) / self.rate));
        }
        self.tokens -= 1.0;
        self.pairs.insert(to.to_string(), tat + self.pair_interval);
        if self.pairs.len() > 100_000 {
            self.pairs.retain(|_, t| *t > now);
        }
        None
    }
}

impl NumberRuntime {
    fn new(config: &NumberConfig, app: &Config, http: reqwest::Client) -> NumberRuntime {
        let client = CloudClient::new(
            http,
            &config.api_base,
            &config.api_version,
            &config.phone_number_id,
            config.access_token.expose().to_string(),
        );
        let rate = config
            .throughput_mps
            .unwrap_or(app.sending.throughput_mps)
            .max(1) as f64;
        NumberRuntime {
            config: config.clone(),
            client,
            health: Mutex::new(Health {
                healthy: true,
                since_ms: crate::store::now_ms(),
                ..Health::default()
            }),
            pacing: Mutex::new(Pacing {
                tokens: rate,
                refilled: Instant::now(),
                rate,
                // A tenth more than configured: WhatsApp counts arrivals, and network jitter between two
                // sends must not turn a desk paced exactly at the limit into 131056 refusals.
                pair_interval: app.sending.pair_interval + app.sending.pair_interval / 10,
                pair_burst: app.sending.pair_burst.max(1),
                pairs: HashMap::new(),
            }),
        }
    }

    /// Reserves a send slot to `to`, or says how long to wait.
    pub fn pace(&self, to: &str) -> Option<Duration> {
        self.pacing
            .lock()
            .map(|mut p| p.take(to, Instant::now()))
            .unwrap_or(None)
    }

    pub fn health(&self) -> Health {
        self.health.lock().map(|h| h.clone()).unwrap_or_default()
    }

    /// Flags the number unhealthy (credential errors) with the reason agents and `/readyz` show.
    pub fn mark_unhealthy(&self, code: Option<i64>, reason: &str) {
        if let Ok(mut h) = self.health.lock() {
            if h.healthy || h.error_code != code {
                tracing::warn!(number = %self.config.phone_number_id, ?code, reason, "number unhealthy");
                *h = Health {
                    healthy: false,
                    reason: Some(reason.to_string()),
                    error_code: code,
                    since_ms: crate::store::now_ms(),
                };
            }
        }
    }

    pub fn mark_healthy(&self) {
        if let Ok(mut h) = self.health.lock() {
            if !h.healthy {
                tracing::info!(number = %self.config.phone_number_id, "number healthy again");
                *h = Health {
                    healthy: true,
                    since_ms: crate::store::now_ms(),
                    ..Health::default()
                };
            }
        }
    }
}

/// All numbers, by `phone_number_id`.
#[derive(Clone)]
pub struct Numbers(Arc<HashMap<String, Arc<NumberRuntime>>>);

impl Numbers {
    pub fn new(config: &Config, http: reqwest::Client) -> Numbers {
        Numbers(Arc::new(
            config
                .numbers
                .iter()
                .map(|n| {
                    (
                        n.phone_number_id.clone(),
                        Arc::new(NumberRuntime::new(n, config, http.clone())),
                    )
                })
                .collect(),
        ))
    }

    pub fn get(&self, phone_number_id: &str) -> Option<&Arc<NumberRuntime>> {
        self.0.get(phone_number_id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<NumberRuntime>> {
        self.0.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacing(rate: f64, burst: u32) -> Pacing {
        Pacing {
            tokens: rate,
            refilled: Instant::now(),
            rate,
            pair_interval: Duration::from_secs(6),
            pair_burst: burst,
            pairs: HashMap::new(),
        }
    }

    #[test]
    fn one_shopper_gets_a_burst_then_one_message_per_interval() {
        let mut p = pacing(1000.0, 3);
        let now = Instant::now();
        assert!(p.take("a", now).is_none());
        assert!(p.take("a", now).is_none());
        assert!(p.take("a", now).is_none());
        let wait = p.take("a", now).expect("the fourth message must wait");
        assert!(
            wait > Duration::from_secs(5) && wait <= Duration::from_secs(6),
            "{wait:?}"
        );
        assert!(
            p.take("b", now).is_none(),
            "another shopper is not held back"
        );
        assert!(p.take("a", now + Duration::from_secs(6)).is_none());
    }

    #[test]
    fn a_number_never_exceeds_its_throughput() {
        let mut p = pacing(2.0, 100);
        let now = Instant::now();
        assert!(p.take("a", now).is_none());
        assert!(p.take("b", now).is_none());
        assert!(p.take("c", now).is_some());
        assert!(p.take("c", now + Duration::from_millis(600)).is_none());
    }
}
