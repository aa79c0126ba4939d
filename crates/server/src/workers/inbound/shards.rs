//! The shards: each shopper's messages go to one worker of this desk (in order), different shoppers to
//! different workers (in parallel); a sweeper hands over whatever is left unprocessed.

use std::{
    hash::{DefaultHasher, Hash, Hasher},
    sync::Arc,
    time::Duration,
};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tracing::Instrument;

use super::handle_batch;
use crate::{
    state::AppState,
    store::Store,
    supervise::{fault_point, next_batch, AtStop, Linger, Role, Supervisor},
};

/// Hands message ids to the worker of their contact.
#[derive(Clone)]
pub struct Dispatcher {
    shards: Vec<mpsc::UnboundedSender<i64>>,
}

impl Dispatcher {
    /// Creates the shards; the receivers go to [`spawn`].
    pub fn new(workers: usize) -> (Dispatcher, Vec<mpsc::UnboundedReceiver<i64>>) {
        let (tx, rx): (Vec<_>, Vec<_>) = (0..workers.max(1))
            .map(|_| mpsc::unbounded_channel())
            .unzip();
        (Dispatcher { shards: tx }, rx)
    }

    /// Queues a stored message for its contact's worker.
    pub fn dispatch(&self, id: i64, contact_key: &str) {
        let mut h = DefaultHasher::new();
        contact_key.hash(&mut h);
        let shard = (h.finish() % self.shards.len() as u64) as usize;
        let _ = self.shards[shard].send(id);
    }
}

/// The longest a worker whose last batch had company waits for as many again before it starts a batch.
const LINGER: Duration = Duration::from_millis(5);

/// Messages a shard takes into one transaction at most.
const BATCH: usize = 256;

/// A shard's queue. It outlives any one run of the shard, so a shard started again after a panic
/// carries on with the messages the dispatcher has handed it meanwhile.
type ShardQueue = Arc<tokio::sync::Mutex<mpsc::UnboundedReceiver<i64>>>;

/// Starts one supervised worker per shard (`inbound.0`, `inbound.1`, …) and the sweeper.
pub fn spawn(set: &mut Supervisor, app: &AppState, receivers: Vec<mpsc::UnboundedReceiver<i64>>) {
    for (n, rx) in receivers.into_iter().enumerate() {
        let queue: ShardQueue = Arc::new(tokio::sync::Mutex::new(rx));
        let app = app.clone();
        set.spawn_draining(&format!("inbound.{n}"), Role::Worker, move |stop| {
            shard(app.clone(), queue.clone(), stop)
        });
    }
    let (store, dispatcher) = (app.store.clone(), app.inbound.clone());
    set.spawn("inbound.sweep", move || {
        sweep(store.clone(), dispatcher.clone())
    });
}

/// One shard: its messages in batches until the stop signal, finishing the batch in hand.
async fn shard(app: AppState, queue: ShardQueue, stop: CancellationToken) {
    let mut rx = queue.lock().await;
    // At a busy moment a short wait lets its messages share one transaction, which keeps the writer
    // free for the webhooks (their latency is what Meta sees); a shopper writing alone goes at once.
    let mut linger = Linger::up_to(LINGER);
    while let Some(ids) = next_batch(&mut *rx, &stop, BATCH, &mut linger, AtStop::Leave).await {
        // Messages taken off the queue and lost to a panic are still unprocessed: the sweep finds them.
        fault_point("inbound");
        let span = tracing::info_span!("inbound_batch", desk = %crate::leases::this_desk(),
            message_ids = ?ids, wamids = tracing::field::Empty, shoppers = tracing::field::Empty);
        handle_in_order(&app, ids).instrument(span).await;
    }
}

/// Handles a batch, or its messages one by one when the batch as a whole failed.
async fn handle_in_order(app: &AppState, ids: Vec<i64>) {
    let Err(e) = handle_batch(app, &ids).await else {
        tracing::info!(messages = ids.len(), "inbound batch handled");
        return;
    };
    tracing::warn!(
        error = format!("{e:#}"),
        "a batch failed; handling its messages one by one"
    );
    for id in ids {
        if let Err(e) = handle_batch(app, &[id]).await {
            tracing::error!(
                message_id = id,
                error = format!("{e:#}"),
                "inbound message not processed; will retry"
            );
        }
    }
}

/// Hands unprocessed messages to their shards: all of them at start, then those that waited a while
/// (a shard that panicked, a desk that died, a shopper another desk held).
async fn sweep(store: Store, inbound: Dispatcher) {
    let mut first = true;
    loop {
        // At start-up, pick up everything; afterwards only what has waited a while.
        let older_than = if first { 0 } else { 10_000 };
        first = false;
        match store.pending_inbound(older_than, 1000).await {
            Ok(rows) => {
                for r in rows {
                    inbound.dispatch(r.id, &r.contact_key);
                }
            }
            Err(e) => tracing::warn!(error = format!("{e:#}"), "inbound sweep failed"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}
