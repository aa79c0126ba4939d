//! Acknowledgements (SOP step 1) in every language: by name, what happens next and when, the order number
//! named when known and asked for only when missing, extra care when escalated.

use lifeline_desk::ack::{acknowledgement, AckFacts};
use lifeline_desk::playbook::LANGUAGES;
use lifeline_triage::ExceptionKind;

/// How each language writes "15 minutes" and "2 hours" in the promise.
fn wait_words(lang: &str) -> (&'static str, &'static str) {
    match lang {
        "en" => ("15 minutes", "2 hours"),
        "es" | "pt" => ("15 minutos", "2 horas"),
        "fr" => ("15 minutes", "2 heures"),
        "de" => ("15 Minuten", "2 Stunden"),
        "it" => ("15 minuti", "2 ore"),
        "id" => ("15 menit", "2 jam"),
        "nl" => ("15 minuten", "2 uur"),
        _ => unreachable!(),
    }
}

fn clean(text: &str) {
    assert!(!text.trim().is_empty());
    assert!(!text.contains(['{', '}']) && !text.contains("||"), "{text}");
}

#[test]
fn with_an_order_number_the_ack_names_it_and_promises_a_time() {
    for lang in LANGUAGES {
        for kind in ExceptionKind::ALL
            .into_iter()
            .filter(|k| *k != ExceptionKind::Other)
        {
            let mut facts = AckFacts::new(kind);
            facts.name = Some("Ana Souza");
            facts.order_number = Some("1042");
            let text = acknowledgement(lang, &facts);
            clean(&text);
            assert!(
                text.contains("Ana") && !text.contains("Souza"),
                "{lang}/{kind:?}: {text}"
            );
            assert!(text.contains("#1042"), "{lang}/{kind:?}: {text}");
            assert!(text.contains(wait_words(lang).0), "{lang}/{kind:?}: {text}");
            assert!(
                !text.contains("#1234"),
                "must not ask for the number it has: {lang}: {text}"
            );
        }
    }
}

#[test]
fn without_an_order_number_the_ack_asks_for_it() {
    for lang in LANGUAGES {
        let mut facts = AckFacts::new(ExceptionKind::Damaged);
        facts.within_minutes = 120;
        let text = acknowledgement(lang, &facts);
        clean(&text);
        assert!(
            text.contains("#1234"),
            "{lang}: shows what an order number looks like: {text}"
        );
        assert!(text.contains(wait_words(lang).1), "{lang}: {text}");
        assert!(text.contains('?'), "{lang}: asks a question: {text}");
    }
}

#[test]
fn an_escalated_message_gets_a_person_and_a_time_without_promises() {
    for lang in LANGUAGES {
        let mut facts = AckFacts::new(ExceptionKind::Lost);
        facts.name = Some("Marco");
        facts.escalated = true;
        facts.order_number = Some("LL-2231");
        let calm = acknowledgement(
            lang,
            &AckFacts {
                escalated: false,
                ..facts
            },
        );
        let text = acknowledgement(lang, &facts);
        clean(&text);
        assert_ne!(text, calm, "{lang}");
        assert!(
            text.contains("Marco") && text.contains("LL-2231") && text.contains(wait_words(lang).0),
            "{lang}: {text}"
        );
        let lower = text.to_lowercase();
        for promise in [
            "refund",
            "reembolso",
            "rembours",
            "erstatt",
            "rimbors",
            "terugbeta",
            "%",
        ] {
            assert!(
                !lower.contains(promise),
                "{lang}: promises nothing beyond policy: {text}"
            );
        }
        let without = acknowledgement(
            lang,
            &AckFacts {
                order_number: None,
                ..facts
            },
        );
        assert!(
            without.contains('?') && !without.contains("LL-2231"),
            "{lang}: asks for the number: {without}"
        );
    }
}

#[test]
fn greetings_and_thanks_get_a_short_friendly_answer() {
    for lang in LANGUAGES {
        let mut hello = AckFacts::new(ExceptionKind::Other);
        hello.name = Some("Sari");
        hello.said = Some("Halo");
        let greeting = acknowledgement(lang, &hello);
        hello.said =
            Some("thanks!! / obrigada / gracias / merci / danke / grazie / makasih / bedankt");
        let thanks = acknowledgement(lang, &hello);
        clean(&greeting);
        clean(&thanks);
        assert_ne!(greeting, thanks, "{lang}");
        assert!(
            greeting.contains("Sari") && thanks.contains("Sari"),
            "{lang}"
        );
        assert!(
            thanks.len() < greeting.len(),
            "{lang}: a thank-you gets the shorter answer"
        );
    }
}

#[test]
fn each_language_has_its_own_words() {
    let mut facts = AckFacts::new(ExceptionKind::Delayed);
    facts.order_number = Some("7");
    let texts: Vec<String> = LANGUAGES
        .iter()
        .map(|l| acknowledgement(l, &facts))
        .collect();
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            assert_ne!(a, b, "two languages share a text");
        }
    }
    assert_eq!(acknowledgement("pt-BR", &facts), texts[2]);
    assert_eq!(
        acknowledgement("xx", &facts),
        texts[0],
        "unknown languages fall back to English"
    );
}
