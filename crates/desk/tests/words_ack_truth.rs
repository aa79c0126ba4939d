//! The acknowledgement and what follows it tell only what the desk knows: a number being looked up (not
//! "your order"), the lookup's result afterwards, and outside staffed hours when the team is back, in the
//! shopper's own time; when a promise lapses, one honest update. In the eight languages.

use chrono::{DateTime, Duration, Utc};
use lifeline_desk::ack::news::LocalTime;
use lifeline_desk::ack::{acknowledgement, AckFacts};
use lifeline_desk::address::Register;
use lifeline_desk::playbook::{Playbooks, LANGUAGES};
use lifeline_desk::staffed_hours::{Answer, StaffedHours};
use lifeline_triage::ExceptionKind;

fn books() -> Playbooks {
    Playbooks::builtin().unwrap()
}

fn clean(text: &str) {
    assert!(!text.trim().is_empty());
    assert!(!text.contains(['{', '}']) && !text.contains("||"), "{text}");
}

/// How each language would claim the number as the shopper's order ("your order #99999").
fn possessive(lang: &str) -> &'static str {
    match lang {
        "en" => "your order",
        "es" => "tu pedido",
        "pt" => "seu pedido",
        "fr" => "votre commande",
        "de" => "deine Bestellung",
        "it" => "tuo ordine",
        "id" => "Pesanan",
        "nl" => "je bestelling",
        _ => unreachable!(),
    }
}

/// "15 minutes" in each language: the promise made inside staffed hours.
fn fifteen_minutes(lang: &str) -> &'static str {
    match lang {
        "en" | "fr" => "15 minutes",
        "es" | "pt" => "15 minutos",
        "de" => "15 Minuten",
        "it" => "15 minuti",
        "id" => "15 menit",
        "nl" => "15 minuten",
        _ => unreachable!(),
    }
}

fn monday(lang: &str) -> &'static str {
    match lang {
        "en" => "Monday",
        "es" => "lunes",
        "pt" => "segunda-feira",
        "fr" => "lundi",
        "de" => "Montag",
        "it" => "lunedì",
        "id" => "Senin",
        "nl" => "maandag",
        _ => unreachable!(),
    }
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

#[test]
fn the_acknowledgement_looks_the_number_up_without_calling_it_the_shoppers_order() {
    for lang in LANGUAGES {
        for escalated in [false, true] {
            let mut facts = AckFacts::new(ExceptionKind::WhereIsMyOrder);
            facts.order_number = Some("99999");
            facts.escalated = escalated;
            let text = acknowledgement(lang, &facts);
            clean(&text);
            assert!(text.contains("#99999"), "{lang}: {text}");
            let claim = format!("{} #99999", possessive(lang));
            assert!(!text.contains(&claim), "{lang} claims the order: {text}");
            assert!(text.contains(fifteen_minutes(lang)), "{lang}: {text}");
        }
    }
}

#[test]
fn outside_staffed_hours_the_ack_says_when_the_team_is_back_in_the_shoppers_own_time() {
    let amsterdam: StaffedHours = toml::from_str(
        "time_zone = \"Europe/Amsterdam\"\nhours = [\"mon-fri 09:00-18:00\", \"sat 10:00-14:00\"]",
    )
    .unwrap();
    // Sunday 02:25 in Jakarta is Saturday 20:25 in Amsterdam: nobody until Monday 09:00 there.
    let now = at("2026-12-05T19:25:00Z");
    let Answer::BackAt { back_at, by } = amsterdam.answer(now, Duration::minutes(15)) else {
        panic!("nobody is at the desk on Saturday night");
    };
    assert_eq!(back_at, at("2026-12-07T08:00:00Z"));
    assert_eq!(by, at("2026-12-07T08:15:00Z"));
    for (zone, local) in [
        (chrono_tz::Asia::Jakarta, "15:00"),
        (chrono_tz::America::Sao_Paulo, "05:00"),
    ] {
        for lang in LANGUAGES {
            for (order, escalated) in [(Some("1012"), false), (None, false), (Some("1012"), true)] {
                let mut facts = AckFacts::new(ExceptionKind::Delayed);
                facts.order_number = order;
                facts.escalated = escalated;
                facts.team_back = Some(LocalTime { at: back_at, zone });
                let text = acknowledgement(lang, &facts);
                clean(&text);
                assert!(text.contains(local), "{lang} in {zone}: {text}");
                assert!(text.contains(monday(lang)), "{lang} in {zone}: {text}");
                assert!(
                    !text.contains(fifteen_minutes(lang)),
                    "no minutes promised while nobody is there: {lang}: {text}"
                );
            }
        }
    }
    let mut facts = AckFacts::new(ExceptionKind::Delayed);
    facts.team_back = Some(LocalTime {
        at: back_at,
        zone: chrono_tz::Asia::Jakarta,
    });
    let text = acknowledgement("id", &facts);
    assert!(text.contains("pukul 15:00 waktu Kakak (Senin)"), "{text}");
}

#[test]
fn a_found_order_is_confirmed_and_a_missing_one_is_asked_for_again() {
    let books = books();
    for lang in LANGUAGES {
        let found = books.order_found(lang, Register::Informal, "1012");
        clean(&found);
        assert!(found.contains("#1012"), "{lang}: {found}");
        let missing = books.order_not_found(lang, Register::Informal, "99999");
        clean(&missing);
        assert!(missing.contains("#99999"), "{lang}: {missing}");
        assert!(
            missing.contains("#1234"),
            "says where to find the number: {lang}: {missing}"
        );
        assert_ne!(found, missing);
    }
}

#[test]
fn a_late_answer_is_owned_up_to_once_with_a_time_in_the_shoppers_zone() {
    let books = books();
    let by = LocalTime {
        at: at("2026-12-07T08:15:00Z"),
        zone: chrono_tz::America::Sao_Paulo,
    };
    for lang in LANGUAGES {
        let text = books.answer_late(lang, Register::Informal, Some("Ana"), by);
        clean(&text);
        assert!(text.contains("Ana"), "{lang}: {text}");
        assert!(text.contains("05:15"), "{lang}: {text}");
        assert!(text.contains(monday(lang)), "{lang}: {text}");
        let nameless = books.answer_late(lang, Register::Informal, None, by);
        clean(&nameless);
    }
}

/// "Order 1002, the socks" read as no known problem: the desk thanks for the number and asks what happened,
/// never for the number it was just given, in the acknowledgement and in the draft, in both registers.
#[test]
fn a_number_with_no_problem_named_is_not_asked_for_again() {
    use lifeline_desk::situation::{Facts, Situation};
    let books = books();
    for lang in LANGUAGES {
        for register in [Register::Informal, Register::Formal] {
            let mut facts = AckFacts::new(ExceptionKind::Other);
            facts.order_number = Some("1002");
            facts.register = register;
            facts.said = Some("1002");
            let ack = books.acknowledgement(lang, &facts);
            clean(&ack);
            assert!(ack.contains("#1002"), "{lang}: {ack}");
            assert!(
                !ack.contains("#1234"),
                "{lang} asks for the number again: {ack}"
            );
            let draft_facts = Facts {
                order_number: Some("1002".into()),
                order_found: Some(true),
                register,
                ..Facts::default()
            };
            let draft = books.draft(Situation::Other, lang, &draft_facts);
            clean(&draft.text);
            assert!(draft.text.contains("#1002"), "{lang}: {}", draft.text);
            let nameless = books.draft(Situation::Other, lang, &Facts::default());
            assert_ne!(draft.text, nameless.text, "{lang}");
            assert!(
                draft.options.is_empty(),
                "nothing offered before a problem is known"
            );
        }
    }
}
