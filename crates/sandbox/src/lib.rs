//! The sandbox: a Cloud API simulator that behaves as Meta does, and a phone page to chat as a shopper.
//!
//! It lets a newcomer run the desk with no Meta account, and it is what the desk's tests and the ingest
//! benchmark run against. It is built from the documented wire shapes only, never from the desk's own client,
//! so it catches that client's mistakes; it shares just the client's phone/BSUID classifiers
//! (`lifeline_whatsapp::recipient`), so both tell the two kinds of id apart the same way.
//!
//! Addressing is Meta's of 2026: a phone in `to`, a business-scoped user id in `recipient`. Every shopper has
//! a BSUID ([`ShopperIdentity`]); webhooks carry the phone only when the shopper shares it, and
//! [`Sandbox::change_user_id`] announces a new BSUID with a `user_changed_user_id` system message.
//!
//! ```text
//! let sandbox = Sandbox::new(SimConfig::demo("http://127.0.0.1:8080/webhooks/whatsapp", "http://127.0.0.1:8080"));
//! let app = desk_router.merge(sandbox.router());       // /graph/... and /sandbox/...
//! // the desk's Cloud API client uses api_base = "http://127.0.0.1:8080/graph"
//! let wamid = sandbox.shopper_says(&shopper, ShopperMessage::Text("¿Dónde está mi pedido?".into())).await;
//! let replies = sandbox.sent_to(&shopper.wa_id);        // what the desk answered, in order
//! ```
//!
//! Rooms: `send` (the messages endpoint and its rules, `validate`, `limits`, `address`), `receipts`
//! (statuses), `number` (a number's profile, which desks read to check their token), `inbound` (shopper
//! messages), `identity` (BSUIDs, usernames, id changes), `media`, `templates`,
//! `webhook` (signed delivery, chaos, retries), `phone` (the page and its API). Nothing here is meant for production traffic: the phone API has no authentication.
#![forbid(unsafe_code)]

mod address;
mod config;
mod graph_error;
mod identity;
mod inbound;
mod limits;
mod media;
mod model;
mod number;
mod phone;
mod receipts;
mod send;
mod state;
mod templates;
mod validate;
mod webhook;
mod wire;

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use tokio::sync::{broadcast, mpsc};

pub use config::{Chaos, SimConfig, SimNumber};
pub use graph_error::GraphError;
pub use identity::{IdentityError, ShopperIdentity, ShopperProfile};
pub use model::{SentRecord, Shopper, ShopperMessage, SimEvent, SimStats, StatusChange};
pub use phone::demo_shoppers;
pub use templates::{demo_templates, SimTemplate};
pub use wire::{ascii_json, signature};

use limits::Limits;
use state::State;
use webhook::{Counters, Update};

/// A running simulator: cheap to clone, shared by its routes, its delivery tasks and the tests.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    config: SimConfig,
    state: Mutex<State>,
    events: broadcast::Sender<SimEvent>,
    queue: mpsc::UnboundedSender<Update>,
    counters: Arc<Counters>,
    rng: Mutex<StdRng>,
}

impl Sandbox {
    /// Builds the simulator and spawns its webhook delivery task; needs a tokio runtime.
    pub fn new(config: SimConfig) -> Self {
        let counters = Arc::new(Counters::default());
        let queue = webhook::spawn(&config, counters.clone());
        let (events, _) = broadcast::channel(4096);
        let limits = Limits::new(
            config.throughput_mps,
            config.pair_interval,
            config.pair_burst,
        );
        let mut state = State::new(limits);
        state.undeliverable = config.undeliverable.clone();
        for (shopper, country, profile) in phone::demo_shoppers_for(&config) {
            if let Err(e) = state.remember_with_profile(&shopper, &country, profile) {
                tracing::warn!(wa_id = %shopper.wa_id, error = %e, "sandbox: demo shopper left out");
            }
        }
        let inner = Inner {
            config,
            state: Mutex::new(state),
            events,
            queue,
            counters,
            rng: Mutex::new(StdRng::from_entropy()),
        };
        Sandbox {
            inner: Arc::new(inner),
        }
    }

    /// Every route of the simulator (`/graph/...`) and the phone page (`/sandbox/...`), with absolute paths,
    /// so it can be merged into the desk's router or served on its own.
    pub fn router(&self) -> Router {
        send::routes()
            .merge(media::routes())
            .merge(phone::routes())
            .with_state(self.clone())
    }

    /// A shopper sends a message from their phone: it opens (or renews) the 24-hour window and goes out as a
    /// signed webhook. Returns the message's wamid.
    pub async fn shopper_says(&self, shopper: &Shopper, msg: ShopperMessage) -> String {
        inbound::shopper_says(self, shopper, msg, None)
    }

    /// Performs Meta's verification handshake against the webhook URL, as the App Dashboard does when the
    /// callback URL is saved; Err says why Meta would refuse the endpoint.
    pub async fn verify_webhook(&self, verify_token: &str) -> Result<(), String> {
        webhook::handshake(&self.inner.config.webhook_url, verify_token).await
    }

    /// Adds a shopper to the phone page's list (or updates their name and country).
    pub fn add_shopper(&self, shopper: &Shopper, country: &str) {
        self.state().remember_shopper(shopper, Some(country));
    }

    /// Adds (or replaces) a shopper with the ids they show the business: e.g.
    /// `ShopperProfile::username_only("@sam")` for one whose webhooks carry no phone.
    pub fn add_shopper_with(
        &self,
        shopper: &Shopper,
        country: &str,
        profile: ShopperProfile,
    ) -> Result<ShopperIdentity, IdentityError> {
        self.state()
            .remember_with_profile(shopper, country, profile)
    }

    /// The ids the business sees now for a shopper named by wa_id, BSUID or parent BSUID.
    pub fn identity(&self, wa_id_or_user_id: &str) -> Option<ShopperIdentity> {
        let state = self.state();
        let wa_id = state.key_of(wa_id_or_user_id)?;
        state.shoppers.get(&wa_id).map(|k| k.identity.clone())
    }

    /// The shopper (wa_id or current BSUID) moves to `new_user_id`, as after a change of phone number: a
    /// `user_changed_user_id` system message goes out (its wamid is returned), later messages carry the new
    /// BSUID and sends to the old one are refused with 131026.
    pub fn change_user_id(
        &self,
        wa_id_or_user_id: &str,
        new_user_id: &str,
    ) -> Result<String, IdentityError> {
        let new = identity::NewIds {
            user_id: Some(new_user_id.to_string()),
            parent_user_id: None,
        };
        identity::change_user_id(self, wa_id_or_user_id, new).map(|(wamid, _)| wamid)
    }

    /// What the business sent to this shopper (wa_id, or their current BSUID), in the order the API
    /// accepted it.
    pub fn sent_to(&self, wa_id: &str) -> Vec<SentRecord> {
        let state = self.state();
        let Some(thread) = state.key_of(wa_id).and_then(|w| state.threads.get(&w)) else {
            return Vec::new();
        };
        thread
            .iter()
            .filter_map(|item| match item {
                state::ThreadItem::Out { wamid } => state.sent.get(wamid).cloned(),
                state::ThreadItem::In { .. } => None,
            })
            .collect()
    }

    /// The next `count` calls to `/messages` are refused with `error` (e.g. 190 to simulate a revoked
    /// token, 131000 or 131016 for transient trouble).
    pub fn refuse_next_sends(&self, error: GraphError, count: usize) {
        self.state()
            .refusals
            .extend(std::iter::repeat_n(error, count));
    }

    /// The next `count` accepted messages fail asynchronously with `error` (a `failed` status webhook).
    pub fn fail_next_sends(&self, error: GraphError, count: usize) {
        self.state()
            .failures
            .extend(std::iter::repeat_n(error, count));
    }

    /// Messages to this wa_id are accepted, then fail with 131026 (not a WhatsApp user).
    pub fn make_undeliverable(&self, wa_id: &str) {
        self.state().undeliverable.push(wa_id.to_string());
    }

    /// A live feed of every accepted send, refusal, status and shopper message.
    pub fn subscribe(&self) -> broadcast::Receiver<SimEvent> {
        self.inner.events.subscribe()
    }

    /// Counters: accepted sends, refusals by code, webhooks delivered, retried and dropped.
    pub fn stats(&self) -> SimStats {
        let mut stats = self.state().stats.clone();
        let c = &self.inner.counters;
        stats.webhooks_delivered = c.delivered.load(Ordering::Relaxed);
        stats.webhooks_retried = c.retried.load(Ordering::Relaxed);
        stats.webhooks_dropped = c.dropped.load(Ordering::Relaxed);
        stats.webhooks_duplicated = c.duplicated.load(Ordering::Relaxed);
        stats.webhooks_batched = c.batched.load(Ordering::Relaxed);
        stats
    }

    /// Updates queued or in flight to the webhook URL (0 when delivery has caught up).
    pub fn pending_webhooks(&self) -> u64 {
        self.inner.counters.pending.load(Ordering::Relaxed)
    }

    /// The configuration the simulator runs with.
    pub fn config(&self) -> &SimConfig {
        &self.inner.config
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the maps half-written in a way that matters here.
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn publish(&self, event: SimEvent) {
        let _ = self.inner.events.send(event);
    }

    /// Queues one `messages`-field change for a hosted number: `fields` (`statuses`, or `contacts` and
    /// `messages`) under the `messaging_product` and `metadata` Meta puts on every change.
    pub(crate) fn enqueue(
        &self,
        phone_number_id: &str,
        fields: serde_json::Value,
        may_reorder: bool,
    ) {
        let display = self
            .config()
            .number(phone_number_id)
            .map(|n| n.display_phone_number.clone())
            .unwrap_or_default();
        let mut value = serde_json::json!({
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": display, "phone_number_id": phone_number_id},
        });
        if let (Some(value), serde_json::Value::Object(fields)) = (value.as_object_mut(), fields) {
            value.extend(fields);
        }
        self.inner.counters.pending.fetch_add(1, Ordering::Relaxed);
        let update = Update {
            phone_number_id: phone_number_id.to_string(),
            value,
            may_reorder,
        };
        if self.inner.queue.send(update).is_err() {
            self.inner.counters.pending.fetch_sub(1, Ordering::Relaxed);
        }
    }

    pub(crate) fn chance(&self, p: f64) -> bool {
        p > 0.0
            && self
                .inner
                .rng
                .lock()
                .map(|mut r| r.gen_bool(p.clamp(0.0, 1.0)))
                .unwrap_or(false)
    }
}
