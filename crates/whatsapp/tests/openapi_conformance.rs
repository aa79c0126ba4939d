//! Every kind of request the desk posts to `/{phone-number-id}/messages` is valid under Meta's own
//! OpenAPI description of `sendMessage` (reference §11), not only under our simulator, which was
//! written from the same reading of the docs as the client. The file's known gaps are allowed one
//! by one, by name ([`openapi::ALLOWANCES`]); everything else is held to the letter.

mod openapi;

use lifeline_whatsapp::outbound::{read_receipt_body, OutboundMessage};
use lifeline_whatsapp::{MediaKind, Recipient};
use openapi::requests::{bodies, buttons_message, delay_template, media};
use openapi::{Checker, Spec, ALLOWANCES};
use serde_json::{json, Value};

fn all_allowances() -> Vec<&'static str> {
    ALLOWANCES.iter().map(|a| a.name).collect()
}

fn refusals(checker: &Checker, bodies: &[(String, Value)]) -> Vec<String> {
    bodies
        .iter()
        .filter_map(|(name, body)| {
            checker
                .check(body)
                .err()
                .map(|why| format!("{name}:\n    {why}\n    {body}"))
        })
        .collect()
}

#[test]
fn every_request_the_desk_sends_is_valid_under_metas_send_message_schema() {
    let checker = Spec::load().checker(&all_allowances());
    let bodies = bodies();
    let refused = refusals(&checker, &bodies);
    assert!(
        refused.is_empty(),
        "Meta's schema refuses:\n{}",
        refused.join("\n")
    );
    assert_eq!(bodies.len(), 17 * 4 + 2);
    assert!(bodies.iter().any(|(_, b)| b.get("context").is_some()));
    assert!(bodies.iter().any(|(_, b)| b.get("recipient").is_some()));
}

/// The button indexes of a template body, as sent.
fn button_indexes(body: &Value) -> Vec<&str> {
    let components = body["template"]["components"].as_array();
    components
        .into_iter()
        .flatten()
        .filter_map(|c| c["index"].as_str())
        .collect()
}

/// Says whether a request body is one an allowance exists for.
type Needs = fn(&Value) -> bool;

/// Which requests each allowance exists for: without it, exactly these are refused.
const NEEDED_BY: &[(&str, Needs)] = &[
    ("bsuid-recipient", |b| b.get("recipient").is_some()),
    // Meta left the template branch open, so only the other kinds refuse the unknown field.
    ("biz-opaque-callback-data", |b| {
        b.get("biz_opaque_callback_data").is_some() && b["type"] != "template"
    }),
    ("template-language-policy-optional", |b| {
        b["type"] == "template"
    }),
    // The broken pattern happens to accept "1" to "6".
    ("template-button-index-0-to-9", |b| {
        button_indexes(b)
            .iter()
            .any(|i| !["1", "2", "3", "4", "5", "6"].contains(i))
    }),
    ("read-receipt-is-a-send-message-body", |b| {
        b["status"] == "read"
    }),
    ("merge-all-of", |b| {
        b.get("type").is_some() && b["type"] != "template"
    }),
];

#[test]
fn each_named_allowance_is_needed_by_exactly_the_requests_it_names() {
    let spec = Spec::load();
    let bodies = bodies();
    assert_eq!(NEEDED_BY.len(), ALLOWANCES.len());
    for allowance in ALLOWANCES {
        let (_, needs) = NEEDED_BY
            .iter()
            .find(|(n, _)| *n == allowance.name)
            .unwrap_or_else(|| panic!("say which requests need `{}`", allowance.name));
        let others: Vec<&str> = ALLOWANCES
            .iter()
            .map(|a| a.name)
            .filter(|n| *n != allowance.name)
            .collect();
        let checker = spec.checker(&others);
        let refused: Vec<&str> = bodies
            .iter()
            .filter(|(_, b)| checker.check(b).is_err())
            .map(|(name, _)| name.as_str())
            .collect();
        let expected: Vec<&str> = bodies
            .iter()
            .filter(|(_, b)| needs(b))
            .map(|(name, _)| name.as_str())
            .collect();
        assert!(
            !expected.is_empty(),
            "no request needs `{}`",
            allowance.name
        );
        assert_eq!(
            refused, expected,
            "without `{}` ({})",
            allowance.name, allowance.reason
        );
    }
}

#[test]
fn the_schema_refuses_what_meta_would_refuse() {
    let checker = Spec::load().checker(&all_allowances());
    let to = Recipient::Phone("+5511987654321".into());
    let hello = OutboundMessage::Text {
        body: "hi".into(),
        preview_url: false,
    }
    .to_request_body(&to, None, None);
    let sticker =
        media(MediaKind::Sticker, ("id", "9"), None, None).to_request_body(&to, None, None);
    let buttons = buttons_message().to_request_body(&to, None, None);
    let template = delay_template().to_request_body(&to, None, None);

    let mut bad: Vec<(&str, Value)> = Vec::new();
    let mut edit = |name, mut body: Value, change: fn(&mut Value)| {
        change(&mut body);
        bad.push((name, body));
    };
    edit("an unknown top-level field", hello.clone(), |b| {
        b["colour"] = json!("red")
    });
    edit("an unknown field in text", hello.clone(), |b| {
        b["text"]["bold"] = json!(true)
    });
    edit("a numeric type", hello.clone(), |b| b["type"] = json!(7));
    edit("a type with no schema", hello.clone(), |b| {
        b["type"] = json!("postcard")
    });
    edit("no address at all", hello.clone(), |b| {
        drop(b.as_object_mut().unwrap().remove("to"))
    });
    edit("preview_url as a string", hello.clone(), |b| {
        b["text"]["preview_url"] = json!("yes")
    });
    edit("a captioned sticker", sticker, |b| {
        b["sticker"]["caption"] = json!("hi")
    });
    edit("buttons as an object", buttons.clone(), |b| {
        b["interactive"]["action"]["buttons"] = json!({ "type": "reply" })
    });
    edit("four reply buttons", buttons, |b| {
        let first = b["interactive"]["action"]["buttons"][0].clone();
        let list = b["interactive"]["action"]["buttons"]
            .as_array_mut()
            .unwrap();
        list.extend([first.clone(), first]);
    });
    edit("a button index as a number", template.clone(), |b| {
        b["template"]["components"][2]["index"] = json!(0)
    });
    edit("a currency amount as a string", template, |b| {
        b["template"]["components"][1]["parameters"][1]["currency"]["amount_1000"] = json!("4990")
    });
    edit(
        "a typing indicator of an unknown kind",
        read_receipt_body("wamid.IN", true),
        |b| b["typing_indicator"]["type"] = json!("audio"),
    );
    for (name, body) in &bad {
        assert!(checker.check(body).is_err(), "{name} was accepted: {body}");
    }
}
