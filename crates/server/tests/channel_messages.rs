//! The WhatsApp channel, inbound message types: every shape Meta sends is stored once and shown to
//! agents with its type, words, media, context and whatever the desk does not read itself.

mod common;

use common::{
    app::{eventually, fixture, spawn_app_with, Signature, TestApp},
    db,
};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::Value;

/// What an agent must see for each fixture: its sender, wamid, type and words (`expected.json`).
#[derive(serde::Deserialize)]
struct Case {
    fixture: String,
    key: String,
    wamid: String,
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
}

fn cases() -> Vec<Case> {
    serde_json::from_slice(&fixture("messages/expected.json")).expect("expected.json is valid")
}

async fn quiet_desk(db: db::TestDb) -> TestApp {
    spawn_app_with(db, |_, desk| desk.greeting.enabled = false).await
}

/// The one inbound message of `key`, once the worker has put it in a conversation.
async fn the_message_of(app: &TestApp, key: &str) -> Value {
    let msgs = eventually(10, &format!("the message of {key}"), || async {
        let m = app.inbound_of(key).await;
        (!m.is_empty()).then_some(m)
    })
    .await;
    assert_eq!(msgs.len(), 1, "{key}: stored once, got {msgs:#?}");
    msgs.into_iter().next().unwrap()
}

/// What an agent must see beyond type and words, per fixture.
fn check_details(fixture: &str, m: &Value) {
    let raw = &m["raw"];
    match fixture {
        "text" => assert!(m["context"].is_null(), "a plain text has no context"),
        "text_quoted_reply" => {
            assert_eq!(m["context"]["quoted_wamid"], "wamid.FX.BUSINESS1");
            assert_eq!(m["context"]["from"], "15550783881");
        }
        "text_from_an_ad" => {
            let product = &m["context"]["referred_product"];
            assert_eq!(
                product["product_retailer_id"], "JACKET-M",
                "the product asked about"
            );
            assert_eq!(
                raw["referral"]["headline"], "Winter jackets",
                "the ad they came from"
            );
        }
        "text_forwarded" => assert_eq!(m["context"]["forwarded"], true),
        "text_frequently_forwarded" => assert_eq!(m["context"]["frequently_forwarded"], true),
        "image" => {
            assert_eq!(m["media"]["media_id"], "7001");
            assert_eq!(m["media"]["mime_type"], "image/jpeg");
        }
        "video" => assert_eq!(m["media"]["media_id"], "7002"),
        "audio" => {
            assert_eq!(m["media"]["media_id"], "7003");
            assert_eq!(
                raw["audio"]["voice"], false,
                "a music file is not a voice note"
            );
        }
        "voice" => {
            assert_eq!(m["media"]["media_id"], "7004");
            assert_eq!(m["media"]["mime_type"], "audio/ogg; codecs=opus");
            assert_eq!(raw["audio"]["voice"], true);
        }
        "document" => {
            assert_eq!(m["media"]["media_id"], "7005");
            assert_eq!(raw["document"]["filename"], "fatura-4521.pdf");
        }
        "sticker" => {
            assert_eq!(m["media"]["mime_type"], "image/webp");
            assert_eq!(raw["sticker"]["animated"], true);
        }
        "location" => {
            assert_eq!(raw["location"]["latitude"], 40.4168);
            assert_eq!(raw["location"]["address"], "Calle Mayor 1, Madrid");
        }
        "contacts" => assert_eq!(raw["contacts"][0]["name"]["formatted_name"], "Pablo Ruiz"),
        "interactive_button_reply" => {
            assert_eq!(
                m["context"]["quoted_wamid"], "wamid.FX.BUSINESS2",
                "the message whose button was tapped"
            );
            assert_eq!(raw["interactive"]["button_reply"]["id"], "reship");
        }
        "interactive_list_reply" => {
            assert_eq!(m["context"]["quoted_wamid"], "wamid.FX.BUSINESS3");
            assert_eq!(raw["interactive"]["list_reply"]["id"], "damaged");
        }
        "interactive_nfm_reply" => assert_eq!(raw["interactive"]["type"], "nfm_reply"),
        "template_button" => {
            assert_eq!(m["context"]["quoted_wamid"], "wamid.FX.BUSINESS4");
            assert_eq!(raw["button"]["payload"], "CONFIRM_4521");
        }
        "reaction" => assert_eq!(raw["reaction"]["message_id"], "wamid.FX.BUSINESS5"),
        "reaction_removed" => assert_eq!(raw["reaction"]["message_id"], "wamid.FX.BUSINESS6"),
        "order" => assert_eq!(
            raw["order"]["product_items"][0]["product_retailer_id"],
            "SKU-77"
        ),
        "system" => assert_eq!(raw["system"]["type"], "user_changed_number"),
        "unsupported" => {
            assert_eq!(
                m["error"]["code"], 131051,
                "the reason WhatsApp gave is shown: {m:#}"
            );
            let reason = m["error"]["reason"].as_str().unwrap_or_default();
            assert!(reason.contains("not supported"), "{reason}");
            assert_eq!(raw["unsupported"]["type"], "edit");
        }
        "future_type" => {
            assert_eq!(
                raw["hologram"]["frames"], 24,
                "an unknown type is kept whole"
            );
            assert_eq!(
                raw["shiny_new_field"]["kept"], true,
                "unknown fields are kept"
            );
        }
        other => panic!("no checks for {other}"),
    }
    if !["image", "video", "audio", "voice", "document", "sticker"].contains(&fixture) {
        assert!(
            m["media"].is_null(),
            "{fixture}: no media expected, got {}",
            m["media"]
        );
    }
}

async fn every_message_type_is_stored_once_and_shown_as_the_shopper_sent_it(db: db::TestDb) {
    let app = quiet_desk(db).await;
    let cases = cases();
    assert_eq!(cases.len(), 23, "every fixture is checked");
    for case in &cases {
        let body = fixture(&format!("messages/{}.json", case.fixture));
        for _ in 0..2 {
            let r = app.post_webhook(&body, Signature::Good).await;
            assert_eq!(
                r.status(),
                200,
                "{}: {}",
                case.fixture,
                r.text().await.unwrap_or_default()
            );
        }
    }
    for case in &cases {
        let m = the_message_of(&app, &case.key).await;
        assert_eq!(m["wamid"], case.wamid.as_str(), "{}", case.fixture);
        assert_eq!(m["type"], case.kind.as_str(), "{}", case.fixture);
        assert_eq!(
            m["text"].as_str(),
            case.text.as_deref(),
            "{}: {m:#}",
            case.fixture
        );
        assert_eq!(m["status"], "received", "{}", case.fixture);
        assert_eq!(
            m["sent_at"], "2025-11-21T04:40:00.000Z",
            "{}: the shopper's own time",
            case.fixture
        );
        check_details(&case.fixture, &m);
    }
    let conversation = app
        .conversations()
        .await
        .into_iter()
        .find(|c| common::app::names(c, "4915112340001"))
        .unwrap();
    assert_eq!(conversation["contact"]["name"], "Jonas Weber");
    assert_eq!(conversation["contact"]["country"], "DE");
    assert_eq!(
        app.conversations().await.len(),
        cases.len(),
        "one conversation per shopper"
    );
}

#[tokio::test]
async fn every_message_type_is_stored_once_and_shown_as_the_shopper_sent_it_on_sqlite() {
    every_message_type_is_stored_once_and_shown_as_the_shopper_sent_it(db::sqlite()).await;
}

#[tokio::test]
async fn every_message_type_is_stored_once_and_shown_as_the_shopper_sent_it_on_postgres() {
    if let Some(pg) = db::postgres().await {
        every_message_type_is_stored_once_and_shown_as_the_shopper_sent_it(pg).await;
    }
}

async fn a_batched_delivery_is_read_whole(db: db::TestDb) {
    let app = quiet_desk(db).await;
    let body = fixture("messages/batch.json");
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    assert_eq!(
        app.post_webhook(&body, Signature::Good).await.status(),
        200,
        "a redelivered batch is fine too"
    );
    assert_eq!(
        the_message_of(&app, "4477000000001").await["text"],
        "Where is my parcel?"
    );
    assert_eq!(
        the_message_of(&app, "4477000000003").await["text"],
        "It arrived broken"
    );
    let amelia = eventually(10, "both of Amelia's messages", || async {
        let m = app.inbound_of("4477000000002").await;
        (m.len() >= 2).then_some(m)
    })
    .await;
    let texts: Vec<&str> = amelia.iter().filter_map(|m| m["text"].as_str()).collect();
    assert_eq!(
        texts,
        ["I was charged twice", "for order #9917"],
        "in the shopper's order, once each"
    );
    let errors = app.api("/webhook-errors").await["webhook_errors"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        errors.len(),
        2,
        "value.errors is kept, for each delivery: {errors:#?}"
    );
    assert_eq!(errors[0]["code"], 130429);
    assert_eq!(errors[0]["phone_number_id"], app.number_id());
    assert_eq!(
        errors[0]["details"],
        "Cloud API message throughput has been reached."
    );
}

#[tokio::test]
async fn a_batched_delivery_is_read_whole_on_sqlite() {
    a_batched_delivery_is_read_whole(db::sqlite()).await;
}

#[tokio::test]
async fn a_batched_delivery_is_read_whole_on_postgres() {
    if let Some(pg) = db::postgres().await {
        a_batched_delivery_is_read_whole(pg).await;
    }
}

#[tokio::test]
async fn a_username_only_shopper_is_keyed_by_their_user_id() {
    let app = quiet_desk(db::sqlite()).await;
    let body = fixture("messages/username_only.json");
    assert_eq!(app.post_webhook(&body, Signature::Good).await.status(), 200);
    let m = the_message_of(&app, "NL.1349281740012").await;
    assert_eq!(m["text"], "Hoi, waar blijft mijn pakket?");
    let c = app
        .conversations()
        .await
        .into_iter()
        .find(|c| c["contact"]["key"] == "NL.1349281740012")
        .unwrap();
    assert_eq!(c["contact"]["user_id"], "NL.1349281740012");
    assert!(
        c["contact"]["wa_id"].is_null(),
        "no phone number was given: {c:#}"
    );
    assert_eq!(c["contact"]["name"], "Noor");
}

#[tokio::test]
async fn a_username_only_shopper_gets_the_acknowledgement_through_their_user_id() {
    let app = spawn_app_with(db::sqlite(), |_, _| {}).await;
    let shopper = Shopper {
        wa_id: "31612345678".into(),
        name: "Sanne".into(),
        user_id: Some("NL.99887766554433".into()),
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(
            &shopper,
            ShopperMessage::Text("Mijn pakket is kapot aangekomen".into()),
        )
        .await;
    let sent = eventually(10, "the acknowledgement at Sanne's phone", || async {
        let s = app.sandbox.sent_to("31612345678");
        (!s.is_empty()).then_some(s)
    })
    .await;
    assert_eq!(
        sent[0].body["recipient"], "NL.99887766554433",
        "addressed by user id, the only id the desk has, in `recipient` as Meta requires"
    );
    assert!(sent[0].body.get("to").is_none(), "{}", sent[0].body);
    let c = app
        .conversations()
        .await
        .into_iter()
        .find(|c| c["contact"]["key"] == "NL.99887766554433");
    assert!(c.is_some_and(|c| c["contact"]["wa_id"].is_null()));
}
