//! What the simulator remembers: shoppers, windows, sent messages, threads, media and counters.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde_json::Value;

use crate::graph_error::GraphError;
use crate::limits::Limits;
use crate::model::{SentRecord, Shopper, SimStats};

/// A shopper known to the phone page, with the country picked for them.
#[derive(Clone, Debug)]
pub(crate) struct KnownShopper {
    pub shopper: Shopper,
    pub country: String,
    /// Order of first appearance, so the phone page lists demo shoppers first.
    pub seq: usize,
}

/// A line of a chat as the phone shows it.
#[derive(Clone, Debug)]
pub(crate) enum ThreadItem {
    /// The shopper's own message, as it went out in the webhook.
    In {
        wamid: String,
        at_unix: i64,
        message: Value,
        read_by_business: bool,
    },
    /// A business message; details live in `State::sent`.
    Out { wamid: String },
}

/// A stored file, uploaded by the business or sent by a shopper.
#[derive(Clone, Debug)]
pub(crate) struct MediaItem {
    pub id: String,
    pub bytes: Bytes,
    pub mime: String,
    pub sha256: [u8; 32],
}

pub(crate) struct State {
    pub shoppers: BTreeMap<String, KnownShopper>,
    pub user_ids: HashMap<String, String>,
    pub last_inbound: HashMap<(String, String), Instant>,
    pub sent: HashMap<String, SentRecord>,
    pub threads: HashMap<String, Vec<ThreadItem>>,
    pub inbound_owner: HashMap<String, String>,
    pub media: HashMap<String, MediaItem>,
    pub download_links: HashMap<String, (String, Instant)>,
    pub limits: Limits,
    pub stats: SimStats,
    /// Errors the next `/messages` calls are refused with, in order (injected by tests).
    pub refusals: VecDeque<GraphError>,
    /// Errors the next accepted messages fail with asynchronously, in order (injected by tests).
    pub failures: VecDeque<GraphError>,
    /// wa_ids that are not on WhatsApp: messages to them fail with 131026.
    pub undeliverable: Vec<String>,
}

impl State {
    pub fn new(limits: Limits) -> Self {
        State {
            shoppers: BTreeMap::new(),
            user_ids: HashMap::new(),
            last_inbound: HashMap::new(),
            sent: HashMap::new(),
            threads: HashMap::new(),
            inbound_owner: HashMap::new(),
            media: HashMap::new(),
            download_links: HashMap::new(),
            limits,
            stats: SimStats::default(),
            refusals: VecDeque::new(),
            failures: VecDeque::new(),
            undeliverable: Vec::new(),
        }
    }

    /// Adds or updates a shopper (a later call may rename them or change the country).
    pub fn remember_shopper(&mut self, shopper: &Shopper, country: Option<&str>) {
        if let Some(uid) = &shopper.user_id {
            self.user_ids.insert(uid.clone(), shopper.wa_id.clone());
        }
        let country = country
            .map(str::to_string)
            .or_else(|| self.shoppers.get(&shopper.wa_id).map(|k| k.country.clone()))
            .unwrap_or_default();
        let seq = self
            .shoppers
            .get(&shopper.wa_id)
            .map_or(self.shoppers.len(), |k| k.seq);
        self.shoppers.insert(
            shopper.wa_id.clone(),
            KnownShopper {
                shopper: shopper.clone(),
                country,
                seq,
            },
        );
    }

    /// A number the business wrote to first: it shows on the phone page under its number, its country
    /// guessed from the calling code.
    pub fn remember_stranger(&mut self, wa_id: &str, phone_number_id: &str) {
        let country = crate::phone::COUNTRIES
            .iter()
            .find(|(_, _, dial)| wa_id.starts_with(dial))
            .map(|(code, _, _)| code.to_string());
        let shopper = Shopper {
            wa_id: wa_id.to_string(),
            name: format!("+{wa_id}"),
            user_id: None,
            phone_number_id: phone_number_id.to_string(),
        };
        self.remember_shopper(&shopper, country.as_deref());
    }

    /// Resolves a send's `to` (phone with or without `+`, or a business-scoped user id) to a wa_id.
    pub fn resolve_recipient(&self, to: &str) -> Option<String> {
        let to = to.trim();
        if let Some(wa) = self.user_ids.get(to) {
            return Some(wa.clone());
        }
        let digits: String = to.chars().filter(|c| c.is_ascii_digit()).collect();
        let only_phone_chars = to
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        (only_phone_chars && (6..=15).contains(&digits.len())).then_some(digits)
    }

    /// Whether the shopper's last message to this number is recent enough for free-form replies.
    pub fn window_open(&self, number: &str, wa_id: &str, window: Duration, now: Instant) -> bool {
        self.last_inbound
            .get(&(number.to_string(), wa_id.to_string()))
            .is_some_and(|at| now.saturating_duration_since(*at) < window)
    }

    pub fn count_rejection(&mut self, code: i64) {
        *self.stats.rejected_by_code.entry(code).or_insert(0) += 1;
    }

    /// A fresh download URL token for a media item, valid until `now + ttl`.
    pub fn issue_download(&mut self, media_id: &str, ttl: Duration, now: Instant) -> String {
        self.download_links.retain(|_, (_, exp)| *exp > now);
        let token = uuid::Uuid::new_v4().simple().to_string();
        self.download_links
            .insert(token.clone(), (media_id.to_string(), now + ttl));
        token
    }
}

/// Unix seconds now, as Meta's string timestamps carry them.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A fresh message id in Meta's `wamid.` form.
pub(crate) fn new_wamid() -> String {
    use base64::Engine;
    let mut raw = uuid::Uuid::new_v4().as_bytes().to_vec();
    raw.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    let tail = base64::engine::general_purpose::STANDARD.encode(&raw[..26]);
    format!("wamid.HBgL{tail}")
}

/// A fresh numeric media id.
pub(crate) fn new_media_id() -> String {
    use rand::Rng;
    format!(
        "{}",
        rand::thread_rng().gen_range(1_000_000_000_000_000u64..9_999_999_999_999_999u64)
    )
}
