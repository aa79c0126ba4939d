//! The shopper's register and one greeting per conversation, in the words the shopper receives.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use lifeline_desk::ack::{acknowledgement, AckFacts};
use lifeline_desk::address::Register;
use lifeline_desk::playbook::{FollowUpTopic, Playbooks};
use lifeline_desk::situation::{Facts, Situation};
use lifeline_desk::Remedy;
use lifeline_triage::ExceptionKind;

/// The built-in texts; the formal files must pass the start-up checks (the other files have their own test).
fn books() -> Playbooks {
    let books = Playbooks::builtin().expect("built-in texts parse");
    if let Err(lifeline_desk::playbook::PlaybookError::Invalid { problems }) = books.validate() {
        // A formal entry may share its base entry's problem (a placeholder still being added): that one
        // is the base file's to report.
        let formal: Vec<&String> = (problems.iter())
            .filter(|p| p.contains("-formal") && !problems.contains(&p.replace("-formal", "")))
            .collect();
        assert!(formal.is_empty(), "formal texts: {formal:#?}");
    }
    books
}

/// Words that only the informal register uses, per language (whole words, any case).
const INFORMAL: [(&str, &[&str]); 8] = [
    ("en", &["hi", "hey"]),
    (
        "de",
        &[
            "du",
            "dich",
            "dir",
            "dein",
            "deine",
            "deinem",
            "deinen",
            "deiner",
            "deines",
            "hallo",
            "tipp",
            "schick",
            "schreib",
            "sag",
            "kannst",
            "hast",
            "bist",
            "musst",
            "möchtest",
            "willst",
            "schickst",
            "schreibst",
        ],
    ),
    (
        "it",
        &[
            "tu", "ti", "te", "tuo", "tua", "tuoi", "tue", "ciao", "hai", "puoi", "vuoi", "sei",
            "mandami", "scrivimi", "dimmi", "tienilo", "avevi", "dovevi", "contavi", "tocca",
        ],
    ),
    (
        "es",
        &[
            "tú",
            "tu",
            "tus",
            "te",
            "ti",
            "tienes",
            "puedes",
            "quieres",
            "contigo",
            "tuyo",
            "tuya",
            "mándame",
            "escríbeme",
            "dime",
            "pediste",
            "pagaste",
            "contabas",
            "quédatelo",
            "avísame",
            "toca",
            "cuéntame",
        ],
    ),
    (
        "pt",
        &[
            "você",
            "voce",
            "te",
            "pra",
            "tu",
            "teu",
            "tua",
            "contigo",
            "prontinho",
            "poxa",
        ],
    ),
    ("nl", &["je", "jij", "jou", "jouw", "hoi", "jullie"]),
    (
        "id",
        &[
            "kak", "kakak", "banget", "bikin", "aja", "nggak", "gak", "ya", "kok", "sih", "nih",
        ],
    ),
    ("fr", &["tu", "te", "toi", "ton", "ta", "tes"]),
];

/// The informal words of a text, placeholders left out.
fn informal_words(text: &str, markers: &[&str]) -> Vec<String> {
    let mut plain = String::new();
    let mut in_placeholder = false;
    for c in text.chars() {
        match c {
            '{' => in_placeholder = true,
            '}' => in_placeholder = false,
            c if !in_placeholder => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| markers.contains(&w.as_str()))
        .collect()
}

#[test]
fn every_formal_text_uses_the_formal_forms_in_every_entry() {
    let books = books();
    let mut problems = Vec::new();
    for (lang, markers) in INFORMAL {
        for (key, text) in books.entries_in(lang, Register::Formal) {
            if key.ends_with("meta.locale") || key.contains("dates.") || key.contains("units.") {
                continue;
            }
            let found = informal_words(text, markers);
            if !found.is_empty() {
                problems.push(format!("{lang}-formal [{key}] says {found:?}: {text}"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} formal entries slip into the informal forms (add them to texts/…/<lang>-formal.toml):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Per line, the facts each alternative needs: what a formal text must keep from the base. The first
/// name is left out, since the formal texts never use it ("Guten Tag {name}! || Guten Tag!" is one
/// "Guten Tag!").
fn shape(text: &str) -> Vec<BTreeSet<BTreeSet<String>>> {
    text.trim()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            (line.split(" || "))
                .map(|alternative| {
                    (alternative.split('{').skip(1))
                        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                        .filter(|name| name != "name")
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_formal_text_keeps_the_lines_alternatives_and_facts_of_its_base() {
    let books = books();
    let mut problems = Vec::new();
    for (lang, _) in INFORMAL {
        let base: std::collections::BTreeMap<String, &str> = books
            .entries_in(lang, Register::Informal)
            .into_iter()
            .collect();
        for (key, text) in books.entries_in(lang, Register::Formal) {
            let Some(own) = base.get(&key) else {
                problems.push(format!("{lang}-formal [{key}] is not in {lang}.toml"));
                continue;
            };
            if shape(own) != shape(text) {
                problems.push(format!(
                    "{lang}-formal [{key}]: {:?}\n  but {lang}.toml has {:?}",
                    shape(text),
                    shape(own)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_informal_texts_are_still_the_default() {
    let books = books();
    let facts = Facts {
        shopper_name: Some("Lena Vogt".into()),
        order_number: Some("1042".into()),
        ..Facts::default()
    };
    let d = books.draft(Situation::Stalled, "de", &facts);
    assert!(
        d.text.starts_with("Hallo Lena, gut, dass du nachfragst"),
        "{}",
        d.text
    );
}

fn formal(facts: Facts) -> Facts {
    Facts {
        register: Register::Formal,
        ..facts
    }
}

fn kettle_order() -> Facts {
    Facts {
        shopper_name: Some("Lena Vogt".into()),
        order_number: Some("1042".into()),
        item: Some("Glas-Wasserkocher".into()),
        order_total_minor: Some(5980),
        currency: Some("EUR".into()),
        has_photo: true,
        offers: vec![Remedy::Replacement, Remedy::FullRefund],
        ..Facts::default()
    }
}

#[test]
fn a_formal_german_shopper_is_addressed_with_sie() {
    let books = books();
    let d = books.draft(Situation::DamagedWithPhoto, "de", &formal(kettle_order()));
    assert!(
        d.text
            .starts_with("Vielen Dank für das Foto, und es tut mir sehr leid")
            && d.text.contains("Das kann ich Ihnen anbieten:")
            && d.text
                .contains("wir schicken Ihnen den Artikel „Glas-Wasserkocher“ noch einmal")
            && d.text.contains("Tippen Sie einfach unten"),
        "{}",
        d.text
    );
    let register = Register::of_conversation(
        "de",
        ["Sehr geehrte Damen und Herren, mein Wasserkocher kam zerbrochen an."],
    );
    let ack = acknowledgement(
        "de",
        &AckFacts {
            name: Some("Lena"),
            order_number: Some("1042"),
            register,
            ..AckFacts::new(ExceptionKind::Damaged)
        },
    );
    assert!(
        ack.starts_with("Guten Tag, vielen Dank, dass Sie uns Bescheid geben.")
            && ack.contains("#1042")
            && ack.contains("bei Ihnen"),
        "{ack}"
    );
}

#[test]
fn formal_openings_are_read_in_all_eight_languages() {
    let formal = [
        ("en", "Dear Sir or Madam, my parcel has not arrived."),
        ("es", "Estimados señores: mi pedido no ha llegado."),
        ("pt", "Prezados, meu pedido não chegou."),
        ("de", "Guten Tag, mein Paket ist nicht angekommen."),
        ("fr", "Madame, Monsieur, mon colis n'est pas arrivé."),
        ("it", "Buongiorno, il mio pacco non è arrivato."),
        (
            "nl",
            "Geachte heer/mevrouw, mijn pakket is niet aangekomen.",
        ),
        ("id", "Yth. Bapak/Ibu, paket saya belum sampai."),
    ];
    for (lang, said) in formal {
        assert_eq!(
            Register::of_conversation(lang, [said]),
            Register::Formal,
            "{lang}: {said}"
        );
    }
    let informal = [
        (
            "es",
            "hola, ¿me dices dónde está mi pedido? te escribo otra vez",
        ),
        ("pt", "oi, vc sabe do meu pedido?"),
        ("it", "ciao, dov'è il mio pacco?"),
        ("nl", "hoi, waar blijft mijn pakket? kun je kijken?"),
        ("id", "kak, paket saya belum sampai"),
        ("de", "hey, kannst du mal nach meinem Paket schauen?"),
    ];
    for (lang, said) in informal {
        assert_eq!(
            Register::of_conversation(lang, [said]),
            Register::Informal,
            "{lang}: {said}"
        );
    }
}

#[test]
fn the_german_item_name_never_lands_without_its_article() {
    let books = books();
    let facts = kettle_order();
    for sit in [
        Situation::DamagedWithPhoto,
        Situation::WrongItem,
        Situation::Oversold,
    ] {
        let text = books.draft(sit, "de", &facts).text;
        assert!(
            !text.contains("dir Glas-Wasserkocher") && !text.contains("\nGlas-Wasserkocher"),
            "{sit:?}: {text}"
        );
        assert!(text.contains("„Glas-Wasserkocher“"), "{sit:?}: {text}");
    }
}

fn greeted(facts: Facts) -> Facts {
    Facts {
        greeted: true,
        ..facts
    }
}

#[test]
fn a_shopper_greeted_lately_gets_no_second_greeting() {
    let books = books();
    let facts = Facts {
        shopper_name: Some("Ana Souza".into()),
        order_number: Some("1001".into()),
        days_since_movement: Some(9),
        shipment_status: Some("in_transit".into()),
        estimated_delivery: NaiveDate::from_ymd_opt(2026, 11, 24),
        ..Facts::default()
    };
    let first = books.draft(Situation::Stalled, "pt", &facts).text;
    assert!(first.starts_with("Oi, Ana."), "{first}");
    let again = books
        .draft(Situation::Stalled, "pt", &greeted(facts.clone()))
        .text;
    assert!(
        again.starts_with("Você tem toda razão em perguntar"),
        "{again}"
    );
    let moving = books
        .draft(
            Situation::WhereIsMyOrder(lifeline_desk::situation::Whereabouts::Moving),
            "en",
            &greeted(facts.clone()),
        )
        .text;
    assert!(moving.starts_with("Good news"), "{moving}");
    let follow_up = books.follow_up_text("es", FollowUpTopic::PromiseDue, &greeted(facts.clone()));
    assert!(follow_up.starts_with("Como te prometí"), "{follow_up}");
    let formal_again = books
        .draft(Situation::Stalled, "de", &greeted(formal(facts)))
        .text;
    assert!(
        formal_again.starts_with("Gut, dass Sie nachfragen"),
        "{formal_again}"
    );

    let ack = |greeted: bool| {
        acknowledgement(
            "id",
            &AckFacts {
                name: Some("Dewi"),
                order_number: Some("1001"),
                greeted,
                ..AckFacts::new(ExceptionKind::Delayed)
            },
        )
    };
    assert!(ack(false).starts_with("Halo Kak Dewi"), "{}", ack(false));
    let second = ack(true);
    assert!(
        !second.to_lowercase().contains("halo") && second.contains("#1001"),
        "{second}"
    );
}

#[test]
fn a_store_words_its_formal_texts_in_its_own_formal_file() {
    let dir = std::env::temp_dir().join(format!("lifeline-formal-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("playbooks")).expect("scratch dir");
    std::fs::write(
        dir.join("playbooks/de-formal.toml"),
        "[other]\ntext = \"Grüß Gott {name}! || Grüß Gott!\\n\\nWomit dürfen wir Ihnen helfen?\"\n",
    )
    .expect("formal override");
    let books = Playbooks::load_dir(&dir).expect("loads");
    let facts = formal(Facts {
        shopper_name: Some("Lena".into()),
        ..Facts::default()
    });
    let other = books.draft(Situation::Other, "de", &facts).text;
    assert_eq!(other, "Grüß Gott Lena!\n\nWomit dürfen wir Ihnen helfen?");
    assert!(
        !books.languages().contains(&"de-formal"),
        "{:?}",
        books.languages()
    );
    std::fs::remove_dir_all(&dir).ok();
}
