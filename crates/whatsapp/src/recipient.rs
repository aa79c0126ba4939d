//! Who a message goes to, and how Meta wants that written.
//!
//! Since 2026 a WhatsApp user has up to three ids: the phone number (`wa_id`, conditional), the
//! business-scoped user id (BSUID, `US.13491208655302741918`, always present in webhooks) and, for
//! linked business portfolios, a parent BSUID (`US.ENT.11815799212886844830`). Meta takes a phone in
//! `to` (E.164) and a BSUID or parent BSUID in `recipient`; it refuses a BSUID in `to` ("Invalid E.164
//! phone number") and a phone in `recipient` ("Invalid BSUID format"). When both are known, the phone
//! is the address Meta prefers (`to` wins), so that is the one the desk sends to.

use serde::{Deserialize, Serialize};

/// The address of one send.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", content = "id", rename_all = "snake_case")]
pub enum Recipient {
    /// A phone number, written `+<digits>` so Meta does not prepend the business number's country code.
    Phone(String),
    /// A business-scoped user id or a parent BSUID, sent in `recipient`.
    UserId(String),
}

impl Recipient {
    /// The best address for a shopper: the phone when the desk knows it, else the BSUID, else the
    /// parent BSUID. `None` when nothing usable is known.
    pub fn for_shopper(
        phone: Option<&str>,
        user_id: Option<&str>,
        parent_user_id: Option<&str>,
    ) -> Option<Recipient> {
        if let Some(p) = phone.and_then(phone_digits) {
            return Some(Recipient::Phone(format!("+{p}")));
        }
        user_id
            .filter(|u| is_user_id(u))
            .or(parent_user_id.filter(|u| is_user_id(u)))
            .map(|u| Recipient::UserId(u.trim().to_owned()))
    }

    /// Reads one id of unknown kind: a phone number (any common spelling) or a BSUID.
    pub fn parse(id: &str) -> Option<Recipient> {
        if is_user_id(id) {
            Some(Recipient::UserId(id.trim().to_owned()))
        } else {
            phone_digits(id).map(|d| Recipient::Phone(format!("+{d}")))
        }
    }

    /// The JSON field Meta reads this address from: `to` or `recipient`.
    pub fn field(&self) -> &'static str {
        match self {
            Recipient::Phone(_) => "to",
            Recipient::UserId(_) => "recipient",
        }
    }

    /// The value of that field.
    pub fn value(&self) -> &str {
        match self {
            Recipient::Phone(p) | Recipient::UserId(p) => p,
        }
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.value())
    }
}

/// The digits of a phone number written with an optional leading `+`, spaces, dashes, dots or
/// brackets; `None` for anything else (a BSUID, a username, an empty string).
pub fn phone_digits(s: &str) -> Option<String> {
    let t = s.trim();
    let body = t.strip_prefix('+').unwrap_or(t);
    let ok = body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || " -().".contains(c));
    ok.then(|| body.chars().filter(char::is_ascii_digit).collect())
}

/// True for a business-scoped user id or a parent BSUID: an ISO 3166 alpha-2 country code, a dot,
/// optionally `ENT.`, then 1 to 128 ASCII letters or digits.
pub fn is_user_id(s: &str) -> bool {
    let t = s.trim();
    let Some((country, rest)) = t.split_once('.') else {
        return false;
    };
    let rest = rest.strip_prefix("ENT.").unwrap_or(rest);
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_uppercase())
        && (1..=128).contains(&rest.len())
        && rest.chars().all(|c| c.is_ascii_alphanumeric())
}

/// True for a parent BSUID (`CC.ENT.…`), shared by linked business portfolios.
pub fn is_parent_user_id(s: &str) -> bool {
    is_user_id(s) && s.trim().get(2..7) == Some(".ENT.")
}

/// The country a BSUID was issued for (`US` of `US.1349…`), which stands in for the phone's
/// country when a username-only shopper writes without a number.
pub fn user_id_country(s: &str) -> Option<&str> {
    is_user_id(s).then(|| s.trim().get(..2)).flatten()
}
