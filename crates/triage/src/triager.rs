//! The triager: built once from the store's config, then reads each message.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::config::{CompiledTracking, ConfigError, OrderPattern, TriageConfig};
use crate::country::{country_language, phone_country};
use crate::duration::{count_mismatch, longest_wait, variant_mismatch};
use crate::kind::{ExceptionKind, Priority};
use crate::lexicon::{Lexicon, Target, Threat};
use crate::text::{fold, Folded};
use crate::{language, numbers, tokens};

/// What triage read from one message; serializes to exactly the JSON of `lifeline triage`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Triage {
    /// ISO 639-1 code (`pt`), or `und` when nothing tells.
    pub language: String,
    pub kind: ExceptionKind,
    pub priority: Priority,
    /// As written, without `#`, each once, in order of appearance.
    pub order_numbers: Vec<String>,
    /// As written, each once, in order of appearance.
    pub tracking_numbers: Vec<String>,
    /// A threat of dispute, chargeback, lawyer, consumer body, scam report or public review.
    pub escalate: bool,
    /// How sure triage is of the kind and language, 0 to 1.
    pub confidence: f32,
    /// Which words or rules decided each field, for the agent's screen.
    pub reasons: Vec<String>,
}

/// Reads messages. Built once at start-up (every regex and word list compiled here), then
/// shared: it is `Send + Sync` and `triage` takes `&self`.
#[derive(Debug, Clone)]
pub struct Triager {
    lexicon: Lexicon,
    order_patterns: Vec<OrderPattern>,
    carriers: Vec<CompiledTracking>,
}

/// Why a kind got weight: a listed phrase, or a rule's own words. Rendered only for the
/// kinds that end up in the reasons, so reading a message allocates little.
enum Note<'a> {
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

fn render(notes: &[Note<'_>]) -> String {
    notes
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// WhatsApp caps a text at 4,096 characters; anything longer is read only that far, which
/// also bounds the work one message can cause.
const MAX_CHARS: usize = 4096;

/// Cue scores of one message, before choosing.
struct Scores<'a> {
    kind: [f32; 10],
    kind_cues: [Vec<Note<'a>>; 10],
    threats: Vec<(Threat, &'a str)>,
    refund_wait: Option<&'a str>,
    /// Per pair rule: the phrase seen on each side.
    pair_sides: Vec<[Option<&'a str>; 2]>,
}

impl Triager {
    /// Checks and compiles the store's config together with the built-in vocabulary.
    pub fn new(config: TriageConfig) -> Result<Triager, ConfigError> {
        for (i, p) in config.order_patterns.iter().enumerate() {
            p.check(i)?;
        }
        let carriers = config
            .tracking_patterns
            .iter()
            .enumerate()
            .map(|(i, p)| p.compile(i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Triager {
            lexicon: Lexicon::build().map_err(ConfigError::Vocabulary)?,
            order_patterns: config.order_patterns,
            carriers,
        })
    }

    /// Reads one message. `from` is the sender's WhatsApp id (its country is a language hint)
    /// or any other user id (ignored).
    pub fn triage(&self, text: &str, from: Option<&str>) -> Triage {
        let text = match text.char_indices().nth(MAX_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let folded = fold(text);
        let country = from.and_then(phone_country);
        let hint = country.and_then(country_language);
        let lang = language::detect(&self.lexicon, text, &folded, hint);
        let scores = self.score(&folded, lang.code);
        let toks = tokens::tokenize(text);
        let found = numbers::read(&toks, &self.order_patterns, &self.carriers);

        let mut reasons = vec![match country {
            Some(c) => format!("{} (phone country {c})", lang.reason),
            None => lang.reason.clone(),
        }];
        let mut scores = scores;
        if !found.tracking.is_empty() {
            let slot = ExceptionKind::WhereIsMyOrder as usize;
            scores.kind[slot] += 1.0;
            scores.kind_cues[slot].push(Note::Rule("a tracking number given +1".into()));
        }
        let (kind, kind_conf) = choose_kind(&scores, &mut reasons);
        let threats = escalation(&scores.threats);
        let escalate = !threats.is_empty();
        let priority = if escalate {
            reasons.push(format!("escalate: {}", threats.join("; ")));
            reasons.push("priority urgent: a threat puts the case at the top".into());
            Priority::Urgent
        } else {
            let p = kind.default_priority();
            reasons.push(format!(
                "priority {}: the usual for {}",
                p.as_str(),
                kind.as_str()
            ));
            p
        };
        reasons.extend(found.reasons);
        let confidence = (0.7 * kind_conf + 0.3 * lang.confidence).clamp(0.05, 0.99);
        Triage {
            language: lang.code.to_string(),
            kind,
            priority,
            order_numbers: found.orders,
            tracking_numbers: found.tracking,
            escalate,
            confidence: (confidence * 100.0).round() / 100.0,
            reasons,
        }
    }

    fn score<'a>(&'a self, folded: &Folded, lang: &str) -> Scores<'a> {
        let mut scores = Scores {
            kind: [0.0; 10],
            kind_cues: Default::default(),
            threats: Vec::new(),
            refund_wait: None,
            pair_sides: vec![[None, None]; self.lexicon.pair_rules.len()],
        };
        let mut seen = HashSet::new();
        let mut spans: Vec<(usize, usize, ExceptionKind, f32, &str)> = Vec::new();
        for m in self
            .lexicon
            .automaton
            .find_overlapping_iter(folded.padded.as_str())
        {
            let id = m.pattern().as_usize();
            if !seen.insert(id) {
                continue;
            }
            let Some(cues) = self.lexicon.cues.get(id) else {
                continue;
            };
            for cue in cues {
                if cue.lang.as_deref().is_some_and(|l| l != lang) {
                    continue;
                }
                match cue.target {
                    Target::Kind(k, w) => spans.push((m.start(), m.end(), k, w, &cue.phrase)),
                    Target::Threat(t) => scores.threats.push((t, &cue.phrase)),
                    Target::RefundWait => scores.refund_wait = Some(&cue.phrase),
                    Target::PairSide(rule, side) => {
                        if let Some(slot) = scores.pair_sides.get_mut(rule) {
                            slot[side.min(1)].get_or_insert(&cue.phrase);
                        }
                    }
                }
            }
        }
        add_spans(&mut scores, &spans);
        self.apply_pairs(&mut scores);
        add_wait(&mut scores, longest_wait(folded.words()));
        add_count_mismatch(&mut scores, folded);
        if let Some((a, b)) = variant_mismatch(folded) {
            let slot = ExceptionKind::WrongItem as usize;
            scores.kind[slot] += 3.0;
            scores.kind_cues[slot].push(Note::Rule(format!("{a} and {b} differ +3")));
        }
        if let Some(phrase) = scores.refund_wait {
            refund_takes_the_wait(&mut scores, phrase);
        }
        scores
    }
}

impl Triager {
    fn apply_pairs(&self, scores: &mut Scores<'_>) {
        for (rule, sides) in self.lexicon.pair_rules.iter().zip(&scores.pair_sides) {
            if let [Some(a), Some(b)] = sides {
                let slot = rule.kind as usize;
                scores.kind[slot] += rule.weight;
                scores.kind_cues[slot]
                    .push(Note::Rule(format!("\"{a}\" with \"{b}\" +{}", rule.weight)));
            }
        }
    }
}

/// Adds the kind cues, counting nested cues of one kind once ("money back" inside "my money
/// back"): the stronger of the two counts.
fn add_spans<'a>(scores: &mut Scores<'a>, spans: &[(usize, usize, ExceptionKind, f32, &'a str)]) {
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
fn add_count_mismatch(scores: &mut Scores<'_>, folded: &Folded) {
    if let Some((a, b)) = count_mismatch(folded) {
        let slot = ExceptionKind::MissingItem as usize;
        scores.kind[slot] += 3.0;
        scores.kind_cues[slot].push(Note::Rule(format!("counts {a} and {b} differ +3")));
    }
}

/// A wait of two weeks or more reads as a delay; a shorter one says little.
fn add_wait(scores: &mut Scores<'_>, days: Option<u32>) {
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
/// weight goes to `payment`.
fn refund_takes_the_wait(scores: &mut Scores<'_>, phrase: &str) {
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
fn choose_kind(scores: &Scores<'_>, reasons: &mut Vec<String>) -> (ExceptionKind, f32) {
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
    let arrived_wrong = goods.iter().any(|&k| at(k) >= 2.0);
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
fn escalation(found: &[(Threat, &str)]) -> Vec<String> {
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
