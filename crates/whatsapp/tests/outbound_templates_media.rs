//! Template parameters and media limits, refused with a sentence an agent understands.

use lifeline_whatsapp::limits::{self, check_media, LimitError};
use lifeline_whatsapp::outbound::{
    ButtonSubType, ComponentKind, OutboundMessage, TemplateComponent, TemplateParameter,
};
use lifeline_whatsapp::webhook::MediaKind;

fn refusal(msg: &OutboundMessage) -> String {
    msg.validate().expect_err("should be refused").to_string()
}

fn media(kind: MediaKind, id: Option<&str>, link: Option<&str>) -> OutboundMessage {
    OutboundMessage::Media {
        kind,
        id: id.map(Into::into),
        link: link.map(Into::into),
        caption: None,
        filename: None,
    }
}

#[test]
fn media_needs_exactly_one_of_id_and_link_and_a_short_caption() {
    assert_eq!(
        media(MediaKind::Image, Some("123"), None).validate(),
        Ok(())
    );
    assert_eq!(
        media(MediaKind::Image, None, Some("https://shop.example/p.jpg")).validate(),
        Ok(())
    );
    assert!(
        refusal(&media(MediaKind::Image, Some("1"), Some("https://x")))
            .contains("both a media id and a link")
    );
    assert!(refusal(&media(MediaKind::Video, None, None)).contains("neither a media id nor a link"));
    assert!(
        refusal(&media(MediaKind::Document, None, Some("ftp://x"))).contains("not an http(s) URL")
    );

    let captioned = |kind, caption: String| OutboundMessage::Media {
        kind,
        id: Some("1".into()),
        link: None,
        caption: Some(caption),
        filename: None,
    };
    assert_eq!(
        captioned(MediaKind::Image, "c".repeat(1024)).validate(),
        Ok(())
    );
    assert_eq!(
        refusal(&captioned(MediaKind::Image, "c".repeat(1025))),
        "caption is 1025 characters; WhatsApp allows 1024"
    );
    assert!(refusal(&captioned(MediaKind::Audio, "hi".into())).contains("cannot carry a caption"));
    let named_image = OutboundMessage::Media {
        kind: MediaKind::Image,
        id: Some("1".into()),
        link: None,
        caption: None,
        filename: Some("x.jpg".into()),
    };
    assert!(refusal(&named_image).contains("only documents can"));
}

#[test]
fn templates_check_their_parts() {
    let template = |components| OutboundMessage::Template {
        name: "order_update".into(),
        language: "es_MX".into(),
        components,
    };
    let quick = |params| TemplateComponent {
        kind: ComponentKind::Button,
        sub_type: Some(ButtonSubType::QuickReply),
        index: Some(0),
        parameters: params,
    };
    assert_eq!(
        template(vec![quick(vec![TemplateParameter::Payload {
            payload: "OK".into()
        }])])
        .validate(),
        Ok(())
    );
    let text_on_quick = quick(vec![TemplateParameter::Text {
        text: "x".into(),
        parameter_name: None,
    }]);
    assert!(refusal(&template(vec![text_on_quick])).contains("cannot take a text parameter"));
    let no_index = TemplateComponent {
        index: None,
        ..quick(vec![])
    };
    assert!(refusal(&template(vec![no_index])).contains("needs a sub_type"));
    let bad_currency = TemplateComponent {
        kind: ComponentKind::Body,
        sub_type: None,
        index: None,
        parameters: vec![TemplateParameter::Currency {
            fallback_value: "€12.34".into(),
            code: "euro".into(),
            amount_1000: 12_340,
            parameter_name: None,
        }],
    };
    assert!(refusal(&template(vec![bad_currency])).contains("currency code 'euro'"));
    let header_media = TemplateComponent {
        kind: ComponentKind::Header,
        sub_type: None,
        index: None,
        parameters: vec![TemplateParameter::Image {
            id: None,
            link: None,
        }],
    };
    assert!(refusal(&template(vec![header_media])).contains("neither a media id nor a link"));
    let unnamed = OutboundMessage::Template {
        name: "".into(),
        language: "en".into(),
        components: vec![],
    };
    assert_eq!(
        refusal(&unnamed),
        "template name is empty; WhatsApp needs one"
    );
}

#[test]
fn currency_parameters_are_built_exactly_from_minor_units() {
    let p = TemplateParameter::currency("EUR", 1234, 2, "€12.34").expect("fits");
    assert_eq!(
        p,
        TemplateParameter::Currency {
            fallback_value: "€12.34".into(),
            code: "EUR".into(),
            amount_1000: 12_340,
            parameter_name: None,
        }
    );
    let yen = TemplateParameter::currency("JPY", 1500, 0, "¥1500").expect("fits");
    assert!(matches!(
        yen,
        TemplateParameter::Currency {
            amount_1000: 1_500_000,
            ..
        }
    ));
    assert_eq!(TemplateParameter::currency("EUR", i64::MAX, 2, "x"), None);
    assert_eq!(TemplateParameter::currency("XYZ", 1, 4, "x"), None);
}

#[test]
fn media_type_and_size_limits_follow_the_reference() {
    const MB: u64 = 1024 * 1024;
    assert_eq!(check_media(MediaKind::Image, "image/jpeg", 5 * MB), Ok(()));
    let big = check_media(MediaKind::Image, "image/png", 5 * MB + 1).expect_err("too big");
    assert!(matches!(big, LimitError::TooLarge { max, .. } if max == 5 * MB));
    assert!(big
        .to_string()
        .contains("WhatsApp allows at most 5242880 bytes (5 MB)"));
    assert_eq!(
        check_media(MediaKind::Audio, "audio/ogg; codecs=opus", 16 * MB),
        Ok(())
    );
    assert!(check_media(MediaKind::Video, "video/mp4", 16 * MB + 1).is_err());
    assert_eq!(
        check_media(MediaKind::Document, "application/pdf", 100 * MB),
        Ok(())
    );
    assert!(check_media(MediaKind::Sticker, "image/webp", 501 * 1024).is_err());
    assert_eq!(limits::max_size(MediaKind::Sticker, false), 100 * 1024);
    let gif = check_media(MediaKind::Image, "image/gif", 10).expect_err("gif refused");
    assert_eq!(
        gif.to_string(),
        "WhatsApp does not accept 'image/gif' as image; it accepts image/jpeg, image/png"
    );
    assert!(check_media(MediaKind::Document, "application/pdf", 0).is_err());
    assert_eq!(
        limits::kind_for_mime("image/webp"),
        Some(MediaKind::Sticker)
    );
    assert_eq!(
        limits::kind_for_mime("Application/PDF"),
        Some(MediaKind::Document)
    );
    assert_eq!(limits::kind_for_mime("application/zip"), None);
}
