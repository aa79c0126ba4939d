//! Shoppers who write several messages, split across the desks in order, as Meta delivers through a load
//! balancer: the first gives the order number, the later ones do not. Every shopper must be answered
//! once, from the first message; an acknowledgement without the order number was written from a later
//! message, handled before the first.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use tokio::sync::Semaphore;

use super::{
    fleet::Fleet,
    load::{post, post_many, shopper, Acks},
    record::{self, Answered},
    IngestArgs,
};
use crate::bench::{db::BenchDb, Said};

/// Shoppers of this phase are numbered from here.
const OFFSET: usize = 2_000_000;

/// What the shoppers say after their first message.
const LATER: [&str; 3] = [
    "Alguém pode me ajudar?",
    "Ainda estou esperando uma resposta",
    "Por favor, me respondam",
];

/// The order number the `s`th shopper gives in their first message.
fn order_of(s: usize) -> String {
    format!("{}", 20_000 + s % 70_000)
}

/// The `k`th message of the `s`th shopper, stamped `k` seconds after `base`.
fn message(s: usize, k: usize, base: i64) -> Vec<u8> {
    let first = format!("Oi, meu pedido #{} ainda não chegou", order_of(s));
    let said = Said {
        wa_id: &shopper(OFFSET + s),
        name: &format!("Shopper {s}"),
        wamid: &format!("wamid.conv.{s}.{k}"),
        timestamp: base + k as i64,
        text: if k == 0 {
            &first
        } else {
            LATER[(k - 1) % LATER.len()]
        },
    };
    said.webhook()
}

/// Posts every shopper's messages, each only after the one before it was accepted (200): the desks knew
/// of the earlier message before the later one existed. The `k`th goes to desk `(s + k) % N`; shoppers
/// start evenly over `spread`, in parallel over `connections`. Returns how long it took.
async fn offer(
    http: &reqwest::Client,
    desks: &[String],
    shoppers: usize,
    messages: usize,
    connections: usize,
    spread: Duration,
) -> Duration {
    let permits = Arc::new(Semaphore::new(connections.max(1)));
    // In the past, so that the last message is not from the future either.
    let base = chrono::Utc::now().timestamp() - messages as i64 - 5;
    let started = Instant::now();
    let tasks: Vec<_> = (0..shoppers)
        .map(|s| {
            let (http, desks, permits) = (http.clone(), desks.to_vec(), permits.clone());
            let starts = started + spread.mul_f64(s as f64 / shoppers.max(1) as f64);
            tokio::spawn(async move {
                tokio::time::sleep_until(starts.into()).await;
                for k in 0..messages {
                    let Ok(_permit) = permits.acquire().await else {
                        return;
                    };
                    let desk = &desks[(s + k) % desks.len()];
                    // Meta posts again until it gets a 200.
                    while !post(&http, desk, message(s, k, base)).await {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            })
        })
        .collect();
    for t in tasks {
        let _ = t.await;
    }
    started.elapsed()
}

/// Who was answered how, and which acknowledgements came from a later message.
struct Conversations {
    answered: Answered,
    /// Shoppers whose (first) acknowledgement lacks the order number of their first message.
    inverted: usize,
    example: Option<String>,
}

impl Conversations {
    fn count(sent: &[record::Sent], shoppers: usize) -> Conversations {
        let wa_ids: Vec<String> = (0..shoppers).map(|s| shopper(OFFSET + s)).collect();
        let replies = record::by_shopper(sent, &wa_ids);
        let mut inverted = 0;
        let mut example = None;
        for (s, wa_id) in wa_ids.iter().enumerate() {
            let Some(first) = replies.get(wa_id.as_str()).and_then(|r| r.first()) else {
                continue;
            };
            if !first.text.contains(&order_of(s)) {
                inverted += 1;
                example.get_or_insert_with(|| {
                    first.text.replace('\n', " ").chars().take(120).collect()
                });
            }
        }
        Conversations {
            answered: Answered::count(&replies, shoppers),
            inverted,
            example,
        }
    }
}

/// One-message shoppers offered beside the conversations are numbered from here.
pub(super) const BACKGROUND: usize = 4_000_000;

/// How many one-message shoppers are offered beside the conversations: the steady rate over the spread.
pub(super) fn background(args: &IngestArgs) -> usize {
    if args.shoppers == 0 {
        return 0;
    }
    (args.rate * args.seconds.max(1)) as usize
}

/// The phase's figures, with what the database says about the order messages were handled in.
pub(super) struct Conversed {
    counted: Conversations,
    posted_in: Duration,
    /// Shoppers whose messages were handled out of timestamp order, and shoppers with messages never
    /// handled.
    handled: Option<(usize, usize)>,
}

impl Conversed {
    /// Several messages per shopper, split across the desks in order, under load: one-message shoppers
    /// at the steady rate meanwhile, so that the desks' workers lag as they do on a busy day.
    pub(super) async fn run(
        args: &IngestArgs,
        fleet: &Fleet,
        http: &reqwest::Client,
        db: &BenchDb,
    ) -> anyhow::Result<Conversed> {
        let spread = Duration::from_secs(args.seconds.max(1));
        let (posted_in, _) = tokio::join!(
            offer(
                http,
                &fleet.desk_urls,
                args.shoppers,
                args.messages_per_shopper,
                args.connections,
                spread,
            ),
            post_many(
                http,
                &fleet.desk_urls,
                BACKGROUND,
                background(args),
                args.connections,
                Some((args.rate, Acks::default())),
            )
        );
        let wa_ids: Vec<String> = (0..args.shoppers).map(|s| shopper(OFFSET + s)).collect();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let sent = record::sent(http, &fleet.sim_url).await?;
            let done = record::by_shopper(&sent, &wa_ids).len() >= args.shoppers;
            if done || Instant::now() > deadline {
                break;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        // The replies go out within milliseconds at 5,000/s; a few seconds more for any second one.
        tokio::time::sleep(Duration::from_secs(3)).await;
        let sent = record::sent(http, &fleet.sim_url).await?;
        let handled = match db.reader().await {
            Ok(reader) => {
                let h = record::handled_out_of_order(&reader).await.ok();
                reader.close().await;
                h
            }
            Err(_) => None,
        };
        Ok(Conversed {
            counted: Conversations::count(&sent, args.shoppers),
            posted_in,
            handled,
        })
    }

    pub(super) fn print(&self, args: &IngestArgs) {
        let a = &self.counted.answered;
        println!(
            "  {} shoppers × {} messages, split across {} desk(s) in order, beside {} one-message \
             shoppers at {}/s (posted in {:.1} s):",
            args.shoppers,
            args.messages_per_shopper,
            args.desks,
            background(args),
            args.rate,
            self.posted_in.as_secs_f64()
        );
        println!(
            "    answered once {}, not at all {}, twice or more (duplicates) {}",
            a.once, a.none, a.twice
        );
        println!(
            "    inversions: {} acknowledgements written from a later message (no order number){}",
            self.counted.inverted,
            self.counted
                .example
                .as_ref()
                .map(|e| format!(", e.g. \"{e}\""))
                .unwrap_or_default()
        );
        match self.handled {
            Some((inverted, unhandled)) => println!(
                "    handled out of timestamp order (desk database): {inverted} shoppers; {unhandled} \
                 with messages never handled"
            ),
            None => println!("    handled out of timestamp order: the desk database could not be read"),
        }
    }
}
