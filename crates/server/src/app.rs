//! Starting the desk: state from config, workers, the HTTP server, and a graceful stop.

use std::{path::PathBuf, sync::Arc, time::Duration};

use anyhow::Context;
use axum::Router;
use tokio::{net::TcpListener, sync::mpsc::UnboundedReceiver};

use crate::{
    config::Config,
    ingest::{IngestQueue, Ingester},
    metrics::Metrics,
    numbers::Numbers,
    state::AppState,
    store::Store,
    supervise::{Role, Roster, Supervisor},
    workers::{self, inbound::Dispatcher, recorder::Recorder},
};

/// How long a stop waits for each group: the HTTP server and the workers, then the writers.
const STOP_WITHIN: Duration = Duration::from_secs(25);

/// A running desk: its address and the way to stop it.
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub state: AppState,
    workers: Supervisor,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Running {
    /// Stops taking requests and every worker, lets the sends in flight finish and be recorded, writes
    /// what the writers hold (webhooks, acceptances, the numbers' health), then returns.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let mut server = self.server;
        let http = async {
            match tokio::time::timeout(STOP_WITHIN, &mut server).await {
                Ok(done) => done.context("the HTTP server task").and_then(|r| r),
                Err(_) => {
                    tracing::warn!(
                        "connections still open after {STOP_WITHIN:?} (live event streams); closed"
                    );
                    server.abort();
                    Ok(())
                }
            }
        };
        let result = self.workers.shutdown(STOP_WITHIN, http).await;
        tracing::info!("desk stopped");
        result
    }

    /// Waits until the server stops by itself (SIGTERM / Ctrl-C handled by the caller).
    pub async fn wait_for_signal(self) -> anyhow::Result<()> {
        shutdown_signal().await;
        tracing::info!("stopping: draining sends in flight");
        self.shutdown().await
    }
}

/// What feeds the workers, kept apart from the state: the inbound shards' queues, the webhook writer's.
pub struct Feeds {
    inbound: Vec<UnboundedReceiver<i64>>,
    ingest: IngestQueue,
}

/// Builds the state from the configuration (database opened and migrated).
pub async fn build_state(config: Config) -> anyhow::Result<(AppState, Feeds)> {
    config.validate()?;
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating the data dir {}", config.data_dir.display()))?;
    let database_url = resolve_sqlite_path(&config.database_url, &config.data_dir);
    let store = Store::connect(&database_url).await?;
    let starter = lifeline_desk::canned::starter_set().map_err(anyhow::Error::msg)?;
    let seeded = store.seed_canned_replies(&starter).await?;
    if seeded > 0 {
        tracing::info!(seeded, "the starter canned replies are ready");
    }
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(64)
        .build()?;
    let numbers = Numbers::new(&config, http.clone());
    crate::numbers::load_health(&store, &numbers).await?;
    let commerce = crate::orders::Commerce::from_config(&config, http.clone())?;
    let desk = Arc::new(crate::cases::DeskRuntime::from_config(&config.desk)?);
    let number_ids: Vec<String> = config
        .numbers
        .iter()
        .map(|n| n.phone_number_id.clone())
        .collect();
    let templates = Arc::new(crate::templates::Templates::from_config(
        &config.desk,
        &number_ids,
    )?);
    let workers = match config.inbound_workers {
        0 if store.is_postgres() => 8,
        0 => 1,
        n => n,
    };
    let (dispatcher, inbound) = Dispatcher::new(workers);
    let (ingest, ingest_queue) = Ingester::new();
    let media_dir: PathBuf = config.data_dir.join("media");
    let triage_config: lifeline_triage::TriageConfig = toml::Value::Table(config.triage.clone())
        .try_into()
        .context("[triage] in the configuration")?;
    let triager = Arc::new(
        lifeline_triage::Triager::new(triage_config).context("[triage] in the configuration")?,
    );
    let state = AppState {
        config: Arc::new(config),
        store,
        numbers,
        metrics: Arc::new(Metrics::default()),
        inbound: dispatcher,
        outbox_wake: Arc::new(tokio::sync::Notify::new()),
        actions_wake: Arc::new(tokio::sync::Notify::new()),
        http,
        media_dir,
        triager,
        events: crate::events::Events::default(),
        commerce,
        desk,
        templates,
        ingest,
        workers: Arc::new(Roster::default()),
        stopping: tokio_util::sync::CancellationToken::new(),
    };
    let feeds = Feeds {
        inbound,
        ingest: ingest_queue,
    };
    Ok((state, feeds))
}

/// Keeps SQLite's write-ahead log short, off the writer's path (see `Store::checkpoint`).
async fn checkpoints(store: crate::store::Store) {
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
        if let Err(e) = store.checkpoint().await {
            tracing::debug!(error = format!("{e:#}"), "checkpoint skipped");
        }
    }
}

/// A relative SQLite path lives in the data dir, so `lifeline demo` and tests never share a file.
fn resolve_sqlite_path(url: &str, data_dir: &std::path::Path) -> String {
    match url.strip_prefix("sqlite://") {
        Some(path) if !path.starts_with('/') && !path.starts_with(':') => {
            format!("sqlite://{}", data_dir.join(path).display())
        }
        _ => url.to_string(),
    }
}

/// Starts the desk on `listener`; `extra` routes (the sandbox in `lifeline demo`) are merged in.
pub async fn start(
    config: Config,
    listener: TcpListener,
    extra: Option<Router>,
) -> anyhow::Result<Running> {
    // Named before anything runs, so every span and lease carries the same name.
    let addr = listener.local_addr()?;
    crate::leases::name_this_desk(addr);
    let (state, feeds) = build_state(config).await?;
    let mut set = Supervisor::new(state.workers.clone(), state.stopping.clone());
    start_workers(&mut set, &state, feeds);
    let mut router = crate::http::router(state.clone());
    if let Some(extra) = extra {
        router = router.merge(extra);
    }
    let stop = set.stop_signal();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(stop.cancelled_owned())
        .await
        .context("the HTTP server stopped")
    });
    tracing::info!(%addr, desk = crate::leases::this_desk(), "desk listening");
    Ok(Running {
        addr,
        state,
        workers: set,
        server,
    })
}

/// Every worker of the desk, each under its name in the supervised set.
fn start_workers(set: &mut Supervisor, state: &AppState, feeds: Feeds) {
    let (store, queue) = (state.store.clone(), feeds.ingest);
    set.spawn_draining("ingest", Role::Writer, move |stop| {
        crate::ingest::write(store.clone(), queue.clone(), stop)
    });
    workers::inbound::spawn(set, state, feeds.inbound);
    workers::actions::spawn(set, state);
    let app = state.clone();
    set.spawn("media", move || workers::media::run(app.clone()));
    let app = state.clone();
    set.spawn("breach", move || crate::cases::breach::run(app.clone()));
    let app = state.clone();
    set.spawn("followup", move || crate::cases::followup::run(app.clone()));
    let app = state.clone();
    set.spawn("late-answers", move || {
        crate::cases::promised::run(app.clone())
    });
    let app = state.clone();
    set.spawn("templates", move || crate::templates::run(app.clone()));
    if !state.store.is_postgres() {
        let store = state.store.clone();
        set.spawn("checkpoints", move || checkpoints(store.clone()));
    }
    let (recorder, accepted) = Recorder::new();
    let store = state.store.clone();
    set.spawn_draining("sender.recorder", Role::Writer, move |stop| {
        workers::recorder::record(store.clone(), accepted.clone(), stop)
    });
    let app = state.clone();
    set.spawn_draining("sender", Role::Worker, move |stop| {
        workers::sender::run(app.clone(), recorder.clone(), stop)
    });
    // A writer: stopped after the sender, so the health its last sends saw is written too.
    let (store, numbers) = (state.store.clone(), state.numbers.clone());
    set.spawn_draining("numbers.health", Role::Writer, move |stop| {
        crate::numbers::watch_health(store.clone(), numbers.clone(), stop)
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
