//! Drafts that follow the parcel's real state: waiting at a pickup point, a failed delivery attempt, held
//! at customs, declared lost by the carrier, never shipped, and an order number no shop knows. Each
//! scenario reads the words the shopper would receive, in several languages, against the parcel's facts.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use lifeline_desk::playbook::Playbooks;
use lifeline_desk::situation::{
    customs_asks, situation, CustomsAsk, Facts, Situation, Whereabouts,
};
use lifeline_desk::Remedy;
use lifeline_triage::{ExceptionKind, Situation as Said};

fn books() -> Playbooks {
    let books = Playbooks::builtin().expect("built-in texts parse");
    books.validate().expect("built-in texts are valid");
    books
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, 0).unwrap()
}

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 12, d)
}

/// An order with a parcel in `status`, its newest carrier event `event` (1 December).
fn parcel(status: &str, sub: Option<&str>, event: &str) -> Facts {
    Facts {
        shopper_name: Some("Pablo Moreno".into()),
        order_number: Some("1015".into()),
        order_found: Some(true),
        tracking_number: Some("LP00008037785ES".into()),
        carrier: Some("Correos".into()),
        shipment_status: Some(status.into()),
        shipment_sub_status: sub.map(String::from),
        carrier_event: Some(event.into()),
        carrier_event_date: day(1),
        ..Facts::default()
    }
}

fn at_pickup_point() -> Facts {
    Facts {
        pickup_place: Some("Oficina de Correos, Calle del Coso 45, Zaragoza".into()),
        pickup_until: day(12),
        // The shopper said "not at home"; the tracking knows better: it is waiting to be collected.
        shopper_says: Said::NotHome,
        ..parcel(
            "available_for_pickup",
            Some("AvailableForPickup_001"),
            "Disponible en oficina para recoger",
        )
    }
}

fn draft(sit: Situation, lang: &str, f: &Facts) -> String {
    books().draft(sit, lang, f).text
}

fn never_on_its_way(text: &str) {
    for words in [
        "on its way",
        "Good news",
        "en camino",
        "a caminho",
        "unterwegs",
        "in arrivo",
        "en route",
        "onderweg",
        "dalam perjalanan",
    ] {
        assert!(!text.contains(words), "{words:?} in\n{text}");
    }
}

#[test]
fn a_parcel_waiting_at_a_pickup_point_says_where_until_when_and_how_to_collect() {
    let f = at_pickup_point();
    for kind in [
        ExceptionKind::WhereIsMyOrder,
        ExceptionKind::Delayed,
        ExceptionKind::Lost,
    ] {
        assert_eq!(situation(kind, &f, now()), Situation::AwaitingPickup);
    }
    for (lang, until, id) in [
        ("en", "until 12 December", "ID"),
        ("es", "hasta el 12 de diciembre", "documento de identidad"),
        ("de", "bis zum 12. Dezember", "Ausweis"),
        ("it", "fino al 12 dicembre", "documento d'identità"),
        ("id", "sampai 12 Desember", "KTP"),
    ] {
        let text = draft(Situation::AwaitingPickup, lang, &f);
        assert!(
            text.contains("Calle del Coso 45, Zaragoza"),
            "{lang}: {text}"
        );
        assert!(
            text.contains("Disponible en oficina para recoger"),
            "{lang}: {text}"
        );
        assert!(text.contains(until), "{lang}: {text}");
        assert!(
            text.contains(id) && text.contains("LP00008037785ES"),
            "{lang}: {text}"
        );
        assert!(text.contains("Correos"), "{lang}: how to rebook\n{text}");
        never_on_its_way(&text);
    }
}

#[test]
fn a_pickup_deadline_the_tracking_does_not_give_is_never_invented() {
    let f = Facts {
        pickup_until: None,
        ..at_pickup_point()
    };
    let text = draft(Situation::AwaitingPickup, "en", &f);
    assert!(!text.contains("until"), "{text}");
    assert!(text.contains("doesn't say how long"), "{text}");
    let es = draft(Situation::AwaitingPickup, "es", &f);
    assert!(!es.contains("hasta el"), "{es}");
    // 17TRACK's AvailableForPickup arrives as the status alone; AfterShip's sub-status is enough too.
    let only_sub = parcel("in_transit", Some("AvailableForPickup_001"), "Ready");
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &only_sub, now()),
        Situation::AwaitingPickup
    );
}

#[test]
fn a_failed_attempt_says_what_the_carrier_reported_and_how_to_rebook() {
    let f = Facts {
        tracking_url: Some("https://t.17track.net/en#nums=LP00008037785ES".into()),
        ..parcel(
            "attempt_fail",
            Some("AttemptFail_002"),
            "Visita sin éxito: destinatario ausente",
        )
    };
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::DeliveryFailed
    );
    for sub in ["DeliveryFailure_NoBody", "AttemptFail_001"] {
        let g = parcel("in_transit", Some(sub), "Delivery attempted");
        assert_eq!(
            situation(ExceptionKind::Delayed, &g, now()),
            Situation::DeliveryFailed
        );
    }
    for (lang, date) in [
        ("en", "1 December"),
        ("es", "1 de diciembre"),
        ("fr", "1 décembre"),
        ("nl", "1 december"),
    ] {
        let text = draft(Situation::DeliveryFailed, lang, &f);
        assert!(
            text.contains("Visita sin éxito: destinatario ausente"),
            "{lang}: {text}"
        );
        assert!(text.contains(date), "{lang}: {text}");
        assert!(
            text.contains("https://t.17track.net/en#nums=LP00008037785ES"),
            "{lang}: {text}"
        );
        never_on_its_way(&text);
    }
}

#[test]
fn the_shoppers_word_places_a_parcel_only_when_the_tracking_says_no_more_than_in_transit() {
    let mut f = parcel("in_transit", None, "Admitido en centro logístico");
    f.shopper_says = Said::NotHome;
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::DeliveryFailed
    );
    f.shopper_says = Said::PickupPoint;
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::AwaitingPickup
    );
    f.shopper_says = Said::Customs;
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::CustomsHold
    );
    f.carrier_event = Some("Customs clearance completed".into());
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &f, now()),
        Situation::WhereIsMyOrder(Whereabouts::Moving),
        "customs already let it go"
    );
    let delivered = Facts {
        shopper_says: Said::NotHome,
        ..parcel("delivered", Some("Delivered_001"), "Entregado")
    };
    assert_eq!(
        situation(ExceptionKind::Lost, &delivered, now()),
        Situation::DeliveredNotReceived
    );
}

#[test]
fn customs_says_it_is_customs_and_what_is_asked_of_the_shopper() {
    let f = parcel(
        "exception",
        Some("Exception_004"),
        "Held by customs: import duties and an invoice are required",
    );
    assert_eq!(
        situation(ExceptionKind::Delayed, &f, now()),
        Situation::CustomsHold
    );
    assert_eq!(
        customs_asks(&f),
        vec![CustomsAsk::Duties, CustomsAsk::Invoice]
    );
    for (lang, customs, duties, invoice) in [
        (
            "en",
            "customs",
            "import duties",
            "I'll send you the invoice for order #1015",
        ),
        (
            "pt",
            "alfândega",
            "impostos ou taxas de importação",
            "fatura do pedido #1015",
        ),
        (
            "fr",
            "douane",
            "droits ou des taxes d'importation",
            "facture de la commande #1015",
        ),
        (
            "nl",
            "douane",
            "invoerrechten",
            "factuur van bestelling #1015",
        ),
        (
            "de",
            "Zoll",
            "Einfuhrabgaben",
            "Rechnung zur Bestellung #1015",
        ),
    ] {
        let text = draft(Situation::CustomsHold, lang, &f);
        assert!(text.contains(customs), "{lang}: {text}");
        assert!(text.contains(duties), "{lang}: {text}");
        assert!(text.contains(invoice), "{lang}: {text}");
        assert!(
            text.contains("Held by customs"),
            "{lang}: the carrier's words\n{text}"
        );
        never_on_its_way(&text);
    }
}

#[test]
fn customs_asking_nothing_named_asks_the_shopper_whether_the_carrier_wrote() {
    let info = parcel(
        "in_transit",
        Some("InTransit_CustomsRequiringInformation"),
        "Clearance information required",
    );
    assert_eq!(
        situation(ExceptionKind::WhereIsMyOrder, &info, now()),
        Situation::CustomsHold
    );
    let en = draft(Situation::CustomsHold, "en", &info);
    assert!(en.contains("have you had a message"), "{en}");
    assert!(!en.contains("import duties"), "nothing says duties:\n{en}");
    let held = parcel("in_transit", None, "Retenido en aduana");
    assert_eq!(
        situation(ExceptionKind::Delayed, &held, now()),
        Situation::CustomsHold
    );
    let es = draft(Situation::CustomsHold, "es", &held);
    assert!(
        es.contains("el seguimiento no muestra que la aduana te pida nada"),
        "{es}"
    );
    assert!(!es.contains("impuestos"), "{es}");
    let it = draft(Situation::CustomsHold, "it", &held);
    assert!(it.contains("dogana") && !it.contains("dazi"), "{it}");
    let duties = parcel(
        "exception",
        Some("Exception_006"),
        "Held for payment of import duties",
    );
    assert_eq!(
        situation(ExceptionKind::Delayed, &duties, now()),
        Situation::CustomsHold
    );
    assert_eq!(customs_asks(&duties), vec![CustomsAsk::Duties]);
    let cod = parcel(
        "exception",
        Some("Exception_006"),
        "Held for payment: cash on delivery",
    );
    assert_ne!(
        situation(ExceptionKind::Delayed, &cod, now()),
        Situation::CustomsHold
    );
}

#[test]
fn a_parcel_the_carrier_declared_lost_is_called_lost_and_offers_what_the_policy_allows() {
    for sub in ["Exception_013", "Exception_Lost"] {
        let f = parcel("exception", Some(sub), "Lost");
        assert_eq!(
            situation(ExceptionKind::Delayed, &f, now()),
            Situation::DeclaredLost
        );
    }
    let f = Facts {
        order_total_minor: Some(2500),
        currency: Some("EUR".into()),
        offers: vec![Remedy::Replacement, Remedy::FullRefund],
        ..parcel("exception", Some("Exception_013"), "Lost")
    };
    for (lang, lost, refund) in [
        (
            "en",
            "Correos has declared your parcel for order #1015 lost",
            "full refund",
        ),
        (
            "es",
            "Correos ha dado por perdido tu paquete del pedido #1015",
            "reembolso",
        ),
        (
            "it",
            "Correos ha dichiarato smarrito il pacco dell'ordine #1015",
            "rimborso",
        ),
        (
            "id",
            "Correos menyatakan paket pesanan #1015 hilang",
            "refund",
        ),
    ] {
        let d = books().draft(Situation::DeclaredLost, lang, &f);
        assert!(d.text.contains(lost), "{lang}: {}", d.text);
        assert!(d.text.to_lowercase().contains(refund), "{lang}: {}", d.text);
        let remedies: Vec<&Remedy> = d.options.iter().map(|o| &o.remedy).collect();
        assert_eq!(
            remedies,
            [&Remedy::Replacement, &Remedy::FullRefund],
            "{lang}"
        );
        for chase in ["chase", "reclam", "sollecit", "mendesak"] {
            assert!(!d.text.to_lowercase().contains(chase), "{lang}: {}", d.text);
        }
    }
}

#[test]
fn an_order_with_no_parcel_never_gets_carrier_wording() {
    let f = Facts {
        order_number: Some("1031".into()),
        order_found: Some(true),
        shopper_says: Said::NotHome,
        ..Facts::default()
    };
    for kind in [
        ExceptionKind::Delayed,
        ExceptionKind::WhereIsMyOrder,
        ExceptionKind::Lost,
    ] {
        assert_eq!(
            situation(kind, &f, now()),
            Situation::WhereIsMyOrder(Whereabouts::NotShippedYet)
        );
    }
    for (lang, carrier) in [
        ("en", "carrier"),
        ("es", "paqueter"),
        ("de", "Versand"),
        ("pt", "transportadora"),
    ] {
        let text = draft(
            Situation::WhereIsMyOrder(Whereabouts::NotShippedYet),
            lang,
            &f,
        );
        assert!(!text.contains(carrier), "{lang}: {text}");
        never_on_its_way(&text);
    }
}

#[test]
fn an_order_number_no_shop_knows_is_said_to_be_not_found_and_asked_again() {
    let f = Facts {
        order_number: Some("99999".into()),
        order_found: Some(false),
        offers: vec![Remedy::ChaseCarrier],
        ..Facts::default()
    };
    assert_eq!(
        situation(ExceptionKind::Delayed, &f, now()),
        Situation::WhereIsMyOrder(Whereabouts::NoOrderFound)
    );
    for (lang, not_found, warehouse) in [
        ("en", "can't find it", "warehouse"),
        ("es", "#99999", "almacén"),
        ("fr", "#99999", "entrepôt"),
        ("nl", "#99999", "magazijn"),
    ] {
        let d = books().draft(
            Situation::WhereIsMyOrder(Whereabouts::NoOrderFound),
            lang,
            &f,
        );
        assert!(d.text.contains(not_found), "{lang}: {}", d.text);
        assert!(!d.text.contains(warehouse), "{lang}: {}", d.text);
        assert!(
            d.options.is_empty(),
            "{lang}: nothing to offer for an unknown order"
        );
    }
}
