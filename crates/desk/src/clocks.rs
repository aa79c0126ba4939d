//! SLA clocks: how long the desk has to acknowledge, reply, find the cause, keep each promise and resolve.
//!
//! A clock is plain data (start, deadline, when it was met); its state is computed against the `now` the
//! caller passes, so workers and tests decide the same way.

pub mod humane;
mod promise;

pub use humane::{format_duration, parse_duration, DurationError};
pub use promise::{find_promise, promise_deadline, Promise};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The store's service times. Read from `[sla]` in `lifeline.toml`, e.g. `cause_found = "15m"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlaSettings {
    /// The automatic acknowledgement (default 60 s; Lifeline usually answers in about a second).
    #[serde(with = "humane")]
    pub acknowledge: Duration,
    /// A person's first real reply (default 10 min; human teams aim for 5 minutes).
    #[serde(with = "humane")]
    pub first_human_reply: Duration,
    /// Knowing and telling the cause (default 15 min, per the trade's rule of thumb).
    #[serde(with = "humane")]
    pub cause_found: Duration,
    /// Resolution agreed with the shopper (default 48 h).
    #[serde(with = "humane")]
    pub resolution: Duration,
}

impl Default for SlaSettings {
    fn default() -> Self {
        Self {
            acknowledge: Duration::seconds(60),
            first_human_reply: Duration::minutes(10),
            cause_found: Duration::minutes(15),
            resolution: Duration::hours(48),
        }
    }
}

impl SlaSettings {
    /// Reads the settings from a TOML table's text; missing keys keep their defaults.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

/// What a clock measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClockKind {
    Acknowledge,
    FirstHumanReply,
    CauseFound,
    /// A promise made to the shopper, in the words the agent used.
    Promise {
        text: String,
    },
    Resolution,
}

impl ClockKind {
    /// A short stable name for metrics and logs (`promise` for every promise).
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Acknowledge => "acknowledge",
            Self::FirstHumanReply => "first_human_reply",
            Self::CauseFound => "cause_found",
            Self::Promise { .. } => "promise",
            Self::Resolution => "resolution",
        }
    }
}

/// One running, met or breached deadline on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub kind: ClockKind,
    pub started_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// When the thing was done (the reply sent, the promise kept).
    pub met_at: Option<DateTime<Utc>>,
}

/// A clock's state at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClockState {
    /// Still running, with this much time left.
    Running {
        #[serde(with = "humane::seconds")]
        remaining: Duration,
    },
    /// Done before the deadline.
    Met,
    /// The deadline passed first (still open, or met late), by this much.
    Breached {
        #[serde(with = "humane::seconds")]
        by: Duration,
    },
}

impl Clock {
    /// Starts a clock that must be met within `within` of `started_at`.
    pub fn new(kind: ClockKind, started_at: DateTime<Utc>, within: Duration) -> Self {
        Self {
            kind,
            started_at,
            deadline: started_at + within,
            met_at: None,
        }
    }

    /// A promise clock from an agent's words and the deadline read from them.
    pub fn promise(text: &str, made_at: DateTime<Utc>, deadline: DateTime<Utc>) -> Self {
        Self {
            kind: ClockKind::Promise {
                text: text.to_string(),
            },
            started_at: made_at,
            deadline,
            met_at: None,
        }
    }

    /// The promise clock for an agent's reply sent at `now`, when it promises a concrete time; its text is
    /// the promise as written ("em até 24 horas"). See [`find_promise`].
    pub fn from_reply(reply: &str, lang: &str, now: DateTime<Utc>) -> Option<Self> {
        let found = find_promise(reply, lang, now)?;
        Some(Self::promise(&found.phrase, now, found.deadline))
    }

    /// Records that the clock was met. The first time counts; later calls change nothing.
    pub fn meet(&mut self, at: DateTime<Utc>) {
        self.met_at.get_or_insert(at);
    }

    /// The clock's state at `now`. A clock met after its deadline stays breached, by how late it was.
    pub fn status(&self, now: DateTime<Utc>) -> ClockState {
        match self.met_at {
            Some(met) if met <= self.deadline => ClockState::Met,
            Some(met) => ClockState::Breached {
                by: met - self.deadline,
            },
            None if now < self.deadline => ClockState::Running {
                remaining: self.deadline - now,
            },
            None => ClockState::Breached {
                by: now - self.deadline,
            },
        }
    }

    /// True while nobody has met the clock and its deadline has passed: the case needs raising.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.met_at.is_none() && now >= self.deadline
    }
}

/// The clocks every new case starts with: acknowledgement, first human reply, cause found, resolution.
pub fn start_clocks(settings: &SlaSettings, opened_at: DateTime<Utc>) -> Vec<Clock> {
    vec![
        Clock::new(ClockKind::Acknowledge, opened_at, settings.acknowledge),
        Clock::new(
            ClockKind::FirstHumanReply,
            opened_at,
            settings.first_human_reply,
        ),
        Clock::new(ClockKind::CauseFound, opened_at, settings.cause_found),
        Clock::new(ClockKind::Resolution, opened_at, settings.resolution),
    ]
}

/// The clocks that ran out and are still not met at `now`: these mark the case breached.
pub fn breached(clocks: &[Clock], now: DateTime<Utc>) -> Vec<&Clock> {
    clocks.iter().filter(|c| c.is_overdue(now)).collect()
}

/// The earliest deadline among the clocks not met yet (overdue ones included), for the inbox order.
pub fn next_deadline(clocks: &[Clock]) -> Option<DateTime<Utc>> {
    clocks
        .iter()
        .filter(|c| c.met_at.is_none())
        .map(|c| c.deadline)
        .min()
}

/// How a set of clocks stands, for the metrics: per clock kind, how many were met in time, breached
/// (late or overdue) and are still running.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub met: u32,
    pub breached: u32,
    pub running: u32,
}

/// Counts clocks by kind name (`acknowledge`, `promise`…) at `now`.
pub fn tally<'a>(
    clocks: impl IntoIterator<Item = &'a Clock>,
    now: DateTime<Utc>,
) -> std::collections::BTreeMap<&'static str, Tally> {
    let mut out = std::collections::BTreeMap::new();
    for clock in clocks {
        let t: &mut Tally = out.entry(clock.kind.as_str()).or_default();
        match clock.status(now) {
            ClockState::Met => t.met += 1,
            ClockState::Breached { .. } => t.breached += 1,
            ClockState::Running { .. } => t.running += 1,
        }
    }
    out
}
