//! A missing item names the line the shopper says is missing, in their language, and asks when
//! the words fit no line or several.

use lifeline_desk::missing::{read_missing_line, Line, MissingLine};
use lifeline_triage::{TriageConfig, Triager};

fn triager() -> Triager {
    Triager::new(TriageConfig::default()).expect("the default triage config builds")
}

const TV: [Line<'static>; 2] = [
    Line {
        id: "L-1",
        name: "Smart TV 55 inch",
        quantity: 1,
        unit_price_minor: 46_900,
    },
    Line {
        id: "L-2",
        name: "TV remote control",
        quantity: 1,
        unit_price_minor: 1_290,
    },
];

/// The missing line's name and quantity, or the choices listed when unknown.
fn read(t: &Triager, texts: &[&str], lines: &[Line<'_>]) -> Result<(String, u32), Vec<String>> {
    match read_missing_line(t, texts, lines) {
        MissingLine::Known { line, .. } => Ok((line.name, line.quantity)),
        MissingLine::Unknown { choices } => Err(choices),
    }
}

#[test]
fn the_remote_is_named_in_every_language_against_an_english_line() {
    let t = triager();
    for text in [
        "the remote was not in the box",
        "o controle não veio na caixa",
        "falta el mando a distancia",
        "im Paket fehlte die Fernbedienung",
        "il manque la télécommande dans le colis",
        "nel pacco mancava il telecomando",
        "de afstandsbediening ontbreekt",
        "remotnya tidak ada di dalam paket",
    ] {
        assert_eq!(
            read(&t, &[text], &TV),
            Ok(("TV remote control".to_string(), 1)),
            "{text}"
        );
    }
}

#[test]
fn lines_in_the_shops_language_meet_the_shoppers_words() {
    let t = triager();
    let socks = [
        Line {
            id: "1001-1",
            name: "Tênis de corrida Leve azul, 38",
            quantity: 1,
            unit_price_minor: 24_990,
        },
        Line {
            id: "1001-2",
            name: "Meias esportivas (kit com 3)",
            quantity: 1,
            unit_price_minor: 3_990,
        },
    ];
    assert_eq!(
        read(&t, &["o tênis chegou, mas faltaram as meias"], &socks),
        Ok(("Meias esportivas (kit com 3)".to_string(), 1))
    );
    let pan = [
        Line {
            id: "1025-1",
            name: "Pfanne mit Antihaftbeschichtung 28 cm",
            quantity: 1,
            unit_price_minor: 3_995,
        },
        Line {
            id: "1025-2",
            name: "Silikon-Pfannenwender",
            quantity: 2,
            unit_price_minor: 695,
        },
    ];
    let silk = [
        Line {
            id: "1012-1",
            name: "Pañuelo de seda estampado",
            quantity: 1,
            unit_price_minor: 3_490,
        },
        Line {
            id: "1012-2",
            name: "Pendientes dorados de aro",
            quantity: 1,
            unit_price_minor: 2_490,
        },
    ];
    assert_eq!(
        read(
            &t,
            &["me llegó el pañuelo pero faltan los pendientes"],
            &silk
        ),
        Ok(("Pendientes dorados de aro".to_string(), 1))
    );
    assert_eq!(
        read(&t, &["im Paket fehlte der Pfannenwender"], &pan),
        Ok(("Silikon-Pfannenwender".to_string(), 2))
    );
    assert_eq!(
        read(&t, &["the spatula is missing from my order"], &pan),
        Ok(("Silikon-Pfannenwender".to_string(), 2))
    );
    assert_eq!(
        read(&t, &["only 1 of the 2 spatulas came"], &pan),
        Ok(("Silikon-Pfannenwender".to_string(), 1))
    );
}

#[test]
fn when_the_words_fit_no_line_or_several_the_desk_asks_with_the_orders_lines() {
    let t = triager();
    assert_eq!(
        read(&t, &["something is missing from my parcel"], &TV),
        Err(vec!["Smart TV 55 inch".into(), "TV remote control".into()])
    );
    let chargers = [
        Line {
            id: "C-1",
            name: "USB-C cable 2 m",
            quantity: 2,
            unit_price_minor: 990,
        },
        Line {
            id: "C-2",
            name: "Phone charger",
            quantity: 1,
            unit_price_minor: 1_990,
        },
    ];
    // "charger cable" fits both lines equally: no guess.
    assert_eq!(
        read(&t, &["the charger cable is missing"], &chargers),
        Err(vec!["2 × USB-C cable 2 m".into(), "Phone charger".into()])
    );
}

#[test]
fn the_answer_to_which_item_names_the_line() {
    let t = triager();
    let texts = ["die Fernbedienung", "in meinem Paket fehlt etwas"];
    assert_eq!(
        read(&t, &texts, &TV),
        Ok(("TV remote control".to_string(), 1))
    );
    assert!(read(&t, &["in meinem Paket fehlt etwas"], &TV).is_err());
}

#[test]
fn a_single_line_order_needs_no_words_and_the_value_is_the_missing_count() {
    let t = triager();
    let glasses = [Line {
        id: "G-1",
        name: "Wine glass",
        quantity: 4,
        unit_price_minor: 850,
    }];
    let m = read_missing_line(&t, &["I ordered 4, only 3 arrived"], &glasses);
    assert_eq!(m.line().map(|l| l.quantity), Some(1));
    assert_eq!(m.value_minor(), Some(850));
    let m = read_missing_line(&t, &["falta uma peça"], &glasses);
    assert_eq!(m.value_minor(), Some(3_400));
}

#[test]
fn each_missing_line_is_made_good_once() {
    use chrono::{TimeZone, Utc};
    use lifeline_desk::policy::{
        decide, AffectedItem, CompensationPolicy, CompensationRequest, Decision, GivenCompensation,
    };
    use lifeline_desk::{remedy::OrderLine, Remedy, Role};
    use lifeline_triage::ExceptionKind;
    let line = |id: &str| OrderLine {
        line_id: id.into(),
        quantity: 1,
        name: String::new(),
    };
    let remote = Remedy::LineReplacement { line: line("L-2") };
    let given = [GivenCompensation {
        kind: ExceptionKind::MissingItem,
        remedy: remote.clone(),
        value_minor: 1_290,
        at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
    }];
    let ask = |remedy: &Remedy| {
        decide(
            &CompensationPolicy::default(),
            &CompensationRequest {
                kind: ExceptionKind::MissingItem,
                remedy,
                order_total_minor: 48_190,
                currency: "EUR",
                days_late: None,
                already_given: &given,
                role: Role::Supervisor,
                items: &[AffectedItem {
                    unit_price_minor: 1_290,
                    quantity: 1,
                }],
            },
        )
    };
    assert!(
        matches!(ask(&remote), Decision::Refused { .. }),
        "the same line twice"
    );
    let other = Remedy::LineReplacement { line: line("L-3") };
    assert_eq!(ask(&other), Decision::Allowed, "another missing line");
}

#[test]
fn a_line_remedy_is_named_with_its_line_for_the_agent() {
    use lifeline_desk::policy::{describe_remedy, value_minor, AffectedItem};
    use lifeline_desk::{remedy::OrderLine, Remedy};
    let line = OrderLine {
        line_id: "L-2".into(),
        quantity: 1,
        name: "TV remote control".into(),
    };
    let remedy = Remedy::LineReplacement { line };
    assert_eq!(
        describe_remedy(&remedy, "EUR"),
        "a replacement of TV remote control × 1"
    );
    let remote = AffectedItem {
        unit_price_minor: 1_290,
        quantity: 1,
    };
    assert_eq!(value_minor(&remedy, 48_190, &[remote]), 1_290);
}

#[test]
fn a_one_line_order_is_not_named_when_the_shopper_misses_something_else() {
    let t = triager();
    let mat = [Line {
        id: "1016-1",
        name: "Esterilla de yoga antideslizante",
        quantity: 1,
        unit_price_minor: 3_900,
    }];
    for text in [
        "llegó el pedido 1016 pero falta una cosa, no vino el cargador",
        "the parcel came but the charger is missing",
    ] {
        assert_eq!(
            read(&t, &[text], &mat),
            Err(vec!["Esterilla de yoga antideslizante".to_string()]),
            "asked, not named: {text}"
        );
    }
    for text in ["falta la esterilla", "something is missing from my order"] {
        assert_eq!(
            read(&t, &[text], &mat),
            Ok(("Esterilla de yoga antideslizante".to_string(), 1)),
            "{text}"
        );
    }
}
