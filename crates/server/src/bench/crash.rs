//! `lifeline bench crash`: exactly once under kill -9, with late receipts, measured from outside.
//!
//! The desk and the simulator run as separate processes. A steady load offers one new shopper's message
//! at a time and posts each webhook until the desk answers 200, as Meta does. Meanwhile the desk is killed
//! with SIGKILL at even intervals and restarted at once on the same database, and the simulator holds
//! every message's receipts for a random delay. At the end the simulator's own record says how many
//! acknowledgements each shopper got, and the desk's database how many messages it stored.

use std::{
    path::Path,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use tokio::sync::Semaphore;

use super::{db::BenchDb, free_port, pct, wait_up, webhook_body, SECRET};
use procs::{start_simulator, wait_for_desk, Desk};
use tally::{DeskCounts, Tally};

mod procs;
mod tally;

/// The database the desk runs on during `lifeline bench crash`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum Database {
    Sqlite,
    Postgres,
}

/// Options of `lifeline bench crash`.
#[derive(clap::Args, Debug, Clone)]
pub struct CrashArgs {
    #[arg(long, value_enum, default_value_t = Database::Sqlite)]
    pub database: Database,
    /// The PostgreSQL server on which each run creates a fresh database.
    #[arg(
        long,
        env = "LIFELINE_TEST_POSTGRES_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    pub postgres_url: String,
    /// Offered inbound messages/s.
    #[arg(long, default_value_t = 400)]
    pub rate: u64,
    /// Messages, one new shopper each.
    #[arg(long, default_value_t = 24_000)]
    pub messages: usize,
    /// How many times the desk is killed with SIGKILL while the messages arrive.
    #[arg(long, default_value_t = 13)]
    pub kills: usize,
    /// Each accepted reply's receipts wait a random time up to this long at the simulator.
    #[arg(long, value_parser = crate::cli::span, default_value = "60s")]
    pub receipt_delay_max: Duration,
    /// The desk's `[sending] settle_window`.
    #[arg(long, value_parser = crate::cli::span, default_value = "3m")]
    pub settle_window: Duration,
    /// Webhook POSTs in flight at once.
    #[arg(long, default_value_t = 64)]
    pub connections: usize,
    /// Keep the temp dir (desk logs) and the PostgreSQL database even when the run passes.
    #[arg(long)]
    pub keep: bool,
}

/// The desk's `[sending] lease`, written into its configuration.
const LEASE: Duration = Duration::from_secs(30);
/// A webhook the desk refused is posted again this much later.
const REPOST_AFTER: Duration = Duration::from_millis(200);
/// Shoppers are numbered from here: 5511900000000 is the simulator's number that is not on WhatsApp.
const FIRST_SHOPPER: usize = 1;

pub async fn crash(args: CrashArgs) -> anyhow::Result<()> {
    let dir =
        std::env::temp_dir().join(format!("lifeline-crash-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir)?;
    let postgres = (args.database == Database::Postgres).then_some(args.postgres_url.as_str());
    let db = BenchDb::create(postgres, &dir).await?;
    let result = run(&args, &dir, &db).await;
    let passed = matches!(&result, Ok(true));
    if passed && !args.keep {
        db.drop().await;
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        println!("  desk logs in {}{}", dir.display(), db.named());
    }
    match result {
        Ok(true) => Ok(()),
        Ok(false) => anyhow::bail!("replies were lost or sent twice"),
        Err(e) => Err(e),
    }
}

/// One run; true when every shopper got exactly one acknowledgement.
async fn run(args: &CrashArgs, dir: &Path, db: &BenchDb) -> anyhow::Result<bool> {
    let (desk_port, sim_port) = (free_port()?, free_port()?);
    let desk_url = format!("http://127.0.0.1:{desk_port}");
    let sim = format!("http://127.0.0.1:{sim_port}");
    let deadline_after =
        LEASE + args.settle_window + args.receipt_delay_max + Duration::from_secs(60);
    let _sim = start_simulator(args, dir, sim_port, &desk_url, deadline_after * 2)?;
    let mut desk = Desk::new(args, dir, desk_port, &sim, &db.desk_url)?;
    desk.spawn()?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(args.connections)
        .build()?;
    wait_up(&http, &format!("{sim}/sandbox/api/stats")).await?;
    wait_for_desk(&http, &desk_url, &mut desk).await?;
    println!(
        "lifeline bench crash: {:?}, {} messages at {}/s, {} × kill -9, receipts delayed 0–{} s, \
         settle window {} s (lease {} s)",
        args.database,
        args.messages,
        args.rate,
        args.kills,
        args.receipt_delay_max.as_secs(),
        args.settle_window.as_secs(),
        LEASE.as_secs()
    );
    let started = Instant::now();
    let load = tokio::spawn(offer(http.clone(), desk_url.clone(), args.clone()));
    let back_after = kill_while_loading(args, &http, &desk_url, &mut desk, started).await?;
    let offered = load.await.context("the load generator")?;
    let sending = started.elapsed();
    let reader = db.reader().await?;
    let counts = tally::wait_settled(&reader, args.messages, Instant::now() + deadline_after).await;
    let settled_after = started.elapsed();
    let tally = Tally::from_simulator(&http, &sim, shoppers(args.messages)).await?;
    reader.close().await;
    desk.kill();
    let report = Report {
        offered,
        back_after,
        counts,
        tally,
        resent: tally::count_in_logs(dir, "sending again"),
        confirmed: tally::count_in_logs(dir, "confirmed by its receipt"),
        sending,
        settled_after,
    };
    report.print(args);
    Ok(report.tally.lost() == 0 && report.tally.duplicated == 0)
}

/// Kills the desk `kills` times at even intervals of the sending and starts it again at once; returns how
/// long after each kill it answered again.
async fn kill_while_loading(
    args: &CrashArgs,
    http: &reqwest::Client,
    url: &str,
    desk: &mut Desk,
    started: Instant,
) -> anyhow::Result<Vec<f64>> {
    let span = Duration::from_secs_f64(args.messages as f64 / args.rate.max(1) as f64);
    let mut back_after = Vec::with_capacity(args.kills);
    for k in 1..=args.kills {
        let at = started + span.mul_f64(k as f64 / (args.kills + 1) as f64);
        tokio::time::sleep_until(at.into()).await;
        desk.kill();
        let killed = Instant::now();
        desk.spawn()?;
        wait_for_desk(http, url, desk).await?;
        back_after.push(killed.elapsed().as_secs_f64());
    }
    back_after.sort_by(|a, b| a.total_cmp(b));
    Ok(back_after)
}

/// What the load generator did.
struct Offered {
    /// Webhooks the desk answered 200.
    accepted: usize,
    /// POSTs refused or unanswered while the desk was down.
    refused: u64,
    /// Messages whose webhook was never accepted.
    gave_up: usize,
}

/// Offers `messages` webhooks at `rate`, each posted until the desk answers 200.
async fn offer(http: reqwest::Client, desk: String, args: CrashArgs) -> Offered {
    let permits = Arc::new(Semaphore::new(args.connections.max(1)));
    let url = format!("{desk}/webhooks/whatsapp");
    let start = Instant::now();
    let mut tasks = Vec::with_capacity(args.messages);
    for (i, wa_id) in shoppers(args.messages).enumerate() {
        let due = start + Duration::from_secs_f64(i as f64 / args.rate.max(1) as f64);
        tokio::time::sleep_until(due.into()).await;
        let body = webhook_body(&wa_id, FIRST_SHOPPER + i);
        tasks.push(tokio::spawn(post_until_accepted(
            http.clone(),
            url.clone(),
            body,
            permits.clone(),
        )));
    }
    let mut offered = Offered {
        accepted: 0,
        refused: 0,
        gave_up: 0,
    };
    for task in tasks {
        match task.await.ok().flatten() {
            Some(refused) => {
                offered.accepted += 1;
                offered.refused += refused;
            }
            None => offered.gave_up += 1,
        }
    }
    offered
}

/// Posts one signed webhook until a 200 (Some: how many POSTs failed first) or ten minutes pass (None).
async fn post_until_accepted(
    http: reqwest::Client,
    url: String,
    body: Vec<u8>,
    permits: Arc<Semaphore>,
) -> Option<u64> {
    let sig = lifeline_whatsapp::signature::sign(SECRET.as_bytes(), &body);
    let give_up = Instant::now() + Duration::from_secs(600);
    let mut refused = 0;
    loop {
        let accepted = {
            let _permit = permits.acquire().await.ok()?;
            http.post(&url)
                .header("content-type", "application/json")
                .header("x-hub-signature-256", &sig)
                .timeout(Duration::from_secs(10))
                .body(body.clone())
                .send()
                .await
                .is_ok_and(|r| r.status() == reqwest::StatusCode::OK)
        };
        if accepted {
            return Some(refused);
        }
        refused += 1;
        if Instant::now() > give_up {
            return None;
        }
        tokio::time::sleep(REPOST_AFTER).await;
    }
}

/// The shoppers' wa_ids, one per message.
fn shoppers(n: usize) -> impl Iterator<Item = String> {
    (FIRST_SHOPPER..FIRST_SHOPPER + n).map(|i| format!("55119{i:08}"))
}

/// Everything the run prints.
struct Report {
    offered: Offered,
    back_after: Vec<f64>,
    counts: Option<DeskCounts>,
    tally: Tally,
    resent: usize,
    confirmed: usize,
    sending: Duration,
    settled_after: Duration,
}

impl Report {
    fn print(&self, args: &CrashArgs) {
        let o = &self.offered;
        println!(
            "  desk killed {} times, answering again after p50 {:.2} s, max {:.2} s",
            self.back_after.len(),
            pct(&self.back_after, 0.5),
            pct(&self.back_after, 1.0)
        );
        println!(
            "  webhooks: {} posted in {:.1} s, {} accepted (200), {} POSTs refused while the desk was down, {} never accepted",
            args.messages,
            self.sending.as_secs_f64(),
            o.accepted,
            o.refused,
            o.gave_up
        );
        match &self.counts {
            Some(c) => c.print(),
            None => println!("  desk database: could not be read"),
        }
        println!(
            "  sends left in flight by a kill: {} confirmed by their receipt, {} sent again after the settle window",
            self.confirmed, self.resent
        );
        self.tally.print();
        println!(
            "  wall time: {:.1} s ({:.1} s of sending, settled {:.1} s after it)",
            self.settled_after.as_secs_f64(),
            self.sending.as_secs_f64(),
            (self.settled_after - self.sending).as_secs_f64()
        );
    }
}
