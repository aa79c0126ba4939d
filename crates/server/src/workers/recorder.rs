//! Records Meta's acceptances in groups: sends that finish while one group is being written join the
//! next, so a busy number costs one statement per group instead of one per send. Each send still waits
//! until its own wamid is stored before it counts as sent.

use std::{sync::Arc, time::Duration};

use tokio::sync::{mpsc, oneshot, Mutex};
use tokio_util::sync::CancellationToken;

use crate::{
    store::Store,
    supervise::{next_batch, AtStop, Linger},
};

type Accepted = ((i64, String), oneshot::Sender<Result<(), String>>);

/// The sender's side: hands an acceptance over and waits until it is stored.
#[derive(Clone)]
pub struct Recorder(mpsc::Sender<Accepted>);

/// The acceptances waiting to be written; it outlives any one run of [`record`].
#[derive(Clone)]
pub struct Acceptances(Arc<Mutex<mpsc::Receiver<Accepted>>>);

/// The longest a recorder whose last group had company waits for as many again before taking the writer.
const LINGER: Duration = Duration::from_millis(3);

/// The most acceptances written together.
const RECORD_BATCH: usize = 200;

impl Recorder {
    /// The sender's side and the writer's side of the queue.
    pub fn new() -> (Recorder, Acceptances) {
        let (tx, rx) = mpsc::channel::<Accepted>(1024);
        (Recorder(tx), Acceptances(Arc::new(Mutex::new(rx))))
    }

    /// Stores that Meta accepted message `id` as `wamid`, with whatever else was accepted meanwhile.
    pub async fn record(&self, id: i64, wamid: String) -> anyhow::Result<()> {
        tracing::Span::current().record("wamid", wamid.as_str());
        let (tx, rx) = oneshot::channel();
        self.0
            .send(((id, wamid), tx))
            .await
            .map_err(|_| anyhow::anyhow!("the send recorder has stopped"))?;
        rx.await
            .map_err(|_| anyhow::anyhow!("the send recorder has stopped"))?
            .map_err(|e| anyhow::anyhow!(e))?;
        tracing::info!("accepted by WhatsApp and recorded");
        Ok(())
    }
}

/// The writer: stores acceptances in groups until `stop`, then what is still queued. It is stopped
/// after the sender, whose last sends wait for it.
pub async fn record(store: Store, queue: Acceptances, stop: CancellationToken) {
    let mut rx = queue.0.lock().await;
    let mut linger = Linger::up_to(LINGER);
    while let Some(jobs) =
        next_batch(&mut *rx, &stop, RECORD_BATCH, &mut linger, AtStop::Drain).await
    {
        let (sent, replies): (Vec<(i64, String)>, Vec<_>) = jobs.into_iter().unzip();
        let result = store
            .record_sent_many(&sent)
            .await
            .map_err(|e| format!("{e:#}"));
        for reply in replies {
            let _ = reply.send(result.clone());
        }
    }
}
