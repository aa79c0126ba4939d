//! WhatsApp templates: when the 24-hour window is closed, only an approved template may reach the shopper.
//! The desk picks an approved UTILITY template for the purpose, in the shopper's language or the nearest one
//! (pt_BR → pt → en). Marketing templates are never used for a case; authentication templates are for codes.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::followup::FollowUpReason;

/// WhatsApp's customer service window: free-form messages only within 24 hours of the shopper's last message.
pub const SERVICE_WINDOW: Duration = Duration::hours(24);

/// True when the window is closed (or was never opened) and only an approved template may be sent.
pub fn needs_template(last_inbound_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_inbound_at.is_none_or(|at| now - at >= SERVICE_WINDOW)
}

/// The template purposes the desk asks for; stores declare their templates with these.
pub mod purpose {
    /// News on a case, including "still working on it" when a promise falls due.
    pub const CASE_UPDATE: &str = "case_update";
    /// A change in the parcel's journey, chasing the carrier, or the parcel declared lost.
    pub const DELIVERY_UPDATE: &str = "delivery_update";
    /// The last "did it arrive safely?" after the fix landed.
    pub const LAST_CHECK_IN: &str = "last_check_in";
}

/// The template purpose for a follow-up sent when the window is closed.
pub fn purpose_for(reason: &FollowUpReason) -> &'static str {
    match reason {
        FollowUpReason::PromiseDue { .. } => purpose::CASE_UPDATE,
        FollowUpReason::StalledChaseCarrier
        | FollowUpReason::TreatAsLost
        | FollowUpReason::DeclaredLost
        | FollowUpReason::TrackingChanged => purpose::DELIVERY_UPDATE,
        FollowUpReason::LastCheckIn => purpose::LAST_CHECK_IN,
    }
}

/// Meta's template categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TemplateCategory {
    #[serde(alias = "utility")]
    Utility,
    #[serde(alias = "marketing")]
    Marketing,
    #[serde(alias = "authentication")]
    Authentication,
}

/// A template's review state at Meta. Only `Approved` templates can be sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TemplateStatus {
    #[serde(alias = "approved")]
    Approved,
    #[serde(alias = "pending")]
    Pending,
    #[serde(alias = "rejected")]
    Rejected,
    #[serde(alias = "paused")]
    Paused,
    #[serde(alias = "disabled")]
    Disabled,
    /// Any state this version of Lifeline does not know (never sendable).
    #[serde(other)]
    Unknown,
}

/// A template the account has, synced from `message_templates` or declared in configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateInfo {
    pub name: String,
    /// Meta's language code: `en`, `en_US`, `pt_BR`, `es_MX`, `id`…
    pub language: String,
    pub category: TemplateCategory,
    pub status: TemplateStatus,
    /// What the desk uses it for (`case_update`, `promise_due`, `last_check_in`…), when declared.
    /// A synced template without a purpose is matched by its name.
    #[serde(default)]
    pub purpose: Option<String>,
}

impl TemplateInfo {
    /// True when the desk may send it for a case: approved and utility.
    pub fn usable_for_case(&self) -> bool {
        self.status == TemplateStatus::Approved && self.category == TemplateCategory::Utility
    }

    fn serves(&self, purpose: &str) -> bool {
        match &self.purpose {
            Some(p) => p == purpose,
            None => self.name == purpose,
        }
    }
}

/// Writes a language code the way Meta does: `pt-br` → `pt_BR`, `EN` → `en`.
pub fn normalize_language(code: &str) -> String {
    let mut parts = code.trim().split(['_', '-']);
    let base = parts.next().unwrap_or_default().to_ascii_lowercase();
    match parts.next() {
        Some(region) if !region.is_empty() => format!("{base}_{}", region.to_ascii_uppercase()),
        _ => base,
    }
}

fn base_of(code: &str) -> &str {
    code.split('_').next().unwrap_or(code)
}

/// The order in which languages are tried for a shopper: their exact code, the bare language, then English.
/// (`pt_BR` → `pt_BR`, `pt`, `en`; `en_GB` → `en_GB`, `en`.) Regional variants of a bare language are tried
/// right after it by [`choose_template`].
pub fn language_chain(lang: &str) -> Vec<String> {
    let exact = normalize_language(lang);
    let mut chain = vec![exact.clone()];
    let base = base_of(&exact).to_string();
    for code in [base, "en".to_string()] {
        if !chain.contains(&code) {
            chain.push(code);
        }
    }
    chain
}

/// The template to send for `purpose` to a shopper writing in `lang`, or `None` when no approved utility
/// template serves it in their language or a fallback (then the desk must wait for the shopper to write).
///
/// For each language of [`language_chain`], an exact match wins, then a regional variant of that language
/// (a shopper in `pt` gets `pt_BR` before `pt_PT`, in alphabetical order of region, for stable choices).
pub fn choose_template<'a>(
    templates: &'a [TemplateInfo],
    purpose: &str,
    lang: &str,
) -> Option<&'a TemplateInfo> {
    let candidates: Vec<&TemplateInfo> = templates
        .iter()
        .filter(|t| t.usable_for_case() && t.serves(purpose))
        .collect();
    for code in language_chain(lang) {
        if let Some(t) = candidates
            .iter()
            .find(|t| normalize_language(&t.language) == code)
        {
            return Some(t);
        }
        if !code.contains('_') {
            let mut regional: Vec<&&TemplateInfo> = candidates
                .iter()
                .filter(|t| base_of(&normalize_language(&t.language)) == code)
                .collect();
            regional.sort_by_key(|t| normalize_language(&t.language));
            if let Some(t) = regional.first() {
                return Some(t);
            }
        }
    }
    None
}
