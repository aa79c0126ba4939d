use std::sync::atomic::AtomicUsize;

use super::*;

fn roster() -> Arc<Roster> {
    Arc::new(Roster::default())
}

fn restarts_of(roster: &Roster, name: &str) -> u64 {
    roster
        .workers()
        .into_iter()
        .find(|w| w.name == name)
        .map(|w| w.restarts)
        .unwrap_or_default()
}

#[tokio::test(start_paused = true)]
async fn a_worker_that_panics_is_started_again_and_counted() {
    let roster = roster();
    let mut set = Supervisor::new(roster.clone(), CancellationToken::new());
    let runs = Arc::new(AtomicUsize::new(0));
    let (done_tx, mut done) = tokio::sync::mpsc::unbounded_channel();
    let counted = runs.clone();
    set.spawn("flaky", move || {
        let (runs, done) = (counted.clone(), done_tx.clone());
        async move {
            if runs.fetch_add(1, Relaxed) < 2 {
                panic!("boom");
            }
            let _ = done.send(());
            std::future::pending::<()>().await;
        }
    });
    done.recv().await.expect("the third run starts");
    assert_eq!(restarts_of(&roster, "flaky"), 2);
    let view = &roster.workers()[0];
    assert!(view.running);
    assert_eq!(view.last_failure.as_deref(), Some("it panicked: boom"));
    set.shutdown(Duration::from_secs(5), async {}).await;
    assert!(!roster.workers()[0].running, "stopped with the desk");
}

#[tokio::test(start_paused = true)]
async fn writers_stop_only_after_the_workers_have_finished() {
    let roster = roster();
    let mut set = Supervisor::new(roster.clone(), CancellationToken::new());
    let order = Arc::new(Mutex::new(Vec::<&str>::new()));
    let seen = order.clone();
    set.spawn_draining("sender", Role::Worker, move |stop: CancellationToken| {
        let seen = seen.clone();
        async move {
            stop.cancelled().await;
            tokio::time::sleep(Duration::from_secs(2)).await; // sends still in flight
            seen.lock().unwrap().push("sender drained");
        }
    });
    let seen = order.clone();
    set.spawn_draining("recorder", Role::Writer, move |stop: CancellationToken| {
        let seen = seen.clone();
        async move {
            stop.cancelled().await;
            seen.lock().unwrap().push("recorder stopped");
        }
    });
    set.shutdown(Duration::from_secs(10), async {}).await;
    assert_eq!(
        *order.lock().unwrap(),
        ["sender drained", "recorder stopped"]
    );
    assert_eq!(restarts_of(&roster, "sender"), 0, "a stop is not a failure");
}

#[tokio::test(start_paused = true)]
async fn a_worker_that_will_not_stop_is_dropped_after_the_wait() {
    let mut set = Supervisor::new(roster(), CancellationToken::new());
    set.spawn_draining("stuck", Role::Worker, |_stop| std::future::pending());
    // Returns (after the paused clock jumps past the bound) instead of hanging.
    set.shutdown(Duration::from_secs(3), async {}).await;
}
