//! The dashboard's figures, worked out from plain rows: pure functions over the cases and a `now`, so
//! they are tested without a database or a clock.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use lifeline_desk::clocks::{tally, Clock, ClockKind};
use lifeline_triage::ExceptionKind;

use crate::store::dashboard::DashboardCase;

/// How long something took across cases: the middle case and the slow tail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spread {
    /// Cases measured.
    pub count: usize,
    pub median_ms: Option<i64>,
    pub p90_ms: Option<i64>,
}

impl Spread {
    /// The median and 90th percentile (nearest rank) of `samples`.
    pub fn of(mut samples: Vec<i64>) -> Spread {
        samples.sort_unstable();
        let rank = |p: usize| -> Option<i64> {
            if samples.is_empty() {
                return None;
            }
            let at = (samples.len() * p).div_ceil(100).max(1) - 1;
            samples.get(at).copied()
        };
        Spread {
            count: samples.len(),
            median_ms: rank(50),
            p90_ms: rank(90),
        }
    }
}

/// Everything the dashboard shows about the cases of a period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub cases: usize,
    pub resolved: usize,
    pub first_response: Spread,
    pub resolution: Spread,
    /// Cases per kind, every known kind listed (zero included), unknown kinds after them.
    pub by_kind: Vec<(String, u32)>,
    /// Cases opened per UTC day, oldest first, one entry per day of the period.
    pub by_day: Vec<(NaiveDate, u32)>,
    /// Clocks that ran out (met late or still overdue), per clock kind.
    pub breached_clocks: BTreeMap<&'static str, u32>,
    /// Cases with at least one breached clock.
    pub breached_cases: usize,
}

impl Summary {
    /// All breached clocks together.
    pub fn breached_total(&self) -> u32 {
        self.breached_clocks.values().sum()
    }
}

/// The first day of a period of `days` days ending today (UTC), as Unix milliseconds.
pub fn period_start(now: DateTime<Utc>, days: u32) -> i64 {
    let first = now.date_naive() - Duration::days(i64::from(days.max(1)) - 1);
    first
        .and_hms_opt(0, 0, 0)
        .map(|t| Utc.from_utc_datetime(&t).timestamp_millis())
        .unwrap_or(0)
}

/// When a person first answered: the earlier of the first non-automatic reply and the
/// first-human-reply clock being met, measured from the case's opening.
fn first_response_ms(c: &DashboardCase, clocks: &[Clock]) -> Option<i64> {
    let met = clocks
        .iter()
        .find(|k| k.kind == ClockKind::FirstHumanReply)
        .and_then(|k| k.met_at)
        .map(|t| t.timestamp_millis());
    let first = match (c.first_reply_at, met) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }?;
    (first >= c.opened_at).then_some(first - c.opened_at)
}

/// Works out the summary of `cases` over the `days` days ending on `now`'s day.
pub fn summarise(cases: &[DashboardCase], now: DateTime<Utc>, days: u32) -> Summary {
    let days = days.max(1);
    let first_day = now.date_naive() - Duration::days(i64::from(days) - 1);
    let mut per_day = vec![0u32; days as usize];
    let mut per_kind: BTreeMap<String, u32> = BTreeMap::new();
    let (mut firsts, mut resolutions) = (Vec::new(), Vec::new());
    let mut s = Summary::default();
    for c in cases {
        s.cases += 1;
        *per_kind.entry(c.kind.clone()).or_default() += 1;
        if let Some(day) = Utc.timestamp_millis_opt(c.opened_at).single() {
            let i = (day.date_naive() - first_day).num_days();
            if let Some(slot) = usize::try_from(i).ok().and_then(|i| per_day.get_mut(i)) {
                *slot += 1;
            }
        }
        let clocks: Vec<Clock> = serde_json::from_str(&c.clocks_json).unwrap_or_default();
        firsts.extend(first_response_ms(c, &clocks));
        if let Some(done) = c.resolved_at.filter(|t| *t >= c.opened_at) {
            s.resolved += 1;
            resolutions.push(done - c.opened_at);
        }
        let mut breached_here = false;
        for (kind, t) in tally(&clocks, now) {
            if t.breached > 0 {
                *s.breached_clocks.entry(kind).or_default() += t.breached;
                breached_here = true;
            }
        }
        if breached_here || c.breached != 0 {
            s.breached_cases += 1;
        }
    }
    s.first_response = Spread::of(firsts);
    s.resolution = Spread::of(resolutions);
    let known: Vec<(String, u32)> = ExceptionKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_string(),
                per_kind.remove(k.as_str()).unwrap_or(0),
            )
        })
        .collect();
    s.by_kind = known.into_iter().chain(per_kind).collect();
    s.by_day = per_day
        .into_iter()
        .enumerate()
        .map(|(i, n)| (first_day + Duration::days(i as i64), n))
        .collect();
    s
}

/// A duration as a person reads it on the dashboard: `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`.
pub fn human(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        3600..=86_399 if s % 3600 / 60 == 0 => format!("{} h", s / 3600),
        3600..=86_399 => format!("{} h {} min", s / 3600, s % 3600 / 60),
        _ if s % 86_400 / 3600 == 0 => format!("{} d", s / 86_400),
        _ => format!("{} d {} h", s / 86_400, s % 86_400 / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap()
    }

    fn case(kind: &str, opened: DateTime<Utc>) -> DashboardCase {
        let clocks = lifeline_desk::clocks::start_clocks(&Default::default(), opened);
        DashboardCase {
            id: 1,
            kind: kind.into(),
            status: "open".into(),
            opened_at: opened.timestamp_millis(),
            resolved_at: None,
            breached: 0,
            clocks_json: serde_json::to_string(&clocks).unwrap(),
            first_reply_at: None,
        }
    }

    #[test]
    fn the_median_and_slow_tail_use_nearest_rank() {
        let s = Spread::of((1..=10).rev().collect());
        assert_eq!((s.count, s.median_ms, s.p90_ms), (10, Some(5), Some(9)));
        assert_eq!(Spread::of(vec![]).median_ms, None);
        assert_eq!(Spread::of(vec![7]).p90_ms, Some(7));
    }

    #[test]
    fn cases_are_counted_per_kind_and_per_day() {
        let now = at(20, 12);
        let cases = vec![
            case("damaged", at(20, 9)),
            case("damaged", at(19, 9)),
            case("payment", at(19, 10)),
            case("something_new", at(7, 1)),
        ];
        let s = summarise(&cases, now, 14);
        assert_eq!(s.by_day.len(), 14);
        assert_eq!(s.by_day[13], (at(20, 0).date_naive(), 1));
        assert_eq!(s.by_day[12].1, 2);
        assert_eq!(s.by_day[0], (at(7, 0).date_naive(), 1));
        let kind = |k: &str| s.by_kind.iter().find(|(n, _)| n == k).map(|p| p.1);
        assert_eq!(kind("damaged"), Some(2));
        assert_eq!(kind("lost"), Some(0));
        assert_eq!(kind("something_new"), Some(1));
        assert_eq!(
            s.by_kind.last().map(|p| p.0.as_str()),
            Some("something_new")
        );
    }

    #[test]
    fn first_response_takes_the_earlier_of_reply_and_clock() {
        let opened = at(20, 9);
        let mut c = case("lost", opened);
        c.first_reply_at = Some(opened.timestamp_millis() + 300_000);
        let mut clocks: Vec<Clock> = serde_json::from_str(&c.clocks_json).unwrap();
        clocks[1].meet(opened + Duration::minutes(3));
        c.clocks_json = serde_json::to_string(&clocks).unwrap();
        c.resolved_at = Some(opened.timestamp_millis() + 7_200_000);
        let s = summarise(&[c], at(20, 9) + Duration::seconds(30), 14);
        assert_eq!(s.first_response.median_ms, Some(180_000));
        assert_eq!(s.resolution.median_ms, Some(7_200_000));
        assert_eq!(s.resolved, 1);
    }

    #[test]
    fn clocks_that_ran_out_are_counted_by_kind() {
        let opened = at(20, 9);
        let s = summarise(&[case("lost", opened)], opened + Duration::minutes(12), 14);
        // Acknowledge (60 s) and first human reply (10 min) are overdue; cause found (15 min) is not.
        assert_eq!(s.breached_clocks.get("acknowledge"), Some(&1));
        assert_eq!(s.breached_clocks.get("first_human_reply"), Some(&1));
        assert_eq!(s.breached_clocks.get("cause_found"), None);
        assert_eq!((s.breached_total(), s.breached_cases), (2, 1));
    }

    #[test]
    fn durations_read_like_a_person_says_them() {
        assert_eq!(human(45_000), "45 s");
        assert_eq!(human(12 * 60_000), "12 min");
        assert_eq!(human(3 * 3_600_000), "3 h");
        assert_eq!(human(3 * 3_600_000 + 20 * 60_000), "3 h 20 min");
        assert_eq!(human(52 * 3_600_000), "2 d 4 h");
    }

    #[test]
    fn the_period_starts_at_midnight_of_its_first_day() {
        assert_eq!(period_start(at(20, 12), 14), at(7, 0).timestamp_millis());
    }
}
