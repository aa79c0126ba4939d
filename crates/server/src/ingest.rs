//! Group commit for webhooks: deliveries that arrive while one batch is being written join the next,
//! so a burst of receipts costs one transaction instead of one each. Each POST still answers only after
//! its own rows are stored, and learns its own fate: a delivery the database refuses fails alone
//! (`Store::record_webhooks` writes the members of a failed group one by one).

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, Mutex};
use tokio_util::sync::CancellationToken;

use crate::{
    store::{Delivery, IngestOutcome, NotStored, Store},
    supervise::{next_batch, AtStop, Linger},
};

type Job = (Delivery, oneshot::Sender<Result<IngestOutcome, NotStored>>);

/// Hands deliveries to the writer task.
#[derive(Clone)]
pub struct Ingester(mpsc::Sender<Job>);

/// The deliveries waiting for the writer. It outlives any one run of the writer, so a writer started
/// again after a panic carries on with the same queue.
#[derive(Clone)]
pub struct IngestQueue(Arc<Mutex<mpsc::Receiver<Job>>>);

/// The most deliveries written together.
const BATCH: usize = 256;

impl Ingester {
    /// The webhooks' side and the writer's side of the queue (see [`write`]).
    pub fn new() -> (Ingester, IngestQueue) {
        let (tx, rx) = mpsc::channel::<Job>(4096);
        (Ingester(tx), IngestQueue(Arc::new(Mutex::new(rx))))
    }

    /// Stores one delivery (together with whatever else is waiting) and returns what it changed.
    pub async fn store(&self, delivery: Delivery) -> Result<IngestOutcome, NotStored> {
        let stopped = || NotStored::Unavailable("the writer has stopped".to_string());
        let (tx, rx) = oneshot::channel();
        self.0.send((delivery, tx)).await.map_err(|_| stopped())?;
        rx.await.map_err(|_| stopped())?
    }
}

/// The writer: stores the queued deliveries in groups until `stop`, then what is still queued.
pub async fn write(store: Store, queue: IngestQueue, stop: CancellationToken) {
    let mut rx = queue.0.lock().await;
    let mut linger = Linger::NEVER;
    while let Some(jobs) = next_batch(&mut *rx, &stop, BATCH, &mut linger, AtStop::Drain).await {
        let (deliveries, replies): (Vec<Delivery>, Vec<_>) = jobs.into_iter().unzip();
        let results = store.record_webhooks(deliveries).await;
        for (reply, result) in replies.into_iter().zip(results) {
            let _ = reply.send(result);
        }
    }
}
