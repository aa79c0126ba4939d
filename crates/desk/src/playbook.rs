//! Playbooks: the reply a great agent would send for each situation, in the shopper's language.
//!
//! Every draft follows the trade's formula: empathy, a short honest explanation, two or three concrete
//! options (sent as WhatsApp reply buttons) and compensation within policy, filled with the case's facts.
//! The texts live in `texts/playbooks/<lang>.toml` (built in) and a store may override any entry from its
//! own directory; [`Playbooks::validate`] checks them all at start-up.

mod book;
mod confirm;
mod formal;
mod load;
mod news;
mod ownership;
mod render;
pub mod schema;
mod vars;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub(crate) use book::TextBook;
pub use confirm::{ChoiceAnswer, Confirmation};
use load::override_family;
pub(crate) use render::{fill, ALTERNATIVE};
use schema::Family;
pub(crate) use vars::wait;
pub use vars::{first_name, snippet_placeholders};

/// The name and order placeholders of an acknowledgement, written the same way as in playbooks.
pub(crate) fn vars_for_ack(name: Option<&str>, order: Option<&str>) -> render::Vars {
    let mut v = render::Vars::new();
    if let Some(n) = name.and_then(vars::first_name) {
        v.insert("name", n);
    }
    if let Some(o) = order.and_then(vars::order_label) {
        v.insert("order", o);
    }
    v
}

use crate::address::{greeting, Register};
use crate::situation::{Facts, Situation, Whereabouts};
use crate::Remedy;

/// The languages Lifeline ships reviewed texts for.
pub const LANGUAGES: [&str; 8] = ["en", "es", "pt", "fr", "de", "it", "id", "nl"];

/// Why the texts cannot be used. Every message names the file, and the entry when there is one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlaybookError {
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    #[error("{file}: {message}")]
    Syntax { file: String, message: String },
    #[error("the texts have {} problem(s):\n{}", problems.len(), problems.join("\n"))]
    Invalid { problems: Vec<String> },
}

/// A drafted reply: the text, and the options to send as reply buttons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub text: String,
    /// At most 3, in the order offered; each title is at most 20 characters.
    pub options: Vec<DraftOption>,
    pub situation: Situation,
}

/// One choice the shopper can tap; its button id is `remedy:<Remedy::id()>`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftOption {
    pub remedy: Remedy,
    pub title: String,
}

/// Why the desk writes to the shopper again (the follow-up steps of the SOP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpTopic {
    /// A promised deadline is here: news, even if it is "still working on it".
    PromiseDue,
    /// No movement for more than 7 days: we are chasing the carrier.
    ChasingCarrier,
    /// Still nothing 48 hours after chasing: treat as lost, offer reship or refund.
    TreatAsLost,
    /// The tracking really changed: pass it on.
    TrackingChanged,
    /// The fix landed: one last check-in.
    LastCheckIn,
}

impl From<&crate::followup::FollowUpReason> for FollowUpTopic {
    /// Maps the follow-up schedule's reason to the text that goes with it.
    fn from(reason: &crate::followup::FollowUpReason) -> FollowUpTopic {
        use crate::followup::FollowUpReason as R;
        match reason {
            R::PromiseDue { .. } => FollowUpTopic::PromiseDue,
            R::StalledChaseCarrier => FollowUpTopic::ChasingCarrier,
            R::TreatAsLost | R::DeclaredLost => FollowUpTopic::TreatAsLost,
            R::TrackingChanged => FollowUpTopic::TrackingChanged,
            R::LastCheckIn => FollowUpTopic::LastCheckIn,
        }
    }
}

impl FollowUpTopic {
    fn key(self) -> &'static str {
        match self {
            FollowUpTopic::PromiseDue => "promise_due",
            FollowUpTopic::ChasingCarrier => "chasing_carrier",
            FollowUpTopic::TreatAsLost => "treat_as_lost",
            FollowUpTopic::TrackingChanged => "tracking_changed",
            FollowUpTopic::LastCheckIn => "last_check_in",
        }
    }
}

/// The entry name of a remedy in the texts (`buttons.<name>`, `offers.<name>`).
pub fn remedy_key(remedy: &Remedy) -> &'static str {
    match remedy {
        Remedy::FullRefund => "full_refund",
        Remedy::PartialRefund { .. } | Remedy::LineRefund { .. } => "partial_refund",
        Remedy::Replacement | Remedy::LineReplacement { .. } => "replacement",
        Remedy::Coupon { .. } => "coupon",
        Remedy::OrderDiscount { .. } => "order_discount",
        Remedy::FreeExpress => "free_express",
        Remedy::ChaseCarrier => "chase_carrier",
        Remedy::KeepWaiting => "keep_waiting",
        Remedy::ReturnLabel => "return_label",
        Remedy::KeepItem => "keep_item",
        Remedy::AskEvidence => "ask_evidence",
        Remedy::TalkToAgent => "talk_to_agent",
    }
}

/// Gestures come on top of whatever the shopper chooses, so they are written into the text, not offered as buttons.
pub fn is_gesture(remedy: &Remedy) -> bool {
    matches!(remedy, Remedy::Coupon { .. } | Remedy::FreeExpress)
}

/// The language whose texts serve a tag: "pt-BR" → "pt"; anything unknown → "en".
pub(crate) fn text_language<'a>(books: &'a BTreeMap<String, TextBook>, lang: &str) -> &'a str {
    let base = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    books
        .get_key_value(base.as_str())
        .map(|(k, _)| k.as_str())
        .unwrap_or("en")
}

/// All texts for all situations and languages: built-in, with a store's overrides merged in.
#[derive(Debug, Clone, PartialEq)]
pub struct Playbooks {
    books: BTreeMap<String, TextBook>,
    acks: BTreeMap<String, TextBook>,
}

impl Playbooks {
    /// The texts shipped with Lifeline.
    pub fn builtin() -> Result<Playbooks, PlaybookError> {
        Playbooks::base()?.with_formal()
    }

    /// The built-in texts with a store's overrides from `dir/playbooks/<lang>.toml` and `dir/ack/<lang>.toml`,
    /// entry by entry (a file may hold a single entry). A new language may be added with a complete file.
    /// Call [`Playbooks::validate`] afterwards, at start-up.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Playbooks, PlaybookError> {
        let dir = dir.as_ref();
        if !dir.is_dir() {
            return Err(PlaybookError::Io {
                path: dir.display().to_string(),
                message: "is not a directory".into(),
            });
        }
        let mut books = Playbooks::base()?;
        override_family(dir, Family::Playbook, &mut books.books)?;
        override_family(dir, Family::Ack, &mut books.acks)?;
        books.with_formal()
    }

    /// Checks every language: required entries present, no unknown entry, only known placeholders,
    /// at most 3 buttons per situation and at most 20 characters per title. Lists every problem found.
    pub fn validate(&self) -> Result<(), PlaybookError> {
        let mut problems = Vec::new();
        let langs: std::collections::BTreeSet<&str> = LANGUAGES
            .iter()
            .copied()
            .chain(self.books.keys().map(String::as_str))
            .chain(self.acks.keys().map(String::as_str))
            .collect();
        for (family, books) in [(Family::Playbook, &self.books), (Family::Ack, &self.acks)] {
            for lang in &langs {
                let builtin = format!("texts/{}/{lang}.toml", family.folder());
                match books.get(*lang) {
                    Some(book) => {
                        // Missing entries are reported against the file the language came from.
                        let file = book
                            .entries
                            .values()
                            .next()
                            .map(|e| e.source.to_string())
                            .unwrap_or(builtin);
                        let before = problems.len();
                        schema::check(book, family, &file, &mut problems);
                        formal::own_problems_only(lang, &mut problems, before);
                    }
                    None => problems.push(format!("{builtin}: the file is missing")),
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(PlaybookError::Invalid { problems })
        }
    }

    /// The languages with texts.
    pub fn languages(&self) -> Vec<&str> {
        let own = |k: &&String| !k.ends_with(formal::FORMAL_SUFFIX);
        self.books.keys().filter(own).map(String::as_str).collect()
    }

    /// Fills a canned reply's `{placeholders}` ({name}, {order}, {tracking_link}…) with the case's facts,
    /// in the shopper's locale. A placeholder with no fact stays as written, so the agent sees what to
    /// complete before sending.
    pub fn fill_snippet(&self, lang: &str, text: &str, facts: &Facts) -> String {
        let (lang, book) = self.book_in(lang, facts.register);
        let vars = vars::fact_vars(book, facts, lang);
        vars.iter().fold(text.to_string(), |out, (name, value)| {
            out.replace(&format!("{{{name}}}"), value)
        })
    }

    /// The texts of a language in the shopper's register ([`Facts::register`]).
    fn book_in(&self, lang: &str, register: Register) -> (&str, &TextBook) {
        let lang = text_language(&self.books, lang);
        (lang, formal::book_in(&self.books, lang, register))
    }

    pub(crate) fn ack_book(&self, lang: &str, register: Register) -> &TextBook {
        formal::book_in(&self.acks, text_language(&self.acks, lang), register)
    }

    /// Drafts the reply for a situation in the shopper's language (English when the language is unknown):
    /// the situation's text, then the options (at most 3, also as buttons), then the gestures (coupon,
    /// free express), then a line inviting a tap.
    ///
    /// Without a known order (asking for the number, an unknown number, a plain "hi") nothing can be offered
    /// yet, so the options are left out whatever `facts.offers` holds.
    pub fn draft(&self, situation: Situation, lang: &str, facts: &Facts) -> Draft {
        let no_order = matches!(
            situation,
            Situation::AskOrderNumber
                | Situation::Other
                | Situation::WhereIsMyOrder(Whereabouts::NoOrderFound)
        );
        let without_offers;
        let facts = if no_order && !facts.offers.is_empty() {
            without_offers = Facts {
                offers: Vec::new(),
                ..facts.clone()
            };
            &without_offers
        } else {
            facts
        };
        let key = match situation {
            Situation::Other if facts.order_number.is_some() => {
                schema::OTHER_WITH_ORDER.to_string()
            }
            _ => format!("{}.text", situation.key()),
        };
        let (text, options) = self.compose(lang, &key, Some(situation), facts);
        Draft {
            text,
            options,
            situation,
        }
    }

    /// Picks the situation from the kind and the facts ([`crate::situation::situation`]) and drafts its reply.
    pub fn draft_for(
        &self,
        kind: lifeline_triage::ExceptionKind,
        lang: &str,
        facts: &Facts,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Draft {
        self.draft(crate::situation::situation(kind, facts, now), lang, facts)
    }

    /// The follow-up message for a reason of the SOP's follow-up step, with the same options block as a draft
    /// when `facts.offers` holds any (treat-as-lost offers reship or refund).
    pub fn follow_up(
        &self,
        lang: &str,
        topic: FollowUpTopic,
        facts: &Facts,
    ) -> (String, Vec<DraftOption>) {
        let situation = match topic {
            FollowUpTopic::ChasingCarrier => Some(Situation::Stalled),
            FollowUpTopic::TreatAsLost => Some(Situation::LostInTransit),
            _ => None,
        };
        self.compose(
            lang,
            &format!("follow_up.{}", topic.key()),
            situation,
            facts,
        )
    }

    /// The follow-up text alone.
    pub fn follow_up_text(&self, lang: &str, topic: FollowUpTopic, facts: &Facts) -> String {
        self.follow_up(lang, topic, facts).0
    }

    fn compose(
        &self,
        lang: &str,
        body: &str,
        sit: Option<Situation>,
        facts: &Facts,
    ) -> (String, Vec<DraftOption>) {
        let (lang, book) = self.book_in(lang, facts.register);
        let locale = vars::locale(book, facts, lang);
        let base = vars::fact_vars(book, facts, lang);
        let per_sit = |part: &str, remedy: &Remedy| {
            let own =
                sit.and_then(|s| book.get(&format!("{}.{part}.{}", s.key(), remedy_key(remedy))));
            own.or_else(|| book.get(&format!("{part}.{}", remedy_key(remedy))))
                .unwrap_or("")
        };
        let choices: Vec<&Remedy> = facts
            .offers
            .iter()
            .filter(|r| !is_gesture(r))
            .take(schema::MAX_BUTTONS)
            .collect();
        let gestures = facts.offers.iter().filter(|r| is_gesture(r));
        let mut options = Vec::new();
        let mut lines = Vec::new();
        for remedy in &choices {
            let v = vars::remedy_vars(&base, remedy, facts, &locale);
            let title = render::fill(per_sit("buttons", remedy), &v);
            lines.push(format!("• {}", render::fill(per_sit("offers", remedy), &v)));
            options.push(DraftOption {
                remedy: (*remedy).clone(),
                title: title.chars().take(schema::MAX_BUTTON_CHARS).collect(),
            });
        }
        let opening = greeting::unless_greeted(book.get(body).unwrap_or(""), facts.greeted);
        let mut parts = vec![render::fill(&opening, &base)];
        if !lines.is_empty() {
            let intro = render::fill(book.get("common.options_intro").unwrap_or(""), &base);
            parts.push(format!("{intro}\n{}", lines.join("\n")).trim().to_string());
        }
        let gesture_lines: Vec<String> = gestures
            .map(|g| {
                render::fill(
                    per_sit("offers", g),
                    &vars::remedy_vars(&base, g, facts, &locale),
                )
            })
            .collect();
        parts.push(gesture_lines.join(" "));
        let invite = match choices.len() {
            0 => None,
            1 => book.get("common.choose_one"),
            _ => book.get("common.choose_many"),
        };
        parts.extend(invite.map(|t| render::fill(t, &base)));
        (render::paragraphs(parts), options)
    }
}
