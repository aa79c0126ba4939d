//! Durations the way a store owner writes them in `lifeline.toml`: "90s", "15m", "24h", "2d", "1h30m".

use chrono::Duration;
use serde::{Deserialize, Deserializer, Serializer};

/// Why a duration in the settings could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("the duration is empty; write it like \"15m\", \"24h\" or \"90s\"")]
    Empty,
    #[error("\"{0}\" needs a unit after each number: s, m, h, d or w (for example \"15m\")")]
    MissingUnit(String),
    #[error("\"{text}\" has an unknown unit \"{unit}\"; use s, m, h, d or w")]
    UnknownUnit { text: String, unit: String },
    #[error("\"{0}\" is not a duration; write it like \"15m\", \"24h\" or \"1h30m\"")]
    Malformed(String),
    #[error("\"{0}\" is too long; durations stop at 10 years")]
    TooLong(String),
}

const MAX_SECS: i64 = 10 * 366 * 86_400;

fn unit_secs(unit: &str) -> Option<i64> {
    Some(match unit {
        "s" | "sec" | "secs" | "second" | "seconds" => 1,
        "m" | "min" | "mins" | "minute" | "minutes" => 60,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3_600,
        "d" | "day" | "days" => 86_400,
        "w" | "week" | "weeks" => 604_800,
        _ => return None,
    })
}

/// Reads a humane duration: one or more `<number><unit>` parts, spaces allowed ("1h 30m", "2 days").
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(DurationError::Empty);
    }
    let lower = trimmed.to_lowercase();
    let mut rest = lower.as_str();
    let mut total: i64 = 0;
    while !rest.is_empty() {
        let digits_end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits_end == 0 {
            return Err(DurationError::Malformed(trimmed.to_string()));
        }
        let number: i64 = rest[..digits_end]
            .parse()
            .map_err(|_| DurationError::TooLong(trimmed.to_string()))?;
        rest = rest[digits_end..].trim_start();
        let unit_end = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if unit_end == 0 {
            return Err(DurationError::MissingUnit(trimmed.to_string()));
        }
        let unit = &rest[..unit_end];
        let per = unit_secs(unit).ok_or_else(|| DurationError::UnknownUnit {
            text: trimmed.to_string(),
            unit: unit.to_string(),
        })?;
        total = number
            .checked_mul(per)
            .and_then(|s| total.checked_add(s))
            .filter(|s| *s <= MAX_SECS)
            .ok_or_else(|| DurationError::TooLong(trimmed.to_string()))?;
        rest = rest[unit_end..].trim_start();
    }
    Ok(Duration::seconds(total))
}

/// Writes a duration back the way [`parse_duration`] reads it ("1h30m", "2d", "90s" → "1m30s").
pub fn format_duration(d: Duration) -> String {
    let mut secs = d.num_seconds();
    if secs == 0 {
        return "0s".into();
    }
    let mut out = String::new();
    if secs < 0 {
        out.push('-');
        secs = secs.saturating_neg();
    }
    for (unit, per) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if secs >= per {
            out.push_str(&format!("{}{unit}", secs / per));
            secs %= per;
        }
    }
    out
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Raw {
    Text(String),
    Seconds(i64),
}

/// Serde adapter: a humane string on the way out, a humane string or whole seconds on the way in.
pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_duration(*d))
}

/// See [`serialize`].
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    match Raw::deserialize(d)? {
        Raw::Text(t) => parse_duration(&t).map_err(serde::de::Error::custom),
        Raw::Seconds(n) if (0..=MAX_SECS).contains(&n) => Ok(Duration::seconds(n)),
        Raw::Seconds(n) => Err(serde::de::Error::custom(format!(
            "{n} seconds is not a usable duration"
        ))),
    }
}

/// Serde adapter for API output: a duration as whole seconds.
pub mod seconds {
    use chrono::Duration;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes whole seconds.
    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(d.num_seconds())
    }

    /// Reads whole seconds.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
        let n = i64::deserialize(d)?;
        Duration::try_seconds(n).ok_or_else(|| serde::de::Error::custom("duration out of range"))
    }
}
