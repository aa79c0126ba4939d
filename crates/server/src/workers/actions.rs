//! The actions worker: carries out the pending actions other transactions wrote (a shopper's tap on a
//! remedy), each under a lease so that of several desks on one database only one works on it at a time,
//! and records the outcome: done, due again later after a failure that may pass, or failed with the
//! reason. It is woken when an action is written and also looks every few seconds, so an action written
//! while no worker ran (a crash, a restart, another desk) is found; the table is the record.

use std::{future::Future, sync::Arc, time::Duration};

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use crate::{
    cases::taps::{TapError, Taps},
    leases::this_desk,
    state::AppState,
    store::{now_ms, ActionRow, Store},
    supervise::{Role, Supervisor},
};

/// How long a claim lasts without renewal; the holder renews it while an attempt runs.
const LEASE: Duration = Duration::from_secs(30);
/// How often a running attempt renews its lease.
const RENEW_EVERY: Duration = Duration::from_secs(10);
/// How often the worker looks for due actions when nobody woke it.
const POLL: Duration = Duration::from_secs(2);
/// Actions claimed (and carried out side by side) at once; one case never has two in one claim.
const BATCH: i64 = 8;
/// Attempts before a failure that might pass is treated as final (about an hour of retries).
pub const MAX_ATTEMPTS: i64 = 8;

/// Starts the worker in the supervised set; at the stop signal it finishes the attempts in hand.
pub fn spawn(set: &mut Supervisor, app: &AppState) {
    let (store, wake, taps) = (
        app.store.clone(),
        app.actions_wake.clone(),
        Taps::new(app.clone()),
    );
    set.spawn_draining("actions", Role::Worker, move |stop| {
        run(store.clone(), wake.clone(), taps.clone(), stop)
    });
}

/// Claims due actions and carries them out until the stop signal.
pub async fn run(store: Store, wake: Arc<Notify>, taps: Taps, stop: CancellationToken) {
    // What this desk held when it (or this worker) last stopped is taken back at once.
    if let Err(e) = store.release_actions_of(this_desk()).await {
        tracing::warn!(
            error = format!("{e:#}"),
            "could not take back this desk's actions"
        );
    }
    while !stop.is_cancelled() {
        let claimed = store
            .claim_due_actions(this_desk(), LEASE.as_millis() as i64, BATCH)
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = format!("{e:#}"), "claiming pending actions failed");
                Vec::new()
            });
        if !claimed.is_empty() {
            futures::future::join_all(claimed.iter().map(|a| attempt(&store, &taps, a))).await;
            continue;
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = stop.cancelled() => {}
        }
    }
}

/// One attempt at one claimed action, and its outcome recorded.
async fn attempt(store: &Store, taps: &Taps, action: &ActionRow) {
    let span = tracing::info_span!("pending_action", desk = %crate::leases::this_desk(),
        action_id = action.id, case_id = action.case_id, kind = %action.kind, attempt = action.attempts);
    async {
        let result = leased(store, action.id, taps.carry_out(action)).await;
        let me = this_desk();
        let recorded = match &result {
            Ok(()) => store.finish_action(action.id, me).await,
            Err(TapError::Again(why)) if action.attempts < MAX_ATTEMPTS => {
                let at = now_ms() + backoff(action.attempts).as_millis() as i64;
                store.retry_action_at(action.id, me, at, why).await
            }
            Err(TapError::Again(why)) => {
                taps.gave_up(action, why).await;
                store.fail_action(action.id, me, why).await
            }
            Err(TapError::Final(why)) => store.fail_action(action.id, me, why).await,
        };
        match (&result, recorded) {
            (Ok(()), Ok(true)) => tracing::info!("pending action carried out"),
            (Err(e), Ok(true)) => tracing::warn!(outcome = ?e, "pending action not carried out"),
            (_, Ok(false)) => tracing::warn!("the action's lease passed to another desk meanwhile"),
            (_, Err(e)) => tracing::warn!(
                error = format!("{e:#}"),
                "outcome not recorded; the lease runs out and it is tried again"
            ),
        }
    }
    .instrument(span)
    .await
}

/// Runs `work` while renewing the lease on action `id`, so a slow shop does not let another desk start
/// the same action meanwhile.
async fn leased<T>(store: &Store, id: i64, work: impl Future<Output = T>) -> T {
    tokio::pin!(work);
    let mut renew = tokio::time::interval(RENEW_EVERY);
    renew.tick().await; // the first tick is immediate: the claim has just set the lease
    loop {
        tokio::select! {
            out = &mut work => return out,
            _ = renew.tick() => {
                if let Err(e) = store.renew_action_lease(id, this_desk(), LEASE.as_millis() as i64).await {
                    tracing::warn!(action_id = id, error = format!("{e:#}"), "lease not renewed");
                }
            }
        }
    }
}

/// The wait before attempt `attempts + 1`: 2 s after the first failure, four times longer after each
/// one after that, at most 30 minutes.
pub fn backoff(attempts: i64) -> Duration {
    let exponent = attempts.clamp(1, 10) as u32 - 1;
    Duration::from_secs(2 * 4u64.pow(exponent)).min(Duration::from_secs(30 * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_and_never_more_than_half_an_hour() {
        let waits: Vec<u64> = (1..=MAX_ATTEMPTS).map(|a| backoff(a).as_secs()).collect();
        assert_eq!(waits, [2, 8, 32, 128, 512, 1800, 1800, 1800]);
        assert_eq!(backoff(0), backoff(1));
        assert_eq!(backoff(1000).as_secs(), 1800);
    }
}
