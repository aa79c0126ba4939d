//! What an automatic message may say about a parcel: its real state, read from the parcel's own data
//! with the drafts' reading ([`crate::situation::situation`]), never from what the shopper guessed; and
//! the work it hands to the team when the words promise something a person has to do.
//!
//! An automatic message never claims an action nobody took. When the desk cannot act itself (ask the
//! carrier, see what customs need, offer a solution for a lost parcel), the words say the team will,
//! and the case gets an [`AgentTask`] on its timeline with the message. A remedy a supervisor did not
//! approve is handed back the same way, with what the shopper was told of it.

use chrono::{DateTime, Utc};
use lifeline_triage::ExceptionKind;
use serde::{Deserialize, Serialize};

use crate::policy::describe_remedy;
use crate::situation::{
    customs_asks, situation, CustomsAsk, Facts, Situation, Whereabouts, RETURNED,
};
use crate::Remedy;

/// Where the parcel stands, for the words of an automatic message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParcelNews {
    /// No parcel, or one the carrier does not have yet: no carrier wording at all.
    NotHandedOver,
    /// On its way (late or silent included), as far as the carrier says.
    Moving,
    /// The carrier declared it lost (AfterShip `Exception_013`, 17TRACK `Exception_Lost`).
    LostByCarrier,
    /// Waiting at a pickup point.
    AtPickupPoint,
    /// The carrier tried and could not deliver.
    AttemptFailed,
    /// Held at customs.
    Customs,
    OutForDelivery,
    Delivered,
    /// On its way back to the shop, or back already (returned, destroyed, cancelled): no automatic words
    /// and no chase; what to tell the shopper is the team's to decide (the case stays open for them).
    ReturnedToSender,
    /// Tracking expired, or anything else: the plain tracking words only.
    Other,
}

/// Reads the parcel's state from the order and parcel facts alone (the shopper's own account of where
/// the parcel is does not count here). Pure: `now` is passed in.
pub fn parcel_news(facts: &Facts, now: DateTime<Utc>) -> ParcelNews {
    if facts.tracking_number.is_none() {
        return ParcelNews::NotHandedOver;
    }
    let sub = facts.shipment_sub_status.as_deref().unwrap_or("");
    if RETURNED.iter().any(|r| sub.eq_ignore_ascii_case(r)) {
        return ParcelNews::ReturnedToSender;
    }
    let parcel_only = Facts {
        shopper_says: Default::default(),
        ..facts.clone()
    };
    match situation(ExceptionKind::Delayed, &parcel_only, now) {
        Situation::DeclaredLost => ParcelNews::LostByCarrier,
        Situation::AwaitingPickup => ParcelNews::AtPickupPoint,
        Situation::DeliveryFailed => ParcelNews::AttemptFailed,
        Situation::CustomsHold => ParcelNews::Customs,
        Situation::WhereIsMyOrder(Whereabouts::OutForDelivery) => ParcelNews::OutForDelivery,
        Situation::DeliveredNotReceived => ParcelNews::Delivered,
        Situation::WhereIsMyOrder(Whereabouts::NotShippedYet | Whereabouts::NoOrderFound)
        | Situation::AskOrderNumber => ParcelNews::NotHandedOver,
        Situation::WhereIsMyOrder(Whereabouts::Moving)
        | Situation::DelayedMoving
        | Situation::Stalled => ParcelNews::Moving,
        _ => ParcelNews::Other,
    }
}

impl ParcelNews {
    /// True when a week without movement means the carrier should be asked: a parcel on its way, or one
    /// whose tracking says nothing clearer (expired, an exception with no known cause). Not one the carrier
    /// declared lost, one waiting to be collected or rebooked, at customs, delivered, or one the carrier
    /// never had.
    pub fn may_be_chased(self) -> bool {
        matches!(self, ParcelNews::Moving | ParcelNews::Other)
    }

    /// The work this news hands to the team when it is told to the shopper.
    pub fn task(self, facts: &Facts) -> Option<AgentTask> {
        match self {
            ParcelNews::LostByCarrier => Some(AgentTask::OfferLostSolution),
            ParcelNews::Customs => Some(AgentTask::SeeToCustoms {
                asks: customs_asks(facts),
            }),
            _ => None,
        }
    }

    /// The entry of the texts (`follow_up.<key>`) that tells this news; `None` for the plain tracking words.
    pub fn text_key(self) -> Option<&'static str> {
        Some(match self {
            ParcelNews::LostByCarrier => "lost_by_carrier",
            ParcelNews::AtPickupPoint => "at_pickup_point",
            ParcelNews::AttemptFailed => "attempt_failed",
            ParcelNews::Customs => "customs_hold",
            ParcelNews::OutForDelivery => "out_for_delivery",
            ParcelNews::Delivered => "delivered",
            ParcelNews::NotHandedOver
            | ParcelNews::Moving
            | ParcelNews::ReturnedToSender
            | ParcelNews::Other => return None,
        })
    }
}

/// The follow-up entries that tell a parcel's news, in every language.
pub const NEWS_KEYS: [&str; 6] = [
    "lost_by_carrier",
    "at_pickup_point",
    "attempt_failed",
    "customs_hold",
    "out_for_delivery",
    "delivered",
];

/// Work an automatic message told the shopper a person would do, put on the case when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AgentTask {
    /// Ask the carrier about a parcel that has not moved, and tell the shopper what they say.
    AskCarrier {
        carrier: Option<String>,
        tracking_number: String,
        still_for_days: Option<i64>,
    },
    /// The parcel is lost: offer the shopper what the policy allows for a lost parcel.
    OfferLostSolution,
    /// Customs hold the parcel: see to what they ask and tell the shopper what, if anything, to do.
    SeeToCustoms { asks: Vec<CustomsAsk> },
    /// A supervisor did not approve `remedy` (`why`): tell the shopper what can be done instead.
    /// `shopper_told`: Lifeline told them it was not approved and that a colleague replies; when
    /// false, they heard nothing of it from Lifeline (it was the agent's own request).
    OfferInstead {
        remedy: Remedy,
        why: String,
        shopper_told: bool,
    },
}

impl AgentTask {
    /// The task in an agent's words, for the case's timeline.
    pub fn describe(&self) -> String {
        match self {
            AgentTask::AskCarrier {
                carrier,
                tracking_number,
                still_for_days,
            } => {
                let carrier = carrier.as_deref().unwrap_or("the carrier");
                let still = still_for_days.map_or(String::new(), |d| format!(", still for {d} days"));
                format!("ask {carrier} about parcel {tracking_number}{still}, and tell the shopper what they say (they were told the team would)")
            }
            AgentTask::OfferLostSolution => {
                "offer the shopper what the policy allows for a lost parcel (they were told a solution would come)".into()
            }
            AgentTask::SeeToCustoms { asks } if asks.is_empty() => {
                "see what customs need for the parcel and tell the shopper what, if anything, to do".into()
            }
            AgentTask::SeeToCustoms { asks } => {
                let asks: Vec<&str> = asks.iter().map(|a| a.key()).collect();
                format!("see to what customs ask ({}) and tell the shopper what to do", asks.join(", "))
            }
            AgentTask::OfferInstead {
                remedy,
                why,
                shopper_told,
            } => {
                let what = describe_remedy(remedy, "");
                let why = if why.trim().is_empty() { String::new() } else { format!(": {why}") };
                let told = if *shopper_told {
                    "they were told it was not approved and that a colleague replies"
                } else {
                    "Lifeline has not told them; they know only what you wrote"
                };
                format!("tell the shopper what we can do instead of {what}, which a supervisor did not approve{why} ({told})")
            }
        }
    }

    /// The task for a stalled parcel, from the facts the shopper was told.
    pub fn ask_carrier(facts: &Facts) -> Option<AgentTask> {
        Some(AgentTask::AskCarrier {
            carrier: facts.carrier.clone(),
            tracking_number: facts.tracking_number.clone()?,
            still_for_days: facts.days_since_movement,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2041, 3, 14, 15, 0, 0).unwrap()
    }

    fn parcel(status: &str, sub: Option<&str>, event: &str) -> Facts {
        Facts {
            order_number: Some("1024".into()),
            tracking_number: Some("LP00008109056DE".into()),
            shipment_status: Some(status.into()),
            shipment_sub_status: sub.map(String::from),
            carrier_event: Some(event.into()),
            days_since_movement: Some(9),
            ..Facts::default()
        }
    }

    #[test]
    fn the_trackers_lost_codes_read_as_lost_and_are_never_chased() {
        for sub in ["Exception_013", "Exception_Lost"] {
            let news = parcel_news(&parcel("exception", Some(sub), "Lost"), now());
            assert_eq!(news, ParcelNews::LostByCarrier);
            assert!(!news.may_be_chased());
        }
    }

    #[test]
    fn only_a_parcel_with_the_carrier_and_unplaced_is_chased_and_the_shoppers_guess_does_not_move_it(
    ) {
        let silent = parcel("in_transit", None, "Departed from the sorting centre");
        assert_eq!(parcel_news(&silent, now()), ParcelNews::Moving);
        let guessed = Facts {
            shopper_says: lifeline_triage::Situation::PickupPoint,
            ..silent.clone()
        };
        assert_eq!(parcel_news(&guessed, now()), ParcelNews::Moving);
        for (status, news) in [
            ("available_for_pickup", ParcelNews::AtPickupPoint),
            ("attempt_fail", ParcelNews::AttemptFailed),
            ("delivered", ParcelNews::Delivered),
            ("info_received", ParcelNews::NotHandedOver),
        ] {
            let n = parcel_news(&parcel(status, None, "-"), now());
            assert_eq!(n, news, "{status}");
            assert!(!n.may_be_chased(), "{status}");
        }
        let back = parcel_news(
            &parcel("exception", Some("Exception_011"), "Returned to sender"),
            now(),
        );
        assert_eq!(back, ParcelNews::ReturnedToSender);
        assert!(!back.may_be_chased() && back.text_key().is_none());
        let expired = parcel_news(&parcel("expired", None, "-"), now());
        assert_eq!(expired, ParcelNews::Other);
        assert!(
            expired.may_be_chased(),
            "tracking that went silent is chased too"
        );
        let customs = parcel("exception", Some("Exception_004"), "Held by customs");
        assert_eq!(parcel_news(&customs, now()), ParcelNews::Customs);
        let task = AgentTask::ask_carrier(&silent).map(|t| t.describe());
        assert_eq!(
            task.as_deref(),
            Some("ask the carrier about parcel LP00008109056DE, still for 9 days, and tell the shopper what they say (they were told the team would)")
        );
        let no_parcel = Facts {
            tracking_number: None,
            ..silent
        };
        assert_eq!(parcel_news(&no_parcel, now()), ParcelNews::NotHandedOver);
        assert_eq!(AgentTask::ask_carrier(&no_parcel), None);
    }
}
