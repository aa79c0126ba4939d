//! The formal register in the words a shopper receives: read from formal openings in the eight
//! languages, and never calling a formal shopper by their first name.

use lifeline_desk::ack::{acknowledgement, AckFacts};
use lifeline_desk::address::Register;
use lifeline_desk::playbook::{FollowUpTopic, Playbooks, LANGUAGES};
use lifeline_desk::situation::{Facts, Situation};
use lifeline_desk::Remedy;
use lifeline_triage::ExceptionKind;

fn books() -> Playbooks {
    Playbooks::builtin().expect("built-in texts parse")
}

/// Felix Weber's order, written to formally.
fn felix() -> Facts {
    Facts {
        shopper_name: Some("Felix Weber".into()),
        order_number: Some("1042".into()),
        item: Some("Glas-Wasserkocher".into()),
        days_since_movement: Some(9),
        carrier: Some("DHL".into()),
        order_total_minor: Some(5980),
        currency: Some("EUR".into()),
        offers: vec![Remedy::Replacement, Remedy::FullRefund],
        register: Register::Formal,
        ..Facts::default()
    }
}

const TOPICS: [FollowUpTopic; 5] = [
    FollowUpTopic::PromiseDue,
    FollowUpTopic::ChasingCarrier,
    FollowUpTopic::TreatAsLost,
    FollowUpTopic::TrackingChanged,
    FollowUpTopic::LastCheckIn,
];

const KINDS: [ExceptionKind; 4] = [
    ExceptionKind::Delayed,
    ExceptionKind::Damaged,
    ExceptionKind::Other,
    ExceptionKind::Lost,
];

/// Everything a formal shopper may receive in `lang`: every draft, follow-up and acknowledgement.
fn everything_sent(books: &Playbooks, lang: &str) -> Vec<(String, String)> {
    let facts = felix();
    let mut sent = Vec::new();
    for sit in Situation::ALL {
        sent.push((format!("{sit:?}"), books.draft(sit, lang, &facts).text));
    }
    for topic in TOPICS {
        sent.push((
            format!("{topic:?}"),
            books.follow_up_text(lang, topic, &facts),
        ));
    }
    for kind in KINDS {
        for (escalated, order) in [(false, Some("1042")), (false, None), (true, Some("1042"))] {
            let ack = AckFacts {
                name: Some("Felix"),
                order_number: order,
                escalated,
                register: Register::Formal,
                ..AckFacts::new(kind)
            };
            sent.push((format!("ack {kind:?}"), books.acknowledgement(lang, &ack)));
        }
    }
    sent
}

#[test]
fn a_formal_shopper_is_never_called_by_their_first_name() {
    let books = books();
    let mut problems = Vec::new();
    for lang in LANGUAGES {
        for (what, text) in everything_sent(&books, lang) {
            if text.contains("Felix") {
                problems.push(format!("{lang} {what}: {text}"));
            }
        }
        for (key, text) in books.entries_in(lang, Register::Formal) {
            if text.contains("{name}") {
                problems.push(format!("{lang}-formal [{key}] uses {{name}}: {text}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} formal texts call the shopper by first name:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_formal_german_shopper_is_greeted_with_guten_tag_alone() {
    let books = books();
    let stalled = books.draft(Situation::Stalled, "de", &felix()).text;
    assert!(
        stalled.starts_with("Guten Tag, gut, dass Sie nachfragen"),
        "{stalled}"
    );
    let ack = acknowledgement(
        "de",
        &AckFacts {
            name: Some("Felix"),
            order_number: Some("1042"),
            register: Register::Formal,
            ..AckFacts::new(ExceptionKind::Damaged)
        },
    );
    assert!(
        ack.starts_with("Guten Tag, vielen Dank, dass Sie uns Bescheid geben."),
        "{ack}"
    );
    let greeted = Facts {
        greeted: true,
        ..felix()
    };
    let again = books.draft(Situation::Stalled, "de", &greeted).text;
    assert!(again.starts_with("Gut, dass Sie nachfragen"), "{again}");
}

/// Formal first messages, and how the acknowledgement to each must open: formally, and without the
/// first name.
const FORMAL_OPENINGS: [(&str, &str, &str); 14] = [
    (
        "en",
        "Dear Sir or Madam, my parcel for order 1042 has not arrived.",
        "Hello, thanks",
    ),
    (
        "en",
        "Dear Sir/Madam, order 1042 arrived damaged.",
        "Hello, thanks",
    ),
    (
        "en",
        "Good afternoon, I am writing regarding order 1042, which has not arrived.",
        "Hello, thanks",
    ),
    (
        "en",
        "Good morning. Could you please tell me where order 1042 is?",
        "Hello, thanks",
    ),
    (
        "pt",
        "Prezados, meu pedido 1042 não chegou.",
        "Olá, agradeço",
    ),
    (
        "es",
        "Estimado/a: mi pedido 1042 no ha llegado.",
        "Hola, gracias",
    ),
    (
        "es",
        "Estimada señora, el pedido 1042 no llegó.",
        "Hola, gracias",
    ),
    (
        "fr",
        "Madame, Monsieur, ma commande 1042 n'est pas arrivée.",
        "Bonjour, merci",
    ),
    (
        "de",
        "Sehr geehrte Damen und Herren, meine Bestellung 1042 ist nicht angekommen.",
        "Guten Tag, vielen Dank",
    ),
    (
        "it",
        "Gentili signori, l'ordine 1042 non è arrivato.",
        "Buongiorno, grazie",
    ),
    (
        "nl",
        "Geachte heer/mevrouw, bestelling 1042 is niet aangekomen.",
        "Goedendag, dank u",
    ),
    (
        "id",
        "Dengan hormat, pesanan 1042 belum sampai.",
        "Halo Bapak/Ibu, terima kasih",
    ),
    (
        "id",
        "Yth. Customer Service, pesanan 1042 belum sampai.",
        "Halo Bapak/Ibu, terima kasih",
    ),
    (
        "es",
        "Les escribo porque el pedido 1042 no ha llegado.",
        "Hola, gracias",
    ),
];

#[test]
fn a_formal_opening_gets_a_formal_answer_in_every_language() {
    let mut problems = Vec::new();
    for (lang, said, opening) in FORMAL_OPENINGS {
        let ack = acknowledgement(
            lang,
            &AckFacts {
                name: Some("Sam"),
                order_number: Some("1042"),
                register: Register::of_conversation(lang, [said]),
                ..AckFacts::new(ExceptionKind::Delayed)
            },
        );
        if !ack.starts_with(opening) || ack.contains("Sam") {
            problems.push(format!("{lang} {said:?}\n  got: {ack}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let facts = Facts {
        register: Register::of_conversation("en", ["Dear Sir/Madam, where is order 1042?"]),
        ..felix()
    };
    let draft = books().draft(Situation::Stalled, "en", &facts).text;
    assert!(draft.starts_with("Hello, you're right to ask"), "{draft}");
}

#[test]
fn a_casual_english_shopper_still_gets_hi() {
    for said in [
        "hey, where's my order 1042??",
        "hi my parcel 1042 didn't come",
    ] {
        let ack = acknowledgement(
            "en",
            &AckFacts {
                name: Some("Sam"),
                order_number: Some("1042"),
                register: Register::of_conversation("en", [said]),
                ..AckFacts::new(ExceptionKind::Delayed)
            },
        );
        assert!(ack.starts_with("Hi Sam, thanks"), "{said}: {ack}");
    }
}

/// Per language, words the formal question to confirm an order's owner must hold.
const OWNER_FORMAL: [(&str, &str); 8] = [
    ("en", "Thank you. Before I share the details of order #1024"),
    ("es", "necesito comprobar que es suyo"),
    ("pt", "pertence ao senhor ou à senhora"),
    ("fr", "je dois vérifier qu'elle est bien à vous"),
    ("de", "Bevor ich Ihnen Details zur Bestellung #1024 gebe"),
    ("it", "devo verificare che sia Suo"),
    ("nl", "wil ik zeker weten dat die van u is"),
    ("id", "milik Bapak/Ibu"),
];

#[test]
fn a_formal_shopper_is_asked_to_confirm_an_order_formally_in_every_language() {
    let books = books();
    let mut problems = Vec::new();
    for (lang, words) in OWNER_FORMAL {
        let asked = books.ask_owner(lang, Register::Formal, Some("1024"), Some("Sari Dewi"));
        if !asked.contains(words) || !asked.contains("#1024") || asked.contains("Sari") {
            problems.push(format!("{lang}: {asked}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
