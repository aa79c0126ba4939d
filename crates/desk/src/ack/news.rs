//! What follows the acknowledgement, in the shopper's language: what the order lookup found ("found
//! #1012, I'm looking at it now", or "no order #99999, could you check the number?"), and the one honest
//! update when the promised time passed without a person answering.
//!
//! Times are the shopper's own: "back at 09:00 your time (Monday)" is read in their time zone, whatever
//! zone the team works in.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;

use crate::address::Register;
use crate::playbook::{fill, vars_for_ack, Playbooks, TextBook};

/// A moment, to be told in the shopper's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub at: DateTime<Utc>,
    /// The shopper's zone (from their phone's country), UTC when unknown.
    pub zone: Tz,
}

/// The clock time and the weekday of `t` where the shopper lives: ("09:00", "Monday").
pub(crate) fn local_time(book: &TextBook, t: LocalTime) -> (String, String) {
    let local = t.at.with_timezone(&t.zone);
    let key = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        [local.weekday().num_days_from_monday() as usize];
    let day = book.get(&format!("days.{key}")).unwrap_or(key);
    (local.format("%H:%M").to_string(), day.to_string())
}

impl Playbooks {
    /// The order the shopper named was found and is theirs: a short confirmation, nothing of its details.
    pub fn order_found(&self, lang: &str, register: Register, order: &str) -> String {
        self.news(lang, register, "order_found", None, Some(order), None)
    }

    /// The shopper named the order again before anyone answered ("I just told you, it's 1027!!"): yes,
    /// that is the one, and someone is already on it.
    pub fn order_found_again(&self, lang: &str, register: Register, order: &str) -> String {
        self.news(lang, register, "order_found_again", None, Some(order), None)
    }

    /// The shop has no order with the number the shopper gave: say so and ask for it again.
    pub fn order_not_found(&self, lang: &str, register: Register, order: &str) -> String {
        self.news(lang, register, "order_not_found", None, Some(order), None)
    }

    /// The promised time passed without a person answering: sorry, and when a colleague answers
    /// (`by`, in the shopper's time).
    pub fn answer_late(
        &self,
        lang: &str,
        register: Register,
        name: Option<&str>,
        by: LocalTime,
    ) -> String {
        self.news(lang, register, "late", name, None, Some(by))
    }

    fn news(
        &self,
        lang: &str,
        register: Register,
        entry: &str,
        name: Option<&str>,
        order: Option<&str>,
        time: Option<LocalTime>,
    ) -> String {
        let book = self.ack_book(lang, register);
        let mut vars = vars_for_ack(name, order);
        if let Some(t) = time {
            let (time, day) = local_time(book, t);
            vars.insert("back_time", time);
            vars.insert("back_day", day);
        }
        fill(book.get(&format!("{entry}.text")).unwrap_or(""), &vars)
    }
}
