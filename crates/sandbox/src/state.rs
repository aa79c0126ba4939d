//! What the simulator remembers: shoppers, windows, sent messages, threads, media and counters.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde_json::Value;

use crate::address::Address;
use crate::graph_error::GraphError;
use crate::identity::{derived_user_id, IdentityError, ShopperIdentity, ShopperProfile};
use crate::limits::Limits;
use crate::model::{SentRecord, Shopper, SimStats};

/// A shopper known to the phone page, with the country picked for them and the ids the business sees.
#[derive(Clone, Debug)]
pub(crate) struct KnownShopper {
    pub shopper: Shopper,
    pub country: String,
    /// Order of first appearance, so the phone page lists demo shoppers first.
    pub seq: usize,
    pub identity: ShopperIdentity,
    /// BSUIDs the shopper had before, oldest first: they reach no one any more.
    pub previous_user_ids: Vec<String>,
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
    /// Current BSUIDs and parent BSUIDs → wa_id.
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

    /// Adds or updates a shopper (a later call may rename them or change the country) and returns the ids
    /// the business sees. A shopper seen for the first time gets a derived BSUID and shares their phone;
    /// `shopper.user_id` makes them username-only under that BSUID, unless it is one they changed from.
    pub fn remember_shopper(
        &mut self,
        shopper: &Shopper,
        country: Option<&str>,
    ) -> ShopperIdentity {
        let country = country
            .map(str::to_string)
            .or_else(|| self.shoppers.get(&shopper.wa_id).map(|k| k.country.clone()))
            .unwrap_or_default();
        let known = self.shoppers.get(&shopper.wa_id);
        let identity = match (known, &shopper.user_id) {
            (Some(k), Some(uid))
                if *uid != k.identity.user_id && !k.previous_user_ids.contains(uid) =>
            {
                legacy_identity(uid, &k.identity)
            }
            (Some(k), _) => k.identity.clone(),
            (None, Some(uid)) => legacy_identity(uid, &ShopperIdentity::default_for(uid)),
            (None, None) => {
                ShopperIdentity::default_for(&derived_user_id(&country, &shopper.wa_id, 0, false))
            }
        };
        self.store(shopper, country, identity.clone());
        identity
    }

    /// Adds or replaces a shopper with exactly these ids.
    pub fn remember_with_profile(
        &mut self,
        shopper: &Shopper,
        country: &str,
        profile: ShopperProfile,
    ) -> Result<ShopperIdentity, IdentityError> {
        let identity = profile.resolve(country, &shopper.wa_id)?;
        self.check_ids_free(&shopper.wa_id, &identity)?;
        self.store(shopper, country.to_string(), identity.clone());
        Ok(identity)
    }

    fn check_ids_free(&self, wa_id: &str, identity: &ShopperIdentity) -> Result<(), IdentityError> {
        for id in std::iter::once(&identity.user_id).chain(&identity.parent_user_id) {
            if self.user_ids.get(id).is_some_and(|w| w != wa_id) {
                return Err(IdentityError::UserIdTaken(id.clone()));
            }
        }
        Ok(())
    }

    fn store(&mut self, shopper: &Shopper, country: String, identity: ShopperIdentity) {
        let (seq, previous_user_ids) = match self.shoppers.get(&shopper.wa_id) {
            Some(k) => (k.seq, k.previous_user_ids.clone()),
            None => (self.shoppers.len(), Vec::new()),
        };
        self.forget_ids_of(&shopper.wa_id);
        for id in std::iter::once(&identity.user_id).chain(&identity.parent_user_id) {
            self.user_ids.insert(id.clone(), shopper.wa_id.clone());
        }
        let known = KnownShopper {
            shopper: shopper.clone(),
            country,
            seq,
            identity,
            previous_user_ids,
        };
        self.shoppers.insert(shopper.wa_id.clone(), known);
    }

    fn forget_ids_of(&mut self, wa_id: &str) {
        if let Some(k) = self.shoppers.get(wa_id) {
            let ids = std::iter::once(&k.identity.user_id).chain(&k.identity.parent_user_id);
            for id in ids {
                if self.user_ids.get(id).is_some_and(|w| w == wa_id) {
                    self.user_ids.remove(id);
                }
            }
        }
    }

    /// Moves a shopper to a new BSUID (derived when `None`; a parent BSUID they had is renewed too) and
    /// returns them as they are now, with the ids they had before.
    pub fn change_user_id(
        &mut self,
        wa_id: &str,
        user_id: Option<String>,
        parent_user_id: Option<String>,
    ) -> Result<(KnownShopper, ShopperIdentity), IdentityError> {
        let known = self
            .shoppers
            .get(wa_id)
            .cloned()
            .ok_or_else(|| IdentityError::UnknownShopper(wa_id.to_string()))?;
        let before = known.identity.clone();
        let generation = known.previous_user_ids.len() + 1;
        let derive = |parent| derived_user_id(&known.country, wa_id, generation, parent);
        let user_id = user_id.unwrap_or_else(|| derive(false));
        let parent_user_id =
            parent_user_id.or_else(|| before.parent_user_id.as_ref().map(|_| derive(true)));
        if user_id == before.user_id || known.previous_user_ids.contains(&user_id) {
            return Err(IdentityError::AlreadyUsed(user_id));
        }
        let identity = ShopperProfile {
            user_id: Some(user_id),
            parent_user_id,
            username: before.username.clone(),
            phone_shared: before.phone_shared,
        }
        .resolve(&known.country, wa_id)?;
        self.check_ids_free(wa_id, &identity)?;
        if let Some(k) = self.shoppers.get_mut(wa_id) {
            k.previous_user_ids.push(before.user_id.clone());
        }
        self.store(&known.shopper, known.country.clone(), identity);
        let now = self.shoppers.get(wa_id).cloned();
        now.map(|k| (k, before))
            .ok_or_else(|| IdentityError::UnknownShopper(wa_id.to_string()))
    }

    /// A number the business wrote to first: it shows on the phone page under its number, its country
    /// guessed from the calling code.
    pub fn remember_stranger(&mut self, wa_id: &str, phone_number_id: &str) {
        let country = crate::phone::country_of_number(wa_id);
        let shopper = Shopper {
            wa_id: wa_id.to_string(),
            name: format!("+{wa_id}"),
            user_id: None,
            phone_number_id: phone_number_id.to_string(),
        };
        self.remember_shopper(&shopper, country);
    }

    /// The wa_id of a shopper named by wa_id, current BSUID or parent BSUID.
    pub fn key_of(&self, id: &str) -> Option<String> {
        let id = id.trim();
        if self.shoppers.contains_key(id) {
            return Some(id.to_string());
        }
        self.user_ids.get(id).cloned()
    }

    /// The wa_id a send goes to: any phone number (the business may write first), or the shopper who has
    /// this BSUID now. A BSUID no one has (or had before a change) reaches no one.
    pub fn resolve(&self, address: &Address) -> Option<String> {
        match address {
            Address::Phone(digits) => Some(digits.clone()),
            Address::UserId(id) => self.user_ids.get(id).cloned(),
        }
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

/// A shopper given `user_id` by an older caller: username-only under that BSUID, other ids kept.
fn legacy_identity(user_id: &str, was: &ShopperIdentity) -> ShopperIdentity {
    ShopperIdentity {
        user_id: user_id.to_string(),
        phone_shared: false,
        ..was.clone()
    }
}

/// Unix seconds now, as Meta's string timestamps carry them.
pub(crate) fn unix_now() -> i64 {
    unix_now_ms().div_euclid(1000)
}

/// Unix time in milliseconds: when a send was accepted, finely enough to count sends per second.
pub(crate) fn unix_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
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
