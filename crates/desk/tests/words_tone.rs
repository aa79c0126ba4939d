//! Tone findings in every language, robust to case and missing accents, and silent on good replies.

use chrono::NaiveDate;
use lifeline_desk::ack::{acknowledgement, AckFacts};
use lifeline_desk::playbook::{Confirmation, Playbooks, LANGUAGES};
use lifeline_desk::situation::{Facts, Situation};
use lifeline_desk::tone::{check_tone, PromiseLimits, ToneRule};
use lifeline_desk::Remedy;
use lifeline_triage::ExceptionKind;

fn rules(text: &str, lang: &str) -> Vec<ToneRule> {
    check_tone(text, lang, None)
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

fn assert_flags(lang: &str, text: &str, rule: ToneRule) {
    let found = check_tone(text, lang, None);
    assert!(
        found.iter().any(|f| f.rule == rule),
        "{lang}: expected {rule:?} in {text:?}, got {found:#?}"
    );
}

#[test]
fn blame_shifting_is_caught_in_every_language() {
    let cases = [
        ("en", "It's the carrier's fault, there's nothing we can do."),
        ("pt", "A culpa é dos Correios, infelizmente."),
        ("pt", "NAO PODEMOS FAZER NADA, a culpa e dos correios"),
        ("es", "Es culpa de la paquetería, no podemos hacer nada."),
        ("fr", "C'est la faute du transporteur."),
        ("fr", "c est la faute du transporteur"),
        ("de", "Das liegt an DHL, da können wir nichts machen."),
        ("de", "Das liegt an DHL, da koennen wir nichts machen."),
        ("it", "È colpa del corriere, non possiamo fare nulla."),
        (
            "id",
            "Itu salah kurir ya kak, kami tidak bisa berbuat apa-apa.",
        ),
        ("nl", "Dat ligt aan PostNL, daar kunnen wij niets aan doen."),
    ];
    for (lang, text) in cases {
        assert_flags(lang, text, ToneRule::BlameShifting);
    }
    let stock = check_tone(
        "The system showed it in stock; it must have sold out.",
        "en",
        None,
    );
    assert_eq!(stock[0].better, "Our stock sync failed; that's on us.");
}

#[test]
fn lecturing_and_doubt_are_caught_in_every_language() {
    let lecturing = [
        ("en", "You need to be patient."),
        ("pt", "Tenha paciência, por favor."),
        ("es", "Ten paciencia, ya llegará."),
        ("fr", "Soyez patient, le colis arrive."),
        ("de", "Bitte haben Sie etwas Geduld."),
        ("it", "Abbia pazienza, arriverà."),
        ("id", "Harap sabar ya kak."),
        ("nl", "U moet geduld hebben."),
    ];
    for (lang, text) in lecturing {
        assert_flags(lang, text, ToneRule::Lecturing);
    }
    let doubt = [
        ("en", "Nobody else has had this problem."),
        ("pt", "Ninguém mais reclamou disso."),
        ("es", "Nadie más se ha quejado."),
        ("fr", "Personne d'autre ne s'est plaint."),
        ("de", "Niemand sonst hat dieses Problem gemeldet."),
        ("it", "Nessun altro si è lamentato."),
        ("id", "Tidak ada pelanggan lain yang komplain."),
        ("nl", "Niemand anders heeft dit probleem gehad."),
    ];
    for (lang, text) in doubt {
        assert_flags(lang, text, ToneRule::Doubt);
    }
}

#[test]
fn vague_times_are_flagged_only_without_a_concrete_time() {
    let vague = [
        ("en", "Your parcel will arrive soon."),
        ("pt", "Seu pacote chega em breve."),
        ("es", "Tu paquete llegará pronto."),
        ("fr", "Votre colis arrivera bientôt."),
        ("de", "Dein Paket kommt bald."),
        ("it", "Il pacco arriverà presto."),
        ("id", "Paketnya segera sampai."),
        ("nl", "Je pakket komt binnenkort."),
    ];
    for (lang, text) in vague {
        let found = check_tone(text, lang, None);
        assert_eq!(found.len(), 1, "{lang}: {found:#?}");
        assert_eq!(found[0].rule, ToneRule::VagueTime);
        assert!(
            found[0]
                .better_local
                .as_deref()
                .is_some_and(|b| b.contains("24")),
            "{lang}"
        );
    }
    let concrete = [
        (
            "en",
            "It will arrive soon; I'll update you within 24 hours.",
        ),
        ("pt", "Chega em breve, te dou notícias em até 48 horas."),
        ("es", "Llegará pronto, te escribo mañana."),
        ("fr", "Il arrivera bientôt, je reviens vers vous sous 24h."),
        ("de", "Es kommt bald, ich melde mich bis 14:00."),
        ("id", "Segera kami kabari dalam 1x24 jam."),
    ];
    for (lang, text) in concrete {
        assert!(rules(text, lang).is_empty(), "{lang}: {text}");
    }
    assert!(rules(
        "I'll let you know as soon as I hear from them, within 24 hours at the latest.",
        "en"
    )
    .is_empty());
    assert!(rules("I'll let you know as soon as I hear from them.", "en").is_empty());
    assert_eq!(
        rules("We'll ship it as soon as possible.", "en"),
        vec![ToneRule::VagueTime]
    );
}

#[test]
fn stiff_and_defensive_openings_are_flagged_only_at_the_start() {
    assert_flags(
        "en",
        "Hi Ana!\nWe apologize for any inconvenience caused by the delay.",
        ToneRule::StiffApology,
    );
    assert_flags(
        "pt",
        "Pedimos desculpas pelo transtorno causado.",
        ToneRule::StiffApology,
    );
    assert_flags(
        "id",
        "Mohon maaf atas ketidaknyamanannya kak.",
        ToneRule::StiffApology,
    );
    assert_flags(
        "de",
        "Gemäß unseren AGB ist eine Erstattung erst nach Rücksendung möglich.",
        ToneRule::DefensiveOpening,
    );
    assert_flags(
        "en",
        "According to our policy, refunds take 10 days.",
        ToneRule::DefensiveOpening,
    );
    let later = "Hi Ana, I'm so sorry your order arrived late. I've sent a new one today.\nSorry for the inconvenience.";
    assert!(
        rules(later, "en").is_empty(),
        "{:#?}",
        check_tone(later, "en", None)
    );
}

#[test]
fn promises_beyond_policy_are_flagged_with_the_hint_only() {
    let text = "I'll give you a full refund plus 50% off your next order.";
    assert!(rules(text, "en").is_empty());
    let limits =
        PromiseLimits::from_offers(&[Remedy::Replacement, Remedy::Coupon { basis_points: 500 }]);
    let found = check_tone(text, "en", Some(&limits));
    let excerpts: Vec<_> = found.iter().map(|f| (f.rule, f.excerpt.as_str())).collect();
    assert_eq!(
        excerpts,
        vec![
            (ToneRule::BeyondPolicy, "full refund"),
            (ToneRule::BeyondPolicy, "50%")
        ]
    );
    assert!(found[1].why.contains("at most 5%"), "{}", found[1].why);
    let pt = check_tone(
        "Vou te dar reembolso integral e um cupom de 30%.",
        "pt",
        Some(&limits),
    );
    assert_eq!(pt.len(), 2, "{pt:#?}");
    let within = check_tone(
        "Here's a 5% coupon for the wait, and a replacement today.",
        "en",
        Some(&limits),
    );
    assert!(within.is_empty(), "{within:#?}");
    let cotton = check_tone(
        "The shirt is 100% cotton; a replacement leaves today.",
        "en",
        Some(&limits),
    );
    assert!(
        cotton.is_empty(),
        "a percentage that is no discount is not a promise: {cotton:#?}"
    );
}

#[test]
fn good_replies_raise_nothing() {
    let good = [
        (
            "en",
            "We're pushing the carrier now, and here is what we'll do for you meanwhile.",
        ),
        (
            "en",
            "I know you're waiting on this; I'm chasing it and will update you the moment I hear.",
        ),
        (
            "en",
            "Thanks for your patience, Ana. Our stock sync failed; that's on us.",
        ),
        (
            "de",
            "Danke für deine Geduld! Ich melde mich innerhalb von 24 Stunden.",
        ),
        ("pt", "Pronto! Fiz o reembolso hoje."),
        ("it", "Grazie per la pazienza: ti aggiorno entro domani."),
    ];
    for (lang, text) in good {
        assert!(
            rules(text, lang).is_empty(),
            "{lang}: {:#?}",
            check_tone(text, lang, None)
        );
    }
}

#[test]
fn the_shipped_texts_pass_their_own_tone_check_in_every_language() {
    let books = Playbooks::builtin().expect("texts load");
    let facts = Facts {
        shopper_name: Some("Ana".into()),
        order_number: Some("1042".into()),
        item: Some("Linen dress".into()),
        days_late: Some(6),
        days_since_movement: Some(9),
        tracking_number: Some("LX123456785CN".into()),
        tracking_url: Some("https://track.example/LX123456785CN".into()),
        carrier: Some("Correios".into()),
        shipment_status: Some("in_transit".into()),
        estimated_delivery: NaiveDate::from_ymd_opt(2026, 11, 24),
        order_total_minor: Some(12990),
        currency: Some("BRL".into()),
        offers: vec![
            Remedy::ChaseCarrier,
            Remedy::Replacement,
            Remedy::FullRefund,
            Remedy::Coupon { basis_points: 500 },
        ],
        ..Facts::default()
    };
    let limits = PromiseLimits::from_offers(&facts.offers);
    for lang in LANGUAGES {
        let mut texts: Vec<String> = Situation::ALL
            .iter()
            .map(|s| books.draft(*s, lang, &facts).text)
            .collect();
        texts.push(books.confirmation(
            lang,
            &Confirmation::CarrierChased {
                update_within_hours: 24,
            },
        ));
        for kind in ExceptionKind::ALL {
            let mut ack = AckFacts::new(kind);
            ack.order_number = Some("1042");
            texts.push(acknowledgement(lang, &ack));
        }
        for text in texts {
            let found = check_tone(&text, lang, Some(&limits));
            assert!(found.is_empty(), "{lang}: {text}\n{found:#?}");
        }
    }
}
