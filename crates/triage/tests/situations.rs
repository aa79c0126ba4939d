//! Issue 11: the parcel's situation (a failed attempt, a pickup point, customs), never-shipped
//! and sold-out orders, missing items and bare number replies, read in the eight languages.

mod common;

use common::{reads, triager};
use lifeline_triage::{shared_item_words, CaseReading, ExceptionKind, Situation, Triage};

#[test]
fn a_failed_delivery_attempt_is_a_question_about_the_parcel_in_eight_languages() {
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::NotHome,
        &[
            ("the courier claims nobody was home, order #1027", "en"),
            (
                "el mensajero puso que no estaba en casa y no es cierto",
                "es",
            ),
            ("a transportadora disse que eu não estava em casa", "pt"),
            (
                "le livreur a noté que j'étais absent, je n'ai rien vu",
                "fr",
            ),
            ("der Bote schreibt, ich sei nicht zu Hause gewesen", "de"),
            ("il corriere dice che non ero a casa, ordine #1027", "it"),
            ("kata kurirnya saya tidak ada di rumah waktu diantar", "id"),
            ("volgens de koerier was ik niet thuis, klopt niet", "nl"),
        ],
    );
}

#[test]
fn a_parcel_waiting_to_be_collected_names_the_pickup_point_in_eight_languages() {
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::PickupPoint,
        &[
            (
                "my parcel was taken to a pickup point, how long will they keep it?",
                "en",
            ),
            (
                "mi paquete quedó en un punto de recogida, ¿hasta cuándo puedo ir?",
                "es",
            ),
            (
                "minha encomenda foi para um ponto de retirada perto de casa",
                "pt",
            ),
            ("mon colis est en point relais depuis ce matin", "fr"),
            ("mein Paket wurde in eine Packstation gelegt", "de"),
            ("il pacco è al punto di ritiro sotto casa", "it"),
            ("paket saya sudah di titik ambil dekat rumah", "id"),
            ("mijn pakket ligt bij het afhaalpunt om de hoek", "nl"),
            ("I wasn't home, so they took it to the post office", "en"),
            (
                "não estava em casa e agora está na agência dos correios",
                "pt",
            ),
            (
                "ich war nicht zu Hause, jetzt liegt es in der Postfiliale",
                "de",
            ),
        ],
    );
}

#[test]
fn a_parcel_held_at_customs_is_named_and_a_long_hold_is_a_delay() {
    reads(
        ExceptionKind::WhereIsMyOrder,
        Situation::Customs,
        &[
            ("do I have to pay import duties on this?", "en"),
            (
                "la aduana retiene mi paquete y pide el pago de aranceles",
                "es",
            ),
            ("a alfândega quer a fatura do pedido", "pt"),
            ("la douane demande des frais pour mon colis", "fr"),
            ("der Zoll möchte eine Rechnung sehen", "de"),
            ("la dogana vuole che paghi le tasse doganali", "it"),
            ("paket tertahan di bea cukai, harus bayar pajak impor", "id"),
            ("de douane vraagt om invoerrechten", "nl"),
        ],
    );
    reads(
        ExceptionKind::Delayed,
        Situation::Customs,
        &[
            ("stuck in customs for three weeks now", "en"),
            ("il pacco è fermo alla dogana da un mese", "it"),
        ],
    );
}

#[test]
fn the_situation_stays_with_a_lost_parcel_but_not_with_a_problem_inside_the_box() {
    let empty_locker = "tracking says it was put in the parcel locker but the locker was empty";
    reads(
        ExceptionKind::Lost,
        Situation::PickupPoint,
        &[(empty_locker, "en")],
    );
    let wrong_door = "ils disent livré mais c'est pas chez moi, c'est une autre adresse";
    reads(ExceptionKind::Lost, Situation::None, &[(wrong_door, "fr")]);
    reads(
        ExceptionKind::Damaged,
        Situation::None,
        &[
            (
                "lo recogí en el punto de recogida y la caja venía aplastada",
                "es",
            ),
            ("der 32 Zoll Fernseher kam mit einem Riss im Display", "de"),
        ],
    );
    let drop_off = "can I drop the return off at a post office?";
    reads(
        ExceptionKind::ReturnExchange,
        Situation::None,
        &[(drop_off, "en")],
    );
}

#[test]
fn never_shipped_is_a_delay_and_sold_out_is_out_of_stock() {
    reads(
        ExceptionKind::Delayed,
        Situation::None,
        &[
            ("you never shipped my order", "en"),
            ("mi pedido nunca fue enviado", "es"),
            ("meu pedido nunca foi enviado", "pt"),
            ("ma commande n'a jamais été expédiée", "fr"),
            ("meine Bestellung wurde nie verschickt", "de"),
            ("il mio ordine non è mai stato spedito", "it"),
            ("pesanan saya tidak pernah dikirim", "id"),
            ("mijn bestelling is nooit verstuurd", "nl"),
        ],
    );
    reads(
        ExceptionKind::OutOfStock,
        Situation::None,
        &[
            ("it never shipped and now you say it's out of stock", "en"),
            ("nunca enviaram porque o produto esgotou", "pt"),
            ("nie verschickt, weil der Artikel ausverkauft war", "de"),
            ("non è mai partito perché era esaurito", "it"),
        ],
    );
    let t = triager();
    let asked = t.triage("when will my order ship?", None);
    assert_eq!(asked.kind, ExceptionKind::WhereIsMyOrder);
}

#[test]
fn a_missing_item_names_what_is_missing() {
    let t = triager();
    let cases: [(&str, &[&str]); 8] = [
        ("only 2 of the 3 arrived", &[]),
        ("falta uma peça", &["peca"]),
        (
            "the box came without the charging cable",
            &["charging", "cable"],
        ),
        (
            "il manque le couvercle de la casserole",
            &["couvercle", "casserole"],
        ),
        ("im Paket fehlte die Fernbedienung", &["fernbedienung"]),
        ("ho ordinato 4 piatti ma ne sono arrivati 3", &["piatti"]),
        ("tasnya datang tapi talinya gak ada", &["tali"]),
        ("de lamp zat erin maar de kap ontbreekt", &["kap"]),
    ];
    for (text, words) in cases {
        let got = t.triage(text, None);
        assert_eq!(
            got.kind,
            ExceptionKind::MissingItem,
            "{text}: {:?}",
            got.reasons
        );
        assert_eq!(got.missing_words, words, "{text}");
    }
    let got = t.triage("my parcel is late", None);
    assert!(got.missing_words.is_empty());
}

#[test]
fn the_missing_words_meet_the_order_line_they_name() {
    let t = triager();
    let said = t.triage("the mugs were not in the box", None).missing_words;
    let lines = ["Ceramic Mug (blue)", "Bamboo Tray", "Glass Teapot 1L"];
    let shared: Vec<usize> = lines
        .iter()
        .map(|l| shared_item_words(&said, &t.item_words(l)))
        .collect();
    assert_eq!(shared, [1, 0, 0]);
}

#[test]
fn a_bare_reply_gives_its_order_number() {
    let t = triager();
    for text in [
        "I just told you, it's 1027!!",
        "já falei, é 1027",
        "ya te lo dije: 1027",
        "je vous l'ai dit, 1027",
        "hab ich doch gesagt: 1027",
        "te l'ho detto, è 1027",
        "udah saya bilang 1027",
        "heb ik al gezegd, 1027",
    ] {
        let got = t.triage(text, None);
        assert_eq!(got.order_numbers, ["1027"], "{text}: {:?}", got.reasons);
        assert_eq!(got.kind, ExceptionKind::Other, "{text}");
    }
    for text in [
        "paguei 150 reais",
        "my zip code is 10115",
        "it's been 2024 days",
        "I paid 89.90",
    ] {
        assert!(t.triage(text, None).order_numbers.is_empty(), "{text}");
    }
}

#[test]
fn the_case_keeps_the_newest_situation_and_the_number_given_later() {
    let t = triager();
    let mut case = CaseReading::default();
    case.absorb(
        &t.triage("il corriere dice che non ero a casa", None),
        false,
    );
    assert_eq!(case.current().situation, Situation::NotHome);
    case.absorb(&t.triage("te l'ho già detto, è 1027!!", None), false);
    let now = case.current();
    assert_eq!(now.order_numbers, ["1027"]);
    assert_eq!(now.kind, ExceptionKind::WhereIsMyOrder);
    assert_eq!(now.situation, Situation::NotHome);
    case.absorb(&t.triage("ora il pacco è al punto di ritiro", None), false);
    assert_eq!(case.current().situation, Situation::PickupPoint);
}

#[test]
fn readings_stored_before_situations_existed_still_load() {
    let old = r#"{"language":"pt","kind":"delayed","priority":"high","order_numbers":["4063"],
        "tracking_numbers":[],"escalate":false,"confidence":0.8,"reasons":[]}"#;
    let t: Triage = serde_json::from_str(old).expect("an old triage reads");
    assert_eq!(t.situation, Situation::None);
    assert!(t.missing_words.is_empty());
    let case: CaseReading = serde_json::from_str(
        r#"{"language_votes":{},"kind_votes":{},
        "latest_kind":null,"order_numbers":[],"tracking_numbers":[],"escalate":false,
        "photos":0,"messages":1,"reasons":[]}"#,
    )
    .expect("an old case reading reads");
    assert_eq!(case.situation, Situation::None);
    assert_eq!(
        serde_json::to_value(Situation::PickupPoint).expect("serializes"),
        "pickup_point"
    );
}
