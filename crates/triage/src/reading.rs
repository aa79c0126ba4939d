//! What a case knows so far, refined as the shopper's messages arrive: an order number given
//! later attaches, a photo after "it arrived broken" strengthens `damaged`, the most urgent
//! problem named so far leads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::kind::{ExceptionKind, Priority};
use crate::situation::Situation;
use crate::triager::Triage;

/// How many reasons a case keeps (the newest are kept).
const MAX_REASONS: usize = 24;
/// How much a damage photo adds to the `damaged` reading.
const PHOTO_WEIGHT: f32 = 1.0;

/// The conversation-level reading of one case. Absorb every triaged message (and whether it
/// carried a photo); `current` gives the merged view the desk shows and acts on.
#[derive(Default, Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct CaseReading {
    /// Confidence-weighted votes per language code.
    pub language_votes: BTreeMap<String, f32>,
    /// Confidence-weighted votes per kind named so far (never `other`).
    pub kind_votes: BTreeMap<ExceptionKind, f32>,
    /// The kind named by the latest message that named one.
    pub latest_kind: Option<ExceptionKind>,
    pub order_numbers: Vec<String>,
    pub tracking_numbers: Vec<String>,
    /// Once a shopper threatens, the case stays escalated.
    pub escalate: bool,
    pub photos: u32,
    pub messages: u32,
    pub reasons: Vec<String>,
    /// The parcel situation the latest message that named one described: the parcel moves on
    /// (a failed attempt, then the pickup point), so the newest word counts.
    #[serde(default)]
    pub situation: Situation,
    /// The words naming a missing item, from the latest message that named one.
    #[serde(default)]
    pub missing_words: Vec<String>,
}

impl CaseReading {
    /// Folds one triaged message into the case.
    pub fn absorb(&mut self, t: &Triage, has_photo: bool) {
        self.messages += 1;
        if t.language != "und" {
            *self.language_votes.entry(t.language.clone()).or_default() += t.confidence.max(0.1);
        }
        if t.kind != ExceptionKind::Other {
            *self.kind_votes.entry(t.kind).or_default() += t.confidence.max(0.1);
            self.latest_kind = Some(t.kind);
        }
        for o in &t.order_numbers {
            if !self.order_numbers.contains(o) {
                self.order_numbers.push(o.clone());
                self.note(format!(
                    "message {}: order {o} attached to the case",
                    self.messages
                ));
            }
        }
        for n in &t.tracking_numbers {
            if !self.tracking_numbers.contains(n) {
                self.tracking_numbers.push(n.clone());
            }
        }
        if t.situation != Situation::None && t.situation != self.situation {
            self.situation = t.situation;
            self.note(format!(
                "message {}: the parcel's situation is {}",
                self.messages,
                t.situation.as_str()
            ));
        }
        if !t.missing_words.is_empty() {
            self.missing_words = t.missing_words.clone();
        }
        if t.escalate && !self.escalate {
            self.escalate = true;
            self.note(format!(
                "message {}: the shopper threatened; escalated",
                self.messages
            ));
        }
        if has_photo {
            self.photos += 1;
            if let Some(v) = self.kind_votes.get_mut(&ExceptionKind::Damaged) {
                *v += PHOTO_WEIGHT;
                self.note(format!(
                    "message {}: a photo after a damage report strengthens damaged",
                    self.messages
                ));
            }
        }
        for r in &t.reasons {
            if r.starts_with("kind ") || r.starts_with("escalate") {
                self.note(format!("message {}: {r}", self.messages));
            }
        }
    }

    fn note(&mut self, reason: String) {
        self.reasons.push(reason);
        if self.reasons.len() > MAX_REASONS {
            self.reasons.remove(0);
        }
    }

    /// The kind the case is about: the most urgent kind named so far; among kinds equally
    /// urgent, the one with most votes, then the latest named.
    fn kind(&self) -> (ExceptionKind, f32) {
        let mut best: Option<(ExceptionKind, f32)> = None;
        for (&k, &v) in &self.kind_votes {
            let better = match best {
                None => true,
                Some((b, bv)) => {
                    let (kp, bp) = (k.default_priority(), b.default_priority());
                    kp < bp
                        || (kp == bp && v > bv)
                        || (kp == bp && v == bv && self.latest_kind == Some(k))
                }
            };
            if better {
                best = Some((k, v));
            }
        }
        best.unwrap_or((ExceptionKind::Other, 0.5))
    }

    /// The merged view of the case, in the same shape as a single message's triage.
    pub fn current(&self) -> Triage {
        let language = self
            .language_votes
            .iter()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or_else(|| "und".to_string(), |(l, _)| l.clone());
        let (kind, votes) = self.kind();
        let total: f32 = self.kind_votes.values().sum();
        let confidence = if total > 0.0 {
            (votes / total).min(1.0) * 0.5 + (votes.min(2.0) / 2.0) * 0.49
        } else {
            0.5
        };
        let priority = if self.escalate {
            Priority::Urgent
        } else {
            kind.default_priority()
        };
        Triage {
            language,
            kind,
            priority,
            order_numbers: self.order_numbers.clone(),
            tracking_numbers: self.tracking_numbers.clone(),
            escalate: self.escalate,
            confidence: (confidence * 100.0).round() / 100.0,
            reasons: self.reasons.clone(),
            situation: self.situation,
            missing_words: self.missing_words.clone(),
        }
    }
}
