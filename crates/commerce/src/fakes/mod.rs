//! Real HTTP fakes of the shops and trackers, on 127.0.0.1 with a free port, for tests here and
//! in the server. Each follows the documented shapes (errors, throttling, pagination, signatures)
//! and has knobs to inject failures and accessors to inspect what was created.

mod aftership;
mod seventeen;
mod shopify;
mod shopify_actions;
mod shopify_render;
mod woocommerce;
mod woocommerce_routes;

pub use aftership::FakeAfterShip;
pub use seventeen::Fake17Track;
pub use shopify::FakeShopify;
pub use woocommerce::FakeWooCommerce;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// Failure injection shared by every fake.
#[derive(Debug, Default)]
pub(crate) struct Knobs {
    /// Answer the next N calls with the service's throttling answer.
    throttle: u32,
    /// Answer the next calls with these HTTP statuses, one each.
    failures: VecDeque<u16>,
    /// Wait this long before every answer.
    delay: Duration,
    /// Calls seen so far.
    calls: u32,
}

/// What the next call should meet.
pub(crate) enum Injected {
    Nothing,
    Throttle,
    Fail(u16),
}

impl Knobs {
    pub(crate) fn next(&mut self) -> (Injected, Duration) {
        self.calls += 1;
        let inj = if let Some(s) = self.failures.pop_front() {
            Injected::Fail(s)
        } else if self.throttle > 0 {
            self.throttle -= 1;
            Injected::Throttle
        } else {
            Injected::Nothing
        };
        (inj, self.delay)
    }
}

/// The knobs every fake exposes, over its own state.
pub(crate) trait HasKnobs {
    fn knobs(&mut self) -> &mut Knobs;
}

pub(crate) fn lock<S>(m: &Mutex<S>) -> MutexGuard<'_, S> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// A running fake server; stops when dropped.
pub(crate) struct Running {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub(crate) async fn serve(router: axum::Router) -> std::io::Result<Running> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, router).await {
            tracing::warn!(error = %e, "fake server stopped");
        }
    });
    Ok(Running { addr, task })
}

/// Generates the knob methods on a fake whose state is `Arc<Mutex<S>>` with `S: HasKnobs`.
macro_rules! knob_methods {
    ($fake:ty) => {
        impl $fake {
            /// Answer the next `n` calls with the service's throttling answer.
            pub fn throttle_next(&self, n: u32) {
                crate::fakes::lock(&self.state).knobs().throttle = n;
            }
            /// Answer the next call with this HTTP status (401, 500…); calls queue up.
            pub fn fail_next(&self, status: u16) {
                crate::fakes::lock(&self.state)
                    .knobs()
                    .failures
                    .push_back(status);
            }
            /// Wait this long before every answer (a slow service).
            pub fn set_delay(&self, delay: std::time::Duration) {
                crate::fakes::lock(&self.state).knobs().delay = delay;
            }
            /// How many HTTP calls reached the fake.
            pub fn calls(&self) -> u32 {
                crate::fakes::lock(&self.state).knobs().calls
            }
            /// The base URL to put in `api_base` / `url`.
            pub fn base_url(&self) -> String {
                format!("http://{}", self.running.addr)
            }
            /// The bound address.
            pub fn addr(&self) -> std::net::SocketAddr {
                self.running.addr
            }
        }
    };
}
pub(crate) use knob_methods;

/// Shared state handle type.
pub(crate) type Shared<S> = Arc<Mutex<S>>;
