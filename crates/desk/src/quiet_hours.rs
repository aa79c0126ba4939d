//! Respecting the shopper's local time: no non-urgent message outside roughly 09:00–21:00 where they live.
//! A message written at night is held and goes out at the next morning's opening, in their time zone,
//! safely across daylight-saving changes.

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The hours of the shopper's day when the desk may write to them. Outside them is quiet.
/// Read from `[quiet_hours]` in `lifeline.toml` as `start = "09:00"`, `end = "21:00"`.
/// A window may wrap midnight (`start = "20:00"`, `end = "08:00"`); equal ends mean "any time".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuietHours {
    /// The first minute the desk may write (default 09:00).
    #[serde(with = "clock_time")]
    pub start: NaiveTime,
    /// The first quiet minute (default 21:00).
    #[serde(with = "clock_time")]
    pub end: NaiveTime,
}

impl Default for QuietHours {
    fn default() -> Self {
        Self {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            end: NaiveTime::from_hms_opt(21, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl QuietHours {
    /// True when `now` falls inside the shopper's writing hours.
    pub fn allows(&self, now: DateTime<Utc>, tz: Tz) -> bool {
        let t = now.with_timezone(&tz).time();
        if self.start == self.end {
            true
        } else if self.start < self.end {
            t >= self.start && t < self.end
        } else {
            t >= self.start || t < self.end
        }
    }

    /// The next moment, strictly after `now`, when the shopper's writing hours open.
    pub fn next_opening(&self, now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let today = now.with_timezone(&tz).date_naive();
        for days in 0..3 {
            let Some(date) = today.checked_add_signed(Duration::days(days)) else {
                break;
            };
            let opening = first_instant_at_or_after(tz, date.and_time(self.start));
            if let Some(at) = opening.filter(|at| *at > now) {
                return at;
            }
        }
        now
    }
}

/// When a message to the shopper should go out: now if it is urgent or inside their writing hours,
/// otherwise at the next opening (09:00 local by default).
pub fn send_at(now: DateTime<Utc>, tz: Tz, urgent: bool, quiet: &QuietHours) -> DateTime<Utc> {
    if urgent || quiet.allows(now, tz) {
        now
    } else {
        quiet.next_opening(now, tz)
    }
}

/// How long after a shopper's own message they count as awake and waiting for the answer.
pub const WAITING_FOR_ANSWER: Duration = Duration::minutes(30);

/// True when the shopper wrote in the last [`WAITING_FOR_ANSWER`]: answering them (the acknowledgement, the
/// agent's reply) is not an intrusion even at 23:00, so the caller passes `urgent = true` to [`send_at`].
/// Quiet hours are for what the desk starts on its own: follow-ups, updates, check-ins.
pub fn shopper_is_waiting(last_inbound_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_inbound_at.is_some_and(|at| at <= now && now - at <= WAITING_FOR_ANSWER)
}

/// The instant a local wall-clock time happens. When the clocks go back it happens twice (the first counts);
/// when they jump forward it does not happen at all, and the first instant after the jump is used.
fn first_instant_at_or_after(tz: Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    let mut candidate = local;
    for _ in 0..=12 {
        match tz.from_local_datetime(&candidate) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => {
                return Some(at.with_timezone(&Utc))
            }
            LocalResult::None => candidate += Duration::minutes(15),
        }
    }
    None
}

/// "HH:MM" (or "HH:MM:SS") on the wire.
mod clock_time {
    use super::*;

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveTime::parse_from_str(text.trim(), "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text.trim(), "%H:%M:%S"))
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "\"{text}\" is not a time of day; write it like \"09:00\""
                ))
            })
    }
}
