//! `lifeline bench ingest`: N desks on one database (SQLite for one desk, or a fresh PostgreSQL database)
//! and one simulator whose Graph API they all send to, as separate processes; signed webhooks from
//! concurrent connections, handed to the desks in turn as a load balancer would.
//!
//! First a light load (100 messages/s by default) on the idle desks: what a shopper writing at a quiet
//! moment waits for the acknowledgement. Phase 1 pushes one-message shoppers as fast as the desks take
//! them (sustained inbound messages/s). Phase 2 offers a steady rate and measures webhook latency and inbound→acknowledgement latency (webhook
//! POST until the simulator accepts the reply, seen on its live feed). Phase 3 has shoppers write several
//! messages each, split across the desks in order, and counts who was answered twice (duplicates) or from
//! a later message (inversions). Last, the desks start again with one number paced low, and the
//! simulator's record says whether all desks together kept to one bucket. The desks' logs are read for
//! deadlocks and errors.

use std::{path::Path, time::Duration};

use super::{cpu_ms, db::BenchDb, pct, peak_rss_kb};
use conversation::Conversed;
use fleet::Fleet;
use load::{listen_for_acks, post_many, shopper, wait_for_acks, Acks};
use pacing::Pacing;
use record::{Answered, Logged};

mod conversation;
mod fleet;
mod load;
mod pacing;
mod record;

/// Options of `lifeline bench ingest`.
#[derive(clap::Args, Debug, Clone)]
pub struct IngestArgs {
    /// Messages in the saturation phase (0: skip it).
    #[arg(long, default_value_t = 20_000)]
    pub burst: usize,
    /// Concurrent connections.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Offered rate of the latency phase, messages/s.
    #[arg(long, default_value_t = 1000)]
    pub rate: u64,
    /// Length of the latency phase, seconds (0: skip it).
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Offered rate of the light-load phase, run first on the idle desk: what a shopper writing at a
    /// quiet moment waits, messages/s.
    #[arg(long, default_value_t = 100)]
    pub light_rate: u64,
    /// Length of the light-load phase, seconds (0: skip it).
    #[arg(long, default_value_t = 5)]
    pub light_seconds: u64,
    /// `sqlite` (a file in the desk's data dir), or a PostgreSQL server's URL (`postgres://…`) on which
    /// the run creates a fresh database and drops it afterwards.
    #[arg(long, default_value = "sqlite")]
    pub database: String,
    /// Desks sharing the database (more than one needs PostgreSQL).
    #[arg(long, default_value_t = 1)]
    pub desks: usize,
    /// Shoppers of the conversation phase (0: skip it).
    #[arg(long, default_value_t = 300)]
    pub shoppers: usize,
    /// Messages each of them writes; only the first gives the order number.
    #[arg(long, default_value_t = 3)]
    pub messages_per_shopper: usize,
    /// The pacing run's throughput for the number, messages/s.
    #[arg(long, default_value_t = 20)]
    pub pacing_mps: u32,
    /// Shoppers writing at once in the pacing run (0: skip it).
    #[arg(long, default_value_t = 80)]
    pub pacing_shoppers: usize,
    /// Keep the temp dir (desk logs) and the PostgreSQL database.
    #[arg(long)]
    pub keep: bool,
}

/// Runs the benchmark and prints its figures.
pub async fn ingest(args: IngestArgs) -> anyhow::Result<()> {
    let postgres = args
        .database
        .starts_with("postgres")
        .then_some(args.database.as_str());
    anyhow::ensure!(
        postgres.is_some() || args.database == "sqlite",
        "--database is `sqlite` or a postgres:// URL"
    );
    anyhow::ensure!(args.desks >= 1, "--desks must be at least 1");
    anyhow::ensure!(
        postgres.is_some() || args.desks == 1,
        "several desks share a PostgreSQL database, not a SQLite file"
    );
    let dir =
        std::env::temp_dir().join(format!("lifeline-bench-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(dir.join("desk-0"))?;
    let db = BenchDb::create(postgres, &dir.join("desk-0")).await?;
    let result = run(&args, &dir, &db).await;
    if args.keep || result.is_err() {
        println!("  desk logs in {}{}", dir.display(), db.named());
    } else {
        db.drop().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

async fn run(args: &IngestArgs, dir: &Path, db: &BenchDb) -> anyhow::Result<()> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()?;
    let mut fleet = Fleet::start(dir, args.desks, &db.desk_url, 5000, &http).await?;
    let acks = listen_for_acks(&http, &fleet.sim_url).await?;
    println!(
        "lifeline bench ingest: {} desk(s) and the simulator as separate processes, {}, {} connections",
        args.desks,
        if db.named().is_empty() { "SQLite" } else { "PostgreSQL" },
        args.connections
    );
    let mut acknowledged = 0;
    let light = Steady {
        rate: args.light_rate,
        seconds: args.light_seconds,
        first: LIGHT,
    };
    if light.messages() > 0 {
        steady(args, &light, &fleet, &http, &acks, acknowledged).await?;
        acknowledged += light.messages();
    }
    if args.burst > 0 {
        saturate(args, &fleet, &http, &acks, acknowledged).await?;
        acknowledged += args.burst;
    }
    let busy = Steady {
        rate: args.rate,
        seconds: args.seconds,
        first: STEADY,
    };
    if busy.messages() > 0 {
        steady(args, &busy, &fleet, &http, &acks, acknowledged).await?;
    }
    let conversations = if args.shoppers > 0 {
        Some(Conversed::run(args, &fleet, &http, db).await?)
    } else {
        None
    };
    let sent = record::sent(&http, &fleet.sim_url).await?;
    let peaks = record::peak_per_second(&sent);
    for (pid, i) in fleet.desk_pids().into_iter().zip(0..) {
        if let Some(kb) = peak_rss_kb(pid) {
            println!(
                "  desk {i} peak RSS:              {:>8.1} MiB",
                kb as f64 / 1024.0
            );
        }
    }
    if let Some(c) = &conversations {
        c.print(args);
    }
    print_one_message_shoppers(args, &sent);
    for (number, peak) in peaks {
        println!("  peak sends within one second, number {number}: {peak}");
    }
    if args.pacing_shoppers > 0 {
        fleet.restart_desks(args.pacing_mps, &http).await?;
        let p = Pacing::run(
            &http,
            &fleet.desk_urls,
            &fleet.sim_url,
            &acks,
            args.pacing_mps,
            args.pacing_shoppers,
        )
        .await?;
        p.print(args.desks);
    }
    Logged::read(dir).print();
    Ok(())
}

/// Phases 1 and 2, and the shoppers beside the conversations: each wrote once and is owed one reply.
fn print_one_message_shoppers(args: &IngestArgs, sent: &[record::Sent]) {
    let steady_n = (args.rate * args.seconds) as usize;
    let light_n = (args.light_rate * args.light_seconds) as usize;
    let beside = conversation::background(args);
    let one_each = args.burst + steady_n + light_n + beside;
    if one_each == 0 {
        return;
    }
    let wa_ids: Vec<String> = (0..args.burst)
        .chain((0..steady_n).map(|i| STEADY + i))
        .chain((0..light_n).map(|i| LIGHT + i))
        .chain((0..beside).map(|i| conversation::BACKGROUND + i))
        .map(shopper)
        .collect();
    let a = Answered::count(&record::by_shopper(sent, &wa_ids), one_each);
    println!(
        "  one-message shoppers ({one_each}): answered once {}, not at all {}, twice or more (duplicates) {}",
        a.once, a.none, a.twice
    );
}

/// Shoppers of the steady phase are numbered from here.
const STEADY: usize = 1_000_000;
/// Shoppers of the light-load phase are numbered from here.
const LIGHT: usize = 2_000_000;

/// A phase at an offered rate.
struct Steady {
    rate: u64,
    seconds: u64,
    /// The first shopper's number.
    first: usize,
}

impl Steady {
    fn messages(&self) -> usize {
        (self.rate * self.seconds) as usize
    }
}

/// Phase 1: as fast as the desks take them.
/// `before` shoppers (the light load's) were acknowledged already.
async fn saturate(
    args: &IngestArgs,
    fleet: &Fleet,
    http: &reqwest::Client,
    acks: &Acks,
    before: usize,
) -> anyhow::Result<()> {
    let pids = fleet.desk_pids();
    let cpu_before = (cpu_of(&pids), cpu_ms(fleet.sim_pid()));
    let started = std::time::Instant::now();
    let lat = post_many(
        http,
        &fleet.desk_urls,
        0,
        args.burst,
        args.connections,
        None,
    )
    .await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "  sustained inbound:            {:>8.0} messages/s ({} messages in {secs:.2} s)",
        args.burst as f64 / secs,
        args.burst
    );
    println!(
        "  webhook latency at saturation: p50 {:>6.2} ms  p99 {:>6.2} ms",
        pct(&lat, 0.50),
        pct(&lat, 0.99)
    );
    wait_for_acks(acks, before + args.burst, Duration::from_secs(120)).await;
    let drained = started.elapsed().as_secs_f64();
    let got = acks
        .lock()
        .map(|m| m.len())
        .unwrap_or(0)
        .saturating_sub(before);
    println!(
        "  {got} of {} acknowledged after: {drained:>8.2} s ({:.0} messages/s end to end)",
        args.burst,
        got as f64 / drained
    );
    if let ((Some(d0), Some(s0)), Some(d1), Some(s1)) =
        (cpu_before, cpu_of(&pids), cpu_ms(fleet.sim_pid()))
    {
        // CPU time per message hardly depends on what else the machine is doing, unlike rates.
        println!(
            "  CPU per 1,000 messages:       desks {:>6.0} ms, simulator {:>6.0} ms",
            (d1 - d0) * 1000.0 / args.burst as f64,
            (s1 - s0) * 1000.0 / args.burst as f64
        );
    }
    Ok(())
}

/// The desks' CPU time together, in ms.
fn cpu_of(pids: &[u32]) -> Option<f64> {
    pids.iter().map(|p| cpu_ms(*p)).sum()
}

/// A steady offered rate (the light load first, the latency phase after the burst); `before`
/// shoppers were acknowledged already.
async fn steady(
    args: &IngestArgs,
    phase: &Steady,
    fleet: &Fleet,
    http: &reqwest::Client,
    acks: &Acks,
    before: usize,
) -> anyhow::Result<()> {
    let n = phase.messages();
    let sent_at: Acks = Acks::default();
    let lat = post_many(
        http,
        &fleet.desk_urls,
        phase.first,
        n,
        args.connections,
        Some((phase.rate, sent_at.clone())),
    )
    .await?;
    println!(
        "  at {} messages/s for {} s:   webhook p50 {:>6.2} ms  p99 {:>6.2} ms",
        phase.rate,
        phase.seconds,
        pct(&lat, 0.50),
        pct(&lat, 0.99)
    );
    wait_for_acks(acks, before + n, Duration::from_secs(120)).await;
    let mut ack_lat: Vec<f64> = {
        let sent = sent_at.lock().map_err(|_| anyhow::anyhow!("lock"))?;
        let got = acks.lock().map_err(|_| anyhow::anyhow!("lock"))?;
        sent.iter()
            .filter_map(|(to, t0)| {
                got.get(to)
                    .map(|t1| t1.saturating_duration_since(*t0).as_secs_f64() * 1000.0)
            })
            .collect()
    };
    ack_lat.sort_by(|a, b| a.total_cmp(b));
    println!(
        "  inbound→acknowledgement:      p50 {:>6.2} ms  p99 {:>6.2} ms  ({} of {} acknowledged)",
        pct(&ack_lat, 0.50),
        pct(&ack_lat, 0.99),
        ack_lat.len(),
        n
    );
    Ok(())
}
