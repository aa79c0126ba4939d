//! Good messages serialise to the request bodies the Cloud API documents, and to JSON agents can post.

use lifeline_whatsapp::outbound::{
    ButtonSubType, ComponentKind, ListRow, ListSection, OutboundMessage, ReplyButton,
    TemplateComponent, TemplateParameter,
};
use lifeline_whatsapp::recipient::{is_parent_user_id, is_user_id, phone_digits};
use lifeline_whatsapp::webhook::MediaKind;
use lifeline_whatsapp::Recipient;
use serde_json::{json, Value};

/// The address an agent or a webhook gave, as the sender reads it.
fn to(id: &str) -> Recipient {
    Recipient::parse(id).unwrap_or_else(|| panic!("{id} is an address"))
}

fn hello(to: &Recipient) -> Value {
    OutboundMessage::Text {
        body: "hi".into(),
        preview_url: false,
    }
    .to_request_body(to, None, None)
}

#[test]
fn a_text_reply_quotes_the_shopper_and_carries_callback_data() {
    let msg = OutboundMessage::Text {
        body: "Olá Ana! Já estou verificando o pedido #1042.".into(),
        preview_url: true,
    };
    assert_eq!(msg.validate(), Ok(()));
    assert_eq!(
        msg.to_request_body(&to("5511987654321"), Some("wamid.IN1"), Some("outbox-7")),
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "+5511987654321",
            "type": "text",
            "text": { "body": "Olá Ana! Já estou verificando o pedido #1042.", "preview_url": true },
            "context": { "message_id": "wamid.IN1" },
            "biz_opaque_callback_data": "outbox-7"
        })
    );
}

#[test]
fn a_phone_goes_in_to_as_plus_digits_however_it_was_written() {
    for written in [
        "5511987654321",
        "+5511987654321",
        " 5511987654321 ",
        "+55 (11) 98765-4321",
        "55.11.98765.4321",
    ] {
        assert_eq!(to(written), Recipient::Phone("+5511987654321".into()));
        let body = hello(&to(written));
        assert_eq!(body["to"], "+5511987654321", "{written}");
        assert!(body.get("recipient").is_none());
    }
    assert_eq!(
        phone_digits("+1 (555) 000-2222").as_deref(),
        Some("15550002222")
    );
    for not_a_phone in ["1+2", "", "+", "ana.souza", "US.13491208655302741918"] {
        assert_eq!(phone_digits(not_a_phone), None, "{not_a_phone}");
    }
    assert_eq!(Recipient::parse("1+2"), None);
    assert_eq!(Recipient::parse(""), None);
}

#[test]
fn a_bsuid_goes_in_recipient_and_never_in_to() {
    for bsuid in ["US.13491208655302741918", "US.ENT.11815799212886844830"] {
        assert!(is_user_id(bsuid) && phone_digits(bsuid).is_none());
        assert_eq!(to(bsuid), Recipient::UserId(bsuid.into()));
        let body = hello(&to(bsuid));
        assert_eq!(body["recipient"], bsuid);
        assert!(
            body.get("to").is_none(),
            "Meta refuses a BSUID in `to`: {body}"
        );
        assert_eq!(body["text"], json!({ "body": "hi" }));
        assert!(body.get("context").is_none() && body.get("biz_opaque_callback_data").is_none());
    }
    assert!(is_parent_user_id("US.ENT.11815799212886844830"));
    assert!(!is_parent_user_id("US.13491208655302741918"));
    for not_a_bsuid in [
        "+5511987654321",
        "us.1349",
        "USA.1349",
        "US.",
        "US.ENT.",
        "US.13-49",
    ] {
        assert!(!is_user_id(not_a_bsuid), "{not_a_bsuid}");
    }
}

#[test]
fn a_shopper_is_sent_to_by_phone_when_the_desk_knows_it() {
    let (bsuid, parent) = ("BR.13491208655302741918", "BR.ENT.11815799212886844830");
    let phone = Recipient::Phone("+5511987654321".into());
    let known = Recipient::for_shopper(Some("+55 11 98765-4321"), Some(bsuid), Some(parent));
    assert_eq!(known, Some(phone));
    let by_user = Recipient::UserId(bsuid.into());
    assert_eq!(
        Recipient::for_shopper(None, Some(bsuid), Some(parent)),
        Some(by_user.clone())
    );
    assert_eq!(
        Recipient::for_shopper(Some("hidden"), Some(bsuid), None),
        Some(by_user)
    );
    let by_parent = Recipient::UserId(parent.into());
    assert_eq!(
        Recipient::for_shopper(None, Some("?"), Some(parent)),
        Some(by_parent)
    );
    assert_eq!(Recipient::for_shopper(None, None, None), None);
    let body = hello(&Recipient::for_shopper(Some("5511987654321"), Some(bsuid), None).unwrap());
    assert_eq!(
        (body["to"].as_str(), body.get("recipient")),
        (Some("+5511987654321"), None)
    );
}

#[test]
fn a_template_matches_the_documented_shape() {
    let msg = OutboundMessage::Template {
        name: "order_update".into(),
        language: "es_MX".into(),
        components: vec![
            TemplateComponent {
                kind: ComponentKind::Body,
                sub_type: None,
                index: None,
                parameters: vec![
                    TemplateParameter::Text {
                        text: "Ana".into(),
                        parameter_name: None,
                    },
                    TemplateParameter::Text {
                        text: "#4521".into(),
                        parameter_name: None,
                    },
                ],
            },
            TemplateComponent {
                kind: ComponentKind::Button,
                sub_type: Some(ButtonSubType::QuickReply),
                index: Some(0),
                parameters: vec![TemplateParameter::Payload {
                    payload: "CONFIRM_4521".into(),
                }],
            },
        ],
    };
    assert_eq!(msg.validate(), Ok(()));
    assert!(msg.is_template());
    assert_eq!(msg.type_name(), "template");
    assert_eq!(msg.preview_text(), "[template order_update] Ana, #4521");
    assert_eq!(
        msg.to_request_body(&to("+15550002222"), None, None),
        json!({
            "messaging_product": "whatsapp", "recipient_type": "individual",
            "to": "+15550002222", "type": "template",
            "template": { "name": "order_update", "language": { "code": "es_MX" },
              "components": [
                { "type": "body", "parameters": [ { "type": "text", "text": "Ana" }, { "type": "text", "text": "#4521" } ] },
                { "type": "button", "sub_type": "quick_reply", "index": "0",
                  "parameters": [ { "type": "payload", "payload": "CONFIRM_4521" } ] } ] } })
    );
}

#[test]
fn template_media_currency_and_named_parameters_use_their_wire_objects() {
    let header = TemplateComponent {
        kind: ComponentKind::Header,
        sub_type: None,
        index: None,
        parameters: vec![TemplateParameter::Document {
            id: None,
            link: Some("https://shop.example/label.pdf".into()),
            filename: Some("label.pdf".into()),
        }],
    };
    let body = TemplateComponent {
        kind: ComponentKind::Body,
        sub_type: None,
        index: None,
        parameters: vec![
            TemplateParameter::Currency {
                fallback_value: "€12.34".into(),
                code: "EUR".into(),
                amount_1000: 12_340,
                parameter_name: Some("refund".into()),
            },
            TemplateParameter::DateTime {
                fallback_value: "3 March".into(),
                parameter_name: None,
            },
        ],
    };
    let url = TemplateComponent {
        kind: ComponentKind::Button,
        sub_type: Some(ButtonSubType::Url),
        index: Some(1),
        parameters: vec![TemplateParameter::Text {
            text: "track/ABC123".into(),
            parameter_name: None,
        }],
    };
    let msg = OutboundMessage::Template {
        name: "refund_done".into(),
        language: "en".into(),
        components: vec![header, body, url],
    };
    assert_eq!(msg.validate(), Ok(()));
    let wire = msg.to_request_body(&to("15550002222"), None, None);
    let c = &wire["template"]["components"];
    assert_eq!(
        c[0]["parameters"][0],
        json!({ "type": "document", "document": { "link": "https://shop.example/label.pdf", "filename": "label.pdf" } })
    );
    assert_eq!(
        c[1]["parameters"][0],
        json!({ "type": "currency", "currency": { "fallback_value": "€12.34", "code": "EUR", "amount_1000": 12340 }, "parameter_name": "refund" })
    );
    assert_eq!(
        c[1]["parameters"][1],
        json!({ "type": "date_time", "date_time": { "fallback_value": "3 March" } })
    );
    assert_eq!(
        c[2],
        json!({ "type": "button", "sub_type": "url", "index": "1", "parameters": [ { "type": "text", "text": "track/ABC123" } ] })
    );
}

#[test]
fn reply_buttons_become_an_interactive_button_message() {
    let msg = OutboundMessage::Buttons {
        body: "We're so sorry it arrived broken. What would you prefer?".into(),
        header: Some("Order #1042".into()),
        footer: Some("Reply any time".into()),
        buttons: vec![
            ReplyButton {
                id: "reship".into(),
                title: "Send a new one".into(),
            },
            ReplyButton {
                id: "refund".into(),
                title: "Full refund".into(),
            },
        ],
    };
    assert_eq!(msg.validate(), Ok(()));
    assert_eq!(msg.type_name(), "buttons");
    assert_eq!(
        msg.preview_text(),
        "We're so sorry it arrived broken. What would you prefer? [Send a new one] [Full refund]"
    );
    let wire = msg.to_request_body(&to("15550002222"), Some("wamid.IN9"), None);
    assert_eq!(wire["type"], "interactive");
    assert_eq!(
        wire["interactive"],
        json!({
            "type": "button",
            "header": { "type": "text", "text": "Order #1042" },
            "body": { "text": "We're so sorry it arrived broken. What would you prefer?" },
            "footer": { "text": "Reply any time" },
            "action": { "buttons": [
                { "type": "reply", "reply": { "id": "reship", "title": "Send a new one" } },
                { "type": "reply", "reply": { "id": "refund", "title": "Full refund" } } ] } })
    );
    assert_eq!(wire["context"]["message_id"], "wamid.IN9");
}

#[test]
fn a_list_becomes_an_interactive_list_message() {
    let msg = OutboundMessage::List {
        body: "Wie können wir helfen?".into(),
        header: None,
        footer: None,
        button: "Optionen".into(),
        sections: vec![ListSection {
            title: Some("Bestellung".into()),
            rows: vec![
                ListRow {
                    id: "track".into(),
                    title: "Sendung verfolgen".into(),
                    description: Some("Wo ist mein Paket?".into()),
                },
                ListRow {
                    id: "return".into(),
                    title: "Rücksendung".into(),
                    description: None,
                },
            ],
        }],
    };
    assert_eq!(msg.validate(), Ok(()));
    assert_eq!(
        msg.to_request_body(&to("4915112345678"), None, None)["interactive"],
        json!({
            "type": "list",
            "body": { "text": "Wie können wir helfen?" },
            "action": { "button": "Optionen", "sections": [ { "title": "Bestellung", "rows": [
                { "id": "track", "title": "Sendung verfolgen", "description": "Wo ist mein Paket?" },
                { "id": "return", "title": "Rücksendung" } ] } ] } })
    );
}

#[test]
fn media_and_reactions_use_their_own_type_keys() {
    let doc = OutboundMessage::Media {
        kind: MediaKind::Document,
        id: Some("1037543291543636".into()),
        link: None,
        caption: Some("Your return label".into()),
        filename: Some("return-label.pdf".into()),
    };
    assert_eq!(doc.validate(), Ok(()));
    assert_eq!(doc.type_name(), "document");
    assert_eq!(doc.preview_text(), "[document] Your return label");
    let wire = doc.to_request_body(&to("15550002222"), None, None);
    assert_eq!(wire["type"], "document");
    assert_eq!(
        wire["document"],
        json!({ "id": "1037543291543636", "filename": "return-label.pdf", "caption": "Your return label" })
    );

    let reaction = OutboundMessage::Reaction {
        message_id: "wamid.IN3".into(),
        emoji: "❤️".into(),
    };
    let wire = reaction.to_request_body(&to("15550002222"), Some("wamid.IN3"), None);
    assert_eq!(
        wire["reaction"],
        json!({ "message_id": "wamid.IN3", "emoji": "❤️" })
    );
    assert!(
        wire.get("context").is_none(),
        "a reaction cannot be a contextual reply"
    );
    assert_eq!(reaction.preview_text(), "❤️");
}

#[test]
fn agents_post_messages_as_tagged_json() {
    let text: OutboundMessage =
        serde_json::from_value(json!({ "type": "text", "body": "hola" })).expect("text");
    assert_eq!(
        text,
        OutboundMessage::Text {
            body: "hola".into(),
            preview_url: false
        }
    );

    let buttons: OutboundMessage = serde_json::from_value(json!({
        "type": "buttons", "body": "¿Reenvío o reembolso?",
        "buttons": [ { "id": "reship", "title": "Reenvío" }, { "id": "refund", "title": "Reembolso" } ] }))
    .expect("buttons");
    assert_eq!(buttons.validate(), Ok(()));

    let template: OutboundMessage = serde_json::from_value(json!({
        "type": "template", "name": "order_update", "language": "pt_BR",
        "components": [ { "type": "body", "parameters": [ { "type": "text", "text": "Ana" } ] },
                        { "kind": "button", "sub_type": "quick_reply", "index": 0,
                          "parameters": [ { "type": "payload", "payload": "YES" } ] } ] }))
    .expect("template");
    assert_eq!(template.validate(), Ok(()));

    let image: OutboundMessage = serde_json::from_value(
        json!({ "type": "media", "kind": "image", "link": "https://x.example/a.png" }),
    )
    .expect("media");
    assert_eq!(image.type_name(), "image");

    for msg in [text, buttons, template, image] {
        let stored = serde_json::to_value(&msg).expect("serialises");
        assert_eq!(
            serde_json::from_value::<OutboundMessage>(stored).expect("round trip"),
            msg
        );
    }
    assert!(serde_json::from_value::<OutboundMessage>(json!({ "type": "fax" })).is_err());
}
