//! The starter canned replies read as the shopper receives them: every shortcut in every desk language,
//! filled with a real case's facts, with nothing left in braces; and the placeholders an admin may use
//! are exactly those the desk fills.

use chrono::NaiveDate;
use lifeline_desk::canned::{check, placeholders, starter_set, Snippet, STARTER_SHORTCUTS};
use lifeline_desk::missing::MissingLine;
use lifeline_desk::playbook::{schema::PLAYBOOK_PLACEHOLDERS, snippet_placeholders, Playbooks};
use lifeline_desk::remedy::OrderLine;
use lifeline_desk::situation::Facts;

/// Giulia's order in Rome, shipped and held at customs for its duties.
fn giulia() -> Facts {
    Facts {
        shopper_name: Some("Giulia Rossi".into()),
        order_number: Some("1027".into()),
        order_found: Some(true),
        item: Some("Camiseta azul".into()),
        days_late: Some(3),
        days_since_movement: Some(2),
        tracking_number: Some("LP00008132813IT".into()),
        tracking_url: Some("https://t.17track.net/it#nums=LP00008132813IT".into()),
        carrier: Some("Poste Italiane".into()),
        shipment_status: Some("in_transit".into()),
        shipment_sub_status: Some("InTransit_CustomsRequiringInformation".into()),
        estimated_delivery: NaiveDate::from_ymd_opt(2026, 12, 4),
        carrier_event: Some("In attesa di pagamento dei dazi".into()),
        carrier_event_place: Some("Roma".into()),
        carrier_event_date: NaiveDate::from_ymd_opt(2026, 12, 1),
        pickup_place: Some("Ufficio Postale Roma 12".into()),
        pickup_until: NaiveDate::from_ymd_opt(2026, 12, 12),
        order_total_minor: Some(4990),
        currency: Some("EUR".into()),
        ..Facts::default()
    }
}

fn starter() -> Vec<Snippet> {
    starter_set().expect("the shipped starter set is clean")
}

#[test]
fn the_starter_set_has_every_shortcut_in_every_desk_language() {
    let set = starter();
    for lang in lifeline_desk::playbook::LANGUAGES {
        for shortcut in STARTER_SHORTCUTS {
            let n = set
                .iter()
                .filter(|s| s.language == lang && s.shortcut == shortcut)
                .count();
            assert_eq!(n, 1, "/{shortcut} in {lang}");
        }
    }
    for s in &set {
        assert!(
            s.text.chars().count() <= 1024,
            "/{} ({}) fits a canned reply",
            s.shortcut,
            s.language
        );
    }
}

#[test]
fn each_starter_reply_greets_giulia_and_names_her_order_with_nothing_left_in_braces() {
    let books = Playbooks::builtin().unwrap();
    for s in starter() {
        let text = books.fill_snippet(&s.language, &s.text, &giulia());
        let at = format!("/{} ({})", s.shortcut, s.language);
        assert!(
            text.contains("Giulia") && text.contains("#1027"),
            "{at}: {text}"
        );
        assert!(!text.contains('{') && !text.contains('}'), "{at}: {text}");
        if s.shortcut == "tracking" || s.shortcut == "customs" {
            assert!(
                text.contains("https://t.17track.net/it#nums=LP00008132813IT"),
                "{at}: {text}"
            );
        }
    }
}

#[test]
fn the_italian_customs_reply_says_what_customs_asks_in_italian() {
    let books = Playbooks::builtin().unwrap();
    let customs = starter()
        .into_iter()
        .find(|s| s.shortcut == "customs" && s.language == "it")
        .unwrap();
    let text = books.fill_snippet("it", &customs.text, &giulia());
    assert!(
        text.starts_with("Ciao Giulia! Ecco a che punto è il tuo ordine #1027 con la dogana:"),
        "{text}"
    );
    assert!(text.contains("dogana"), "{text}");
}

#[test]
fn every_placeholder_an_admin_may_use_is_filled_and_no_other() {
    let books = Playbooks::builtin().unwrap();
    let allowed = snippet_placeholders();
    assert!(allowed.contains(&"tracking_link") && allowed.contains(&"customs_asks"));
    let all: String = allowed.iter().map(|p| format!("{{{p}}} ")).collect();
    assert_eq!(check(&all), Ok(()));
    // {quantity} comes with a known missing line, {items} with the lines to ask about.
    let line = OrderLine {
        line_id: "l1".into(),
        quantity: 1,
        name: "Camiseta azul".into(),
    };
    let known = Facts {
        missing_line: Some(MissingLine::Known {
            line,
            unit_price_minor: 4990,
        }),
        payment_pending_since: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        ..giulia()
    };
    let unknown = Facts {
        missing_line: Some(MissingLine::Unknown {
            choices: vec!["1 × Camiseta azul".into(), "1 × Cinto".into()],
        }),
        ..giulia()
    };
    let left = |f: &Facts| -> Vec<String> {
        let filled = books.fill_snippet("en", &all, f);
        placeholders(&filled)
            .into_iter()
            .map(String::from)
            .collect()
    };
    let both: Vec<String> = left(&known)
        .into_iter()
        .filter(|p| left(&unknown).contains(p))
        .collect();
    assert!(both.is_empty(), "listed but never filled: {both:?}");

    for p in PLAYBOOK_PLACEHOLDERS
        .iter()
        .filter(|p| !allowed.contains(p))
    {
        let text = format!("x {{{p}}} y");
        assert_eq!(
            books.fill_snippet("en", &text, &known),
            text,
            "{{{p}}} is filled yet refused at save"
        );
        assert!(check(&text).is_err(), "{{{p}}}");
    }
}
