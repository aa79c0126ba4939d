//! The desk's workers as one supervised set: each starts with a name, all hear one stop signal, a worker
//! that returns or panics is logged by name and started again after a growing wait, and a stop waits
//! for every worker (for a bounded time) before the writers they hand work to are stopped too.
//!
//! Workers keep nothing that matters in memory: what they work on is in the database, and the channels
//! that feed them outlive any one run (see `workers::inbound::spawn`), so a restart loses nothing.

use std::{
    future::Future,
    panic::AssertUnwindSafe,
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering::Relaxed},
        Arc, Mutex, RwLock,
    },
    time::{Duration, Instant},
};

use futures::FutureExt;
use serde::Serialize;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

/// The wait before the first restart; it doubles with each failure in a row...
const FIRST_BACKOFF: Duration = Duration::from_secs(1);
/// ...up to this.
const LAST_BACKOFF: Duration = Duration::from_secs(30);
/// A run that lasted this long was healthy: the next failure waits the first backoff again.
const HEALTHY_RUN: Duration = Duration::from_secs(60);

/// When a task is stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Stopped by the desk's stop signal: inbound shards, the sender, media, the periodic jobs.
    Worker,
    /// Stopped once every worker has finished, so what the workers handed over is written first: the
    /// webhook writer, the send recorder, the numbers' health.
    Writer,
}

/// One worker as `/readyz` and `/metrics` show it.
#[derive(Debug, Serialize)]
pub struct WorkerView {
    pub name: String,
    /// False while it waits to be started again, and after the desk stopped.
    pub running: bool,
    /// Times it was started again after it returned or panicked.
    pub restarts: u64,
    /// Why it last stopped by itself, if it ever did.
    pub last_failure: Option<String>,
}

struct WorkerState {
    name: String,
    running: AtomicBool,
    restarts: AtomicU64,
    last_failure: Mutex<Option<String>>,
}

/// Every worker of this desk, for the health endpoints; shared with `AppState`.
#[derive(Default)]
pub struct Roster(RwLock<Vec<Arc<WorkerState>>>);

impl Roster {
    fn join(&self, name: &str) -> Arc<WorkerState> {
        let state = Arc::new(WorkerState {
            name: name.to_string(),
            running: AtomicBool::new(false),
            restarts: AtomicU64::new(0),
            last_failure: Mutex::new(None),
        });
        if let Ok(mut all) = self.0.write() {
            all.push(state.clone());
        }
        state
    }

    /// The workers in the order they were started.
    pub fn workers(&self) -> Vec<WorkerView> {
        let all = self.0.read().map(|a| a.clone()).unwrap_or_default();
        all.iter()
            .map(|w| WorkerView {
                name: w.name.clone(),
                running: w.running.load(Relaxed),
                restarts: w.restarts.load(Relaxed),
                last_failure: w.last_failure.lock().ok().and_then(|f| f.clone()),
            })
            .collect()
    }
}

/// Starts, restarts and stops the desk's workers.
pub struct Supervisor {
    roster: Arc<Roster>,
    stop: CancellationToken,
    writers_stop: CancellationToken,
    workers: JoinSet<()>,
    writers: JoinSet<()>,
}

impl Supervisor {
    /// An empty set whose workers are listed in `roster` and stop at `stop`.
    pub fn new(roster: Arc<Roster>, stop: CancellationToken) -> Supervisor {
        Supervisor {
            roster,
            stop,
            writers_stop: CancellationToken::new(),
            workers: JoinSet::new(),
            writers: JoinSet::new(),
        }
    }

    /// The desk's stop signal (the HTTP server stops taking requests on it too).
    pub fn stop_signal(&self) -> CancellationToken {
        self.stop.clone()
    }

    /// Starts a worker whose every step is durable: at the stop signal it is dropped where it waits.
    pub fn spawn<F, Fut>(&mut self, name: &str, mut run: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.spawn_draining(name, Role::Worker, move |stop: CancellationToken| {
            let work = run();
            async move {
                tokio::select! {
                    _ = stop.cancelled() => {}
                    _ = work => {}
                }
            }
        });
    }

    /// Starts a task that is handed its stop signal and finishes what it holds before it returns.
    pub fn spawn_draining<F, Fut>(&mut self, name: &str, role: Role, run: F)
    where
        F: FnMut(CancellationToken) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let state = self.roster.join(name);
        let (set, stop) = match role {
            Role::Worker => (&mut self.workers, self.stop.clone()),
            Role::Writer => (&mut self.writers, self.writers_stop.clone()),
        };
        set.spawn(keep_running(state, stop, run));
    }

    /// Sends the stop signal and waits up to `within` for the workers while `intake` (the HTTP server
    /// finishing its requests) ends, then as long for the writers; a task still running after its wait
    /// is named in the log and dropped. Returns what `intake` returned.
    pub async fn shutdown<T>(mut self, within: Duration, intake: impl Future<Output = T>) -> T {
        self.stop.cancel();
        let (out, ()) = tokio::join!(intake, drain(&mut self.workers, &self.roster, within));
        self.writers_stop.cancel();
        drain(&mut self.writers, &self.roster, within).await;
        out
    }
}

/// Waits for every task of `set`, at most `within`.
async fn drain(set: &mut JoinSet<()>, roster: &Roster, within: Duration) {
    let all = async { while set.join_next().await.is_some() {} };
    if tokio::time::timeout(within, all).await.is_err() {
        let late: Vec<String> = roster
            .workers()
            .into_iter()
            .filter(|w| w.running)
            .map(|w| w.name)
            .collect();
        tracing::warn!(
            ?late,
            "workers still busy after {within:?}; stopped where they were"
        );
        set.shutdown().await;
    }
}

/// Runs the worker until the stop signal, starting it again whenever it returns or panics.
async fn keep_running<F, Fut>(state: Arc<WorkerState>, stop: CancellationToken, mut run: F)
where
    F: FnMut(CancellationToken) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mut backoff = FIRST_BACKOFF;
    loop {
        let span =
            tracing::info_span!("worker", desk = %crate::leases::this_desk(), worker = %state.name);
        let started = Instant::now();
        state.running.store(true, Relaxed);
        let outcome = AssertUnwindSafe(run(stop.clone()).instrument(span))
            .catch_unwind()
            .await;
        state.running.store(false, Relaxed);
        let why = match outcome {
            Ok(()) if stop.is_cancelled() => return,
            Ok(()) => "it returned".to_string(),
            Err(panic) => format!("it panicked: {}", panic_text(&*panic)),
        };
        if started.elapsed() >= HEALTHY_RUN {
            backoff = FIRST_BACKOFF;
        }
        let restarts = state.restarts.fetch_add(1, Relaxed) + 1;
        if let Ok(mut last) = state.last_failure.lock() {
            *last = Some(why.clone());
        }
        tracing::error!(worker = %state.name, restarts, reason = %why,
            "worker stopped; starting it again in {backoff:?}");
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = tokio::time::sleep(backoff) => {}
        }
        backoff = (backoff * 2).min(LAST_BACKOFF);
    }
}

fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

/// Test hook: with `LIFELINE_FAULT_PANIC_IN=<place>`, the first pass through that place panics (once
/// per process), so a test can watch the worker started again and the desk keep answering.
pub fn fault_point(place: &str) {
    static FIRED: AtomicBool = AtomicBool::new(false);
    let Some(wanted) = std::env::var_os("LIFELINE_FAULT_PANIC_IN") else {
        return;
    };
    if wanted == place && !FIRED.swap(true, Relaxed) {
        panic!("fault injected at {place} (LIFELINE_FAULT_PANIC_IN)");
    }
}

mod batch;
pub use batch::{next_batch, AtStop, Inbox, Linger};

#[cfg(test)]
mod tests;
