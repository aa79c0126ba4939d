//! When people are at the desk, so a promise of "within 15 minutes" is only made when someone can keep it.
//!
//! Read from `[desk.staffed_hours]` in `lifeline.toml`: the team's time zone and its shifts, optionally
//! with other hours for a store or a WhatsApp number (a Brazilian store answered from São Paulo, a number
//! staffed at weekends). Without the section the desk counts as always staffed, as it did before the
//! setting existed. Outside staffed hours the acknowledgement says when the team is back, in the shopper's
//! own time, and the promise runs from that moment.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};

/// One team's hours: its time zone and the shifts it works, e.g. `"mon-fri 09:00-18:00"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffedHours {
    /// Where the team sits, as an IANA name (`Europe/Amsterdam`).
    #[serde(deserialize_with = "zone")]
    pub time_zone: Tz,
    /// The shifts, each `"<days> <from>-<until>"`: days `mon-fri`, `sat,sun` or `daily`; a shift may
    /// run past midnight (`"fri 22:00-02:00"`).
    pub hours: Vec<Shift>,
}

/// Days of the week and a span of the day, in the team's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    /// Monday first.
    days: [bool; 7],
    from: NaiveTime,
    until: NaiveTime,
}

/// The desk's hours and the stores' and numbers' own. Nothing configured means always staffed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Staffing {
    /// The desk's time zone; required with `hours`.
    #[serde(deserialize_with = "some_zone")]
    pub time_zone: Option<Tz>,
    /// The desk's shifts; none means always staffed (unless a store or number has its own).
    pub hours: Vec<Shift>,
    /// `[[desk.staffed_hours.stores]]`: `store = "<name of a [[stores]] entry>"` and its hours.
    pub stores: Vec<ForStore>,
    /// `[[desk.staffed_hours.numbers]]`: `number = "<phone_number_id>"` and its hours.
    pub numbers: Vec<ForNumber>,
}

/// A store's own hours.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForStore {
    pub store: String,
    #[serde(deserialize_with = "zone")]
    pub time_zone: Tz,
    pub hours: Vec<Shift>,
}

/// A WhatsApp number's own hours.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForNumber {
    pub number: String,
    #[serde(deserialize_with = "zone")]
    pub time_zone: Tz,
    pub hours: Vec<Shift>,
}

/// What the desk can honestly promise at a moment: an answer within the promised time, or an answer
/// once the team is back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Someone is at the desk: the answer comes by `by`.
    Within { by: DateTime<Utc> },
    /// Nobody is: the team is back at `back_at`, and the answer comes by `by` (the promise after that).
    BackAt {
        back_at: DateTime<Utc>,
        by: DateTime<Utc>,
    },
}

impl Answer {
    /// The moment by which a person answers, whichever promise was made.
    pub fn by(&self) -> DateTime<Utc> {
        match self {
            Answer::Within { by } | Answer::BackAt { by, .. } => *by,
        }
    }
}

impl Staffing {
    /// Refuses hours that cannot work: shifts without a time zone, or a team that never works.
    pub fn check(&self) -> Result<(), String> {
        if self.time_zone.is_none() && !self.hours.is_empty() {
            return Err("hours are given without a time_zone (e.g. \"Europe/Amsterdam\")".into());
        }
        if self.time_zone.is_some() && self.hours.is_empty() {
            return Err(
                "a time_zone is given without hours (e.g. [\"mon-fri 09:00-18:00\"])".into(),
            );
        }
        let empty = (self.stores.iter().map(|s| (&s.store, &s.hours)))
            .chain(self.numbers.iter().map(|n| (&n.number, &n.hours)))
            .find(|(_, hours)| hours.is_empty());
        match empty {
            Some((who, _)) => Err(format!("{who} has no hours")),
            None => Ok(()),
        }
    }

    /// The hours that apply to a number (and the store serving it): the number's own, then the store's,
    /// then the desk's; `None` when nothing is configured (always staffed).
    pub fn for_number(&self, number: &str, store: Option<&str>) -> Option<StaffedHours> {
        let by_number = self.numbers.iter().find(|n| n.number == number);
        let by_store = store.and_then(|s| self.stores.iter().find(|f| f.store == s));
        let (time_zone, hours) = match (by_number, by_store, self.time_zone) {
            (Some(n), _, _) => (n.time_zone, &n.hours),
            (None, Some(s), _) => (s.time_zone, &s.hours),
            (None, None, Some(tz)) if !self.hours.is_empty() => (tz, &self.hours),
            _ => return None,
        };
        Some(StaffedHours {
            time_zone,
            hours: hours.clone(),
        })
    }

    /// What can be promised at `now` on this number, with answers taking `within` once someone is there.
    pub fn answer(
        &self,
        number: &str,
        store: Option<&str>,
        now: DateTime<Utc>,
        within: Duration,
    ) -> Answer {
        match self.for_number(number, store) {
            Some(hours) => hours.answer(now, within),
            None => Answer::Within { by: now + within },
        }
    }
}

impl StaffedHours {
    /// True when `now` falls inside one of the shifts.
    pub fn is_staffed(&self, now: DateTime<Utc>) -> bool {
        let local = now.with_timezone(&self.time_zone);
        let (day, time) = (local.weekday(), local.time());
        self.hours.iter().any(|s| s.covers(day, time))
    }

    /// The next moment, at or after `now`, when a shift starts; `None` when no shift is ever worked.
    pub fn next_opening(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let today = now.with_timezone(&self.time_zone).date_naive();
        (0..=7)
            .filter_map(|d| today.checked_add_signed(Duration::days(d)))
            .flat_map(|date| {
                self.hours
                    .iter()
                    .filter(move |s| s.days[date.weekday().num_days_from_monday() as usize])
                    .filter_map(move |s| {
                        let local = date.and_time(s.from);
                        (self.time_zone.from_local_datetime(&local).earliest()).or_else(|| {
                            (self.time_zone)
                                .from_local_datetime(&(local + Duration::hours(1)))
                                .earliest()
                        })
                    })
            })
            .map(|at| at.with_timezone(&Utc))
            .filter(|at| *at >= now)
            .min()
    }

    /// What can be promised at `now`: within `within` while staffed, otherwise from the next opening.
    /// Hours with no shift at all promise nothing better than `within` (a configuration the start-up
    /// check refuses).
    pub fn answer(&self, now: DateTime<Utc>, within: Duration) -> Answer {
        if self.is_staffed(now) {
            return Answer::Within { by: now + within };
        }
        match self.next_opening(now) {
            Some(back_at) => Answer::BackAt {
                back_at,
                by: back_at + within,
            },
            None => Answer::Within { by: now + within },
        }
    }
}

impl Shift {
    fn covers(&self, day: Weekday, time: NaiveTime) -> bool {
        let today = self.days[day.num_days_from_monday() as usize];
        let yesterday = self.days[day.pred().num_days_from_monday() as usize];
        if self.from < self.until {
            today && time >= self.from && time < self.until
        } else {
            // Past midnight: the evening of a shift day, or the small hours after one.
            (today && time >= self.from) || (yesterday && time < self.until)
        }
    }
}

impl std::str::FromStr for Shift {
    type Err = String;

    /// `"mon-fri 09:00-18:00"`, `"sat,sun 10:00-14:00"`, `"daily 08:00-20:00"`.
    fn from_str(text: &str) -> Result<Shift, String> {
        let bad = || format!("\"{text}\" is not a shift; write it like \"mon-fri 09:00-18:00\"");
        let (days, span) = text.trim().split_once(' ').ok_or_else(bad)?;
        let (from, until) = span.trim().split_once('-').ok_or_else(bad)?;
        let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
        let (from, until) = (time(from)?, time(until)?);
        if from == until {
            return Err(format!(
                "\"{text}\": a shift must not start and end at the same time"
            ));
        }
        Ok(Shift {
            days: parse_days(days).ok_or_else(bad)?,
            from,
            until,
        })
    }
}

/// `mon-fri`, `sat,sun`, `mon,wed-fri`, `daily`.
fn parse_days(text: &str) -> Option<[bool; 7]> {
    let mut days = [false; 7];
    if text.eq_ignore_ascii_case("daily") {
        return Some([true; 7]);
    }
    for part in text.split(',') {
        let (first, last) = part.split_once('-').unwrap_or((part, part));
        let first = first.trim().parse::<Weekday>().ok()?;
        let last = last.trim().parse::<Weekday>().ok()?;
        let mut d = first;
        loop {
            days[d.num_days_from_monday() as usize] = true;
            if d == last {
                break;
            }
            d = d.succ();
        }
    }
    Some(days)
}

impl<'de> Deserialize<'de> for Shift {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Shift, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

fn some_zone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
    zone(d).map(Some)
}

fn zone<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let name = String::deserialize(d)?;
    name.trim().parse().map_err(|_| {
        serde::de::Error::custom(format!(
            "\"{name}\" is not a time zone; write an IANA name like \"Europe/Amsterdam\""
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn amsterdam() -> StaffedHours {
        toml::from_str(
            "time_zone = \"Europe/Amsterdam\"\nhours = [\"mon-fri 09:00-18:00\", \"sat 10:00-14:00\"]",
        )
        .unwrap()
    }

    #[test]
    fn inside_a_shift_the_promise_stands() {
        // Wednesday 2026-12-02, 10:00 in Amsterdam (UTC+1).
        let a = amsterdam().answer(at("2026-12-02T09:00:00Z"), Duration::minutes(15));
        assert_eq!(
            a,
            Answer::Within {
                by: at("2026-12-02T09:15:00Z")
            }
        );
    }

    #[test]
    fn at_night_the_team_is_back_at_the_next_shift() {
        // Saturday 14:30 Amsterdam: nobody until Monday 09:00 (08:00 UTC).
        let a = amsterdam().answer(at("2026-12-05T13:30:00Z"), Duration::minutes(15));
        assert_eq!(
            a,
            Answer::BackAt {
                back_at: at("2026-12-07T08:00:00Z"),
                by: at("2026-12-07T08:15:00Z")
            }
        );
    }

    #[test]
    fn a_shift_may_run_past_midnight() {
        let late: StaffedHours =
            toml::from_str("time_zone = \"UTC\"\nhours = [\"fri 22:00-02:00\"]").unwrap();
        assert!(
            late.is_staffed(at("2026-12-05T01:00:00Z")),
            "Saturday 01:00"
        );
        assert!(!late.is_staffed(at("2026-12-06T01:00:00Z")), "Sunday 01:00");
    }

    #[test]
    fn a_number_has_its_own_hours_before_its_store_and_the_desk() {
        let s: Staffing = toml::from_str(
            "time_zone = \"Europe/Amsterdam\"\nhours = [\"mon-fri 09:00-18:00\"]\n\
             [[stores]]\nstore = \"br\"\ntime_zone = \"America/Sao_Paulo\"\nhours = [\"daily 08:00-20:00\"]\n\
             [[numbers]]\nnumber = \"555\"\ntime_zone = \"UTC\"\nhours = [\"daily 00:00-23:59\"]",
        )
        .unwrap();
        assert_eq!(
            s.for_number("555", Some("br")).unwrap().time_zone,
            chrono_tz::UTC
        );
        assert_eq!(
            s.for_number("1", Some("br")).unwrap().time_zone,
            chrono_tz::America::Sao_Paulo
        );
        assert_eq!(
            s.for_number("1", None).unwrap().time_zone,
            chrono_tz::Europe::Amsterdam
        );
        assert!(
            Staffing::default().for_number("1", None).is_none(),
            "always staffed"
        );
    }

    #[test]
    fn a_mistyped_shift_says_how_to_write_it() {
        let e = toml::from_str::<StaffedHours>("time_zone = \"UTC\"\nhours = [\"weekdays 9-5\"]")
            .unwrap_err()
            .to_string();
        assert!(e.contains("mon-fri 09:00-18:00"), "{e}");
        let e = toml::from_str::<StaffedHours>("time_zone = \"Mars/Base\"\nhours = []")
            .unwrap_err()
            .to_string();
        assert!(e.contains("IANA"), "{e}");
    }
}
