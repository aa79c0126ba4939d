//! The business numbers this desk serves: their Cloud API clients, health and send pacing.
//!
//! Health is shared by every desk on the database: each desk keeps a cache that sends and checks update
//! in memory, and [`watch_health`] writes the changes, reads what other desks recorded, and checks the
//! credentials of every number at start and of unhealthy ones again and again.

mod health;
mod watch;

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use lifeline_whatsapp::CloudClient;
use tokio::sync::Notify;

use crate::config::{Config, NumberConfig};
use health::HealthCell;
pub use health::{verdict, Health, HealthState, Sighting};
pub use watch::{load_health, watch_health};

/// One number at run time.
pub struct NumberRuntime {
    pub config: NumberConfig,
    pub client: CloudClient,
    health: HealthCell,
    /// Wakes [`watch_health`] to write a change.
    changed: Arc<Notify>,
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
    fn new(
        config: &NumberConfig,
        app: &Config,
        http: reqwest::Client,
        changed: Arc<Notify>,
    ) -> NumberRuntime {
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
            health: HealthCell::new(Health::healthy(crate::store::now_ms())),
            changed,
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

    /// This number's health as this desk last saw or read it.
    pub fn health(&self) -> Health {
        self.health.get()
    }

    /// Flags a credential problem (an expired or revoked token, a missing permission) with the reason
    /// agents and `/readyz` show. It lasts until a send or a credential check works.
    pub fn mark_unhealthy(&self, code: Option<i64>, reason: &str) {
        let reason = reason.to_string();
        self.observe(Sighting::Credentials { code, reason });
    }

    /// Flags a Graph outage (5xx, timeouts, connection refused): sends are retried meanwhile, and the
    /// next send or check that works clears it. It never hides a credential problem.
    pub fn mark_outage(&self, code: Option<i64>, reason: &str) {
        let reason = reason.to_string();
        self.observe(Sighting::Outage { code, reason });
    }

    /// A send worked. Costs nothing when the number was healthy already.
    pub fn mark_healthy(&self) {
        self.observe(Sighting::Worked);
    }

    fn observe(&self, seen: Sighting) {
        let Some(now) = self.health.observe(seen, crate::store::now_ms()) else {
            return;
        };
        let number = &self.config.phone_number_id;
        match now.state {
            HealthState::Healthy => tracing::info!(number = %number, "number healthy again"),
            state => tracing::warn!(
                number = %number, state = state.as_str(), code = ?now.error_code,
                reason = now.reason.as_deref().unwrap_or_default(), "number unhealthy"
            ),
        }
        self.changed.notify_one();
    }
}

/// All numbers, by `phone_number_id`.
#[derive(Clone)]
pub struct Numbers {
    by_id: Arc<HashMap<String, Arc<NumberRuntime>>>,
    /// Notified when any number's health changed here.
    changed: Arc<Notify>,
}

impl Numbers {
    pub fn new(config: &Config, http: reqwest::Client) -> Numbers {
        let changed = Arc::new(Notify::new());
        let by_id = config
            .numbers
            .iter()
            .map(|n| {
                let runtime = NumberRuntime::new(n, config, http.clone(), changed.clone());
                (n.phone_number_id.clone(), Arc::new(runtime))
            })
            .collect();
        Numbers {
            by_id: Arc::new(by_id),
            changed,
        }
    }

    pub fn get(&self, phone_number_id: &str) -> Option<&Arc<NumberRuntime>> {
        self.by_id.get(phone_number_id)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<NumberRuntime>> {
        self.by_id.values()
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
