//! Who a shopper is to the business since 2026: a business-scoped user id (BSUID) always, the phone only
//! when the shopper shares it, maybe a parent BSUID and a username; and the `user_changed_user_id` system
//! message Meta sends when a new phone number gives the shopper a new BSUID.

use lifeline_whatsapp::recipient::{is_parent_user_id, is_user_id};
use serde::Serialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::model::SimEvent;
use crate::state::{new_wamid, unix_now, KnownShopper};
use crate::Sandbox;

/// What the business can know of a shopper right now: the ids its webhooks and statuses carry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ShopperIdentity {
    /// The business-scoped user id (`BR.0123…`), in every webhook.
    pub user_id: String,
    /// The parent BSUID (`BR.ENT.…`) of linked business portfolios, when Meta gives one.
    pub parent_user_id: Option<String>,
    /// The WhatsApp username (`@ana.rio`), shown in `contacts[].profile.username`.
    pub username: Option<String>,
    /// Whether webhooks and statuses carry the phone (`from`, `wa_id`, `recipient_id`).
    pub phone_shared: bool,
}

impl ShopperIdentity {
    /// A shopper who shares their phone and has no username or parent BSUID.
    pub(crate) fn default_for(user_id: &str) -> Self {
        ShopperIdentity {
            user_id: user_id.to_string(),
            parent_user_id: None,
            username: None,
            phone_shared: true,
        }
    }
}

/// How a new shopper shows up; what is left out is derived (a stable BSUID from country and number) or
/// off (no parent BSUID, no username). The phone is shared unless `phone_shared` is false.
#[derive(Clone, Debug, PartialEq)]
pub struct ShopperProfile {
    pub user_id: Option<String>,
    pub parent_user_id: Option<String>,
    pub username: Option<String>,
    pub phone_shared: bool,
}

impl Default for ShopperProfile {
    fn default() -> Self {
        ShopperProfile {
            user_id: None,
            parent_user_id: None,
            username: None,
            phone_shared: true,
        }
    }
}

impl ShopperProfile {
    /// A shopper known to the business by username only: no `from`, `wa_id` or `recipient_id`.
    pub fn username_only(username: &str) -> Self {
        ShopperProfile {
            username: Some(username.to_string()),
            phone_shared: false,
            ..ShopperProfile::default()
        }
    }

    /// Checks the ids and username and fills in the BSUID a shopper without one gets.
    pub(crate) fn resolve(
        self,
        country: &str,
        wa_id: &str,
    ) -> Result<ShopperIdentity, IdentityError> {
        let user_id = match self.user_id {
            Some(id) => checked_user_id(&id)?,
            None => derived_user_id(country, wa_id, 0, false),
        };
        let parent_user_id = self
            .parent_user_id
            .map(|p| checked_parent_user_id(&p))
            .transpose()?;
        let username = self.username.map(|u| parse_username(&u)).transpose()?;
        if !self.phone_shared && username.is_none() {
            return Err(IdentityError::UsernameRequired);
        }
        Ok(ShopperIdentity {
            user_id,
            parent_user_id,
            username,
            phone_shared: self.phone_shared,
        })
    }
}

/// Why the simulator will not give a shopper these ids.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum IdentityError {
    #[error("No shopper has the number or user id {0}.")]
    UnknownShopper(String),
    #[error(
        "{0} is not a business-scoped user id (a country code, a dot, then letters and digits)."
    )]
    InvalidUserId(String),
    #[error("{0} is not a parent business-scoped user id (a country code, then .ENT. and letters and digits).")]
    InvalidParentUserId(String),
    #[error("The user id {0} already belongs to another shopper.")]
    UserIdTaken(String),
    #[error("The shopper has or had the user id {0} already; a change needs a new one.")]
    AlreadyUsed(String),
    #[error("A username has 3 to 35 lowercase letters, digits, dots or underscores, after an optional @.")]
    InvalidUsername,
    #[error("A shopper who does not share their phone needs a username.")]
    UsernameRequired,
}

fn checked_user_id(id: &str) -> Result<String, IdentityError> {
    let id = id.trim();
    if is_user_id(id) && !is_parent_user_id(id) {
        Ok(id.to_string())
    } else {
        Err(IdentityError::InvalidUserId(id.to_string()))
    }
}

fn checked_parent_user_id(id: &str) -> Result<String, IdentityError> {
    let id = id.trim();
    if is_parent_user_id(id) {
        Ok(id.to_string())
    } else {
        Err(IdentityError::InvalidParentUserId(id.to_string()))
    }
}

/// `ana.rio` or `@Ana.Rio` → `@ana.rio`.
fn parse_username(raw: &str) -> Result<String, IdentityError> {
    let name = raw.trim();
    let name = name.strip_prefix('@').unwrap_or(name).to_ascii_lowercase();
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_';
    if (3..=35).contains(&name.len()) && name.chars().all(allowed) {
        Ok(format!("@{name}"))
    } else {
        Err(IdentityError::InvalidUsername)
    }
}

/// A stable BSUID for a shopper the caller gave none: the country, a dot and 20 digits hashed from the
/// number, so a test or a demo sees the same id on every run. `generation` counts identity changes.
pub(crate) fn derived_user_id(
    country: &str,
    wa_id: &str,
    generation: usize,
    parent: bool,
) -> String {
    let country = if country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()) {
        country
    } else {
        crate::phone::country_of_number(wa_id).unwrap_or("US")
    };
    let seed = format!("{country}|{wa_id}|{generation}|{parent}");
    let hash = Sha256::digest(seed.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash[..8]);
    let digits = u64::from_be_bytes(first);
    let ent = if parent { "ENT." } else { "" };
    format!("{country}.{ent}{digits:020}")
}

/// The new ids of a `user_changed_user_id` announcement; `None` fields are derived.
#[derive(Clone, Debug, Default)]
pub(crate) struct NewIds {
    pub user_id: Option<String>,
    pub parent_user_id: Option<String>,
}

/// Gives the shopper (`key`: wa_id or current BSUID) a new BSUID, queues the system message that says so
/// and returns its wamid with the shopper as they are now. From then on the old BSUID reaches no one.
pub(crate) fn change_user_id(
    sb: &Sandbox,
    key: &str,
    new: NewIds,
) -> Result<(String, KnownShopper), IdentityError> {
    let user_id = new.user_id.as_deref().map(checked_user_id).transpose()?;
    let parent = new
        .parent_user_id
        .as_deref()
        .map(checked_parent_user_id)
        .transpose()?;
    let (known, before) = {
        let mut state = sb.state();
        let wa_id = state
            .key_of(key)
            .ok_or_else(|| IdentityError::UnknownShopper(key.to_string()))?;
        state.change_user_id(&wa_id, user_id, parent)?
    };
    let wamid = new_wamid();
    let message = system_message(&known, &before, &wamid);
    // A system message comes alone: no `contacts` card.
    let fields = json!({"messages": [message]});
    sb.enqueue(&known.shopper.phone_number_id, fields, false);
    sb.publish(SimEvent::UserIdChanged {
        wamid: wamid.clone(),
        wa_id: known.shopper.wa_id.clone(),
        previous_user_id: before.user_id,
        user_id: known.identity.user_id.clone(),
    });
    Ok((wamid, known))
}

/// The `system` message of type `user_changed_user_id`, from the old BSUID (and the phone, if shared).
fn system_message(known: &KnownShopper, before: &ShopperIdentity, wamid: &str) -> Value {
    let after = &known.identity;
    let mut system = Map::new();
    let body = format!(
        "User {} changed from {} to {}",
        known.shopper.name, before.user_id, after.user_id
    );
    system.insert("body".into(), json!(body));
    system.insert("type".into(), json!("user_changed_user_id"));
    system.insert("user_id".into(), json!(after.user_id));
    insert_some(&mut system, "parent_user_id", &after.parent_user_id);
    system.insert("previous_user_id".into(), json!(before.user_id));
    insert_some(
        &mut system,
        "previous_parent_user_id",
        &before.parent_user_id,
    );
    let mut message = Map::new();
    if after.phone_shared {
        message.insert("from".into(), json!(known.shopper.wa_id));
    }
    message.insert("from_user_id".into(), json!(before.user_id));
    insert_some(&mut message, "from_parent_user_id", &before.parent_user_id);
    message.insert("id".into(), json!(wamid));
    message.insert("timestamp".into(), json!(unix_now().to_string()));
    message.insert("type".into(), json!("system"));
    message.insert("system".into(), Value::Object(system));
    Value::Object(message)
}

pub(crate) fn insert_some(target: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        target.insert(key.into(), json!(v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_user_id_is_a_stable_bsuid_of_the_shoppers_country() {
        let id = derived_user_id("BR", "5511987654321", 0, false);
        assert_eq!(id, derived_user_id("BR", "5511987654321", 0, false));
        assert!(id.starts_with("BR.") && is_user_id(&id) && !is_parent_user_id(&id));
        assert_ne!(id, derived_user_id("BR", "5511987654321", 1, false));
        let parent = derived_user_id("", "5511987654321", 0, true);
        assert!(parent.starts_with("BR.ENT.") && is_parent_user_id(&parent));
    }

    #[test]
    fn usernames_are_written_with_an_at_sign_and_in_lowercase() {
        assert_eq!(parse_username("Ana.Rio").as_deref(), Ok("@ana.rio"));
        assert_eq!(parse_username(" @sam_99 ").as_deref(), Ok("@sam_99"));
        assert!(parse_username("@a").is_err());
        assert!(parse_username("ana rio").is_err());
    }

    #[test]
    fn a_username_only_profile_needs_a_username_and_real_ids() {
        let no_name = ShopperProfile {
            phone_shared: false,
            ..ShopperProfile::default()
        };
        assert_eq!(
            no_name.resolve("US", "14155550100"),
            Err(IdentityError::UsernameRequired)
        );
        let phone_as_id = ShopperProfile {
            user_id: Some("+14155550100".into()),
            ..ShopperProfile::default()
        };
        assert!(phone_as_id.resolve("US", "14155550100").is_err());
        let sam = ShopperProfile::username_only("@sam")
            .resolve("US", "14155550100")
            .unwrap();
        assert!(!sam.phone_shared && sam.user_id.starts_with("US."));
    }
}
