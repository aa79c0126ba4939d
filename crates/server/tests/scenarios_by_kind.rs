//! One scenario per kind of exception, end to end through the sandbox and the demo shop: the shopper
//! writes in their language, is acknowledged, a case of the right kind opens with the order, the draft
//! offers what the policy allows, a supervisor sends it, the shopper taps, the shop does it, and the
//! shopper gets the confirmation.

mod common;

use common::app::{eventually, spawn_app_with, TestApp};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};

struct Story {
    wa_id: &'static str,
    name: &'static str,
    says: &'static str,
    photo: bool,
    kind: &'static str,
    /// The remedy the shopper taps (None: the draft informs, no choice needed).
    taps: Option<&'static str>,
}

async fn desk() -> TestApp {
    spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap()
    })
    .await
}

async fn play(story: Story) {
    let app = desk().await;
    let shopper = Shopper {
        wa_id: story.wa_id.into(),
        name: story.name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(story.says.into()))
        .await;
    if story.photo {
        let png = include_bytes!("fixtures/broken-parcel.png").to_vec();
        app.sandbox
            .shopper_says(
                &shopper,
                ShopperMessage::Image {
                    bytes: png,
                    mime: "image/png".into(),
                    caption: None,
                },
            )
            .await;
    }
    let first_name = story.name.split(' ').next().unwrap();
    let ack = eventually(5, "the acknowledgement", || async {
        app.sandbox.sent_to(story.wa_id).first().cloned()
    })
    .await;
    let ack = ack.body["text"]["body"].as_str().unwrap_or("").to_string();
    let case = eventually(10, "the case", || async {
        let cases = app.api("/cases?all=true").await["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let c = common::app::case_of_shopper(&app, cases, story.wa_id).await?;
        let full = app.api(&format!("/cases/{}", c["id"])).await;
        (full["order"].is_object() || story.kind == "other").then_some(full)
    })
    .await;
    assert_eq!(
        case["kind"], story.kind,
        "{}: {:#}",
        story.says, case["reasons"]
    );
    let id = case["id"].as_i64().unwrap();
    let draft = app.api(&format!("/cases/{id}/draft?role=supervisor")).await;
    assert!(!draft["text"].as_str().unwrap_or("").is_empty());
    // By first name, unless the shopper writes formally ("Buongiorno…"): then never by first name.
    let formal = draft["facts"]["register"] == "formal";
    assert!(
        ack.contains(first_name) != formal,
        "{}: acknowledged by first name only when informal: {ack}",
        story.kind
    );
    // By name, unless the acknowledgement greeted them by name moments ago: then no second greeting.
    assert!(
        draft["text"].as_str().unwrap().contains(first_name) != formal
            || draft["facts"]["greeted"] == true,
        "{}: the draft speaks to the shopper: {}",
        story.kind,
        draft["text"]
    );
    let Some(remedy) = story.taps else {
        return;
    };
    let buttons = draft["buttons"].as_array().cloned().unwrap_or_default();
    let Some(choice) = buttons
        .iter()
        .find(|b| b["remedy"]["type"] == remedy)
        .cloned()
    else {
        panic!("{}: the draft should offer {remedy}: {draft:#}", story.kind);
    };
    let (s, body) = app
        .api_post(
            &format!("/cases/{id}/reply"),
            json!({"text": draft["text"], "options": buttons, "gestures": draft["gestures"], "actor": "sara", "role": "supervisor"}),
        )
        .await;
    assert_eq!(s, 202, "{}: {body}", story.kind);
    let offer = eventually(5, "the buttons at the phone", || async {
        app.sandbox
            .sent_to(story.wa_id)
            .into_iter()
            .find(|m| m.body["type"] == "interactive")
    })
    .await;
    let tapped = offer.body["interactive"]["action"]["buttons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["reply"]["title"] == choice["title"])
        .cloned()
        .unwrap();
    let before = app.sandbox.sent_to(story.wa_id).len();
    app.sandbox
        .shopper_says(
            &shopper,
            ShopperMessage::ButtonReply {
                id: tapped["reply"]["id"].as_str().unwrap().into(),
                title: tapped["reply"]["title"].as_str().unwrap().into(),
                context_wamid: offer.wamid.clone(),
            },
        )
        .await;
    let done: Value = eventually(10, "the action carried out", || async {
        let c = app.api(&format!("/cases/{id}")).await;
        c["compensations"]
            .as_array()?
            .iter()
            .find(|x| x["remedy"]["type"] == remedy && x["status"] == "done")
            .cloned()
    })
    .await;
    assert!(done["result"].is_object(), "{}: {done}", story.kind);
    eventually(5, "the confirmation", || async {
        (app.sandbox.sent_to(story.wa_id).len() > before).then_some(())
    })
    .await;
}

#[tokio::test]
async fn where_is_my_order_in_portuguese_gets_the_parcel_status() {
    play(Story {
        wa_id: "5531991234567",
        name: "Rafael Oliveira",
        says: "Boa tarde, onde está meu pedido 1003?",
        photo: false,
        kind: "where_is_my_order",
        taps: None,
    })
    .await;
}

#[tokio::test]
async fn delivered_but_not_received_in_french_is_refunded() {
    play(Story {
        wa_id: "33632345678",
        name: "Léa Dubois",
        says: "Bonjour, ma commande 1019 est marquée livrée mais je n'ai jamais reçu le colis",
        photo: false,
        kind: "lost",
        taps: Some("full_refund"),
    })
    .await;
}

#[tokio::test]
async fn a_damaged_parcel_with_a_photo_in_spanish_is_replaced() {
    play(Story {
        wa_id: "34632345678",
        name: "Carmen Sánchez",
        says: "Hola, el pedido 1014 me llegó roto, la caja venía aplastada",
        photo: true,
        kind: "damaged",
        taps: Some("replacement"),
    })
    .await;
}

#[tokio::test]
async fn a_wrong_size_in_german_is_replaced() {
    play(Story {
        wa_id: "4915112345678",
        name: "Jonas Weber",
        says: "Hallo, bei Bestellung 1022 habe ich die falsche Größe bekommen",
        photo: false,
        kind: "wrong_item",
        taps: Some("replacement"),
    })
    .await;
}

#[tokio::test]
async fn a_missing_item_in_indonesian_is_sent() {
    play(Story {
        wa_id: "6285712345678",
        name: "Siti Rahayu",
        says: "Kak, pesanan 1034 sudah sampai tapi ada barang yang kurang",
        photo: false,
        kind: "missing_item",
        // A one-line order: its line is the missing one, and only it is sent again.
        taps: Some("line_replacement"),
    })
    .await;
}

#[tokio::test]
async fn an_oversold_order_in_french_is_refunded() {
    play(Story { wa_id: "33642345678", name: "Hugo Thomas", says: "Bonjour, on m'a dit que l'article de ma commande 1020 n'est plus en stock alors que j'ai payé", photo: false, kind: "out_of_stock", taps: Some("full_refund") }).await;
}

#[tokio::test]
async fn a_return_in_dutch_is_answered() {
    play(Story {
        wa_id: "31642345678",
        name: "Emma Visser",
        says: "Hoi, de jas van bestelling 1040 is te klein, kan ik hem ruilen?",
        photo: false,
        kind: "return_exchange",
        taps: None,
    })
    .await;
}

#[tokio::test]
async fn a_double_charge_in_italian_asks_for_the_statement() {
    play(Story {
        wa_id: "393331234567",
        name: "Marco Russo",
        says: "Buongiorno, mi avete addebitato due volte l'ordine 1028",
        photo: false,
        kind: "payment",
        taps: None,
    })
    .await;
}

#[tokio::test]
async fn a_thank_you_in_indonesian_gets_a_friendly_answer() {
    play(Story {
        wa_id: "6281234567890",
        name: "Putri Lestari",
        says: "Terima kasih banyak kak!",
        photo: false,
        kind: "other",
        taps: None,
    })
    .await;
}
