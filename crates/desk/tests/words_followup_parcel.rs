//! The words of automatic messages about a parcel, in the eight languages: they follow the parcel's real
//! state and never claim an action nobody took ("I've asked the carrier").

use chrono::{NaiveDate, TimeZone, Utc};
use lifeline_desk::followup::news::{parcel_news, ParcelNews};
use lifeline_desk::playbook::{FollowUpTopic, Playbooks, LANGUAGES};
use lifeline_desk::situation::Facts;

fn books() -> Playbooks {
    let books = Playbooks::builtin().expect("built-in texts parse");
    books.validate().expect("built-in texts are valid");
    books
}

/// A parcel with the carrier, silent for nine days.
fn parcel(status: &str, sub: Option<&str>, event: &str) -> Facts {
    Facts {
        shopper_name: Some("Felix Müller".into()),
        order_number: Some("1024".into()),
        days_since_movement: Some(9),
        tracking_number: Some("LP00008109056DE".into()),
        tracking_url: Some("https://t.17track.net/en#nums=LP00008109056DE".into()),
        carrier: Some("DHL".into()),
        shipment_status: Some(status.into()),
        shipment_sub_status: sub.map(String::from),
        carrier_event: Some(event.into()),
        carrier_event_place: Some("Leipzig, DE".into()),
        ..Facts::default()
    }
}

fn news_of(facts: &Facts) -> ParcelNews {
    parcel_news(facts, Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap())
}

/// Per language: words that would claim the carrier was already asked, and the words of what will happen.
const CHASE: [(&str, &[&str], &str); 8] = [
    (
        "en",
        &["I've asked", "I asked", "chasing"],
        "Our team will ask DHL",
    ),
    (
        "es",
        &["ya le he pedido", "He estado reclamando"],
        "Nuestro equipo le preguntará a DHL",
    ),
    (
        "pt",
        &["já pedi", "Venho cobrando"],
        "Nossa equipe vai perguntar à DHL",
    ),
    (
        "de",
        &["habe ich", "nachgehakt"],
        "Unser Team fragt bei DHL nach",
    ),
    (
        "fr",
        &["j'ai demandé", "j'ai relancé"],
        "Notre équipe va interroger DHL",
    ),
    (
        "it",
        &["ho chiesto", "ho sollecitato"],
        "Il nostro team chiederà a DHL",
    ),
    (
        "nl",
        &["ik heb", "achter de broek"],
        "Ons team vraagt het na bij DHL",
    ),
    (
        "id",
        &["sudah minta", "terus mendesak"],
        "Tim kami akan menanyakannya ke DHL",
    ),
];

/// Per language: the word for "lost" in the automatic message about a parcel the carrier declared lost.
const LOST: [(&str, &str); 8] = [
    ("en", "as lost"),
    ("es", "se ha perdido"),
    ("pt", "foi extraviado"),
    ("de", "als verloren"),
    ("fr", "comme perdu"),
    ("it", "come smarrito"),
    ("nl", "als verloren"),
    ("id", "hilang"),
];

#[test]
fn a_stalled_parcel_is_told_what_the_team_will_do_never_that_the_carrier_was_already_asked() {
    let books = books();
    let silent = parcel("in_transit", None, "Departed from the sorting centre");
    assert_eq!(news_of(&silent), ParcelNews::Moving);
    for (lang, claims, promise) in CHASE {
        for topic in [FollowUpTopic::ChasingCarrier, FollowUpTopic::TreatAsLost] {
            let text = books.follow_up_text(lang, topic, &silent);
            for claim in claims {
                assert!(
                    !text.contains(claim),
                    "{lang} {topic:?} claims '{claim}':\n{text}"
                );
            }
        }
        let stalled = books.follow_up_text(lang, FollowUpTopic::ChasingCarrier, &silent);
        assert!(stalled.contains(promise), "{lang}:\n{stalled}");
        assert!(
            stalled.contains("#1024") && stalled.contains('9'),
            "{lang}:\n{stalled}"
        );
    }
}

#[test]
fn a_parcel_the_carrier_declared_lost_is_told_lost_with_a_solution_to_come_not_a_chase() {
    let books = books();
    for sub in ["Exception_013", "Exception_Lost"] {
        let lost = parcel(
            "exception",
            Some(sub),
            "Parcel reported lost in transit by the carrier",
        );
        let news = news_of(&lost);
        assert_eq!(news, ParcelNews::LostByCarrier, "{sub}");
        for (lang, word) in LOST {
            let text = books.parcel_news_text(lang, news, &lost);
            assert!(
                text.contains(word) && text.contains("#1024"),
                "{lang}:\n{text}"
            );
            assert!(text.contains("DHL"), "{lang} names the carrier:\n{text}");
            assert!(
                !text.contains("9 "),
                "{lang} speaks of no days without movement:\n{text}"
            );
            let (_, claims, promise) = CHASE.iter().find(|c| c.0 == lang).unwrap();
            assert!(!text.contains(promise), "{lang} no chase:\n{text}");
            assert!(claims.iter().all(|c| !text.contains(c)), "{lang}:\n{text}");
        }
    }
    let en = books.parcel_news_text(
        "en",
        ParcelNews::LostByCarrier,
        &parcel("exception", Some("Exception_013"), "Lost"),
    );
    assert!(
        en.contains("our team will come back to you here with a solution"),
        "{en}"
    );
}

#[test]
fn a_parcel_at_a_pickup_point_says_where_and_until_when_only_when_the_parcel_data_says_so() {
    let books = books();
    let mut waiting = parcel(
        "available_for_pickup",
        None,
        "Disponible en oficina para recoger",
    );
    waiting.pickup_place = Some("Oficina de Correos, Calle del Coso 45, Zaragoza".into());
    waiting.pickup_until = NaiveDate::from_ymd_opt(2026, 12, 9);
    assert_eq!(news_of(&waiting), ParcelNews::AtPickupPoint);
    for (lang, until) in [
        ("es", "hasta el 9 de"),
        ("en", "until 9"),
        ("nl", "tot 9"),
        ("de", "bis zum 9."),
    ] {
        let text = books.parcel_news_text(lang, ParcelNews::AtPickupPoint, &waiting);
        assert!(
            text.contains("Calle del Coso 45") && text.contains(until),
            "{lang}:\n{text}"
        );
        assert!(
            text.contains("LP00008109056DE"),
            "{lang} says what to bring:\n{text}"
        );
    }
    let unknown = Facts {
        pickup_until: None,
        ..waiting
    };
    let text = books.parcel_news_text("en", ParcelNews::AtPickupPoint, &unknown);
    assert!(
        text.contains("only for a limited time") && !text.contains("until"),
        "{text}"
    );
}

#[test]
fn a_failed_attempt_quotes_the_carrier_and_says_how_to_rebook() {
    let books = books();
    let missed = parcel(
        "attempt_fail",
        None,
        "Tentativo di consegna non riuscito: destinatario assente",
    );
    assert_eq!(news_of(&missed), ParcelNews::AttemptFailed);
    for (lang, rebook) in [
        ("it", "nuova consegna"),
        ("en", "To rebook"),
        ("pt", "reagendar"),
        ("fr", "nouvelle livraison"),
    ] {
        let text = books.parcel_news_text(lang, ParcelNews::AttemptFailed, &missed);
        assert!(
            text.contains("destinatario assente") && text.contains(rebook),
            "{lang}:\n{text}"
        );
    }
}

#[test]
fn a_customs_hold_says_customs_and_what_is_asked() {
    let books = books();
    let held = parcel(
        "exception",
        Some("Exception_004"),
        "Held by customs: import duties to be paid",
    );
    assert_eq!(news_of(&held), ParcelNews::Customs);
    for (lang, customs, duties) in [
        ("en", "held at customs", "import duties"),
        ("es", "retenido en aduana", "impuestos"),
        ("de", "beim Zoll", "Einfuhr"),
        ("id", "bea cukai", "bea masuk"),
    ] {
        let text = books.parcel_news_text(lang, ParcelNews::Customs, &held);
        assert!(
            text.contains(customs) && text.contains(duties),
            "{lang}:\n{text}"
        );
    }
}

#[test]
fn out_for_delivery_and_delivered_have_their_own_words() {
    let books = books();
    let out = parcel("out_for_delivery", None, "Out for delivery");
    assert_eq!(news_of(&out), ParcelNews::OutForDelivery);
    let text = books.parcel_news_text("pt", ParcelNews::OutForDelivery, &out);
    assert!(text.contains("saiu para entrega"), "{text}");
    let done = parcel("delivered", None, "Delivered");
    assert_eq!(news_of(&done), ParcelNews::Delivered);
    let text = books.parcel_news_text("fr", ParcelNews::Delivered, &done);
    assert!(
        text.contains("a été livré") && text.contains("Leipzig"),
        "{text}"
    );
}

#[test]
fn an_order_with_no_parcel_gets_no_carrier_news() {
    let unshipped = Facts {
        order_number: Some("1011".into()),
        ..Facts::default()
    };
    let news = news_of(&unshipped);
    assert_eq!(news, ParcelNews::NotHandedOver);
    assert!(!news.may_be_chased());
}

#[test]
fn every_parcel_news_renders_cleanly_in_every_language_with_and_without_facts() {
    let books = books();
    let all = [
        ParcelNews::LostByCarrier,
        ParcelNews::AtPickupPoint,
        ParcelNews::AttemptFailed,
        ParcelNews::Customs,
        ParcelNews::OutForDelivery,
        ParcelNews::Delivered,
        ParcelNews::Moving,
    ];
    let full = parcel("exception", Some("Exception_004"), "Held by customs");
    for lang in LANGUAGES {
        for news in all {
            for facts in [&full, &Facts::default()] {
                let text = books.parcel_news_text(lang, news, facts);
                assert!(!text.trim().is_empty(), "{lang} {news:?}: empty");
                assert!(
                    !text.contains('{') && !text.contains("||") && !text.contains("\n\n\n"),
                    "{lang} {news:?}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn a_formal_shopper_hears_the_parcels_news_in_the_formal_register() {
    use lifeline_desk::address::Register;
    let books = books();
    let formal = |f: Facts| Facts {
        register: Register::Formal,
        ..f
    };
    let lost = formal(parcel(
        "exception",
        Some("Exception_013"),
        "Parcel reported lost in transit by the carrier",
    ));
    let de = books.parcel_news_text("de", ParcelNews::LostByCarrier, &lost);
    assert!(
        de.contains("Ihr Paket") && de.contains("als verloren") && !de.contains("dein"),
        "{de}"
    );
    let silent = formal(parcel("in_transit", None, "Departed"));
    let it = books.follow_up_text("it", FollowUpTopic::ChasingCarrier, &silent);
    assert!(
        it.contains("Il nostro team chiederà a DHL")
            && it.contains("Le dirà")
            && !it.contains("ho chiesto"),
        "{it}"
    );
    let de = books.follow_up_text("de", FollowUpTopic::ChasingCarrier, &silent);
    assert!(
        de.contains("teilt Ihnen hier mit") && !de.contains("gebeten"),
        "{de}"
    );
}
