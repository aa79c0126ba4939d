//! How cue weights become one kind: nested cues, waits, counts, refunds, the delivery that
//! already happened, and the threats that escalate.

use crate::duration::count_mismatch;
use crate::kind::{ExceptionKind, Priority};
use crate::lexicon::Threat;
use crate::text::Folded;

/// Why a kind got weight: a listed phrase, or a rule's own words. Rendered only for the
/// kinds that end up in the reasons, so reading a message allocates little.
pub(crate) enum Note<'a> {
    Phrase(&'a str, f32),
    Rule(String),
}

impl std::fmt::Display for Note<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::Phrase(p, w) if *w < 0.0 => write!(f, "\"{p}\" {w}"),
            Note::Phrase(p, w) => write!(f, "\"{p}\" +{w}"),
            Note::Rule(r) => f.write_str(r),
        }
    }
}

pub(crate) fn render(notes: &[Note<'_>]) -> String {
    notes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Cue scores of one message, before choosing.
pub(crate) struct Scores<'a> {
    pub(crate) kind: [f32; 10],
    pub(crate) kind_cues: [Vec<Note<'a>>; 10],
    pub(crate) threats: Vec<(Threat, &'a str)>,
    pub(crate) refund_wait: Option<&'a str>,
    /// What customs asks for, or what the shopper asks about it ("what do I send them?").
    pub(crate) customs_ask: Option<&'a str>,
    /// Per pair rule: the phrase seen on each side.
    pub(crate) pair_sides: Vec<[Option<&'a str>; 2]>,
    /// Weight per parcel situation (in the order of `Situation::ALL`) and the phrases behind it.
    pub(crate) situation: [f32; 4],
    pub(crate) situation_cues: [Vec<&'a str>; 4],
}

/// Adds the kind cues, counting nested cues of one kind once ("money back" inside "my money
/// back"): the stronger of the two counts.
pub(crate) fn add_spans<'a>(
    scores: &mut Scores<'a>,
    spans: &[(usize, usize, ExceptionKind, f32, &'a str)],
) {
    for (i, &(s, e, k, w, phrase)) in spans.iter().enumerate() {
        let inside = spans.iter().enumerate().any(|(j, &(s2, e2, k2, w2, _))| {
            let same = j != i && k2 == k;
            let holds_me = s2 <= s && e <= e2 && (e2 - s2) > (e - s) && (w2 >= w || w2 < 0.0);
            let held_stronger = s <= s2 && e2 <= e && (e - s) > (e2 - s2) && w2 > w && w >= 0.0;
            same && (holds_me || held_stronger)
        });
        if !inside {
            let slot = k as usize;
            scores.kind[slot] += w;
            scores.kind_cues[slot].push(Note::Phrase(phrase, w));
        }
    }
}

/// "I bought 3 and 2 came": two different counts and a word of buying or expecting.
pub(crate) fn add_count_mismatch(scores: &mut Scores<'_>, folded: &Folded) {
    if let Some((a, b)) = count_mismatch(folded) {
        let slot = ExceptionKind::MissingItem as usize;
        scores.kind[slot] += 3.0;
        scores.kind_cues[slot].push(Note::Rule(format!("counts {a} and {b} differ +3")));
    }
}

/// A wait of two weeks or more reads as a delay; a shorter one says little.
pub(crate) fn add_wait(scores: &mut Scores<'_>, days: Option<u32>) {
    let Some(days) = days else { return };
    let delivery = [
        ExceptionKind::WhereIsMyOrder,
        ExceptionKind::Delayed,
        ExceptionKind::Lost,
    ];
    let about_delivery = delivery.iter().any(|k| scores.kind[*k as usize] > 0.0);
    let weight = match days {
        14.. if about_delivery => 2.5,
        14.. => 1.0,
        7..=13 => 0.5,
        _ => return,
    };
    let slot = ExceptionKind::Delayed as usize;
    scores.kind[slot] += weight;
    scores.kind_cues[slot].push(Note::Rule(format!("a wait of {days} days +{weight}")));
    if days >= 14 {
        let asked = std::mem::take(&mut scores.kind[ExceptionKind::WhereIsMyOrder as usize]);
        if asked > 0.0 {
            scores.kind[slot] += asked;
            scores.kind_cues[slot].push(Note::Rule(format!(
                "asking where it is after {days} days +{asked}"
            )));
        }
    }
}

/// "Still waiting for my refund": the waiting is about money, so the delay and where-is-it
/// weight goes to `payment` (unless the item was sold out).
pub(crate) fn refund_takes_the_wait(scores: &mut Scores<'_>, phrase: &str) {
    if scores.kind[ExceptionKind::OutOfStock as usize] >= 4.0 {
        // Told it is sold out: the refund is the remedy asked for, the problem is the stock.
        return;
    }
    let pay = ExceptionKind::Payment as usize;
    let mut moved = 3.0;
    for k in [ExceptionKind::Delayed, ExceptionKind::WhereIsMyOrder] {
        moved += std::mem::take(&mut scores.kind[k as usize]);
    }
    scores.kind[pay] += moved;
    scores.kind_cues[pay].push(Note::Rule(format!(
        "\"{phrase}\": a refund being waited for +{moved}"
    )));
}

/// The kind with the most cue weight; a near tie goes to the more urgent kind. Greetings and
/// thanks only win when no problem was named.
pub(crate) fn choose_kind(scores: &Scores<'_>, reasons: &mut Vec<String>) -> (ExceptionKind, f32) {
    let settled = settle_delivery(&scores.kind);
    let mut ranked: Vec<(ExceptionKind, f32)> = ExceptionKind::ALL
        .into_iter()
        .filter(|k| *k != ExceptionKind::Other)
        .map(|k| {
            (
                k,
                settled[k as usize] + urgency_bonus(k, settled[k as usize]),
            )
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(a.0.default_priority().cmp(&b.0.default_priority()))
    });
    let (top, top_score) = ranked[0];
    let second = ranked[1].1;
    if top_score < 1.0 {
        let other = ExceptionKind::Other as usize;
        let why = if scores.kind_cues[other].is_empty() {
            "no problem named".to_string()
        } else {
            render(&scores.kind_cues[other])
        };
        reasons.push(format!("kind other: {why}"));
        return (
            ExceptionKind::Other,
            if scores.kind[other] > 0.0 { 0.8 } else { 0.5 },
        );
    }
    let mut why = format!(
        "kind {}: {}",
        top.as_str(),
        render(&scores.kind_cues[top as usize])
    );
    if second > 0.0 {
        why.push_str(&format!(" (next: {} {:.1})", ranked[1].0.as_str(), second));
    }
    reasons.push(why);
    let conf = (top_score - second + 1.0) / (top_score + 2.0);
    (top, conf.clamp(0.3, 0.99))
}

/// Once the parcel is here and something is wrong with what was inside, or the carrier says it
/// was delivered and it was not, "where is it" and "it was late" stop being the problem to act on.
fn settle_delivery(kind: &[f32; 10]) -> [f32; 10] {
    let mut out = *kind;
    let at = |k: ExceptionKind| kind[k as usize];
    let goods = [
        ExceptionKind::Damaged,
        ExceptionKind::WrongItem,
        ExceptionKind::MissingItem,
    ];
    // A goods word weaker than the question about the parcel ("Zustellversuch ohne Klingeln":
    // without a ring, not without an item) does not say the parcel came.
    let asked = at(ExceptionKind::WhereIsMyOrder);
    let arrived_wrong = goods
        .iter()
        .any(|&k| at(k) >= 3.0 || (at(k) >= 2.0 && at(k) >= asked));
    let claimed_delivered = at(ExceptionKind::Lost) >= 4.0;
    if arrived_wrong || claimed_delivered {
        out[ExceptionKind::WhereIsMyOrder as usize] = 0.0;
    }
    if arrived_wrong {
        out[ExceptionKind::Delayed as usize] = 0.0;
    }
    out
}

/// In a message naming two problems, the more urgent one leads: a small push for urgent and
/// high kinds that were clearly named.
fn urgency_bonus(kind: ExceptionKind, score: f32) -> f32 {
    if score < 2.0 {
        return 0.0;
    }
    match kind.default_priority() {
        Priority::Urgent => 0.5,
        Priority::High => 0.25,
        _ => 0.0,
    }
}

/// The threats that escalate, as reasons; paired words only count together.
pub(crate) fn escalation(found: &[(Threat, &str)]) -> Vec<String> {
    let has = |t: Threat| found.iter().find(|(x, _)| *x == t).map(|(_, p)| *p);
    let mut out = Vec::new();
    for (t, phrase) in found {
        if matches!(
            t,
            Threat::Dispute | Threat::Lawyer | Threat::Consumer | Threat::Scam | Threat::Review
        ) {
            out.push(format!("\"{phrase}\" ({})", t.label()));
        }
    }
    if let (Some(p), Some(c)) = (has(Threat::Paypal), has(Threat::Claim)) {
        out.push(format!("\"{p}\" + \"{c}\" (PayPal claim)"));
    }
    if let (Some(s), Some(p)) = (has(Threat::Social), has(Threat::Post)) {
        out.push(format!("\"{s}\" + \"{p}\" (public exposure)"));
    }
    out
}
