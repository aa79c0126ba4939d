//! Meta's error codes sorted by what the sender should do next, and explained for agents.
//!
//! Classes (from §9 of the reference):
//! - `Transient`: Meta had a problem; retry with backoff (131000, 131016, 131057 maintenance or a
//!   throughput upgrade, 133004 server unavailable, Graph codes 1 and 2).
//! - `Throughput`: we sent too fast for the number, app or WABA (130429, 4, 80007, 80008); retry
//!   with backoff.
//! - `PairRate`: too many messages to one shopper (131056); retry after 4^n seconds.
//! - `WindowClosed`: the 24-hour window is closed (131047); only a template can go now.
//! - `Credential`: the token, permissions or the business account itself stop every send
//!   (0, 3, 10, 190, 200–299, 131005, 131031 locked, 131037 display name, 131042 payment,
//!   131045 certificate, 131048 spam restriction, 133010 not registered, 368 blocked). The server
//!   marks the number unhealthy; retrying one message will not help until a person acts.
//! - `Permanent`: this message will never go as it is (131026, 131051, 131053, 132xxx, 100,
//!   131008, 131009, 131021, 131030, 131049, 131050, 130472, 130497…). Unknown codes are
//!   permanent too: retrying blindly could send a shopper the same reply twice.

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What the sender should do about a failed send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorClass {
    /// Meta had a problem; retry with backoff.
    Transient,
    /// Too fast for the number, app or WABA; retry with backoff.
    Throughput,
    /// Too many messages to one shopper; retry after 4^n seconds.
    PairRate,
    /// The 24-hour window is closed; only a template can go.
    WindowClosed,
    /// Token, permission or account problem; flag the number unhealthy.
    Credential,
    /// This message will never go as it is; show the reason.
    Permanent,
}

impl ErrorClass {
    /// A stable name for metrics and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorClass::Transient => "transient",
            ErrorClass::Throughput => "throughput",
            ErrorClass::PairRate => "pair_rate",
            ErrorClass::WindowClosed => "window_closed",
            ErrorClass::Credential => "credential",
            ErrorClass::Permanent => "permanent",
        }
    }

    /// True when waiting and sending again can succeed.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorClass::Transient | ErrorClass::Throughput | ErrorClass::PairRate
        )
    }
}

/// Sorts a Cloud API error code into what to do next (see the module docs for the table).
pub fn classify(code: i64) -> ErrorClass {
    match code {
        1 | 2 | 131000 | 131016 | 131057 | 133004 => ErrorClass::Transient,
        4 | 80007 | 80008 | 130429 => ErrorClass::Throughput,
        131056 => ErrorClass::PairRate,
        131047 => ErrorClass::WindowClosed,
        0
        | 3
        | 10
        | 190
        | 200..=299
        | 131005
        | 131031
        | 131037
        | 131042
        | 131045
        | 131048
        | 133010
        | 368 => ErrorClass::Credential,
        _ => ErrorClass::Permanent,
    }
}

/// Attempts allowed for transient and throughput errors before giving up.
pub const MAX_BACKOFF_ATTEMPTS: u32 = 8;
/// Attempts allowed for the pair rate limit before giving up.
pub const MAX_PAIR_RATE_ATTEMPTS: u32 = 6;

/// How long to wait before retry number `attempt + 1` (`attempt` counts retries already made,
/// from 0), or `None` when this class is not retried or the attempts are used up.
///
/// Transient: 2, 4, 8 … seconds, capped at 5 minutes, 8 attempts. Throughput: 1, 2, 4 … seconds,
/// capped at 1 minute, 8 attempts. PairRate: 4^attempt seconds (1, 4, 16, 64, 256, 300), capped at
/// 5 minutes, 6 attempts, as Meta suggests. Callers may add jitter.
pub fn retry_delay(class: ErrorClass, attempt: u32) -> Option<Duration> {
    let (base, factor, cap, max_attempts): (u64, u64, u64, u32) = match class {
        ErrorClass::Transient => (2, 2, 300, MAX_BACKOFF_ATTEMPTS),
        ErrorClass::Throughput => (1, 2, 60, MAX_BACKOFF_ATTEMPTS),
        ErrorClass::PairRate => (1, 4, 300, MAX_PAIR_RATE_ATTEMPTS),
        _ => return None,
    };
    if attempt >= max_attempts {
        return None;
    }
    let secs = factor
        .checked_pow(attempt)
        .and_then(|f| f.checked_mul(base))
        .map_or(cap, |s| s.min(cap));
    Some(Duration::from_secs(secs))
}

/// A short reason an agent can act on, shown next to a failed message.
pub fn describe(code: i64) -> &'static str {
    match code {
        131047 => "Outside the 24-hour window: send an approved template",
        131026 => "Not a WhatsApp number or the shopper has not accepted the terms (or their app is too old)",
        190 => "Access token expired or revoked: renew the token",
        0 => "Authentication failed: check the access token",
        3 | 10 | 200..=299 => "The token lacks a permission this call needs",
        131005 => "Access denied: the token cannot use this number",
        131000 => "WhatsApp had a problem sending this; it will be retried",
        131016 => "WhatsApp is temporarily unavailable; it will be retried",
        131057 => "The number is in maintenance (or being upgraded); it will be retried",
        133004 => "WhatsApp's server is temporarily unavailable; it will be retried",
        1 | 2 => "The Graph API had a temporary problem; it will be retried",
        130429 => "Sending too fast for this number; slowing down and retrying",
        4 => "The app made too many API calls this hour; retrying later",
        80007 | 80008 => "Too many calls for this WhatsApp business account; retrying later",
        131056 => "Too many messages to this shopper in a short time; waiting before the next one",
        131048 => "The number is restricted for spam reports: check its quality in WhatsApp Manager",
        131049 => "WhatsApp withheld this marketing message; wait at least 24 hours",
        131050 => "The shopper has stopped marketing messages",
        131051 => "WhatsApp does not support this message type",
        131052 => "The shopper's file could not be downloaded (too big or unavailable)",
        131053 => "The file could not be uploaded: check its type and size",
        131008 => "A required field is missing",
        131009 | 100 => "A value is invalid (a reaction to an old or unknown message also gives this)",
        131021 => "The recipient is the business number itself",
        131030 => "This number is not on the test number's allowed list",
        131031 => "The business account is locked",
        131037 => "The number's display name is not approved yet",
        131042 => "A payment problem on the business account",
        131045 => "The number's registration or certificate is wrong",
        133010 => "The number is not registered with the Cloud API",
        368 => "The account is temporarily blocked for policy violations",
        130472 => "The shopper is part of a WhatsApp experiment; this message was not delivered",
        130497 => "The business cannot message shoppers in this country",
        131064 => "Template classification limit reached",
        135000 => "WhatsApp rejected the message for an unknown reason",
        137000 => "The shopper's identity key changed; message not delivered",
        132000 => "Template parameter count does not match the approved template",
        132001 => "Template does not exist in this language or is not approved",
        132005 => "The filled-in template text is too long",
        132007 => "The template breaks WhatsApp's format or character policy",
        132008 | 132012 => "A template parameter has the wrong value or format",
        132015 => "The template is paused for low quality",
        132016 => "The template is permanently disabled",
        132018 => "A template parameter failed validation",
        _ if (132_000..=132_999).contains(&code) => "The template was refused",
        _ => "WhatsApp refused the message (see the error code)",
    }
}
