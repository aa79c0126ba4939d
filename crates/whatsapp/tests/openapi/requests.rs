//! What the desk posts to `/{phone-number-id}/messages`: every outbound kind, built by the
//! production code from the shapes agents and playbooks write.

use lifeline_whatsapp::outbound::{
    read_receipt_body, ButtonSubType, ComponentKind, ListRow, ListSection, OutboundMessage,
    ReplyButton, TemplateComponent, TemplateParameter,
};
use lifeline_whatsapp::{MediaKind, Recipient};
use serde_json::Value;

fn text(t: &str) -> TemplateParameter {
    TemplateParameter::Text {
        text: t.into(),
        parameter_name: None,
    }
}

fn component(
    kind: ComponentKind,
    button: Option<(ButtonSubType, u32)>,
    parameters: Vec<TemplateParameter>,
) -> TemplateComponent {
    TemplateComponent {
        kind,
        sub_type: button.map(|b| b.0),
        index: button.map(|b| b.1),
        parameters,
    }
}

/// A media message by uploaded id (`("id", …)`) or by link (`("link", …)`).
pub fn media(
    kind: MediaKind,
    by: (&str, &str),
    caption: Option<&str>,
    file: Option<&str>,
) -> OutboundMessage {
    let (id, link) = match by {
        ("id", v) => (Some(v.to_owned()), None),
        (_, v) => (None, Some(v.to_owned())),
    };
    OutboundMessage::Media {
        kind,
        id,
        link,
        caption: caption.map(Into::into),
        filename: file.map(Into::into),
    }
}

/// Reship or refund, the desk's most common question.
pub fn buttons_message() -> OutboundMessage {
    OutboundMessage::Buttons {
        body: "Your parcel is late. What would you like?".into(),
        header: Some("Order #1042".into()),
        footer: Some("Lifeline Shop".into()),
        buttons: vec![
            ReplyButton {
                id: "reship".into(),
                title: "Reship".into(),
            },
            ReplyButton {
                id: "refund".into(),
                title: "Refund".into(),
            },
        ],
    }
}

/// A delayed-parcel notice: image header, name, refund, promised date, two buttons.
pub fn delay_template() -> OutboundMessage {
    OutboundMessage::Template {
        name: "parcel_delayed".into(),
        language: "pt_BR".into(),
        components: vec![
            component(
                ComponentKind::Header,
                None,
                vec![TemplateParameter::Image {
                    id: Some("1479537139650973".into()),
                    link: None,
                }],
            ),
            component(
                ComponentKind::Body,
                None,
                vec![
                    text("Ana"),
                    TemplateParameter::currency("BRL", 4990, 2, "R$ 49,90").unwrap(),
                    TemplateParameter::DateTime {
                        fallback_value: "12 de março".into(),
                        parameter_name: None,
                    },
                ],
            ),
            component(
                ComponentKind::Button,
                Some((ButtonSubType::QuickReply, 0)),
                vec![TemplateParameter::Payload {
                    payload: "RESHIP_1042".into(),
                }],
            ),
            component(
                ComponentKind::Button,
                Some((ButtonSubType::Url, 1)),
                vec![text("1042?t=BR123456789")],
            ),
        ],
    }
}

/// An invoice notice with a PDF header by link and a named body parameter.
fn invoice_template() -> OutboundMessage {
    OutboundMessage::Template {
        name: "invoice_ready".into(),
        language: "en".into(),
        components: vec![
            component(
                ComponentKind::Header,
                None,
                vec![TemplateParameter::Document {
                    id: None,
                    link: Some("https://shop.example/invoices/1042.pdf".into()),
                    filename: Some("invoice-1042.pdf".into()),
                }],
            ),
            component(
                ComponentKind::Body,
                None,
                vec![TemplateParameter::Text {
                    text: "#1042".into(),
                    parameter_name: Some("order_number".into()),
                }],
            ),
        ],
    }
}

/// Every message kind the desk sends, each in a shape agents and playbooks produce.
fn messages() -> Vec<(&'static str, OutboundMessage)> {
    let plain = |body: &str, preview_url| OutboundMessage::Text {
        body: body.into(),
        preview_url,
    };
    let row = |id: &str, title: &str, description: Option<&str>| ListRow {
        id: id.into(),
        title: title.into(),
        description: description.map(Into::into),
    };
    let list = OutboundMessage::List {
        body: "Which order is this about?".into(),
        header: Some("Your orders".into()),
        footer: Some("Tap to choose".into()),
        button: "Choose".into(),
        sections: vec![
            ListSection {
                title: Some("Open".into()),
                rows: vec![row("o1042", "#1042", Some("2 items, in transit"))],
            },
            ListSection {
                title: Some("Delivered".into()),
                rows: vec![row("o0998", "#998", None)],
            },
        ],
    };
    let media_kinds = [
        (
            "image by id",
            media(MediaKind::Image, ("id", "1122"), Some("Your label"), None),
        ),
        (
            "image by link",
            media(
                MediaKind::Image,
                ("link", "https://shop.example/a.jpg"),
                Some("Your label"),
                None,
            ),
        ),
        (
            "document by id",
            media(
                MediaKind::Document,
                ("id", "3344"),
                Some("Invoice"),
                Some("invoice.pdf"),
            ),
        ),
        (
            "document by link",
            media(
                MediaKind::Document,
                ("link", "https://shop.example/i.pdf"),
                None,
                Some("invoice.pdf"),
            ),
        ),
        (
            "audio by id",
            media(MediaKind::Audio, ("id", "5566"), None, None),
        ),
        (
            "audio by link",
            media(
                MediaKind::Audio,
                ("link", "https://shop.example/a.ogg"),
                None,
                None,
            ),
        ),
        (
            "video by id",
            media(MediaKind::Video, ("id", "7788"), Some("Unboxing"), None),
        ),
        (
            "video by link",
            media(
                MediaKind::Video,
                ("link", "https://shop.example/v.mp4"),
                None,
                None,
            ),
        ),
        (
            "sticker by id",
            media(MediaKind::Sticker, ("id", "9900"), None, None),
        ),
        (
            "sticker by link",
            media(
                MediaKind::Sticker,
                ("link", "https://shop.example/s.webp"),
                None,
                None,
            ),
        ),
    ];
    let mut all = vec![
        ("text", plain("Olá Ana! Já estou verificando.", false)),
        (
            "text with link preview",
            plain("Track it: https://t.example/BR1", true),
        ),
        ("reply buttons with header and footer", buttons_message()),
        ("list with header and footer", list),
        (
            "template with image header, quick reply and url buttons",
            delay_template(),
        ),
        (
            "template with document header and a named parameter",
            invoice_template(),
        ),
        (
            "reaction",
            OutboundMessage::Reaction {
                message_id: "wamid.IN1".into(),
                emoji: "👍".into(),
            },
        ),
    ];
    all.extend(media_kinds);
    all
}

/// Each message to a phone and to a BSUID, as a fresh send and as a quoted reply with the
/// outbox id for the status webhooks; then the read receipt with and without "typing…".
pub fn bodies() -> Vec<(String, Value)> {
    let phone = Recipient::Phone("+5511987654321".into());
    let bsuid = Recipient::UserId("BR.13491208655302741918".into());
    let mut out = Vec::new();
    for (name, msg) in messages() {
        assert_eq!(
            msg.validate(),
            Ok(()),
            "{name} passes the desk's own checks"
        );
        for to in [&phone, &bsuid] {
            let by = to.field();
            out.push((
                format!("{name} to {by}"),
                msg.to_request_body(to, None, None),
            ));
            let reply = msg.to_request_body(to, Some("wamid.IN7"), Some("outbox-42"));
            out.push((
                format!("{name} to {by}, replying with callback data"),
                reply,
            ));
        }
    }
    out.push(("read receipt".into(), read_receipt_body("wamid.IN7", false)));
    out.push((
        "typing indicator".into(),
        read_receipt_body("wamid.IN7", true),
    ));
    out
}
