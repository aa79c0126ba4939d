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

/// Kinds that are a problem with the goods, the money or a return: when one of them is named,
/// the parcel's whereabouts are only background ("I picked it up at the locker and it was crushed").
const OTHER_PROBLEMS: [ExceptionKind; 6] = [
    ExceptionKind::Damaged,
    ExceptionKind::WrongItem,
    ExceptionKind::MissingItem,
    ExceptionKind::OutOfStock,
    ExceptionKind::ReturnExchange,
    ExceptionKind::Payment,
];

/// The parcel's own problems, which a situation belongs to.
const PARCEL_PROBLEMS: [ExceptionKind; 3] = [
    ExceptionKind::WhereIsMyOrder,
    ExceptionKind::Delayed,
    ExceptionKind::Lost,
];

/// The situation the cues name, and the weight it gives `where_is_my_order`: a message about
/// where the parcel waits or why it stopped is a question about the parcel, unless a problem
/// with the goods, money or a return is named at least as strongly as the parcel and its
/// situation together; the usual rules (a long wait, "stuck",
/// "delivered but…") may still make it a delay or a loss. When several situations are named,
/// customs leads (someone must act before anything moves), then the pickup point (where a
/// missed parcel ends up), then the failed attempt.
pub(crate) fn settle(scores: &mut Scores<'_>) -> (Situation, String) {
    let Some(s) = [
        Situation::Customs,
        Situation::PickupPoint,
        Situation::NotHome,
    ]
    .into_iter()
    .find(|&s| scores.situation[s as usize] >= FLOOR) else {
        return (Situation::None, String::new());
    };
    if s == Situation::Customs {
        // "Aguardando pagamento" at customs is the duty waiting to be paid, not the shop's
        // payment going wrong.
        scores.kind[ExceptionKind::Payment as usize] = 0.0;
    }
    let most = |kinds: &[ExceptionKind]| {
        kinds
            .iter()
            .map(|&k| scores.kind[k as usize])
            .fold(0.0, f32::max)
    };
    // The situation itself speaks for the parcel, as much as one clear cue would: a lone
    // "twice" does not outweigh "tried twice, nobody home".
    let ret = ExceptionKind::ReturnExchange as usize;
    if s == Situation::PickupPoint && scores.kind[ret] >= FLOOR {
        // A return handed in at a post office or parcel shop: the counter is where the shopper
        // left it, and "tell me when it arrives" asks about the return reaching the shop.
        let asked = std::mem::take(&mut scores.kind[ExceptionKind::WhereIsMyOrder as usize]);
        scores.kind[ret] += asked + KIND_WEIGHT;
        scores.kind_cues[ret].push(Note::Rule(format!(
            "a return handed in at a counter +{}",
            asked + KIND_WEIGHT
        )));
        return (Situation::None, String::new());
    }
    let parcel = most(&PARCEL_PROBLEMS) + scores.situation[s as usize].min(KIND_WEIGHT);
    let other = most(&OTHER_PROBLEMS);
    if other >= FLOOR && other >= parcel {
        return (Situation::None, String::new());
    }
    let cues: Vec<String> = scores.situation_cues[s as usize]
        .iter()
        .map(|p| format!("\"{p}\""))
        .collect();
    let slot = ExceptionKind::WhereIsMyOrder as usize;
    if let (Situation::Customs, Some(ask)) = (s, scores.customs_ask) {
        // Customs waits on the shopper (an invoice, a fee): "stuck" says where the parcel is,
        // not that it is late. A long wait, weighed after this, still makes it a delay.
        let held = std::mem::take(&mut scores.kind[ExceptionKind::Delayed as usize]);
        if held > 0.0 {
            scores.kind[slot] += held;
            scores.kind_cues[slot].push(Note::Rule(format!(
                "held at customs, \"{ask}\": the hold +{held}"
            )));
        }
    }
    scores.kind[slot] += KIND_WEIGHT;
    scores.kind_cues[slot].push(Note::Rule(format!(
        "the parcel's situation ({}) +{KIND_WEIGHT}",
        s.as_str()
    )));
    (s, format!("situation {}: {}", s.as_str(), cues.join(", ")))
}

/// Whether a message of this kind keeps its situation: only the parcel's own problems do.
pub(crate) fn fits(kind: ExceptionKind) -> bool {
    PARCEL_PROBLEMS.contains(&kind)
}
