//! Order and tracking numbers: what counts, what does not, and the store's own formats.

use lifeline_triage::{
    s10_valid, ups_format, ConfigError, OrderPattern, TrackingPattern, TriageConfig, Triager,
};

fn plain() -> Triager {
    Triager::new(TriageConfig::default()).expect("default config builds")
}

fn orders(t: &Triager, text: &str) -> Vec<String> {
    t.triage(text, None).order_numbers
}

/// Each message must give exactly its one order number.
fn one_order_each(t: &Triager, cases: &[(&str, &str)]) {
    for &(text, want) in cases {
        assert_eq!(orders(t, text), [want], "{text}");
    }
}

/// None of the messages may give an order number.
fn no_orders(t: &Triager, texts: &[&str]) {
    for text in texts {
        assert!(orders(t, text).is_empty(), "{text}: {:?}", orders(t, text));
    }
}

fn tracking(t: &Triager, text: &str) -> Vec<String> {
    t.triage(text, None).tracking_numbers
}

#[test]
fn s10_numbers_need_a_right_check_digit() {
    assert!(s10_valid("LX526018152CN"));
    assert!(s10_valid("RR491186250BR"));
    assert!(!s10_valid("LX526018153CN"), "a wrong check digit");
    assert!(!s10_valid("LX52601815CN"), "too short");
    let t = plain();
    assert_eq!(tracking(&t, "rastreio LX526018152CN"), ["LX526018152CN"]);
    let bad = t.triage("codigo LX526018153CN", None);
    assert!(bad.tracking_numbers.is_empty() && bad.order_numbers.is_empty());
}

#[test]
fn ups_numbers_are_tracking_not_orders() {
    assert!(ups_format("1Z999AA10123456784"));
    assert!(!ups_format("1Z999AA1012345678"));
    let got = plain().triage("order 1042, ups 1ZAD25UT0140376558", None);
    assert_eq!(got.tracking_numbers, ["1ZAD25UT0140376558"]);
    assert_eq!(got.order_numbers, ["1042"]);
}

#[test]
fn amazon_and_ebay_formats_are_orders() {
    let t = plain();
    assert_eq!(
        orders(&t, "Amazon 112-3456789-0123456 not here"),
        ["112-3456789-0123456"]
    );
    assert_eq!(
        orders(&t, "bought on ebay 12-34567-89012"),
        ["12-34567-89012"]
    );
}

#[test]
fn hash_and_order_words_in_eight_languages_lead_to_orders() {
    let t = plain();
    let cases = [
        ("where is #1042", "1042"),
        ("order 10563 not here", "10563"),
        ("pedido nº 2407", "2407"),
        ("encomenda #5396 atrasada", "5396"),
        ("commande n° 5730", "5730"),
        ("Bestellnummer 7396", "7396"),
        ("ordine n. 8841", "8841"),
        ("pesanan 10063 kak", "10063"),
        ("bestelling 11629", "11629"),
        ("meu pedido é o LL-2044", "LL-2044"),
    ];
    one_order_each(&t, &cases);
}

#[test]
fn several_orders_in_one_message_are_all_found() {
    let t = plain();
    assert_eq!(
        orders(&t, "orders #2231 and #2232 are late"),
        ["2231", "2232"]
    );
    assert_eq!(orders(&t, "pedidos 1234 e 5678"), ["1234", "5678"]);
}

#[test]
fn durations_prices_quantities_dates_and_phones_are_not_orders() {
    let t = plain();
    let none = [
        "my order said 7-10 days",
        "pedido de 150 reais",
        "I paid $1299 for my order",
        "pague $1,299 pesos por el pedido",
        "paguei R$ 1500 no pedido",
        "order of 300 pcs",
        "pedi 100 unidades",
        "comprei dia 12/10 o pedido",
        "ordered on 2024-03-11",
        "mi pedido de 2024",
        "pedido feito ha 15 dias",
        "my phone is +44 7700 900123, about my order",
        "meu whatsapp 11 98765 4321 sobre o pedido",
        "call me on 07700900123 about my order",
        "ya van 20 dias",
    ];
    no_orders(&t, &none);
    let got = t.triage("meu celular é 11 98765-4321, pedido 4063", None);
    assert_eq!(got.order_numbers, ["4063"]);
    let colon = t.triage("commande n°4417 : 3 articles commandés, 2 reçus", None);
    assert_eq!(
        colon.order_numbers,
        ["4417"],
        "a colon is no phone-number gap"
    );
}

#[test]
fn a_short_number_right_after_a_parcel_word_is_the_order_number() {
    let t = plain();
    let cases = [
        ("mijn pakket 1037 ligt bij een afhaalpunt", "1037"),
        ("my parcel 2290 is at the post office", "2290"),
        ("meu pacote 4410 está na agência dos correios", "4410"),
        ("el paquete nro 5512 no llega", "5512"),
        ("mon colis 6613 est au bureau de poste", "6613"),
        ("mein Paket 7714 liegt in der Postfiliale", "7714"),
        ("il mio pacco 8815 è all'ufficio postale", "8815"),
        ("paket 9916 ada di kantor pos", "9916"),
    ];
    one_order_each(&t, &cases);
    let none = [
        "my parcel 250 grams over the limit?",
        "il pacco 120 euro di dazi?",
        "o pacote 2024 da coleção chegou rasgado",
        "paket 0812 3456 7890 itu nomor saya",
        "paket 150000 ongkirnya mahal banget kak",
    ];
    no_orders(&t, &none);
}

#[test]
fn a_bare_number_reply_is_an_order_number() {
    let t = plain();
    assert_eq!(orders(&t, "4063"), ["4063"]);
    assert_eq!(orders(&t, "#4063"), ["4063"]);
    assert_eq!(orders(&t, "cade meu pedido? 40631"), ["40631"]);
}

#[test]
fn store_patterns_add_the_stores_own_formats() {
    let config: TriageConfig = serde_json::from_value(serde_json::json!({
        "order_patterns": [
            { "prefix": "LL-", "min_digits": 4, "max_digits": 6 },
            { "min_digits": 5, "max_digits": 5 }
        ],
        "tracking_patterns": [ { "carrier": "jt", "regex": "^JT\\d{13}$" } ]
    }))
    .expect("config deserializes");
    let t = Triager::new(config).expect("store config builds");
    assert_eq!(orders(&t, "hi, ll-1042 is late"), ["ll-1042"]);
    assert!(orders(&t, "LL-12 is late").is_empty(), "too few digits");
    assert_eq!(orders(&t, "it's 20563, paid 250 dollars"), ["20563"]);
    assert_eq!(tracking(&t, "JT1234567890123 stuck"), ["JT1234567890123"]);
    assert!(orders(&t, "JT1234567890123 stuck").is_empty());
}

#[test]
fn bad_store_patterns_are_refused_with_a_reason() {
    let bad_digits = TriageConfig {
        order_patterns: vec![OrderPattern {
            prefix: None,
            min_digits: 6,
            max_digits: 4,
        }],
        tracking_patterns: vec![],
    };
    assert!(matches!(
        Triager::new(bad_digits),
        Err(ConfigError::OrderPattern { index: 0, .. })
    ));
    let bad_regex = TriageConfig {
        order_patterns: vec![],
        tracking_patterns: vec![TrackingPattern {
            carrier: "jt".into(),
            regex: "JT(\\d".into(),
        }],
    };
    let err = Triager::new(bad_regex).expect_err("an unbalanced group");
    assert!(err.to_string().contains("jt"), "{err}");
    let empty = TriageConfig {
        order_patterns: vec![],
        tracking_patterns: vec![TrackingPattern {
            carrier: "x".into(),
            regex: "\\d*".into(),
        }],
    };
    assert!(
        Triager::new(empty).is_err(),
        "a pattern that matches nothing at all"
    );
}

#[test]
fn the_config_reads_from_toml_shaped_data() {
    let config: TriageConfig = serde_json::from_str(
        r#"{"order_patterns":[{"prefix":"LL-","min_digits":4,"max_digits":6}]}"#,
    )
    .expect("tracking patterns default to none");
    assert_eq!(config.order_patterns[0].prefix.as_deref(), Some("LL-"));
    assert!(config.tracking_patterns.is_empty());
}
