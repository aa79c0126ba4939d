//! Taking work in groups without making anyone wait for company that is not coming.
//!
//! A writer that takes what is queued in one transaction is cheaper per item when a moment is busy, and
//! a short wait for the items about to arrive makes the group larger still. But a fixed wait is paid in
//! full by the shopper who writes alone at a quiet moment. So the wait is earned: a worker whose last
//! group came alone goes at once with whatever is queued; one whose last group had company waits only
//! until as many have arrived again as came then (or the bound passes, whichever is first).

use std::{future::Future, time::Duration};

use tokio_util::sync::CancellationToken;

/// A channel a worker takes its work from, bounded or not.
pub trait Inbox<T>: Send {
    /// The next item; `None` once every sender is gone.
    fn recv(&mut self) -> impl Future<Output = Option<T>> + Send;
    /// An item already queued, without waiting.
    fn try_take(&mut self) -> Option<T>;
}

impl<T: Send> Inbox<T> for tokio::sync::mpsc::Receiver<T> {
    fn recv(&mut self) -> impl Future<Output = Option<T>> + Send {
        tokio::sync::mpsc::Receiver::recv(self)
    }
    fn try_take(&mut self) -> Option<T> {
        self.try_recv().ok()
    }
}

impl<T: Send> Inbox<T> for tokio::sync::mpsc::UnboundedReceiver<T> {
    fn recv(&mut self) -> impl Future<Output = Option<T>> + Send {
        tokio::sync::mpsc::UnboundedReceiver::recv(self)
    }
    fn try_take(&mut self) -> Option<T> {
        self.try_recv().ok()
    }
}

/// What a worker does with its queue at the stop signal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtStop {
    /// Stop at once: what is queued is in the database and is picked up again (inbound shards).
    Leave,
    /// Take what is queued first: someone waits for each item's answer (the writers).
    Drain,
}

/// How long a worker waits for company after its first item, learnt from its last group.
#[derive(Clone, Debug)]
pub struct Linger {
    bound: Duration,
    /// How many came together last time; more than one is company worth waiting for.
    last: usize,
}

impl Linger {
    /// Never waits: takes what is queued and goes.
    pub const NEVER: Linger = Linger::up_to(Duration::ZERO);

    /// Waits at most `bound`, and only after a group that had company.
    pub const fn up_to(bound: Duration) -> Linger {
        Linger { bound, last: 1 }
    }

    /// How many to wait for now (none after a lone item, or when the wait is off), and for how long.
    pub fn expects(&self) -> Option<(usize, Duration)> {
        (self.last > 1 && !self.bound.is_zero()).then_some((self.last, self.bound))
    }

    /// Notes the size of the group just taken.
    pub fn saw(&mut self, taken: usize) {
        self.last = taken.max(1);
    }
}

/// The next group of work, at most `max`: waits for one item, then, if `linger` expects company, for
/// that many or its bound, and takes what is queued besides. `None` when the queue is closed, or at the
/// stop signal (after the queue is empty with [`AtStop::Drain`]).
pub async fn next_batch<T>(
    rx: &mut impl Inbox<T>,
    stop: &CancellationToken,
    max: usize,
    linger: &mut Linger,
    at_stop: AtStop,
) -> Option<Vec<T>> {
    let first = if stop.is_cancelled() {
        match at_stop {
            AtStop::Leave => return None,
            AtStop::Drain => rx.try_take()?,
        }
    } else {
        tokio::select! {
            item = rx.recv() => item?,
            _ = stop.cancelled() => match at_stop {
                AtStop::Leave => return None,
                AtStop::Drain => rx.try_take()?,
            },
        }
    };
    let mut batch = vec![first];
    take_queued(rx, &mut batch, max);
    if let Some((want, bound)) = linger.expects() {
        let deadline = tokio::time::Instant::now() + bound;
        while batch.len() < want.min(max) && !stop.is_cancelled() {
            tokio::select! {
                item = rx.recv() => match item {
                    Some(item) => batch.push(item),
                    None => break,
                },
                _ = tokio::time::sleep_until(deadline) => break,
                _ = stop.cancelled() => break,
            }
            take_queued(rx, &mut batch, max);
        }
    }
    linger.saw(batch.len());
    Some(batch)
}

fn take_queued<T>(rx: &mut impl Inbox<T>, batch: &mut Vec<T>, max: usize) {
    while batch.len() < max {
        match rx.try_take() {
            Some(item) => batch.push(item),
            None => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::sync::mpsc;

    const BOUND: Duration = Duration::from_millis(5);

    #[tokio::test(start_paused = true)]
    async fn a_lone_item_goes_at_once() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let mut linger = Linger::up_to(BOUND);
        tx.send(1).unwrap();
        let t0 = tokio::time::Instant::now();
        let stop = CancellationToken::new();
        let got = next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Leave).await;
        assert_eq!(got, Some(vec![1]));
        assert_eq!(t0.elapsed(), Duration::ZERO, "nobody waited for company");
    }

    #[tokio::test(start_paused = true)]
    async fn after_a_busy_group_the_next_waits_for_as_many_and_no_longer() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let stop = CancellationToken::new();
        let mut linger = Linger::up_to(BOUND);
        for i in 0..3 {
            tx.send(i).unwrap();
        }
        let first = next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Leave).await;
        assert_eq!(first, Some(vec![0, 1, 2]));
        tx.send(3).unwrap();
        let later = tx.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(1)).await;
            later.send(4).unwrap();
            later.send(5).unwrap();
            tokio::time::sleep(Duration::from_millis(1)).await;
            later.send(6).unwrap();
        });
        let t0 = tokio::time::Instant::now();
        let second = next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Leave).await;
        assert_eq!(second, Some(vec![3, 4, 5]), "went once three had come");
        assert_eq!(t0.elapsed(), Duration::from_millis(1));
    }

    #[tokio::test(start_paused = true)]
    async fn company_that_does_not_come_is_waited_for_at_most_the_bound_once() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let stop = CancellationToken::new();
        let mut linger = Linger::up_to(BOUND);
        tx.send(0).unwrap();
        tx.send(1).unwrap();
        next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Leave).await;
        tx.send(2).unwrap();
        let t0 = tokio::time::Instant::now();
        let alone = next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Leave).await;
        assert_eq!((alone, t0.elapsed()), (Some(vec![2]), BOUND));
        tx.send(3).unwrap();
        let t1 = tokio::time::Instant::now();
        next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Leave).await;
        assert_eq!(
            t1.elapsed(),
            Duration::ZERO,
            "a quiet moment again: no wait"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn at_the_stop_signal_a_writer_drains_without_waiting() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let stop = CancellationToken::new();
        let mut linger = Linger::up_to(BOUND);
        linger.saw(50);
        tx.send(7).unwrap();
        stop.cancel();
        let t0 = tokio::time::Instant::now();
        let got = next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Drain).await;
        assert_eq!((got, t0.elapsed()), (Some(vec![7]), Duration::ZERO));
        assert_eq!(
            next_batch(&mut rx, &stop, 10, &mut linger, AtStop::Drain).await,
            None
        );
    }
}
