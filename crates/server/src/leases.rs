//! Sharing work between desks on one database: a lease says which desk runs a periodic job (follow-ups,
//! breach checks, template sync) or sends for a number, and another desk takes over when the holder stops
//! renewing it (it died, or lost the database).
//!
//! Why a lease per number rather than a token bucket in the database: the holder paces its number in
//! memory, exactly as a single desk does (the number's throughput and the pair rate together, with no
//! database round trip per send), and at most one desk's bucket is live for a number at a time. The cost
//! is a failover delay of one lease span when a holder dies; a bucket row would instead serialise every
//! send of every desk on one hot row.

use std::{sync::OnceLock, time::Duration};

use crate::store::Store;

static DESK: OnceLock<String> = OnceLock::new();

/// Names this desk at start-up: `LIFELINE_DESK_NAME` when set, else its host and the port it listens on.
/// Two desks on one host listen on different ports, so the name is unique among live desks as long as
/// their hosts' names differ (set `LIFELINE_DESK_NAME` where machines share a hostname, as copies of one
/// image may); a desk restarted after a crash keeps its name and takes its own leases back at once
/// instead of waiting for them to run out.
pub fn name_this_desk(addr: std::net::SocketAddr) {
    let name = std::env::var("LIFELINE_DESK_NAME")
        .ok()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("{}:{}", host(), addr.port()));
    if DESK.set(name).is_err() {
        tracing::debug!(desk = this_desk(), "this process already has its desk name");
    }
}

/// This process's name among the desks sharing the database (host and port once it listens).
pub fn this_desk() -> &'static str {
    DESK.get_or_init(|| format!("{}-pid{}", host(), std::process::id()))
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "desk".into())
}

/// How long a lease lasts without renewal; holders renew at a third of it.
pub const LEASE_SPAN: Duration = Duration::from_secs(10);

/// The lease names of the periodic jobs and of a number's sending.
pub fn job(name: &str) -> String {
    format!("job:{name}")
}

/// The lease on sending for one business number.
pub fn sending(phone_number_id: &str) -> String {
    format!("send:{phone_number_id}")
}

/// Takes or renews `name` for this desk; false when another desk holds it (or the database is away:
/// a desk that cannot reach the database must not act as if it held anything).
pub async fn hold(store: &Store, name: &str) -> bool {
    match store
        .try_lease(name, this_desk(), LEASE_SPAN.as_millis() as i64)
        .await
    {
        Ok(held) => held,
        Err(e) => {
            tracing::warn!(lease = name, error = format!("{e:#}"), "lease not renewed");
            false
        }
    }
}

/// Runs `work` only if this desk holds the job's lease, renewing it while the work runs, so a long run
/// is not taken over halfway. Returns None when another desk holds it.
pub async fn exclusively<F: std::future::Future>(
    store: &Store,
    name: &str,
    work: F,
) -> Option<F::Output> {
    let lease = job(name);
    if !hold(store, &lease).await {
        return None;
    }
    tokio::pin!(work);
    let mut renew = tokio::time::interval(LEASE_SPAN / 3);
    renew.tick().await;
    loop {
        tokio::select! {
            out = &mut work => return Some(out),
            _ = renew.tick() => {
                if !hold(store, &lease).await {
                    tracing::warn!(lease = %lease, "lost the lease while running; finishing this run");
                }
            }
        }
    }
}

/// Gives back every lease this desk holds among `names` (a clean stop), so others take over at once.
pub async fn release_all(store: &Store, names: &[String]) {
    for name in names {
        let _ = store.release_lease(name, this_desk()).await;
    }
}

/// The sending leases of one desk's numbers: renewed at a third of their span, read before each claim.
pub struct SendingLeases {
    scope: crate::store::SendScope,
    renewed_at: Option<std::time::Instant>,
}

impl SendingLeases {
    /// For the numbers this desk has credentials for; none held until the first [`SendingLeases::scope`].
    pub fn new(numbers: Vec<String>) -> SendingLeases {
        SendingLeases {
            scope: crate::store::SendScope {
                held: Vec::new(),
                configured: numbers,
            },
            renewed_at: None,
        }
    }

    /// What this desk may claim now, renewing (or taking over) the numbers' leases when due.
    pub async fn scope(&mut self, store: &Store) -> &crate::store::SendScope {
        if self
            .renewed_at
            .is_none_or(|at| at.elapsed() >= LEASE_SPAN / 3)
        {
            self.renewed_at = Some(std::time::Instant::now());
            let mut held = Vec::new();
            for number in &self.scope.configured {
                if hold(store, &sending(number)).await {
                    held.push(number.clone());
                }
            }
            if held != self.scope.held {
                tracing::info!(desk = this_desk(), numbers = ?held, "sending for these numbers");
            }
            self.scope.held = held;
        }
        &self.scope
    }

    /// What this desk may claim, as last renewed.
    pub fn current(&self) -> &crate::store::SendScope {
        &self.scope
    }

    /// True when this desk sends for every number it has (a lone desk, or one that took the others over).
    pub fn holds_all(&self) -> bool {
        self.scope.held.len() == self.scope.configured.len()
    }

    /// Gives the leases back at a clean stop, so another desk sends for these numbers at once.
    pub async fn release(&self, store: &Store) {
        let names: Vec<String> = self.scope.held.iter().map(|n| sending(n)).collect();
        release_all(store, &names).await;
    }
}
