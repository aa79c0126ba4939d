//! The pacing run: the desks are started again with one number at a low throughput, and a crowd of new
//! shoppers writes at once. Whatever the number of desks, their sends together must fit one token bucket
//! of that rate (its capacity is one second's worth): at most twice the rate within any second, and at
//! least (shoppers − rate) / rate seconds from the first acknowledgement to the last.

use std::time::{Duration, Instant};

use super::{
    load::{post_many, shopper, Acks},
    record::{self, Answered},
};

/// Shoppers of this run are numbered from here.
pub(super) const OFFSET: usize = 3_000_000;

/// The run's figures.
pub(super) struct Pacing {
    pub(super) rate: u32,
    pub(super) shoppers: usize,
    pub(super) answered: Answered,
    /// The most acknowledgements accepted within any one second.
    pub(super) most_in_a_second: usize,
    /// From the first acknowledgement accepted to the last.
    pub(super) span: Duration,
}

impl Pacing {
    /// Offers `shoppers` messages to the desks in turn as fast as they take them, then waits for the replies.
    pub(super) async fn run(
        http: &reqwest::Client,
        desks: &[String],
        sim: &str,
        acks: &Acks,
        rate: u32,
        shoppers: usize,
    ) -> anyhow::Result<Pacing> {
        post_many(http, desks, OFFSET, shoppers, 64, None).await?;
        let wa_ids: Vec<String> = (0..shoppers).map(|s| shopper(OFFSET + s)).collect();
        let limit =
            Duration::from_secs(30) + Duration::from_secs_f64(shoppers as f64 / rate.max(1) as f64);
        let started = Instant::now();
        while started.elapsed() < limit {
            let seen = acks
                .lock()
                .map(|m| wa_ids.iter().filter(|w| m.contains_key(*w)).count())
                .unwrap_or(0);
            if seen >= shoppers {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // A moment for any second reply that is still on its way.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let sent = record::sent(http, sim).await?;
        let replies = record::by_shopper(&sent, &wa_ids);
        let mut times: Vec<i64> = replies.values().flatten().map(|s| s.at_ms).collect();
        let most_in_a_second = record::most_within(&mut times, 1000);
        let span = match (times.first(), times.last()) {
            (Some(a), Some(b)) => Duration::from_millis((b - a).max(0) as u64),
            _ => Duration::ZERO,
        };
        Ok(Pacing {
            rate,
            shoppers,
            answered: Answered::count(&replies, shoppers),
            most_in_a_second,
            span,
        })
    }

    pub(super) fn print(&self, desks: usize) {
        let rate = self.rate.max(1) as usize;
        let least = self.shoppers.saturating_sub(rate) as f64 / rate as f64;
        println!(
            "  pacing, one number at {}/s, {} shoppers at once, {desks} desk(s): at most {} sent within \
             one second (one bucket: ≤ {}), all in {:.2} s (one bucket: ≥ {least:.1} s)",
            self.rate,
            self.shoppers,
            self.most_in_a_second,
            2 * rate,
            self.span.as_secs_f64()
        );
        println!(
            "    answered once: {}, not at all: {}, twice or more: {}",
            self.answered.once, self.answered.none, self.answered.twice
        );
    }
}
