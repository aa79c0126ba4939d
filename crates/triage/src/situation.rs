//! Where the shopper says the parcel is, when that is not simply "on its way": a delivery
//! attempt failed, it waits at a pickup point, or customs holds it. The desk words its answer
//! after this (how to rebook, where to collect and until when, what customs asks for).

use serde::{Deserialize, Serialize};

use crate::kind::ExceptionKind;
use crate::scoring::{Note, Scores};

/// The parcel situation a message describes.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// Nothing of the kind said.
    #[default]
    None,
    /// A failed delivery attempt: nobody home, a missed-delivery card, rebooking.
    NotHome,
    /// Waiting at a pickup point, parcel locker or post office to be collected.
    PickupPoint,
    /// Held at customs, or customs asking for duties, import fees or an invoice.
    Customs,
}

impl Situation {
    /// Every situation, `None` first.
    pub const ALL: [Situation; 4] = [Self::None, Self::NotHome, Self::PickupPoint, Self::Customs];

    /// The wire spelling (`not_home`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::NotHome => "not_home",
            Self::PickupPoint => "pickup_point",
            Self::Customs => "customs",
        }
    }

    /// Parses the wire spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The least weight that names a situation.
const FLOOR: f32 = 2.0;
/// How much a named situation adds to `where_is_my_order`: the shopper asks about the parcel.
const KIND_WEIGHT: f32 = 3.0;

/// The situation the cues name. When several are named, customs leads (the shopper or the shop
/// must act before anything moves), then the pickup point (where a missed parcel ends up), then
/// the failed attempt.
pub(crate) fn choose(scores: &Scores<'_>) -> (Situation, String) {
    for s in [
        Situation::Customs,
        Situation::PickupPoint,
        Situation::NotHome,
    ] {
        let slot = s as usize;
        if scores.situation[slot] >= FLOOR {
            let cues: Vec<String> = scores.situation_cues[slot]
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect();
            return (s, format!("situation {}: {}", s.as_str(), cues.join(", ")));
        }
    }
    (Situation::None, String::new())
}

/// A message about where the parcel waits or why it stopped is a question about the parcel;
/// the usual rules (a long wait, "stuck", "delivered but…") may still make it a delay or a loss.
pub(crate) fn add_kind_weight(scores: &mut Scores<'_>, situation: Situation) {
    if situation == Situation::None {
        return;
    }
    let slot = ExceptionKind::WhereIsMyOrder as usize;
    scores.kind[slot] += KIND_WEIGHT;
    scores.kind_cues[slot].push(Note::Rule(format!(
        "the parcel's situation ({}) +{KIND_WEIGHT}",
        situation.as_str()
    )));
}
