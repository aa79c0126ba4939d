//! Every inbound message type of the reference, parsed from fixtures written to the documented shapes.

mod common;

use common::fixtures::{messages, only_message};
use lifeline_whatsapp::webhook::{MediaKind, MessageKind};
use serde_json::json;

#[test]
fn a_text_message_carries_the_number_the_sender_and_their_name() {
    let m = only_message("text");
    assert_eq!(m.number.phone_number_id, "200000000000002");
    assert_eq!(
        m.number.display_phone_number.as_deref(),
        Some("15550001111")
    );
    assert_eq!(m.wamid, "wamid.TEXT");
    assert_eq!(m.from.as_deref(), Some("5511987654321"));
    assert_eq!(m.from_user_id, None);
    assert_eq!(m.contact_key().as_deref(), Some("5511987654321"));
    assert_eq!(m.contact_name.as_deref(), Some("Ana Souza"));
    assert_eq!(m.timestamp, 1_760_000_000);
    assert_eq!(m.type_name(), "text");
    assert_eq!(m.text(), Some("Olá, meu pedido #1042 não chegou 📦"));
    assert_eq!(
        m.kind,
        MessageKind::Text {
            body: "Olá, meu pedido #1042 não chegou 📦".into()
        }
    );
    let context = m.context.expect("forwarded context");
    assert!(context.forwarded && !context.frequently_forwarded);
    assert_eq!(m.referral.expect("referral")["source_id"], "777");
    assert_eq!(m.raw["text"]["body"], "Olá, meu pedido #1042 não chegou 📦");
}

#[test]
fn an_image_keeps_its_id_type_hash_caption_and_url() {
    let m = only_message("image");
    let media = m.media().expect("image is media");
    assert_eq!(media.kind, MediaKind::Image);
    assert_eq!(media.id, "1234567890");
    assert_eq!(media.mime_type.as_deref(), Some("image/jpeg"));
    assert_eq!(
        media.sha256.as_deref(),
        Some("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    );
    assert_eq!(
        media.url.as_deref(),
        Some("https://lookaside.example/media/1234567890")
    );
    assert_eq!(m.text(), Some("A caixa chegou amassada"));
    assert_eq!(m.type_name(), "image");
}

#[test]
fn video_audio_document_and_sticker_are_media_of_their_kind() {
    let video = only_message("video");
    assert_eq!(video.media().map(|v| v.kind), Some(MediaKind::Video));
    assert_eq!(video.text(), Some("Unboxing"));

    let voice = only_message("audio_voice");
    let audio = voice.media().expect("audio");
    assert_eq!(audio.kind, MediaKind::Audio);
    assert!(audio.voice);
    assert_eq!(audio.mime_type.as_deref(), Some("audio/ogg; codecs=opus"));
    assert_eq!(voice.text(), None);

    let doc = only_message("document");
    let file = doc.media().expect("document");
    assert_eq!(file.kind, MediaKind::Document);
    assert_eq!(file.filename.as_deref(), Some("extrato-banco.pdf"));
    assert_eq!(doc.text(), Some("Cobrança duplicada"));

    let sticker = only_message("sticker");
    let s = sticker.media().expect("sticker");
    assert_eq!(
        (s.kind, s.animated, s.voice),
        (MediaKind::Sticker, true, false)
    );
    assert_eq!(s.kind.as_str(), "sticker");
}

#[test]
fn a_location_keeps_numeric_coordinates_and_its_name() {
    let m = only_message("location");
    match &m.kind {
        MessageKind::Location {
            latitude,
            longitude,
            name,
            address,
            url,
        } => {
            assert!((latitude - -23.5505).abs() < 1e-9);
            assert!((longitude - -46.6333).abs() < 1e-9);
            assert_eq!(name.as_deref(), Some("Casa"));
            assert_eq!(address.as_deref(), Some("Rua Augusta 100, São Paulo"));
            assert_eq!(url.as_deref(), Some("https://maps.example/x"));
        }
        other => panic!("expected a location, got {other:?}"),
    }
    assert_eq!(m.text(), Some("Casa"));
}

#[test]
fn shared_contacts_are_kept_whole() {
    let m = only_message("contacts");
    match m.kind {
        MessageKind::Contacts { contacts } => {
            assert_eq!(contacts[0]["name"]["formatted_name"], "Bruno Lima");
            assert_eq!(contacts[0]["phones"][0]["wa_id"], "5511912345678");
        }
        other => panic!("expected contacts, got {other:?}"),
    }
}

#[test]
fn a_reply_button_tap_names_the_button_and_quotes_our_message() {
    let m = only_message("button_reply");
    assert_eq!(m.type_name(), "interactive");
    assert_eq!(
        m.kind,
        MessageKind::ButtonReply {
            id: "reship".into(),
            title: "Reenviar".into()
        }
    );
    assert_eq!(m.text(), Some("Reenviar"));
    let context = m.context.expect("context");
    assert_eq!(context.quoted_wamid.as_deref(), Some("wamid.OUT_BUTTONS"));
    assert_eq!(context.from.as_deref(), Some("15550001111"));
}

#[test]
fn a_list_choice_carries_its_row_description() {
    let m = only_message("list_reply");
    assert_eq!(
        m.kind,
        MessageKind::ListReply {
            id: "refund".into(),
            title: "Reembolso".into(),
            description: Some("Devolvemos o valor em 5 dias".into()),
        }
    );
    assert_eq!(m.text(), Some("Reembolso"));
}

#[test]
fn a_flow_answer_parses_its_response_json() {
    let m = only_message("nfm_reply");
    match &m.kind {
        MessageKind::FlowReply {
            name,
            body,
            response_json,
        } => {
            assert_eq!(name.as_deref(), Some("address_message"));
            assert_eq!(body.as_deref(), Some("Endereço enviado"));
            assert_eq!(
                response_json,
                &json!({"city": "Recife", "zip": "50000-000"})
            );
        }
        other => panic!("expected a flow reply, got {other:?}"),
    }
}

#[test]
fn a_template_button_tap_returns_the_payload_we_set() {
    let m = only_message("template_button");
    assert_eq!(m.type_name(), "button");
    assert_eq!(
        m.kind,
        MessageKind::TemplateButton {
            payload: Some("CONFIRM_4521".into()),
            text: Some("Confirmar".into()),
        }
    );
    assert_eq!(m.text(), Some("Confirmar"));
}

#[test]
fn reactions_carry_the_emoji_and_a_removal_carries_none() {
    let all = messages("reaction");
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].kind,
        MessageKind::Reaction {
            message_id: "wamid.OUT_REPLY".into(),
            emoji: Some("👍".into())
        }
    );
    assert_eq!(
        all[1].kind,
        MessageKind::Reaction {
            message_id: "wamid.OUT_REPLY".into(),
            emoji: None
        }
    );
}

#[test]
fn an_order_keeps_its_catalogue_and_items() {
    let m = only_message("order");
    match &m.kind {
        MessageKind::Order {
            catalog_id,
            text,
            items,
        } => {
            assert_eq!(catalog_id.as_deref(), Some("900"));
            assert_eq!(text.as_deref(), Some("Quero estes"));
            assert_eq!(items[0]["product_retailer_id"], "SKU-1");
        }
        other => panic!("expected an order, got {other:?}"),
    }
}

#[test]
fn a_system_message_reports_the_new_number() {
    let m = only_message("system");
    assert_eq!(
        m.kind,
        MessageKind::System {
            body: Some("Ana changed her phone number to a new number".into()),
            kind: Some("user_changed_number".into()),
            new_wa_id: Some("5511900000000".into()),
            user_id: None,
            parent_user_id: None,
            previous_user_id: None,
            previous_parent_user_id: None,
        }
    );
}

#[test]
fn a_changed_bsuid_reports_the_ids_before_and_after() {
    let body = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "200"},
        "messages": [{"from_user_id": "US.111", "id": "wamid.SYS", "timestamp": "1760000000", "type": "system",
            "system": {"body": "User Sam changed from US.111 to US.222", "type": "user_changed_user_id",
                       "user_id": "US.222", "parent_user_id": "US.ENT.9", "previous_user_id": "US.111",
                       "previous_parent_user_id": "US.ENT.8"}}]}}]}]});
    let events = lifeline_whatsapp::webhook::parse(body.to_string().as_bytes()).unwrap();
    let lifeline_whatsapp::Event::Message(m) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(m.contact_key().as_deref(), Some("US.111"));
    assert!(m.from.is_none());
    assert_eq!(
        m.kind,
        MessageKind::System {
            body: Some("User Sam changed from US.111 to US.222".into()),
            kind: Some("user_changed_user_id".into()),
            new_wa_id: None,
            user_id: Some("US.222".into()),
            parent_user_id: Some("US.ENT.9".into()),
            previous_user_id: Some("US.111".into()),
            previous_parent_user_id: Some("US.ENT.8".into()),
        }
    );
}

#[test]
fn a_username_only_sender_keeps_bsuid_parent_and_username_apart() {
    let body = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "200"},
        "contacts": [{"profile": {"name": "Sam", "username": "@sam.rivera"}, "user_id": "US.111",
                      "parent_user_id": "US.ENT.9"}],
        "messages": [{"from_user_id": "US.111", "id": "wamid.U", "timestamp": "1760000000", "type": "text",
                      "text": {"body": "hi"}}]}}]}]});
    let events = lifeline_whatsapp::webhook::parse(body.to_string().as_bytes()).unwrap();
    let lifeline_whatsapp::Event::Message(m) = &events[0] else {
        panic!("{events:?}")
    };
    assert_eq!(m.from, None);
    assert_eq!(m.from_user_id.as_deref(), Some("US.111"));
    assert_eq!(m.from_parent_user_id.as_deref(), Some("US.ENT.9"));
    assert_eq!(m.username.as_deref(), Some("@sam.rivera"));
    assert_eq!(m.contact_name.as_deref(), Some("Sam"));
}

#[test]
fn a_welcome_request_has_no_payload() {
    let m = only_message("request_welcome");
    assert_eq!(m.kind, MessageKind::RequestWelcome);
    assert_eq!(m.type_name(), "request_welcome");
    assert_eq!(m.text(), None);
}

#[test]
fn an_unsupported_message_keeps_its_subtype_and_error() {
    let m = only_message("unsupported");
    assert_eq!(
        m.kind,
        MessageKind::Unsupported {
            subtype: Some("edit".into())
        }
    );
    assert_eq!(m.errors.len(), 1);
    assert_eq!(m.errors[0].code, 131051);
    assert_eq!(m.errors[0].title.as_deref(), Some("Message type unknown"));
    assert_eq!(
        m.errors[0].details.as_deref(),
        Some("Message type is currently not supported.")
    );
}

#[test]
fn a_product_inquiry_and_heavy_forwarding_show_in_the_context() {
    let m = only_message("product_inquiry");
    let product = m
        .context
        .and_then(|c| c.referred_product)
        .expect("referred product");
    assert_eq!(product["product_retailer_id"], "SKU-1");

    let m = only_message("frequently_forwarded");
    let c = m.context.expect("context");
    assert!(c.frequently_forwarded && !c.forwarded);
    assert_eq!(c.quoted_wamid, None);
}

#[test]
fn a_username_only_shopper_is_keyed_and_named_by_user_id() {
    let m = only_message("username_only");
    assert_eq!(m.from, None);
    assert_eq!(m.from_user_id.as_deref(), Some("US.13491208655302741918"));
    assert_eq!(m.contact_key().as_deref(), Some("US.13491208655302741918"));
    assert_eq!(m.contact_name.as_deref(), Some("Kiki"));
    assert_eq!(m.text(), Some("hi, it's me"));
}

#[test]
fn an_unknown_type_stays_a_message_with_its_raw_payload() {
    let m = only_message("unknown_type");
    assert_eq!(
        m.kind,
        MessageKind::Unknown {
            type_name: "poll_vote".into()
        }
    );
    assert_eq!(m.type_name(), "poll_vote");
    assert_eq!(m.raw["poll_vote"]["new_field"]["x"], 1);
    assert_eq!(m.wamid, "wamid.POLL_VOTE");
}

#[test]
fn parsed_messages_survive_a_json_round_trip_for_storage() {
    for name in [
        "image",
        "location",
        "button_reply",
        "system",
        "unsupported",
        "username_only",
    ] {
        let m = only_message(name);
        let stored = serde_json::to_string(&m).expect("serialises");
        let back: lifeline_whatsapp::webhook::InboundMessage =
            serde_json::from_str(&stored).expect("deserialises");
        assert_eq!(back, m, "round trip of {name}");
    }
}
