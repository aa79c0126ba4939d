//! Playbook rendering in every language, the start-up checks, and confirmations with specifics.

use chrono::NaiveDate;
use lifeline_desk::playbook::{Confirmation, FollowUpTopic, Playbooks, LANGUAGES};
use lifeline_desk::situation::{Facts, Situation};
use lifeline_desk::Remedy;

fn books() -> Playbooks {
    let books = Playbooks::builtin().expect("built-in texts parse");
    books.validate().expect("built-in texts are valid");
    books
}

fn full_facts() -> Facts {
    Facts {
        shopper_name: Some("Ana Souza".into()),
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
        has_photo: true,
        offers: vec![
            Remedy::Replacement,
            Remedy::FullRefund,
            Remedy::Coupon { basis_points: 500 },
        ],
        ..Facts::default()
    }
}

fn assert_clean(text: &str, context: &str) {
    assert!(!text.trim().is_empty(), "{context}: empty text");
    assert!(
        !text.contains('{') && !text.contains('}'),
        "{context}: leftover placeholder in\n{text}"
    );
    assert!(
        !text.contains("||"),
        "{context}: unresolved alternative in\n{text}"
    );
    assert!(
        !text.contains("\n\n\n"),
        "{context}: stray blank lines in\n{text}"
    );
}

#[test]
fn every_situation_renders_cleanly_in_every_language_with_and_without_facts() {
    let books = books();
    let sparse = Facts::default();
    for lang in LANGUAGES {
        for sit in Situation::ALL {
            for (label, facts) in [("full", full_facts()), ("sparse", sparse.clone())] {
                let draft = books.draft(sit, lang, &facts);
                let ctx = format!("{lang}/{}/{label}", sit.key());
                assert_clean(&draft.text, &ctx);
                assert_eq!(draft.situation, sit);
                assert!(draft.options.len() <= 3, "{ctx}");
                for option in &draft.options {
                    let n = option.title.chars().count();
                    assert!((1..=20).contains(&n), "{ctx}: title {:?}", option.title);
                }
            }
        }
    }
}

#[test]
fn a_full_draft_names_the_shopper_the_order_and_the_offers_with_local_money() {
    let books = books();
    let draft = books.draft(Situation::DamagedWithPhoto, "pt", &full_facts());
    assert!(draft.text.contains("Ana"), "{}", draft.text);
    assert!(
        !draft.text.contains("Souza"),
        "first name only: {}",
        draft.text
    );
    assert!(draft.text.contains("R$\u{a0}129,90"), "{}", draft.text);
    assert!(draft.text.contains("5%"), "{}", draft.text);
    let remedies: Vec<_> = draft.options.iter().map(|o| o.remedy.clone()).collect();
    assert_eq!(
        remedies,
        vec![Remedy::Replacement, Remedy::FullRefund],
        "the coupon is a gesture, not a button"
    );

    let mut euro = full_facts();
    euro.currency = Some("EUR".into());
    euro.order_total_minor = Some(2490);
    let de = books.draft(Situation::LostInTransit, "de", &euro);
    assert!(de.text.contains("24,90\u{a0}€"), "{}", de.text);
    let nl = books.draft(Situation::LostInTransit, "nl", &euro);
    assert!(nl.text.contains("€\u{a0}24,90"), "{}", nl.text);
    let fr = books.draft(Situation::LostInTransit, "fr", &euro);
    assert!(
        fr.text.contains("24,90\u{a0}€") && fr.text.contains("5 %"),
        "{}",
        fr.text
    );
    let mut rupiah = full_facts();
    rupiah.currency = Some("IDR".into());
    rupiah.order_total_minor = Some(25_000_000);
    let id = books.draft(Situation::LostInTransit, "id", &rupiah);
    assert!(
        id.text.contains("Rp\u{a0}250.000") && !id.text.contains("250.000,00"),
        "{}",
        id.text
    );
    let mut pesos = full_facts();
    pesos.currency = Some("MXN".into());
    pesos.order_total_minor = Some(129_900);
    let es = books.draft(Situation::LostInTransit, "es", &pesos);
    assert!(es.text.contains("$1,299.00 MXN"), "{}", es.text);
}

#[test]
fn the_stalled_scenario_offers_to_chase_the_carrier_plus_a_coupon_in_portuguese() {
    let books = books();
    let mut facts = full_facts();
    facts.offers = vec![
        Remedy::ChaseCarrier,
        Remedy::Replacement,
        Remedy::Coupon { basis_points: 500 },
    ];
    let draft = books.draft(Situation::Stalled, "pt-BR", &facts);
    assert!(
        draft.text.contains("#1042") && draft.text.contains("9 dias"),
        "{}",
        draft.text
    );
    let ids: Vec<_> = draft
        .options
        .iter()
        .map(|o| format!("remedy:{}", o.remedy.id()))
        .collect();
    assert_eq!(ids, vec!["remedy:chase_carrier", "remedy:replacement"]);
}

#[test]
fn nothing_is_offered_before_the_order_is_known() {
    let books = books();
    for sit in [Situation::AskOrderNumber, Situation::Other] {
        let draft = books.draft(sit, "es", &full_facts());
        assert!(draft.options.is_empty(), "{}", draft.text);
        assert!(!draft.text.contains("129"), "{}", draft.text);
    }
}

#[test]
fn the_draft_for_a_kind_follows_the_parcel() {
    let books = books();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .map(|t| t.to_utc())
        .unwrap_or_default();
    let draft = books.draft_for(
        lifeline_triage::ExceptionKind::WhereIsMyOrder,
        "pt",
        &full_facts(),
        now,
    );
    assert_eq!(
        draft.situation,
        Situation::Stalled,
        "nine days without movement"
    );
}

#[test]
fn an_unknown_language_falls_back_to_english() {
    let books = books();
    let en = books.draft(Situation::Stalled, "en", &full_facts());
    let sv = books.draft(Situation::Stalled, "sv", &full_facts());
    assert_eq!(en, sv);
}

#[test]
fn confirmations_carry_the_specifics_in_every_language() {
    let books = books();
    let all = [
        Confirmation::Refunded {
            amount_minor: 12990,
            currency: "BRL".into(),
            days_to_show: (3, 5),
        },
        Confirmation::ReplacementShipped {
            order_number: "1042".into(),
            tracking_number: Some("LX999999995CN".into()),
            tracking_url: Some("https://track.example/LX999999995CN".into()),
        },
        Confirmation::CouponCreated {
            code: "SORRY5".into(),
            percent: 5,
            expires: NaiveDate::from_ymd_opt(2027, 1, 31).unwrap_or_default(),
        },
        Confirmation::CarrierChased {
            update_within_hours: 24,
        },
        Confirmation::EvidenceRequested,
        Confirmation::ReturnLabelSent { label_url: None },
        Confirmation::OrderDiscounted {
            amount_minor: 2598,
            currency: "BRL".into(),
        },
        Confirmation::ExpressUpgraded,
        Confirmation::KeepItem,
        Confirmation::HandedToAgent { within_minutes: 30 },
    ];
    for lang in LANGUAGES {
        for done in &all {
            let text = books.confirmation(lang, done);
            assert_clean(&text, &format!("{lang}/{done:?}"));
        }
        let shipped = books.confirmation(lang, &all[1]);
        assert!(
            shipped.contains("LX999999995CN") && shipped.contains("https://track.example/"),
            "{shipped}"
        );
        let refunded = books.confirmation(lang, &all[0]);
        assert!(
            refunded.contains("129")
                && refunded.contains("90")
                && refunded.contains('3')
                && refunded.contains('5'),
            "{refunded}"
        );
        let coupon = books.confirmation(lang, &all[2]);
        assert!(
            coupon.contains("SORRY5") && coupon.contains("31"),
            "{coupon}"
        );
        assert!(books.confirmation(lang, &all[3]).contains("24"), "{lang}");
    }
}

#[test]
fn a_refused_choice_is_answered_in_every_language_naming_the_tapped_option() {
    let books = books();
    let coupon = Remedy::Coupon { basis_points: 1000 };
    for lang in LANGUAGES {
        let tapped =
            books.choice_refused(lang, &Remedy::Replacement, Some("Reship it"), &full_facts());
        assert_clean(&tapped, &format!("{lang}/tapped"));
        assert!(
            tapped.contains("*Reship it*") && tapped.contains("Ana"),
            "{tapped}"
        );
        let own = books.choice_refused(lang, &coupon, None, &Facts::default());
        assert_clean(&own, &format!("{lang}/own title"));
        assert!(own.contains("10") && !own.contains("Ana"), "{own}");
        if lang != "en" {
            let english = books.choice_refused("en", &coupon, None, &Facts::default());
            assert_ne!(own, english, "{lang} has its own words");
        }
    }
}

#[test]
fn follow_ups_render_in_every_language() {
    let books = books();
    let topics = [
        FollowUpTopic::PromiseDue,
        FollowUpTopic::ChasingCarrier,
        FollowUpTopic::TreatAsLost,
        FollowUpTopic::TrackingChanged,
        FollowUpTopic::LastCheckIn,
    ];
    for lang in LANGUAGES {
        for topic in topics {
            for facts in [full_facts(), Facts::default()] {
                assert_clean(
                    &books.follow_up_text(lang, topic, &facts),
                    &format!("{lang}/{topic:?}"),
                );
            }
        }
        let (text, options) = books.follow_up(lang, FollowUpTopic::TreatAsLost, &full_facts());
        assert_eq!(options.len(), 2, "{lang}: {text}");
    }
}

#[test]
fn a_canned_reply_is_filled_with_the_facts_and_keeps_unknown_placeholders_visible() {
    let books = lifeline_desk::playbook::Playbooks::builtin().unwrap();
    let facts = lifeline_desk::situation::Facts {
        shopper_name: Some("Ana Souza".into()),
        order_number: Some("1001".into()),
        tracking_number: Some("LP00007926919BR".into()),
        ..Default::default()
    };
    let filled = books.fill_snippet(
        "pt",
        "Oi {name}, o pedido {order} tem o rastreio {tracking_number}. {coupon_code}",
        &facts,
    );
    assert!(
        filled.contains("Ana") && filled.contains("1001") && filled.contains("LP00007926919BR"),
        "{filled}"
    );
    assert!(
        filled.contains("{coupon_code}"),
        "an unknown placeholder stays for the agent: {filled}"
    );
}
