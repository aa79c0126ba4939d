//! Confirming back what was done, with the specifics a shopper needs: the amount and when it shows, the new
//! tracking number and link, the coupon code and until when it is valid.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{render, vars, Playbooks, TextBook};
use crate::situation::Facts;

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
        let (lang, book) = self.book(lang);
        let locale = vars::locale(book, facts, lang);
        let mut v = vars::fact_vars(book, facts, lang);
        let key = confirm_vars(book, done, &locale, &mut v);
        render::fill(book.get(&format!("confirm.{key}")).unwrap_or(""), &v)
    }
}

fn confirm_vars(
    book: &TextBook,
    done: &Confirmation,
    locale: &str,
    v: &mut render::Vars,
) -> &'static str {
    use crate::money::format_money;
    let mut set = |k: &'static str, val: Option<String>| {
        if let Some(val) = val.filter(|s| !s.trim().is_empty()) {
            v.insert(k, val);
        }
    };
    match done {
        Confirmation::Refunded {
            amount_minor,
            currency,
            days_to_show,
        } => {
            set(
                "amount",
                Some(format_money(*amount_minor, currency, locale)),
            );
            set("days_min", Some(days_to_show.0.to_string()));
            set(
                "days_max",
                Some(days_to_show.1.max(days_to_show.0).to_string()),
            );
            "refunded"
        }
        Confirmation::ReplacementShipped {
            order_number,
            tracking_number,
            tracking_url,
        } => {
            set("order", vars::order_label(order_number));
            set("tracking_number", tracking_number.clone());
            set(
                "tracking_link",
                tracking_url.clone().filter(|u| u.starts_with("http")),
            );
            "replacement_shipped"
        }
        Confirmation::CouponCreated {
            code,
            percent,
            expires,
        } => {
            set("code", Some(code.clone()));
            set("percent", Some(percent.to_string()));
            set("expires", Some(vars::date(book, *expires)));
            "coupon_created"
        }
        Confirmation::CarrierChased {
            update_within_hours,
        } => {
            set(
                "wait",
                Some(vars::wait(book, update_within_hours.saturating_mul(60))),
            );
            "carrier_chased"
        }
        Confirmation::EvidenceRequested => "evidence_requested",
        Confirmation::ReturnLabelSent { label_url } => {
            set(
                "label_link",
                label_url.clone().filter(|u| u.starts_with("http")),
            );
            "return_label_sent"
        }
        Confirmation::OrderDiscounted {
            amount_minor,
            currency,
        } => {
            set(
                "amount",
                Some(format_money(*amount_minor, currency, locale)),
            );
            "order_discounted"
        }
        Confirmation::ExpressUpgraded => "express_upgraded",
        Confirmation::KeepItem => "keep_item",
        Confirmation::HandedToAgent { within_minutes } => {
            set("wait", Some(vars::wait(book, *within_minutes)));
            "handed_to_agent"
        }
    }
}
