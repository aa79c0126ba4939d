//! The command-line verbs behind `main.rs`.

use anyhow::Context;
use clap::{Args, Subcommand};

use lifeline_sandbox::{Sandbox, SimConfig};

use crate::{app, config::Config, telemetry::LogFormat};

pub const CONFIG_EXAMPLE: &str = include_str!("../lifeline.example.toml");

/// Logs to stderr as text or JSON lines; `RUST_LOG` chooses the level (info by default). A panic is
/// logged like any error, inside the span of the worker or request it struck.
pub fn init_tracing(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .init(),
    }
    std::panic::set_hook(Box::new(|panic| tracing::error!(%panic, "panic")));
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
    /// The desk's webhook URL. Given more than once (several desks on one database), webhooks go to
    /// each in turn, as through a load balancer.
    #[arg(long, default_value = "http://127.0.0.1:8080/webhooks/whatsapp")]
    pub webhook_url: Vec<String>,
    /// Messages per second the simulated number accepts (Meta's default is 80).
    #[arg(long, default_value_t = 80)]
    pub throughput_mps: u32,
    /// Hold each accepted message's receipts (sent, delivered, read) for a random time up to this long
    /// (`60s`, `2m`), as when Meta's status delivery lags.
    #[arg(long, value_parser = span, default_value = "0s")]
    pub receipt_delay_max: std::time::Duration,
    /// Keep redelivering a refused webhook for this long (1 s, 2 s, then every 5 s) instead of Meta's
    /// schedule of 1 s … 1 h, so a desk that was down gets its backlog as soon as it is back.
    #[arg(long, value_parser = span)]
    pub webhook_retry_for: Option<std::time::Duration>,
}

/// Parses a span of time as the configuration writes it: `500ms`, `60s`, `3m`, `1h`.
pub fn span(text: &str) -> Result<std::time::Duration, String> {
    crate::config::humane::parse(text)
        .ok_or_else(|| format!("{text:?} is not a span of time such as 500ms, 60s, 3m or 1h"))
}

/// `lifeline triage …`.
#[derive(Subcommand, Debug)]
pub enum TriageCommand {
    /// Accuracy per field, kind and language on a labelled set (the built-in development and holdout
    /// sets when no file is given), with the confusion between kinds.
    Eval {
        /// A labelled JSON Lines file (text, from, language, kind, priority, order_numbers, …).
        file: Option<std::path::PathBuf>,
    },
}

/// `lifeline triage`: stdin to stdout, or an evaluation.
pub fn triage(config: Config, what: Option<&TriageCommand>) -> anyhow::Result<()> {
    let patterns: lifeline_triage::TriageConfig = toml::Value::Table(config.triage.clone())
        .try_into()
        .context("[triage] in the configuration")?;
    let triager = lifeline_triage::Triager::new(patterns)?;
    match what {
        None => {
            let stdin = std::io::stdin().lock();
            let stdout = std::io::BufWriter::new(std::io::stdout().lock());
            lifeline_triage::run_jsonl(stdin, stdout, &triager)?;
        }
        Some(TriageCommand::Eval { file: Some(path) }) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            println!("{}", lifeline_triage::eval::evaluate(&triager, &text));
        }
        Some(TriageCommand::Eval { file: None }) => {
            println!(
                "== development set (tuned on) ==\n{}",
                lifeline_triage::eval::evaluate(&triager, lifeline_triage::DEV_SET)
            );
            println!(
                "== holdout set (never tuned on) ==\n{}",
                lifeline_triage::eval::evaluate(&triager, lifeline_triage::HOLDOUT_SET)
            );
            println!(
                "== blind set (written after the last tuning, scored once) ==\n{}",
                lifeline_triage::eval::evaluate(&triager, lifeline_triage::BLIND_SET)
            );
        }
    }
    Ok(())
}

/// `lifeline order …`.
#[derive(Subcommand, Debug)]
pub enum OrderCommand {
    /// Print an order as the configured shop returns it (with its parcels from the tracker).
    Show {
        number: String,
        /// Only ask this store (its `name` in lifeline.toml).
        #[arg(long)]
        store: Option<String>,
    },
}

/// `lifeline order show`.
pub async fn order(config: Config, what: OrderCommand) -> anyhow::Result<()> {
    let OrderCommand::Show { number, store } = what;
    let commerce = crate::orders::Commerce::from_config(&config, reqwest::Client::new())?;
    if !commerce.is_configured() {
        anyhow::bail!("no store is configured: add a [[stores]] block to lifeline.toml (see `lifeline config example`)");
    }
    match commerce
        .find_order(number.trim_start_matches('#'), store.as_deref())
        .await?
    {
        Some((store, order)) => {
            println!("store: {store}\n{order}");
            Ok(())
        }
        None => anyhow::bail!("order {number} was not found"),
    }
}

/// `lifeline track NUMBER [--carrier CODE]`.
pub async fn track(config: Config, number: &str, carrier: Option<&str>) -> anyhow::Result<()> {
    let commerce = crate::orders::Commerce::from_config(&config, reqwest::Client::new())?;
    let tracker = commerce.tracker.ok_or_else(|| {
        anyhow::anyhow!("no tracker is configured: add a [tracking] block to lifeline.toml")
    })?;
    match tracker.track(number, carrier).await? {
        Some(shipment) => {
            println!("{shipment}");
            Ok(())
        }
        None => anyhow::bail!("{} knows no parcel {number}", tracker.name()),
    }
}

/// `lifeline bench …`.
#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Inbound messages/s, webhook and acknowledgement latency, peak RSS.
    Ingest(crate::bench::IngestArgs),
    /// Exactly-once under kill -9: the desk is killed and restarted during a steady load, with late
    /// receipts; counts every shopper's acknowledgements at the simulator.
    Crash(crate::bench::CrashArgs),
}

/// `lifeline demo`: the desk and the sandbox in one process, on one port, in a fresh data dir.
pub async fn demo(bind: &str) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind} (try --bind 127.0.0.1:0)"))?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");
    let data_dir =
        std::env::temp_dir().join(format!("lifeline-demo-{}", uuid::Uuid::new_v4().simple()));
    let mut sim = SimConfig::demo(&format!("{base}/webhooks/whatsapp"), &base);
    sim.auto_receipts = true;
    let mut config = crate::sandbox::desk_config_for(&sim, &format!("{base}/graph"), &data_dir);
    crate::sandbox::add_demo_store(&mut config)?;
    let token = config.api_token.expose().to_string();
    let sandbox = Sandbox::new(sim);
    let running = app::start(config, listener, Some(sandbox.router())).await?;
    let login = crate::web::demo_login(&running.state).await?;
    println!();
    println!(
        "  Lifeline demo is running (SQLite and the WhatsApp sandbox, data in {}).",
        data_dir.display()
    );
    println!();
    println!("  Agents' web app:    {base}{}", login.path);
    println!(
        "                      (signs you in once; then {} / {})",
        login.email, login.password
    );
    println!("  Chat as a shopper:  {base}/sandbox/phone");
    println!("  REST API:           {base}/api/v1/conversations");
    println!("                      Authorization: Bearer {token}");
    println!("  Health and metrics: {base}/readyz  {base}/metrics");
    println!(
        "  Demo orders:        {} (try order #1001 … #1044)",
        data_dir.join("demo-orders.json").display()
    );
    println!();
    println!("  Stop with Ctrl-C.");
    running.wait_for_signal().await
}

/// `lifeline user …`.
#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account for the web app (the first admin, say); without --password one is generated
    /// and printed once.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "supervisor", "agent"])]
        role: String,
        /// At least 10 characters (also LIFELINE_NEW_PASSWORD, to keep it out of the process list).
        #[arg(long, env = "LIFELINE_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
}

/// `lifeline user add`: creates an account in the configured database.
pub async fn user(config: Config, what: UserCommand) -> anyhow::Result<()> {
    let UserCommand::Add {
        email,
        role,
        password,
    } = what;
    let role = crate::web::parse_role(&role).context("the role is admin, supervisor or agent")?;
    let (state, _) = app::build_state(config).await?;
    let generated = password.is_none();
    let password =
        crate::web::create_person(&state.store, &email, role, password.as_deref()).await?;
    println!(
        "Created {} ({}).",
        email.trim().to_lowercase(),
        role.as_str()
    );
    if generated {
        println!("Password (shown only now): {password}");
    }
    Ok(())
}

/// `lifeline sim`: the Cloud API simulator on its own, for a desk started with `lifeline serve`.
pub async fn sim(args: SimArgs) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(&args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    let base = format!("http://{}", listener.local_addr()?);
    let (first, others) = args
        .webhook_url
        .split_first()
        .context("a --webhook-url is needed")?;
    let mut sim = SimConfig::demo(first, &base);
    sim.load_balanced = others.to_vec();
    sim.auto_receipts = true;
    sim.throughput_mps = args.throughput_mps;
    sim.receipt_delay_max = args.receipt_delay_max;
    if let Some(span) = args.webhook_retry_for {
        sim.retry_schedule = SimConfig::retry_for(span);
    }
    let n = &sim.numbers[0];
    println!("WhatsApp sandbox on {base}; phone page {base}/sandbox/phone");
    println!("Point a desk at it with:");
    println!(
        "  LIFELINE_WHATSAPP_API_BASE={base}/graph LIFELINE_WHATSAPP_PHONE_NUMBER_ID={} \\",
        n.phone_number_id
    );
    println!(
        "  LIFELINE_WHATSAPP_ACCESS_TOKEN={} LIFELINE_WHATSAPP_APP_SECRET={} \\",
        n.access_token, n.app_secret
    );
    println!(
        "  LIFELINE_WHATSAPP_DISPLAY_PHONE_NUMBER={} lifeline serve",
        n.display_phone_number
    );
    let router = Sandbox::new(sim).router();
    axum::serve(listener, router).await?;
    Ok(())
}

pub async fn bench(what: BenchCommand) -> anyhow::Result<()> {
    match what {
        BenchCommand::Ingest(args) => crate::bench::ingest(args).await,
        BenchCommand::Crash(args) => crate::bench::crash(args).await,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_example_configuration_is_valid() {
        let c: crate::config::Config =
            toml::from_str(super::CONFIG_EXAMPLE).expect("lifeline.example.toml must parse");
        assert_eq!(c.numbers.len(), 1);
        c.validate().unwrap();
        crate::cases::DeskRuntime::from_config(&c.desk)
            .expect("the example's [desk] sections are valid");
        let shops = crate::orders::Commerce::from_config(&c, reqwest::Client::new())
            .expect("the example's stores are valid");
        assert_eq!(shops.stores.len(), 1);
    }
}
