//! Whether a number can send, and how what the desk sees (a send, a credential check) changes that.
//!
//! The decisions here are pure: [`Health::after`] says what a sighting turns the health into, or that
//! nothing changes, which is what keeps a successful send from costing a database write.

use lifeline_whatsapp::{client::NumberInfo, ClientError, ErrorClass};
use serde::Serialize;
use std::sync::Mutex;

/// The three things agents and monitoring need to tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HealthState {
    /// Sends go out.
    #[default]
    Healthy,
    /// The token is expired or revoked, or lacks a permission (190, 0, 10, 200…): nothing can go
    /// until someone renews it.
    Credentials,
    /// The Graph API is unreachable or answers 5xx: sends are retried and go once it is back.
    Outage,
}

impl HealthState {
    pub const ALL: [HealthState; 3] = [
        HealthState::Healthy,
        HealthState::Credentials,
        HealthState::Outage,
    ];

    /// The name stored in `number_health.state` and shown in `/readyz` and `/metrics`.
    pub fn as_str(self) -> &'static str {
        match self {
            HealthState::Healthy => "healthy",
            HealthState::Credentials => "credentials",
            HealthState::Outage => "outage",
        }
    }

    /// The state a stored name stands for; None for a name this desk does not know.
    pub fn parse(name: &str) -> Option<HealthState> {
        HealthState::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// A number's health as every desk sees it (the cache of its `number_health` row).
#[derive(Debug, Clone, Serialize, Default, PartialEq, Eq)]
pub struct Health {
    /// `state == Healthy`, kept for readers that only ask "can it send?".
    pub healthy: bool,
    pub state: HealthState,
    pub reason: Option<String>,
    pub error_code: Option<i64>,
    /// When the number entered this state (ms).
    pub since_ms: i64,
    /// When a credential check last ran (ms), 0 before the first.
    pub checked_at_ms: i64,
}

/// What the desk saw of a number: a send or check that worked, or why one failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sighting {
    Worked,
    Credentials { code: Option<i64>, reason: String },
    Outage { code: Option<i64>, reason: String },
}

impl Health {
    /// Healthy since `now`.
    pub fn healthy(now: i64) -> Health {
        Health {
            healthy: true,
            since_ms: now,
            ..Health::default()
        }
    }

    /// The health after `seen` at `now`, or None when it stays as it is (nothing to record).
    ///
    /// A credential problem outranks an outage: a 5xx says nothing about the token, so only a send or
    /// a check that works clears it. A repeat of the current problem changes nothing, except a new
    /// error code for a credential problem, which agents need to see to fix the right thing.
    pub fn after(&self, seen: Sighting, now: i64) -> Option<Health> {
        let (state, code, reason) = match seen {
            Sighting::Worked if self.state == HealthState::Healthy => return None,
            Sighting::Worked => {
                return Some(Health {
                    checked_at_ms: self.checked_at_ms,
                    ..Health::healthy(now)
                })
            }
            Sighting::Credentials { code, reason } => (HealthState::Credentials, code, reason),
            Sighting::Outage { .. } if self.state != HealthState::Healthy => return None,
            Sighting::Outage { code, reason } => (HealthState::Outage, code, reason),
        };
        if self.state == state && self.error_code == code {
            return None;
        }
        Some(Health {
            healthy: false,
            state,
            reason: Some(reason),
            error_code: code,
            since_ms: if self.state == state {
                self.since_ms
            } else {
                now
            },
            checked_at_ms: self.checked_at_ms,
        })
    }
}

/// What a credential check says, or None when its answer proves nothing either way (a 404 from a
/// proxy, a throughput limit): the health then stays as it was.
pub fn verdict(answer: &Result<NumberInfo, ClientError>) -> Option<Sighting> {
    let e = match answer {
        Ok(_) => return Some(Sighting::Worked),
        Err(e) => e,
    };
    let (code, reason) = (e.code(), reason_of(e));
    match e.class() {
        ErrorClass::Credential => Some(Sighting::Credentials { code, reason }),
        ErrorClass::Transient => Some(Sighting::Outage { code, reason }),
        _ => None,
    }
}

/// The text agents read: what Meta's code means, then Meta's own words.
fn reason_of(e: &ClientError) -> String {
    match e.code() {
        Some(c) => format!("{} — {e}", lifeline_whatsapp::errors::describe(c)),
        None => e.to_string(),
    }
}

/// The cached health of one number and whether it changed since it was last written.
#[derive(Default)]
pub(super) struct HealthCell {
    inner: Mutex<CellInner>,
}

#[derive(Default)]
struct CellInner {
    health: Health,
    /// Changed here and not yet written: the database's copy must not overwrite it.
    dirty: bool,
}

impl HealthCell {
    pub(super) fn new(health: Health) -> HealthCell {
        HealthCell {
            inner: Mutex::new(CellInner {
                health,
                dirty: false,
            }),
        }
    }

    pub(super) fn get(&self) -> Health {
        self.inner
            .lock()
            .map(|c| c.health.clone())
            .unwrap_or_default()
    }

    /// Applies `seen`; returns the new health when it changed (and so must be written).
    pub(super) fn observe(&self, seen: Sighting, now: i64) -> Option<Health> {
        let mut cell = self.inner.lock().ok()?;
        let next = cell.health.after(seen, now)?;
        cell.health = next.clone();
        cell.dirty = true;
        Some(next)
    }

    /// Notes that a check ran at `now`, so the next write carries it.
    pub(super) fn checked(&self, now: i64) {
        if let Ok(mut cell) = self.inner.lock() {
            cell.health.checked_at_ms = now;
            cell.dirty = true;
        }
    }

    /// The health to write, when it changed since the last write (and marks it written).
    pub(super) fn take_changed(&self) -> Option<Health> {
        let mut cell = self.inner.lock().ok()?;
        std::mem::take(&mut cell.dirty).then(|| cell.health.clone())
    }

    /// After a failed write: write it again next time.
    pub(super) fn unwritten(&self) {
        if let Ok(mut cell) = self.inner.lock() {
            cell.dirty = true;
        }
    }

    /// Takes what the database says (another desk may have recorded it), unless this desk has a newer
    /// sighting still to write.
    pub(super) fn adopt(&self, stored: Health) {
        if let Ok(mut cell) = self.inner.lock() {
            if !cell.dirty {
                cell.health = stored;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials(code: i64) -> Sighting {
        Sighting::Credentials {
            code: Some(code),
            reason: format!("error {code}"),
        }
    }

    fn outage() -> Sighting {
        Sighting::Outage {
            code: None,
            reason: "HTTP 502".into(),
        }
    }

    #[test]
    fn a_send_that_works_on_a_healthy_number_changes_nothing() {
        assert_eq!(Health::healthy(1).after(Sighting::Worked, 2), None);
    }

    #[test]
    fn an_outage_clears_on_the_next_send_that_works() {
        let down = Health::healthy(1).after(outage(), 2).unwrap();
        assert_eq!(
            (down.state, down.healthy, down.since_ms),
            (HealthState::Outage, false, 2)
        );
        assert_eq!(down.after(outage(), 3), None, "a second 5xx is no news");
        let up = down.after(Sighting::Worked, 4).unwrap();
        assert_eq!(
            (up.state, up.healthy, up.since_ms),
            (HealthState::Healthy, true, 4)
        );
    }

    #[test]
    fn an_outage_does_not_hide_a_credential_problem() {
        let bad = Health::healthy(1).after(credentials(190), 2).unwrap();
        assert_eq!(bad.after(outage(), 3), None);
        let worse = Health::healthy(1)
            .after(outage(), 2)
            .unwrap()
            .after(credentials(190), 3);
        assert_eq!(worse.map(|h| h.state), Some(HealthState::Credentials));
    }

    #[test]
    fn a_new_credential_code_is_recorded_but_keeps_its_since() {
        let bad = Health::healthy(1).after(credentials(190), 2).unwrap();
        assert_eq!(bad.after(credentials(190), 3), None);
        let other = bad.after(credentials(10), 4).unwrap();
        assert_eq!((other.error_code, other.since_ms), (Some(10), 2));
    }

    #[test]
    fn a_check_answering_401_is_a_credential_problem_and_a_502_an_outage() {
        let http = |http_status| {
            Err(ClientError::Http {
                http_status,
                body: String::new(),
            })
        };
        assert!(matches!(
            verdict(&http(401)),
            Some(Sighting::Credentials { .. })
        ));
        assert!(matches!(verdict(&http(502)), Some(Sighting::Outage { .. })));
        let refused = Err(ClientError::Transport("connection refused".into()));
        assert!(matches!(verdict(&refused), Some(Sighting::Outage { .. })));
        assert_eq!(verdict(&http(404)), None, "a 404 proves nothing");
    }

    #[test]
    fn a_stored_state_is_not_taken_over_a_change_still_to_write() {
        let cell = HealthCell::new(Health::healthy(1));
        cell.observe(credentials(190), 2);
        cell.adopt(Health::healthy(3));
        assert_eq!(cell.get().state, HealthState::Credentials);
        assert!(cell.take_changed().is_some());
        assert!(cell.take_changed().is_none(), "written once");
        cell.adopt(Health::healthy(3));
        assert_eq!(cell.get().state, HealthState::Healthy);
    }
}
