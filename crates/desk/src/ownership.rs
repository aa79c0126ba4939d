//! Whose order is it? A shopper who names an order number may name someone else's order (a friend's, a
//! typo, a guess). Before anything of an order reaches a draft, a button or an automatic message, the
//! desk decides whether the order belongs to the shopper: the order's phone is the shopper's in some
//! spelling, or the shopper wrote what the order knows (email, postcode, full name), or an agent said so.
//! Pure: the caller passes what the order knows, who the shopper is and what they wrote.

use serde::{Deserialize, Serialize};

use crate::tone::matcher::fold;

/// What an order knows about the person who placed it (any field may be hidden by a marketplace).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrderContact {
    /// As the shop wrote it: digits, with or without country code, maybe in national form ("0170…").
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postcode: Option<String>,
    /// The full name on the order.
    pub name: Option<String>,
    /// ISO 3166-1 alpha-2 of the shipping address: how a national phone is read.
    pub country: Option<String>,
}

/// The shopper writing to the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shopper {
    /// Digits with country code (WhatsApp's `wa_id`); `None` when WhatsApp shared only a BSUID.
    pub phone: Option<String>,
    /// ISO 3166-1 alpha-2, from their phone or BSUID.
    pub country: Option<String>,
}

/// How an order was shown to be the shopper's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Proof {
    Phone,
    Email,
    Postcode,
    Name,
    /// An agent marked it verified.
    Agent,
}

impl Proof {
    /// The word an agent reads.
    pub fn label(self) -> &'static str {
        match self {
            Proof::Phone => "phone",
            Proof::Email => "email",
            Proof::Postcode => "postcode",
            Proof::Name => "name",
            Proof::Agent => "an agent",
        }
    }
}

/// What comparing the phones found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneCheck {
    Same,
    Different,
    /// The order carries no phone (a marketplace masks it, or the shopper left it out).
    NoOrderPhone,
    /// WhatsApp did not share the shopper's phone (BSUID only).
    NoShopperPhone,
}

/// The desk's verdict on one order for one shopper, stored with the conversation's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// How it was shown to be the shopper's; `None` while it is not.
    pub proof: Option<Proof>,
    /// The agent who marked it verified.
    #[serde(default)]
    pub by: Option<String>,
    pub phone: PhoneCheck,
    /// What the order knows that the shopper could confirm.
    pub askable: Vec<Proof>,
    /// Masked glimpses of the order's contact, for the agent only ("+49 ••••67", "a•••@e•••.de").
    pub hints: Vec<String>,
}

impl Verdict {
    /// True once the order may be used for this shopper.
    pub fn is_verified(&self) -> bool {
        self.proof.is_some()
    }

    /// The same verdict, verified by an agent.
    pub fn by_agent(mut self, agent: &str) -> Verdict {
        self.proof = Some(Proof::Agent);
        self.by = Some(agent.to_string());
        self
    }

    /// One line for the agent: whose order it is, what matched and what did not.
    pub fn agent_line(&self, order_number: &str) -> String {
        let order = format!("#{}", order_number.trim_start_matches('#'));
        let hints = if self.hints.is_empty() {
            String::new()
        } else {
            format!(" (order's contact: {})", self.hints.join(", "))
        };
        match (self.proof, &self.by) {
            (Some(Proof::Agent), Some(by)) => {
                return format!("order {order} marked verified by {by}")
            }
            (Some(Proof::Phone), _) => {
                return format!("order {order} is this shopper's: the phone matches")
            }
            (Some(p), _) => {
                return format!(
                    "order {order} is this shopper's: they confirmed the {}",
                    p.label()
                )
            }
            (None, _) => {}
        }
        let phone = match self.phone {
            PhoneCheck::Different => "the phone on the order is not this shopper's",
            PhoneCheck::NoOrderPhone => "the order has no phone to compare",
            PhoneCheck::NoShopperPhone => "WhatsApp did not share the shopper's phone",
            PhoneCheck::Same => "the phone matches",
        };
        let asked: Vec<&str> = self.askable.iter().map(|p| p.label()).collect();
        let unconfirmed = if asked.is_empty() {
            "nothing else on the order to confirm".to_string()
        } else {
            format!("{} not confirmed by the shopper", asked.join(", "))
        };
        let head = if self.phone == PhoneCheck::Different {
            format!("order {order} belongs to another customer")
        } else {
            format!("order {order} is not yet confirmed as this shopper's")
        };
        format!("{head}: {phone}; {unconfirmed}{hints}")
    }
}

/// Judges an order for a shopper from the phones and what the shopper wrote (`said`, their messages).
/// `order_number` is left out of the messages before a postcode is looked for in them.
pub fn judge(
    order: &OrderContact,
    shopper: &Shopper,
    said: &[&str],
    order_number: &str,
) -> Verdict {
    let phone = match (order.phone.as_deref(), shopper.phone.as_deref()) {
        (None, _) => PhoneCheck::NoOrderPhone,
        (_, None) => PhoneCheck::NoShopperPhone,
        (Some(o), Some(s))
            if same_phone(s, shopper.country.as_deref(), o, order.country.as_deref()) =>
        {
            PhoneCheck::Same
        }
        _ => PhoneCheck::Different,
    };
    let proof = (phone == PhoneCheck::Same)
        .then_some(Proof::Phone)
        .or_else(|| said.iter().find_map(|t| confirmed(order, t, order_number)));
    Verdict {
        proof,
        by: None,
        phone,
        askable: askable(order),
        hints: hints(order),
    }
}

fn askable(order: &OrderContact) -> Vec<Proof> {
    [
        (Proof::Email, &order.email),
        (Proof::Postcode, &order.postcode),
        (Proof::Name, &order.name),
    ]
    .into_iter()
    .filter(|(_, v)| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
    .map(|(p, _)| p)
    .collect()
}

fn hints(order: &OrderContact) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(
        order
            .phone
            .as_deref()
            .map(|p| format!("phone {}", mask_phone(p))),
    );
    out.extend(
        order
            .email
            .as_deref()
            .map(|e| format!("email {}", mask_email(e))),
    );
    out.extend(
        order
            .postcode
            .as_deref()
            .map(|p| format!("postcode {}", mask_word(p))),
    );
    out
}

/// The ways a phone written by a shop may be read: international (with or without "+" or "00") and
/// national in each country it may belong to.
fn readings(digits: &str, regions: &[Option<&str>]) -> Vec<(u16, u64)> {
    let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
    let intl = digits.strip_prefix("00").unwrap_or(&digits);
    let mut out = Vec::new();
    if let Ok(n) = phonenumber::parse(None, format!("+{intl}")) {
        out.push((n.code().value(), n.national().value()));
    }
    for region in regions.iter().flatten() {
        let Ok(id) = region
            .to_ascii_uppercase()
            .parse::<phonenumber::country::Id>()
        else {
            continue;
        };
        if let Ok(n) = phonenumber::parse(Some(id), &digits) {
            out.push((n.code().value(), n.national().value()));
        }
    }
    out
}

/// True when two phones are the same number in any spelling: with or without country code, spaces,
/// "+", "00" or the national leading 0. `shopper` has its country code (WhatsApp's `wa_id`); `order`
/// is read in the order's country, then the shopper's.
pub fn same_phone(
    shopper: &str,
    shopper_country: Option<&str>,
    order: &str,
    order_country: Option<&str>,
) -> bool {
    let plain = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (s, o) = (plain(shopper), plain(order));
    if s.len() < 6 || o.len() < 6 {
        return false;
    }
    if s == o {
        return true;
    }
    let mine = readings(&s, &[]);
    let theirs = readings(&o, &[order_country, shopper_country]);
    mine.iter().any(|m| theirs.contains(m))
}

/// What the shopper confirmed in one message: the order's email, postcode or full name, compared
/// without regard to case, accents or spacing.
pub fn confirmed(order: &OrderContact, text: &str, order_number: &str) -> Option<Proof> {
    if let Some(email) = order
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| e.contains('@'))
    {
        let found = text
            .split(|c: char| c.is_whitespace() || ",;:<>()[]\"'".contains(c))
            .map(|w| w.trim_matches(|c: char| c == '.' || c == '!' || c == '?'))
            .any(|w| w.eq_ignore_ascii_case(email) || fold(w, "") == fold(email, ""));
        if found {
            return Some(Proof::Email);
        }
    }
    if let Some(postcode) = order.postcode.as_deref() {
        // "1012 AB" is found as "1012 AB", "1012-ab" or "1012AB"; "1011 5" is not "10115".
        let (code, parts) = (alnum(postcode), upper_words(postcode));
        let words = upper_words(text);
        let found = words.contains(&code) || words.windows(parts.len().max(1)).any(|w| w == parts);
        if found && code.len() >= 3 && code != alnum(order_number) {
            return Some(Proof::Postcode);
        }
    }
    let name = order.name.as_deref().unwrap_or("");
    let wanted: Vec<String> = words_of(name)
        .into_iter()
        .filter(|w| w.chars().count() >= 2)
        .collect();
    if !wanted.is_empty() {
        let have = words_of(text);
        if wanted.iter().all(|w| have.contains(w)) {
            return Some(Proof::Name);
        }
    }
    None
}

fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

fn upper_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(alnum)
        .collect()
}

fn words_of(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fold(w, ""))
        .collect()
}

/// A phone an agent may glimpse: the country code and the last two digits ("+49 ••••67").
pub fn mask_phone(digits: &str) -> String {
    let d: String = digits.chars().filter(char::is_ascii_digit).collect();
    let tail: String = d.chars().skip(d.len().saturating_sub(2)).collect();
    match phonenumber::parse(None, format!("+{}", d.trim_start_matches("00"))) {
        Ok(n) if !d.starts_with('0') || d.starts_with("00") => {
            format!("+{} ••••{tail}", n.code().value())
        }
        _ => format!("••••{tail}"),
    }
}

/// An email an agent may glimpse: first letters and the top-level domain ("a•••@e•••.de").
pub fn mask_email(email: &str) -> String {
    let Some((user, domain)) = email.trim().split_once('@') else {
        return mask_word(email);
    };
    let (host, tld) = domain.rsplit_once('.').unwrap_or((domain, ""));
    let tld = if tld.is_empty() {
        String::new()
    } else {
        format!(".{tld}")
    };
    format!("{}@{}{tld}", mask_word(user), mask_word(host))
}

/// The first character of a word, the rest hidden.
fn mask_word(word: &str) -> String {
    let first: String = word.trim().chars().take(1).collect();
    format!("{first}•••")
}
