//! `lifeline`: the desk, its sandbox, and the tools around them.
#![forbid(unsafe_code)]

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use lifeline_server::{cli, config::Config, telemetry::LogFormat};

#[derive(Parser)]
#[command(
    name = "lifeline",
    version,
    about = "A self-hosted WhatsApp desk for order exceptions"
)]
struct Cli {
    /// Path of lifeline.toml (also LIFELINE_CONFIG).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the desk.
    Serve,
    /// Run the desk with the WhatsApp sandbox and demo data, in a fresh data dir.
    Demo {
        /// Where to listen.
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
    },
    /// Run the WhatsApp Cloud API simulator on its own.
    Sim(cli::SimArgs),
    /// Configuration helpers.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
    /// Triage JSON Lines from stdin ({"text": …, "from": …}) to stdout, one result per line.
    Triage {
        #[command(subcommand)]
        what: Option<cli::TriageCommand>,
    },
    /// Orders as the configured shop returns them.
    Order {
        #[command(subcommand)]
        what: cli::OrderCommand,
    },
    /// A parcel as the configured carrier tracker returns it.
    Track {
        number: String,
        /// Carrier code (e.g. ups, usps, dhl), when the tracker needs it.
        #[arg(long)]
        carrier: Option<String>,
    },
    /// People who work the desk (web app accounts).
    User {
        #[command(subcommand)]
        what: cli::UserCommand,
    },
    /// Benchmarks that print figures.
    Bench {
        #[command(subcommand)]
        what: cli::BenchCommand,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print a commented lifeline.toml.
    Example,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Config {
            what: ConfigCommand::Example,
        } => {
            print!("{}", cli::CONFIG_EXAMPLE);
            return Ok(());
        }
        Command::Triage { what } => {
            return cli::triage(Config::load(cli.config.clone())?, what.as_ref())
        }
        _ => {}
    }
    // `serve` reads its log format from lifeline.toml too; the other commands from the environment.
    let serve_config = match cli.command {
        Command::Serve => Some(Config::load(cli.config.clone())?),
        _ => None,
    };
    cli::init_tracing(
        serve_config
            .as_ref()
            .map_or_else(LogFormat::from_env, |c| c.log.format),
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command {
            Command::Serve => match serve_config {
                Some(config) => cli::serve(config).await,
                None => cli::serve(Config::load(cli.config)?).await,
            },
            Command::Demo { bind } => cli::demo(&bind).await,
            Command::Sim(args) => cli::sim(args).await,
            Command::Bench { what } => cli::bench(what).await,
            Command::User { what } => cli::user(Config::load(cli.config)?, what).await,
            Command::Order { what } => cli::order(Config::load(cli.config)?, what).await,
            Command::Track { number, carrier } => {
                cli::track(Config::load(cli.config)?, &number, carrier.as_deref()).await
            }
            Command::Config { .. } | Command::Triage { .. } => Ok(()),
        }
    })
}
