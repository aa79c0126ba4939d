//! What a store tells triage about its own order and tracking number formats.

use serde::{Deserialize, Serialize};

/// The store-specific parts of triage, read from `lifeline.toml`. The default knows no store
/// formats: `#1042`, order words, Amazon and eBay formats, UPU S10 and UPS are always understood.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TriageConfig {
    /// The store's own order number formats.
    pub order_patterns: Vec<OrderPattern>,
    /// The store's carriers' tracking number formats.
    pub tracking_patterns: Vec<TrackingPattern>,
}

/// One order number format of the store: an optional prefix (`"LL-"`, matched without regard to
/// case) followed by `min_digits..=max_digits` digits. Without a prefix, any bare number of that
/// length counts as an order number unless it reads as a price, date, duration, quantity or phone.
///
/// In TOML: `{ prefix = "LL-", min_digits = 4, max_digits = 6 }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPattern {
    /// Letters and punctuation written before the digits, e.g. `"LL-"`.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Fewest digits after the prefix.
    pub min_digits: usize,
    /// Most digits after the prefix.
    pub max_digits: usize,
}

/// One carrier's tracking number format, a regular expression that must match a whole token,
/// e.g. `{ carrier = "jt", regex = "^JT\\d{13}$" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackingPattern {
    /// The carrier's short name, shown in the reasons.
    pub carrier: String,
    /// The format; anchors are added if missing.
    pub regex: String,
}

/// Why a [`TriageConfig`] was refused when the triager was built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// An order pattern whose digit counts make no sense.
    #[error("order pattern {index}: {problem}")]
    OrderPattern { index: usize, problem: String },
    /// A tracking pattern whose regular expression does not compile or is empty.
    #[error("tracking pattern {index} ({carrier}): {problem}")]
    TrackingPattern {
        index: usize,
        carrier: String,
        problem: String,
    },
    /// The built-in vocabulary did not compile (a bug in this crate, never the store's config).
    #[error("the built-in vocabulary did not compile: {0}")]
    Vocabulary(String),
}

/// The most digits an order pattern may ask for; longer runs are phone or tracking numbers.
pub(crate) const MAX_ORDER_DIGITS: usize = 20;

impl OrderPattern {
    pub(crate) fn check(&self, index: usize) -> Result<(), ConfigError> {
        let problem = if self.min_digits == 0 {
            Some("min_digits must be at least 1".to_string())
        } else if self.min_digits > self.max_digits {
            Some(format!(
                "min_digits {} is above max_digits {}",
                self.min_digits, self.max_digits
            ))
        } else if self.max_digits > MAX_ORDER_DIGITS {
            Some(format!("max_digits must be at most {MAX_ORDER_DIGITS}"))
        } else if self
            .prefix
            .as_deref()
            .is_some_and(|p| p.chars().any(char::is_whitespace))
        {
            Some("prefix must not contain spaces".to_string())
        } else {
            None
        };
        match problem {
            Some(problem) => Err(ConfigError::OrderPattern { index, problem }),
            None => Ok(()),
        }
    }

    /// Whether `token` (without `#`) is an order number of this format.
    pub(crate) fn matches(&self, token: &str) -> bool {
        let digits = match self.prefix.as_deref().filter(|p| !p.is_empty()) {
            Some(prefix) => match token.get(..prefix.len()) {
                Some(head) if head.eq_ignore_ascii_case(prefix) => &token[prefix.len()..],
                _ => return false,
            },
            None => token,
        };
        (self.min_digits..=self.max_digits).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
    }

    pub(crate) fn has_prefix(&self) -> bool {
        self.prefix.as_deref().is_some_and(|p| !p.is_empty())
    }
}

/// A tracking pattern compiled once.
#[derive(Debug, Clone)]
pub(crate) struct CompiledTracking {
    pub carrier: String,
    pub regex: regex::Regex,
}

impl TrackingPattern {
    pub(crate) fn compile(&self, index: usize) -> Result<CompiledTracking, ConfigError> {
        let fail = |problem: String| ConfigError::TrackingPattern {
            index,
            carrier: self.carrier.clone(),
            problem,
        };
        let body = self.regex.trim();
        if body.is_empty() || self.carrier.trim().is_empty() {
            return Err(fail("carrier and regex must not be empty".into()));
        }
        let start = if body.starts_with('^') { "" } else { "^" };
        let end = if body.ends_with('$') { "" } else { "$" };
        let anchored = format!("{start}(?:{body}){end}");
        let anchored = if start.is_empty() && end.is_empty() {
            body.to_string()
        } else {
            anchored
        };
        let regex = regex::RegexBuilder::new(&anchored)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| fail(e.to_string()))?;
        if regex.is_match("") {
            return Err(fail("the pattern matches an empty token".into()));
        }
        Ok(CompiledTracking {
            carrier: self.carrier.clone(),
            regex,
        })
    }
}
