//! Starting the desk: state from config, workers, the HTTP server, and a graceful stop.

use std::{path::PathBuf, sync::Arc, time::Duration};

use anyhow::Context;
use axum::Router;
use tokio::{net::TcpListener, sync::watch};

use crate::{
    config::Config,
    metrics::Metrics,
    numbers::Numbers,
    state::AppState,
    store::Store,
    workers::{self, inbound::Dispatcher},
};

/// A running desk: its address and the way to stop it.
pub struct Running {
    pub addr: std::net::SocketAddr,
    pub state: AppState,
    stop: watch::Sender<bool>,
    server: tokio::task::JoinHandle<anyhow::Result<()>>,
    sender: tokio::task::JoinHandle<()>,
    /// Stopped after the sender, so the health its last sends saw is written too.
    health_stop: watch::Sender<bool>,
    health: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops taking requests, lets the sends in flight finish and be recorded, then returns.
    pub async fn shutdown(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        let _ = self.sender.await;
        let _ = self.health_stop.send(true);
        let _ = self.health.await;
        self.server.await??;
        Ok(())
    }

    /// Waits until the server stops by itself (SIGTERM / Ctrl-C handled by the caller).
    pub async fn wait_for_signal(self) -> anyhow::Result<()> {
        shutdown_signal().await;
        tracing::info!("stopping: draining sends in flight");
        self.shutdown().await
    }
}

/// Builds the state from the configuration (database opened and migrated).
pub async fn build_state(
    config: Config,
) -> anyhow::Result<(AppState, Vec<tokio::sync::mpsc::UnboundedReceiver<i64>>)> {
    config.validate()?;
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating the data dir {}", config.data_dir.display()))?;
    let database_url = resolve_sqlite_path(&config.database_url, &config.data_dir);
    let store = Store::connect(&database_url).await?;
    let store_for_ingest = store.clone();
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
    let (dispatcher, receivers) = Dispatcher::new(workers);
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
        http,
        media_dir,
        triager,
        events: crate::events::Events::default(),
        commerce,
        desk,
        templates,
        ingest: crate::ingest::Ingester::start(store_for_ingest),
    };
    Ok((state, receivers))
}

/// Keeps SQLite's write-ahead log short, off the writer's path (see `Store::checkpoint`).
async fn checkpoints(store: crate::store::Store) {
    if store.is_postgres() {
        return;
    }
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
    let (state, receivers) = build_state(config).await?;
    let addr = listener.local_addr()?;
    workers::inbound::spawn(state.clone(), receivers);
    tokio::spawn(workers::media::run(state.clone()));
    tokio::spawn(crate::cases::breach::run(state.clone()));
    tokio::spawn(crate::cases::followup::run(state.clone()));
    tokio::spawn(crate::templates::run(state.clone()));
    tokio::spawn(checkpoints(state.store.clone()));
    let (stop, stop_rx) = watch::channel(false);
    let sender = tokio::spawn(workers::sender::run(state.clone(), stop_rx.clone()));
    let (health_stop, health_rx) = watch::channel(false);
    let health = tokio::spawn(crate::numbers::watch_health(
        state.store.clone(),
        state.numbers.clone(),
        health_rx,
    ));
    let mut router = crate::http::router(state.clone());
    if let Some(extra) = extra {
        router = router.merge(extra);
    }
    let mut stop_http = stop_rx;
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            let _ = stop_http.wait_for(|s| *s).await;
        })
        .await
        .context("the HTTP server stopped")
    });
    tracing::info!(%addr, "desk listening");
    Ok(Running {
        addr,
        state,
        stop,
        server,
        sender,
        health_stop,
        health,
    })
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
