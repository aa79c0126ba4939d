//! Confirming back what was done, with the specifics a shopper needs: the amount and when it shows, the new
//! tracking number and link, the coupon code and until when it is valid.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{remedy_key, render, schema::MAX_BUTTON_CHARS, vars, Playbooks, TextBook};
use crate::{situation::Facts, Remedy};

/// What was done for the shopper, to confirm back with specifics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Confirmation {
    /// Money sent back; `days_to_show` is the range of working days until the bank shows it.
    Refunded {
        amount_minor: i64,
        currency: String,
        days_to_show: (u32, u32),
    },
    ReplacementShipped {
        order_number: String,
        tracking_number: Option<String>,
        tracking_url: Option<String>,
    },
    /// `percent` is a whole percentage.
    CouponCreated {
        code: String,
        percent: u32,
        expires: NaiveDate,
    },
    CarrierChased {
        update_within_hours: u32,
    },
    EvidenceRequested,
    ReturnLabelSent {
        label_url: Option<String>,
    },
    OrderDiscounted {
        amount_minor: i64,
        currency: String,
    },
    ExpressUpgraded,
    KeepItem,
    HandedToAgent {
        within_minutes: u32,
    },
}

impl Playbooks {
    /// Confirms what was done, with specifics (amount and when it shows, new tracking number and link…).
    pub fn confirmation(&self, lang: &str, done: &Confirmation) -> String {
        self.confirmation_for(lang, done, &Facts::default())
    }

    /// Like [`Playbooks::confirmation`], greeting the shopper by name and using their locale from `facts`.
    pub fn confirmation_for(&self, lang: &str, done: &Confirmation, facts: &Facts) -> String {
        let (lang, book) = self.book_in(lang, facts.register);
        let locale = vars::locale(book, facts, lang);
        let mut v = vars::fact_vars(book, facts, lang);
        let (key, values) = confirm_vars(book, done, &locale);
        for (name, value) in values {
            if let Some(value) = value.filter(|s| !s.trim().is_empty()) {
                v.insert(name, value);
            }
        }
        render::fill(book.get(&format!("confirm.{key}")).unwrap_or(""), &v)
    }
}

/// Why a tapped option was not carried out, as the shopper is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceAnswer {
    /// The desk cannot arrange it (the policy refused it, or it was no longer on offer).
    Refused,
    /// It is beyond what the desk may give by itself: a colleague has to approve it first.
    NeedsApproval,
    /// It waited for a colleague's approval, and the colleague said no: it will not be done, and a
    /// person comes back with what can be done instead.
    NotApproved,
}

impl Playbooks {
    /// The honest answer to an option the shopper tapped that the desk could not carry out (the policy
    /// refused it, or it was no longer on offer): sorry, and a person takes it from here. `option` is the
    /// button title the shopper tapped; without it the remedy's own title in their language is named.
    pub fn choice_refused(
        &self,
        lang: &str,
        remedy: &Remedy,
        option: Option<&str>,
        facts: &Facts,
    ) -> String {
        self.choice_answer(lang, ChoiceAnswer::Refused, remedy, option, facts, None)
    }

    /// The honest answer to a tapped option that was not carried out, by `answer`: never that it was
    /// done; that a person takes it from here, within `reply_within_minutes` when the desk knows.
    pub fn choice_answer(
        &self,
        lang: &str,
        answer: ChoiceAnswer,
        remedy: &Remedy,
        option: Option<&str>,
        facts: &Facts,
        reply_within_minutes: Option<u32>,
    ) -> String {
        let (lang, book) = self.book_in(lang, facts.register);
        let locale = vars::locale(book, facts, lang);
        let mut v = vars::remedy_vars(&vars::fact_vars(book, facts, lang), remedy, facts, &locale);
        let title = match option.map(str::trim).filter(|t| !t.is_empty()) {
            Some(tapped) => tapped.chars().take(MAX_BUTTON_CHARS).collect(),
            None => {
                let key = format!("buttons.{}", remedy_key(remedy));
                render::fill(book.get(&key).unwrap_or(""), &v)
            }
        };
        if !title.trim().is_empty() {
            v.insert("option", title);
        }
        if let Some(minutes) = reply_within_minutes {
            v.insert("wait", vars::wait(book, minutes));
        }
        let key = match answer {
            ChoiceAnswer::Refused => "choice.refused",
            ChoiceAnswer::NeedsApproval => "choice.needs_approval",
            ChoiceAnswer::NotApproved => "choice.not_approved",
        };
        render::fill(book.get(key).unwrap_or(""), &v)
    }
}

/// Placeholder values of a confirmation; `None` leaves the line that needs it out.
type Values = Vec<(&'static str, Option<String>)>;

fn refund_values(amount: Option<String>, (min, max): (u32, u32)) -> Values {
    vec![
        ("amount", amount),
        ("days_min", Some(min.to_string())),
        ("days_max", Some(max.max(min).to_string())),
    ]
}

fn shipment_values(order: &str, tracking_number: &Option<String>, link: Option<String>) -> Values {
    vec![
        ("order", vars::order_label(order)),
        ("tracking_number", tracking_number.clone()),
        ("tracking_link", link),
    ]
}

/// The entry of a confirmation and the values it shows.
fn confirm_vars(
    book: &TextBook,
    done: &Confirmation,
    locale: &str,
) -> (&'static str, Vec<(&'static str, Option<String>)>) {
    let money =
        |minor: i64, currency: &str| Some(crate::money::format_money(minor, currency, locale));
    let link = |url: &Option<String>| url.clone().filter(|u| u.starts_with("http"));
    match done {
        Confirmation::Refunded {
            amount_minor,
            currency,
            days_to_show,
        } => (
            "refunded",
            refund_values(money(*amount_minor, currency), *days_to_show),
        ),
        Confirmation::ReplacementShipped {
            order_number,
            tracking_number,
            tracking_url,
        } => (
            "replacement_shipped",
            shipment_values(order_number, tracking_number, link(tracking_url)),
        ),
        Confirmation::CouponCreated {
            code,
            percent,
            expires,
        } => (
            "coupon_created",
            vec![
                ("code", Some(code.clone())),
                ("percent", Some(percent.to_string())),
                ("expires", Some(vars::date(book, *expires))),
            ],
        ),
        Confirmation::CarrierChased {
            update_within_hours,
        } => (
            "carrier_chased",
            vec![(
                "wait",
                Some(vars::wait(book, update_within_hours.saturating_mul(60))),
            )],
        ),
        Confirmation::EvidenceRequested => ("evidence_requested", vec![]),
        Confirmation::ReturnLabelSent { label_url } => {
            ("return_label_sent", vec![("label_link", link(label_url))])
        }
        Confirmation::OrderDiscounted {
            amount_minor,
            currency,
        } => (
            "order_discounted",
            vec![("amount", money(*amount_minor, currency))],
        ),
        Confirmation::ExpressUpgraded => ("express_upgraded", vec![]),
        Confirmation::KeepItem => ("keep_item", vec![]),
        Confirmation::HandedToAgent { within_minutes } => (
            "handed_to_agent",
            vec![("wait", Some(vars::wait(book, *within_minutes)))],
        ),
    }
}
