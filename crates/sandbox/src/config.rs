//! How a simulator is set up: the business numbers it hosts, Meta's limits, and how unruly its webhooks are.

use std::fmt;
use std::time::Duration;

use crate::templates::{demo_templates, SimTemplate};

/// Everything the simulator needs to behave as Meta's Cloud API does for a set of business numbers.
#[derive(Clone, Debug)]
pub struct SimConfig {
    /// Advertised Graph version; any `vNN.N` is accepted in paths.
    pub api_version: String,
    /// Business numbers the simulator hosts.
    pub numbers: Vec<SimNumber>,
    /// Where signed webhooks are POSTed (the desk's `/webhooks/whatsapp`).
    pub webhook_url: String,
    /// Further desks behind the same load balancer as `webhook_url`, when several desks share one
    /// database: each delivery goes to the next desk in turn, so one shopper's messages are spread
    /// across desks, and its retry to the desk after the one that failed, so a desk that is down is
    /// passed over.
    pub load_balanced: Vec<String>,
    /// Base of the URLs the simulator hands out, e.g. `http://127.0.0.1:8080` (media download links).
    pub public_base: String,
    /// Messages per second per business number before 130429.
    pub throughput_mps: u32,
    /// Pair rate: one message per this interval to one shopper...
    pub pair_interval: Duration,
    /// ...with a burst of this many before 131056.
    pub pair_burst: u32,
    /// The customer service window opened by the shopper's last message.
    pub window: Duration,
    /// How long a media download URL lives.
    pub media_url_ttl: Duration,
    /// How unruly webhook delivery is.
    pub chaos: Chaos,
    /// Redelivery backoff on non-200; after the last one the webhook is dropped (Meta's 7 days).
    pub retry_schedule: Vec<Duration>,
    /// Emit `delivered` and `read` on their own for accepted messages. When false, only `sent` is automatic and
    /// the phone page emits `delivered`/`read` when it shows a message.
    pub auto_receipts: bool,
    /// Approved (and other) templates, shared by every WABA the simulator hosts.
    pub templates: Vec<SimTemplate>,
    /// How many webhook POSTs may be in flight at once.
    pub webhook_concurrency: usize,
    /// Per-POST timeout of webhook deliveries.
    pub webhook_timeout: Duration,
    /// Phone numbers (wa_ids) that are not on WhatsApp: sends to them are accepted, then fail with 131026.
    pub undeliverable: Vec<String>,
    /// Each accepted message's receipts (`sent` included) wait a random time up to this long before the
    /// first of them goes out, as when Meta's status delivery lags during an incident. Zero: at once.
    pub receipt_delay_max: Duration,
}

/// A business phone number hosted by the simulator, with the credentials a real one would have.
#[derive(Clone)]
pub struct SimNumber {
    pub phone_number_id: String,
    pub display_phone_number: String,
    pub waba_id: String,
    pub access_token: String,
    pub app_secret: String,
}

impl fmt::Debug for SimNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SimNumber")
            .field("phone_number_id", &self.phone_number_id)
            .field("display_phone_number", &self.display_phone_number)
            .field("waba_id", &self.waba_id)
            .field("access_token", &"[redacted]")
            .field("app_secret", &"[redacted]")
            .finish()
    }
}

/// Probabilities (0.0–1.0) of the misbehaviours Meta's webhook delivery shows in the wild.
#[derive(Clone, Debug, PartialEq)]
pub struct Chaos {
    /// A webhook POST is delivered twice.
    pub duplicate: f64,
    /// A status webhook is held back so a later one overtakes it.
    pub reorder: f64,
    /// A message shown on the phone gets `read` with no `delivered` before it.
    pub read_without_delivered: f64,
    /// Updates waiting together are batched into one POST (several entries/changes).
    pub batch: f64,
    /// How long a batching delivery waits for company.
    pub batch_linger: Duration,
}

impl Chaos {
    /// Perfectly polite delivery: one update per POST, in order, exactly once.
    pub fn none() -> Self {
        Chaos {
            duplicate: 0.0,
            reorder: 0.0,
            read_without_delivered: 0.0,
            batch: 0.0,
            batch_linger: Duration::from_millis(10),
        }
    }

    /// Roughly what a busy production number sees: occasional duplicates, reordering and batches.
    pub fn meta_like() -> Self {
        Chaos {
            duplicate: 0.05,
            reorder: 0.1,
            read_without_delivered: 0.1,
            batch: 0.2,
            batch_linger: Duration::from_millis(15),
        }
    }
}

impl SimConfig {
    /// Sensible defaults with one demo number, its credentials, Meta's limits and the demo templates.
    pub fn demo(webhook_url: &str, public_base: &str) -> Self {
        SimConfig {
            api_version: "v23.0".to_string(),
            numbers: vec![SimNumber {
                phone_number_id: "106540352242922".to_string(),
                display_phone_number: "15550783881".to_string(),
                waba_id: "102290129340398".to_string(),
                access_token: "sandbox-access-token".to_string(),
                app_secret: "sandbox-app-secret".to_string(),
            }],
            webhook_url: webhook_url.to_string(),
            load_balanced: Vec::new(),
            public_base: public_base.trim_end_matches('/').to_string(),
            throughput_mps: 80,
            pair_interval: Duration::from_secs(6),
            pair_burst: 45,
            window: Duration::from_secs(24 * 60 * 60),
            media_url_ttl: Duration::from_secs(5 * 60),
            chaos: Chaos::none(),
            retry_schedule: [1, 5, 30, 120, 600, 3600]
                .iter()
                .map(|s| Duration::from_secs(*s))
                .collect(),
            auto_receipts: false,
            templates: demo_templates(),
            webhook_concurrency: 8,
            webhook_timeout: Duration::from_secs(10),
            undeliverable: vec!["5511900000000".to_string()],
            receipt_delay_max: Duration::ZERO,
        }
    }

    /// A redelivery schedule that keeps trying for at least `span`: 1 s, 2 s, then every 5 s, so a desk
    /// that is down for a moment gets its webhooks within seconds of coming back.
    pub fn retry_for(span: Duration) -> Vec<Duration> {
        let mut schedule = vec![Duration::from_secs(1), Duration::from_secs(2)];
        let mut total: Duration = schedule.iter().sum();
        while total < span {
            schedule.push(Duration::from_secs(5));
            total += Duration::from_secs(5);
        }
        schedule
    }

    pub(crate) fn number(&self, phone_number_id: &str) -> Option<&SimNumber> {
        self.numbers
            .iter()
            .find(|n| n.phone_number_id == phone_number_id)
    }

    pub(crate) fn number_by_token(&self, token: &str) -> Option<&SimNumber> {
        self.numbers.iter().find(|n| n.access_token == token)
    }
}
