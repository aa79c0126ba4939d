//! When a webhook element happened: Meta's `timestamp` (Unix seconds), kept only when it is plausible.
//!
//! The timestamp comes from the network. Multiplied into milliseconds and then pushed by the 24-hour
//! window, an absurd value (2^63−1, say) overflows, and a time far in the future would hold a
//! conversation's clock there for good. So a time before WhatsApp existed, or more than a day after the
//! delivery arrived, is refused; the caller uses the arrival time instead and keeps the element for agents.

/// 2009-01-01T00:00:00Z in Unix milliseconds: nothing WhatsApp sends is older.
pub const EARLIEST_MS: i64 = 1_230_768_000_000;
/// How far after its arrival an element's time may lie (clocks drift; a day is generous).
pub const MAX_AHEAD_MS: i64 = 24 * 3600 * 1000;

/// A `timestamp` that cannot be when something happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "timestamp {timestamp} is not a plausible time (before 2009, or more than a day after the \
     webhook arrived); the time it arrived is used instead"
)]
pub struct ImplausibleTime {
    /// The value as received, in Unix seconds.
    pub timestamp: i64,
}

/// `timestamp` (Unix seconds) in Unix milliseconds, when it lies between 2009 and a day after
/// `received_ms`, the moment the delivery arrived.
pub fn event_time_ms(timestamp: i64, received_ms: i64) -> Result<i64, ImplausibleTime> {
    let refused = ImplausibleTime { timestamp };
    let at = timestamp.checked_mul(1000).ok_or(refused)?;
    let latest = received_ms.saturating_add(MAX_AHEAD_MS);
    if (EARLIEST_MS..=latest).contains(&at) {
        Ok(at)
    } else {
        Err(refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-11-21T04:40:00Z, when a test delivery arrives.
    const NOW_MS: i64 = 1_763_700_000_000;

    #[test]
    fn a_recent_time_is_kept_in_milliseconds() {
        assert_eq!(event_time_ms(1_763_699_990, NOW_MS), Ok(1_763_699_990_000));
        // A sender's clock a little ahead is fine.
        assert_eq!(
            event_time_ms(1_763_700_000 + 3600, NOW_MS),
            Ok(NOW_MS + 3_600_000)
        );
    }

    #[test]
    fn the_largest_timestamp_is_refused_without_overflowing() {
        assert_eq!(
            event_time_ms(i64::MAX, NOW_MS),
            Err(ImplausibleTime {
                timestamp: i64::MAX
            })
        );
        assert!(event_time_ms(i64::MIN, NOW_MS).is_err());
        assert!(event_time_ms(i64::MAX / 1000, i64::MAX).is_ok());
    }

    #[test]
    fn more_than_a_day_ahead_or_before_2009_is_refused() {
        assert!(event_time_ms(NOW_MS / 1000 + 24 * 3600 + 1, NOW_MS).is_err());
        assert!(event_time_ms(NOW_MS / 1000 + 24 * 3600, NOW_MS).is_ok());
        assert!(event_time_ms(0, NOW_MS).is_err());
        assert!(event_time_ms(-1, NOW_MS).is_err());
        assert!(event_time_ms(EARLIEST_MS / 1000 - 1, NOW_MS).is_err());
        assert!(event_time_ms(EARLIEST_MS / 1000, NOW_MS).is_ok());
    }
}
