//! The acknowledgement: the first answer a shopper gets, within seconds, in their language (SOP step 1).
//!
//! By name, thanks for telling us, what happens next and when ("I'm checking order #1042 now; I'll get back
//! to you within 15 minutes"), and the order number asked for only when it is missing. An escalated
//! message (dispute, chargeback, lawyer…) gets extra care: the frustration acknowledged, a person on it now,
//! a concrete time, and no promise beyond policy. A greeting or a thank-you gets a short friendly answer.
//!
//! The acknowledgement goes out before the order is looked up, so it only says the number is being looked
//! up; what the lookup found follows in [`news`]. Outside staffed hours it promises no minutes: it says
//! when the team is back, in the shopper's own time.

pub mod news;

use std::sync::OnceLock;

use lifeline_triage::ExceptionKind;

use crate::address::{greeting, Register};
use crate::playbook::{wait, PlaybookError, Playbooks};

/// What the acknowledgement needs to know, straight from triage and the store's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AckFacts<'a> {
    pub name: Option<&'a str>,
    pub order_number: Option<&'a str>,
    pub kind: ExceptionKind,
    pub escalated: bool,
    /// The acknowledgement promises news within this many minutes (the store's first-reply clock).
    pub within_minutes: u32,
    /// The shopper's own words, used only to tell a thank-you from a greeting when no problem is stated.
    pub said: Option<&'a str>,
    /// How formally the shopper writes ([`Register::of_conversation`]).
    pub register: Register,
    /// The desk greeted this shopper lately ([`crate::address::greeting::already_greeted`]): no second "Hi".
    pub greeted: bool,
    /// Nobody is at the desk: when the team is back, told in the shopper's time zone instead of the
    /// minutes promised ([`crate::staffed_hours::Answer::BackAt`]).
    pub team_back: Option<news::LocalTime>,
}

impl<'a> AckFacts<'a> {
    /// Facts for a message of `kind`, with the other fields empty and a 15-minute promise.
    pub fn new(kind: ExceptionKind) -> AckFacts<'a> {
        AckFacts {
            name: None,
            order_number: None,
            kind,
            escalated: false,
            within_minutes: 15,
            said: None,
            register: Register::Informal,
            greeted: false,
            team_back: None,
        }
    }
}

impl AckFacts<'_> {
    /// True when this acknowledgement promises a person's answer (it states a problem or is escalated);
    /// a greeting or a thank-you promises nothing.
    pub fn promises_answer(&self) -> bool {
        !matches!(
            entry_for(self),
            "greeting" | "greeting_with_order" | "thanks"
        )
    }
}

/// Words that make a message a thank-you, in the eight languages (accents optional).
const THANKS: [&str; 20] = [
    "thank",
    "thx",
    "cheers",
    "gracias",
    "obrigad",
    "valeu",
    "merci",
    "danke",
    "dankeschön",
    "grazie",
    "terima kasih",
    "makasih",
    "trims",
    "bedankt",
    "dank je",
    "dank u",
    "thnx",
    "brigad",
    "mil gracias",
    "vielen dank",
];

fn is_thanks(said: Option<&str>) -> bool {
    let lower = said.unwrap_or("").to_lowercase();
    THANKS.iter().any(|t| lower.contains(t))
}

/// Which text of the acknowledgement file fits these facts.
fn entry_for(facts: &AckFacts) -> &'static str {
    let has_order = facts.order_number.is_some_and(|o| !o.trim().is_empty());
    match (facts.escalated, facts.kind, has_order) {
        (true, _, true) => "escalated_with_order",
        (true, _, false) => "escalated_without_order",
        (false, ExceptionKind::Other, _) if is_thanks(facts.said) => "thanks",
        // A number given with no problem named: thank for it and ask what happened, never ask for it again.
        (false, ExceptionKind::Other, true) => "greeting_with_order",
        (false, ExceptionKind::Other, false) => "greeting",
        (false, _, true) => "with_order",
        (false, _, false) => "without_order",
    }
}

impl Playbooks {
    /// The acknowledgement in the shopper's language (English when the language has no texts).
    pub fn acknowledgement(&self, lang: &str, facts: &AckFacts) -> String {
        use crate::playbook::vars_for_ack;
        let book = self.ack_book(lang, facts.register);
        let mut vars = vars_for_ack(facts.name, facts.order_number);
        match facts.team_back {
            // The lines promising minutes fall back to their "back at" alternative without `wait`.
            Some(back) => {
                let (time, day) = news::local_time(book, back);
                vars.insert("back_time", time);
                vars.insert("back_day", day);
            }
            None => {
                vars.insert("wait", wait(book, facts.within_minutes.max(1)));
            }
        }
        if let Some(empathy) = book.get(&format!("empathy.{}", facts.kind.as_str())) {
            vars.insert("empathy", empathy.to_string());
        }
        let key = format!("{}.text", entry_for(facts));
        let text = greeting::unless_greeted(book.get(&key).unwrap_or(""), facts.greeted);
        crate::playbook::fill(&text, &vars)
    }
}

fn builtin() -> &'static Result<Playbooks, PlaybookError> {
    static BUILTIN: OnceLock<Result<Playbooks, PlaybookError>> = OnceLock::new();
    BUILTIN.get_or_init(Playbooks::builtin)
}

/// The acknowledgement with Lifeline's built-in texts; use [`Playbooks::acknowledgement`] to honour a
/// store's overrides. Returns an empty string only if the built-in texts failed to load (a test guards that).
pub fn acknowledgement(lang: &str, facts: &AckFacts) -> String {
    match builtin() {
        Ok(books) => books.acknowledgement(lang, facts),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_entry_from_the_facts() {
        let mut f = AckFacts::new(ExceptionKind::Delayed);
        assert_eq!(entry_for(&f), "without_order");
        f.order_number = Some("1042");
        assert_eq!(entry_for(&f), "with_order");
        f.escalated = true;
        assert_eq!(entry_for(&f), "escalated_with_order");
        let mut hello = AckFacts::new(ExceptionKind::Other);
        hello.said = Some("Oi, bom dia!");
        assert_eq!(entry_for(&hello), "greeting");
        hello.said = Some("Muito obrigada!!");
        assert_eq!(entry_for(&hello), "thanks");
    }
}
