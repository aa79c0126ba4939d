//! Text, button, list and reaction limits, each refused with a sentence an agent understands.

use lifeline_whatsapp::outbound::{ListRow, ListSection, OutboundMessage, ReplyButton};

fn button(id: &str, title: &str) -> ReplyButton {
    ReplyButton {
        id: id.into(),
        title: title.into(),
    }
}

fn buttons(list: Vec<ReplyButton>) -> OutboundMessage {
    OutboundMessage::Buttons {
        body: "Sentimos muito pelo atraso. O que prefere?".into(),
        header: None,
        footer: None,
        buttons: list,
    }
}

fn row(id: &str, title: &str) -> ListRow {
    ListRow {
        id: id.into(),
        title: title.into(),
        description: None,
    }
}

fn list(sections: Vec<ListSection>) -> OutboundMessage {
    OutboundMessage::List {
        body: "Choose what suits you best".into(),
        header: None,
        footer: None,
        button: "Options".into(),
        sections,
    }
}

fn refusal(msg: &OutboundMessage) -> String {
    msg.validate().expect_err("should be refused").to_string()
}

#[test]
fn a_button_title_over_20_characters_is_refused_with_a_clear_sentence() {
    let msg = buttons(vec![button("refund", "Refund my whole order")]);
    assert_eq!(
        refusal(&msg),
        "button title 'Refund my whole order' is 21 characters; WhatsApp allows 20"
    );
}

#[test]
fn titles_are_counted_in_characters_not_bytes() {
    // 20 characters, 26 bytes in UTF-8.
    let title = "Reembolso já, ótimo!";
    assert_eq!(title.chars().count(), 20);
    assert!(title.len() > 20);
    assert_eq!(buttons(vec![button("r", title)]).validate(), Ok(()));
}

#[test]
fn reply_buttons_must_number_one_to_three_with_unique_titles_and_short_ids() {
    assert_eq!(
        refusal(&buttons(vec![])),
        "reply buttons: 0 given; WhatsApp allows 1 to 3"
    );
    let four = (0..4)
        .map(|i| button(&format!("b{i}"), &format!("Option {i}")))
        .collect();
    assert_eq!(
        refusal(&buttons(four)),
        "reply buttons: 4 given; WhatsApp allows 1 to 3"
    );
    let twice = vec![button("a", "Refund"), button("b", "Refund")];
    assert_eq!(
        refusal(&buttons(twice)),
        "button title 'Refund' appears twice; each must be different"
    );
    let long_id = "x".repeat(257);
    assert!(refusal(&buttons(vec![button(&long_id, "Ok")]))
        .contains("is 257 characters; WhatsApp allows 256"));
    assert_eq!(
        buttons(vec![button(&"x".repeat(256), "Ok")]).validate(),
        Ok(())
    );
    assert_eq!(
        refusal(&buttons(vec![button("a", " ")])),
        "button title is empty; WhatsApp needs one"
    );
}

#[test]
fn button_body_header_and_footer_lengths_are_checked() {
    let mut msg = buttons(vec![button("a", "Ok")]);
    if let OutboundMessage::Buttons { body, .. } = &mut msg {
        *body = "a".repeat(1025);
    }
    assert_eq!(
        refusal(&msg),
        "button message body is 1025 characters; WhatsApp allows 1024"
    );
    let msg = OutboundMessage::Buttons {
        body: "ok".into(),
        header: Some("h".repeat(61)),
        footer: None,
        buttons: vec![button("a", "Ok")],
    };
    assert_eq!(refusal(&msg), "header is 61 characters; WhatsApp allows 60");
    let msg = OutboundMessage::Buttons {
        body: "ok".into(),
        header: None,
        footer: Some("f".repeat(61)),
        buttons: vec![button("a", "Ok")],
    };
    assert_eq!(refusal(&msg), "footer is 61 characters; WhatsApp allows 60");
}

#[test]
fn text_bodies_stop_at_4096_characters() {
    let ok = OutboundMessage::Text {
        body: "é".repeat(4096),
        preview_url: false,
    };
    assert_eq!(ok.validate(), Ok(()));
    let long = OutboundMessage::Text {
        body: "é".repeat(4097),
        preview_url: false,
    };
    assert_eq!(
        refusal(&long),
        "text body is 4097 characters; WhatsApp allows 4096"
    );
    let empty = OutboundMessage::Text {
        body: "".into(),
        preview_url: false,
    };
    assert_eq!(refusal(&empty), "text body is empty; WhatsApp needs one");
}

#[test]
fn list_limits_are_checked_across_sections() {
    let eleven: Vec<ListRow> = (0..11)
        .map(|i| row(&format!("r{i}"), &format!("Row {i}")))
        .collect();
    let msg = list(vec![
        ListSection {
            title: Some("Refunds".into()),
            rows: eleven[..6].to_vec(),
        },
        ListSection {
            title: Some("Reship".into()),
            rows: eleven[6..].to_vec(),
        },
    ]);
    assert_eq!(
        refusal(&msg),
        "list rows (across all sections): 11 given; WhatsApp allows 1 to 10"
    );

    let sections = (0..11)
        .map(|i| ListSection {
            title: Some(format!("S{i}")),
            rows: vec![],
        })
        .collect();
    assert_eq!(
        refusal(&list(sections)),
        "list sections: 11 given; WhatsApp allows 1 to 10"
    );

    let long_title = list(vec![ListSection {
        title: None,
        rows: vec![row("a", &"t".repeat(25))],
    }]);
    assert!(refusal(&long_title)
        .starts_with("row title 'ttttttttttttttttttttttttt' is 25 characters; WhatsApp allows 24"));

    let mut r = row("a", "Refund");
    r.description = Some("d".repeat(73));
    let long_desc = list(vec![ListSection {
        title: None,
        rows: vec![r],
    }]);
    assert!(refusal(&long_desc).contains("is 73 characters; WhatsApp allows 72"));

    let long_id = list(vec![ListSection {
        title: None,
        rows: vec![row(&"i".repeat(201), "Refund")],
    }]);
    assert!(refusal(&long_id).contains("is 201 characters; WhatsApp allows 200"));

    let section_title = list(vec![ListSection {
        title: Some("s".repeat(25)),
        rows: vec![row("a", "b")],
    }]);
    assert!(refusal(&section_title).contains("is 25 characters; WhatsApp allows 24"));

    let dup = list(vec![ListSection {
        title: None,
        rows: vec![row("a", "One"), row("a", "Two")],
    }]);
    assert_eq!(
        refusal(&dup),
        "row id 'a' appears twice; each must be different"
    );

    let untitled = list(vec![
        ListSection {
            title: None,
            rows: vec![row("a", "One")],
        },
        ListSection {
            title: Some("B".into()),
            rows: vec![row("b", "Two")],
        },
    ]);
    assert!(refusal(&untitled).contains("needs a title on each section"));
}

#[test]
fn the_list_button_label_stops_at_20_characters() {
    let msg = OutboundMessage::List {
        body: "Pick one".into(),
        header: None,
        footer: None,
        button: "See every option now!".into(),
        sections: vec![ListSection {
            title: None,
            rows: vec![row("a", "b")],
        }],
    };
    assert_eq!(
        refusal(&msg),
        "list button label 'See every option now!' is 21 characters; WhatsApp allows 20"
    );
}

#[test]
fn a_reaction_is_exactly_one_emoji() {
    let react = |e: &str| OutboundMessage::Reaction {
        message_id: "wamid.IN1".into(),
        emoji: e.into(),
    };
    for ok in ["👍", "❤️", "👍🏽", "🇧🇷", "👨‍👩‍👧", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☺"]
    {
        assert_eq!(react(ok).validate(), Ok(()), "{ok}");
    }
    for bad in ["", "ok", "👍👍", "👍 ", "🇧", "a👍", "1"] {
        let text = refusal(&react(bad));
        assert!(text.contains("is not a single emoji"), "{bad:?}: {text}");
    }
}
