//! The command-line verbs behind `main.rs`.

use anyhow::Context;
use clap::{Args, Subcommand};

use crate::{app, config::Config};

pub const CONFIG_EXAMPLE: &str = include_str!("../lifeline.example.toml");

/// Logs to stderr; `RUST_LOG` chooses the level (info by default).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).init();
}

/// `lifeline serve`.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    if config.numbers.is_empty() {
        tracing::warn!("no WhatsApp number configured: webhooks will be refused (see `lifeline config example`)");
    }
    if config.api_token.is_empty() {
        tracing::warn!("LIFELINE_API_TOKEN is not set: the REST API refuses every call");
    }
    let running = app::start(config, listener, None).await?;
    running.wait_for_signal().await
}

/// `lifeline sim` options.
#[derive(Args, Debug)]
pub struct SimArgs {
    /// Where the simulator listens.
    #[arg(long, default_value = "127.0.0.1:9090")]
    pub bind: String,
    /// The desk's webhook URL.
    #[arg(long, default_value = "http://127.0.0.1:8080/webhooks/whatsapp")]
    pub webhook_url: String,
}

/// `lifeline bench …`.
#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Inbound messages/s, webhook and acknowledgement latency, peak RSS.
    Ingest,
}

pub async fn demo(_bind: &str) -> anyhow::Result<()> {
    anyhow::bail!("the demo needs the sandbox, which is not built yet")
}

pub async fn sim(_args: SimArgs) -> anyhow::Result<()> {
    anyhow::bail!("the simulator is not built yet")
}

pub async fn bench(_what: BenchCommand) -> anyhow::Result<()> {
    anyhow::bail!("not built yet")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_configuration_is_valid() {
        let c: crate::config::Config = toml::from_str(super::CONFIG_EXAMPLE).expect("lifeline.example.toml must parse");
        assert_eq!(c.numbers.len(), 1);
        c.validate().unwrap();
    }
}
