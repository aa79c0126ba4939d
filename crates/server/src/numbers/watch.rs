//! Keeps every desk's view of its numbers' health the same and current: writes this desk's changes,
//! reads what other desks recorded every few seconds, and asks Meta about each number's credentials at
//! start and, while a number is unhealthy, again and again until it can send.

use std::{sync::Arc, time::Duration};

use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use super::{verdict, Health, HealthState, NumberRuntime, Numbers};
use crate::store::{now_ms, NumberHealthRow, Store};

/// How often a desk reads what the others recorded.
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);
/// The first check of an unhealthy number comes this soon; the wait then doubles...
const FIRST_RECHECK: Duration = Duration::from_secs(5);
/// ...up to this (one cheap GET per unhealthy number and desk).
const LAST_RECHECK: Duration = Duration::from_secs(60);

/// Reads the recorded health of every number into the cache, so a restarted desk shows at once what it
/// knew before it stopped (a revoked token stays flagged until a check or a send clears it).
pub async fn load_health(store: &Store, numbers: &Numbers) -> anyhow::Result<()> {
    for row in store.number_health().await? {
        let Some(number) = numbers.get(&row.phone_number_id) else {
            continue;
        };
        match health_of(&row) {
            Some(stored) => number.health.adopt(stored),
            None => tracing::warn!(number = %row.phone_number_id, state = %row.state,
                "unknown recorded health state ignored"),
        }
    }
    Ok(())
}

/// Runs until `stop`: writes changes as they happen, reads the others' every
/// [`REFRESH_EVERY`], and checks credentials. Writes what is still unwritten before it returns.
pub async fn watch_health(store: Store, numbers: Numbers, stop: CancellationToken) {
    let mut checks = JoinSet::new();
    for number in numbers.iter() {
        checks.spawn(check_while_unhealthy(number.clone()));
    }
    let mut refresh = tokio::time::interval(REFRESH_EVERY);
    refresh.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let read = tokio::select! {
            _ = stop.cancelled() => break,
            _ = numbers.changed.notified() => false,
            _ = refresh.tick() => true,
        };
        write_changes(&store, &numbers).await;
        if read {
            if let Err(e) = load_health(&store, &numbers).await {
                tracing::warn!(
                    error = format!("{e:#}"),
                    "reading the numbers' health failed"
                );
            }
        }
    }
    checks.abort_all();
    write_changes(&store, &numbers).await;
}

/// Writes each number whose health changed here; a failed write is tried again next time.
async fn write_changes(store: &Store, numbers: &Numbers) {
    for number in numbers.iter() {
        let Some(health) = number.health.take_changed() else {
            continue;
        };
        let row = row_of(&number.config.phone_number_id, &health);
        if let Err(e) = store.record_number_health(&row).await {
            tracing::warn!(number = %row.phone_number_id, error = format!("{e:#}"),
                "recording the number's health failed");
            number.health.unwritten();
        }
    }
}

/// Checks the number now, then, whenever it is unhealthy, again after a growing wait.
async fn check_while_unhealthy(number: Arc<NumberRuntime>) {
    let mut failed_checks = 0;
    loop {
        check(&number).await;
        if number.health().healthy {
            failed_checks = 0;
            while number.health().healthy {
                tokio::time::sleep(REFRESH_EVERY).await;
            }
        }
        failed_checks += 1;
        tokio::time::sleep(recheck_after(failed_checks)).await;
    }
}

/// One `GET /{phone-number-id}`: it works (healthy), 401/190 (credentials) or 5xx/unreachable (outage).
async fn check(number: &NumberRuntime) {
    let answer = number.client.number_info().await;
    match verdict(&answer) {
        Some(seen) => {
            number.health.checked(now_ms());
            number.observe(seen);
            number.changed.notify_one();
        }
        None => {
            if let Err(e) = answer {
                tracing::info!(number = %number.config.phone_number_id, error = %e,
                    "the credential check proved nothing");
            }
        }
    }
}

/// The wait before the `n`th check of an unhealthy number (n ≥ 1): 5 s, 10 s, 20 s, 40 s, then a minute.
fn recheck_after(n: u32) -> Duration {
    let doubled = FIRST_RECHECK.saturating_mul(1 << n.saturating_sub(1).min(6));
    doubled.min(LAST_RECHECK)
}

fn row_of(phone_number_id: &str, h: &Health) -> NumberHealthRow {
    NumberHealthRow {
        phone_number_id: phone_number_id.to_string(),
        state: h.state.as_str().to_string(),
        error_code: h.error_code,
        reason: h.reason.clone(),
        since: h.since_ms,
        checked_at: h.checked_at_ms,
    }
}

fn health_of(row: &NumberHealthRow) -> Option<Health> {
    let state = HealthState::parse(&row.state)?;
    Some(Health {
        healthy: state == HealthState::Healthy,
        state,
        reason: row.reason.clone(),
        error_code: row.error_code,
        since_ms: row.since,
        checked_at_ms: row.checked_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unhealthy_number_is_checked_soon_then_every_minute() {
        let waits: Vec<u64> = (1..=7).map(|n| recheck_after(n).as_secs()).collect();
        assert_eq!(waits, [5, 10, 20, 40, 60, 60, 60]);
        assert_eq!(recheck_after(u32::MAX), LAST_RECHECK);
    }

    #[test]
    fn a_row_reads_back_as_the_health_written() {
        let h = Health {
            healthy: false,
            state: HealthState::Outage,
            reason: Some("HTTP 502".into()),
            error_code: None,
            since_ms: 5,
            checked_at_ms: 7,
        };
        assert_eq!(health_of(&row_of("1", &h)), Some(h));
    }
}
