//! Language, kind, escalation, the case reading and the JSON Lines command.

use lifeline_triage::{run_jsonl, CaseReading, ExceptionKind, Priority, TriageConfig, Triager};

fn triager() -> Triager {
    Triager::new(TriageConfig::default()).expect("default config builds")
}

#[test]
fn short_messages_get_their_language() {
    let t = triager();
    let cases = [
        ("Hola", "es"),
        ("Obrigado", "pt"),
        ("Bedankt", "nl"),
        ("Danke!", "de"),
        ("Merci", "fr"),
        ("Grazie", "it"),
        ("Terima kasih", "id"),
        ("Thanks", "en"),
        ("oi", "pt"),
        ("Buongiorno", "it"),
    ];
    for (text, want) in cases {
        let got = t.triage(text, None);
        assert_eq!(got.language, want, "{text}");
        assert_eq!(got.kind, ExceptionKind::Other, "{text}");
    }
}

#[test]
fn the_words_decide_and_the_phone_only_hints() {
    let t = triager();
    let brazilian = t.triage(
        "hi, my order was supposed to arrive last week",
        Some("5511987654321"),
    );
    assert_eq!(brazilian.language, "en");
    assert_eq!(t.triage("Hallo", Some("31612345678")).language, "nl");
    assert_eq!(t.triage("Hallo", Some("4915112345678")).language, "de");
    assert_eq!(t.triage("4063", Some("5511987654321")).language, "pt");
    assert_eq!(t.triage("4063", None).language, "und");
}

#[test]
fn kinds_in_mixed_and_messy_messages() {
    let t = triager();
    let cases = [
        (
            "arrived open and the perfume is missing",
            ExceptionKind::MissingItem,
        ),
        (
            "tracking says delivered but I never received it",
            ExceptionKind::Lost,
        ),
        (
            "CADE MEU PEDIDO??? JA FAZ 3 SEMANAS",
            ExceptionKind::Delayed,
        ),
        ("chegou quebrado 😡😡", ExceptionKind::Damaged),
        ("me cobraron 2 veces", ExceptionKind::Payment),
        (
            "m'n pakketje is nog steeds niet binnen",
            ExceptionKind::Delayed,
        ),
        (
            "paket saya blm sampai kak, udah 3 minggu",
            ExceptionKind::Delayed,
        ),
        ("colis jamais reçu", ExceptionKind::Lost),
        ("Paket ist immer noch nicht da", ExceptionKind::Delayed),
        (
            "il pacco non è ancora arrivato, doveva arrivare lunedì",
            ExceptionKind::Delayed,
        ),
        ("still waiting for my refund", ExceptionKind::Payment),
    ];
    for (text, want) in cases {
        assert_eq!(t.triage(text, None).kind, want, "{text}");
    }
}

#[test]
fn threats_escalate_and_plain_anger_does_not() {
    let t = triager();
    let threats = [
        "I'll open a PayPal dispute",
        "vou abrir reclamação no Procon",
        "vou expor vcs no Instagram",
        "ich gehe zum Anwalt",
        "je vais saisir l'UFC-Que Choisir",
        "esto es una estafa",
        "saya laporkan ke YLKI",
        "ik stap naar de Consumentenbond",
        "expect a 1 star review",
        "doing a chargeback with my bank",
    ];
    for text in threats {
        let got = t.triage(text, None);
        assert!(got.escalate, "{text}");
        assert_eq!(got.priority, Priority::Urgent, "{text}");
        assert!(
            got.reasons.iter().any(|r| r.starts_with("escalate")),
            "{text}"
        );
    }
    let anger = [
        "this is ridiculous, worst service ever",
        "que absurdo, um descaso total!!!",
        "c'est honteux",
        "Unverschämt!!",
        "I paid with PayPal, where is my order?",
        "vergognatevi",
    ];
    for text in anger {
        assert!(!t.triage(text, None).escalate, "{text}");
    }
}

#[test]
fn every_result_says_why() {
    let got = triager().triage("pedido 4063 chegou quebrado", Some("5511987654321"));
    assert_eq!(got.kind, ExceptionKind::Damaged);
    assert_eq!(got.priority, Priority::Urgent);
    let all = got.reasons.join("\n");
    for needle in [
        "language pt",
        "kind damaged",
        "quebrado",
        "priority urgent",
        "order 4063",
    ] {
        assert!(all.contains(needle), "missing {needle} in {all}");
    }
    assert!(got.confidence > 0.5 && got.confidence <= 1.0);
}

#[test]
fn a_case_attaches_a_later_order_number_and_a_damage_photo() {
    let t = triager();
    let mut case = CaseReading::default();
    case.absorb(
        &t.triage("hi, it arrived broken", Some("14155550100")),
        false,
    );
    let before = case.current();
    assert_eq!(before.kind, ExceptionKind::Damaged);
    assert!(before.order_numbers.is_empty());
    case.absorb(&t.triage("order 1042", Some("14155550100")), false);
    case.absorb(&t.triage("here", Some("14155550100")), true);
    let after = case.current();
    assert_eq!(after.order_numbers, ["1042"]);
    assert_eq!(after.kind, ExceptionKind::Damaged);
    assert_eq!(after.language, "en");
    assert!(
        after.confidence > before.confidence,
        "{} vs {}",
        after.confidence,
        before.confidence
    );
    assert!(after.reasons.iter().any(|r| r.contains("photo")));
}

#[test]
fn a_photo_only_strengthens_a_damage_the_shopper_named() {
    let t = triager();
    let mut missing = CaseReading::default();
    missing.absorb(
        &t.triage("arrived open and the perfume is missing", None),
        false,
    );
    missing.absorb(&t.triage("", None), true);
    assert_eq!(missing.current().kind, ExceptionKind::MissingItem);

    let mut hint = CaseReading::default();
    hint.absorb(&t.triage("chegou assim, a caixa veio aberta", None), false);
    let before = hint.current();
    hint.absorb(&t.triage("", None), true);
    let after = hint.current();
    assert_eq!(after.kind, ExceptionKind::Damaged);
    assert_eq!(after.priority, Priority::Urgent);
    assert!(after.confidence > before.confidence);
}

#[test]
fn a_case_is_refined_and_stays_escalated() {
    let t = triager();
    let mut case = CaseReading::default();
    case.absorb(&t.triage("onde está meu pedido?", None), false);
    assert_eq!(case.current().kind, ExceptionKind::WhereIsMyOrder);
    case.absorb(
        &t.triage(
            "consta como entregue mas não recebi nada. vou no Procon",
            None,
        ),
        false,
    );
    case.absorb(&t.triage("obrigado", None), false);
    let now = case.current();
    assert_eq!(now.kind, ExceptionKind::Lost);
    assert!(now.escalate);
    assert_eq!(now.language, "pt");
}

#[test]
fn the_command_answers_every_line_in_order() {
    let input = concat!(
        "{\"text\": \"cadê meu pedido 4063?\", \"from\": \"5511987654321\"}\n",
        "not json\n",
        "{\"from\": \"123\"}\n",
        "\n",
        "{\"text\": \"Bedankt\"}\n",
    );
    let mut out = Vec::new();
    run_jsonl(input.as_bytes(), &mut out, &triager()).expect("no IO error");
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect();
    assert_eq!(lines.len(), 5);
    let first = lines[0].as_object().expect("an object");
    let keys: Vec<&str> = first.keys().map(String::as_str).collect();
    let mut want = vec![
        "language",
        "kind",
        "priority",
        "order_numbers",
        "tracking_numbers",
        "escalate",
        "confidence",
        "reasons",
        "situation",
        "missing_words",
    ];
    want.sort_unstable();
    let mut got = keys.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(first["language"], "pt");
    assert_eq!(first["order_numbers"], serde_json::json!(["4063"]));
    assert_eq!(first["situation"], "none");
    assert!(lines[1]["error"]
        .as_str()
        .is_some_and(|e| e.contains("JSON")));
    assert!(lines[2]["error"]
        .as_str()
        .is_some_and(|e| e.contains("text")));
    assert!(lines[3]["error"].is_string());
    assert_eq!(lines[4]["language"], "nl");
}

#[test]
fn the_triager_is_shared_across_threads() {
    fn shareable<T: Send + Sync + Clone>() {}
    shareable::<Triager>();
    let t = std::sync::Arc::new(triager());
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let t = t.clone();
            std::thread::spawn(move || t.triage("where is my order #1042", None).order_numbers)
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().expect("no panic"), ["1042"]);
    }
}

#[test]
fn a_case_reading_survives_a_round_trip_through_json() {
    let t = triager();
    let mut case = CaseReading::default();
    case.absorb(
        &t.triage("pedido 4063 chegou quebrado", Some("5511987654321")),
        true,
    );
    let json = serde_json::to_string(&case).expect("serializes");
    let back: CaseReading = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, case);
    assert_eq!(back.current(), case.current());
}

#[test]
fn odd_and_oversized_input_gets_an_answer_not_a_panic() {
    let t = triager();
    let huge = "quebrado 1042 ".repeat(50_000);
    let odd = [
        "",
        "   ",
        "\u{0}\u{1}\u{7f}",
        "🙂🙂🙂",
        "#",
        "##########",
        "+",
        "LL-",
        "1Z",
        "e\u{301}\u{301}\u{301}",
        "’’’",
        "ß'ß'ß",
        "𝕠𝕣𝕕𝕖𝕣 𝟙𝟘𝟜𝟚",
        huge.as_str(),
    ];
    for text in odd {
        let got = t.triage(text, Some("not-a-number"));
        assert!(got.confidence >= 0.0 && got.confidence <= 1.0);
        assert!(!got.reasons.is_empty());
    }
    assert_eq!(t.triage("", None).kind, ExceptionKind::Other);
    assert_eq!(t.triage("", None).language, "und");
}
