//! Meta's send limits as token buckets: throughput per number, and the pair rate per number and shopper.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// A bucket of `capacity` tokens refilled at one token per `per_token`.
#[derive(Clone, Debug)]
pub struct TokenBucket {
    capacity: f64,
    tokens: f64,
    per_token: Duration,
    last: Instant,
}

impl TokenBucket {
    pub fn new(capacity: u32, per_token: Duration, now: Instant) -> Self {
        let capacity = f64::from(capacity.max(1));
        TokenBucket {
            capacity,
            tokens: capacity,
            per_token,
            last: now,
        }
    }

    /// Takes one token if there is one; false means the limit is hit.
    pub fn try_take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last);
        self.last = now;
        let per = self.per_token.as_secs_f64();
        let refill = if per <= 0.0 {
            self.capacity
        } else {
            elapsed.as_secs_f64() / per
        };
        self.tokens = (self.tokens + refill).min(self.capacity);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// All the buckets of a simulator, keyed by number and by (number, shopper).
#[derive(Debug)]
pub struct Limits {
    throughput_mps: u32,
    pair_interval: Duration,
    pair_burst: u32,
    per_number: HashMap<String, TokenBucket>,
    per_pair: HashMap<(String, String), TokenBucket>,
}

/// Which limit refused a send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitHit {
    Throughput,
    Pair,
}

impl Limits {
    pub fn new(throughput_mps: u32, pair_interval: Duration, pair_burst: u32) -> Self {
        Limits {
            throughput_mps,
            pair_interval,
            pair_burst,
            per_number: HashMap::new(),
            per_pair: HashMap::new(),
        }
    }

    /// Counts one send from `number` to `shopper`, or says which limit it hits.
    pub fn admit(&mut self, number: &str, shopper: &str, now: Instant) -> Result<(), LimitHit> {
        let mps = self.throughput_mps.max(1);
        let bucket = self
            .per_number
            .entry(number.to_string())
            .or_insert_with(|| TokenBucket::new(mps, Duration::from_secs(1) / mps, now));
        if !bucket.try_take(now) {
            return Err(LimitHit::Throughput);
        }
        let (interval, burst) = (self.pair_interval, self.pair_burst);
        let pair = self
            .per_pair
            .entry((number.to_string(), shopper.to_string()))
            .or_insert_with(|| TokenBucket::new(burst, interval, now));
        if !pair.try_take(now) {
            return Err(LimitHit::Pair);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_allows_its_burst_then_refills_over_time() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(3, Duration::from_secs(6), t0);
        assert!(b.try_take(t0) && b.try_take(t0) && b.try_take(t0));
        assert!(!b.try_take(t0));
        assert!(!b.try_take(t0 + Duration::from_secs(5)));
        assert!(b.try_take(t0 + Duration::from_secs(6)));
    }

    #[test]
    fn the_pair_limit_is_per_shopper_and_throughput_per_number() {
        let t0 = Instant::now();
        let mut l = Limits::new(1000, Duration::from_secs(6), 2);
        assert_eq!(l.admit("n", "a", t0), Ok(()));
        assert_eq!(l.admit("n", "a", t0), Ok(()));
        assert_eq!(l.admit("n", "a", t0), Err(LimitHit::Pair));
        assert_eq!(l.admit("n", "b", t0), Ok(()));
        let mut slow = Limits::new(2, Duration::from_millis(1), 100);
        assert_eq!(slow.admit("n", "a", t0), Ok(()));
        assert_eq!(slow.admit("n", "b", t0), Ok(()));
        assert_eq!(slow.admit("n", "c", t0), Err(LimitHit::Throughput));
        assert_eq!(slow.admit("m", "c", t0), Ok(()));
    }
}
