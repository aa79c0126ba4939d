//! `OutboundMessage::to_request_body`: the JSON posted to `/{phone-number-id}/messages`.

use serde_json::{json, Map, Value};

use super::template::media_source;
use super::{ListSection, OutboundMessage, ReplyButton};
use crate::recipient::Recipient;

fn text_object(text: &str) -> Value {
    json!({ "text": text })
}

fn interactive_frame(
    kind: &str,
    body: &str,
    header: &Option<String>,
    footer: &Option<String>,
) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("type".into(), json!(kind));
    if let Some(h) = header {
        out.insert("header".into(), json!({ "type": "text", "text": h }));
    }
    out.insert("body".into(), text_object(body));
    if let Some(f) = footer {
        out.insert("footer".into(), text_object(f));
    }
    out
}

fn buttons_action(buttons: &[ReplyButton]) -> Value {
    let buttons: Vec<Value> = buttons
        .iter()
        .map(|b| json!({ "type": "reply", "reply": { "id": b.id, "title": b.title } }))
        .collect();
    json!({ "buttons": buttons })
}

fn list_action(button: &str, sections: &[ListSection]) -> Value {
    let sections: Vec<Value> = sections
        .iter()
        .map(|s| {
            let rows: Vec<Value> = s
                .rows
                .iter()
                .map(|r| {
                    let mut row = json!({ "id": r.id, "title": r.title });
                    if let Some(d) = &r.description {
                        row["description"] = json!(d);
                    }
                    row
                })
                .collect();
            let mut section = json!({ "rows": rows });
            if let Some(t) = &s.title {
                section["title"] = json!(t);
            }
            section
        })
        .collect();
    json!({ "button": button, "sections": sections })
}

impl OutboundMessage {
    /// The wire `type` and its object.
    fn wire_payload(&self) -> (&'static str, Value) {
        match self {
            OutboundMessage::Text { body, preview_url } => {
                let mut text = json!({ "body": body });
                if *preview_url {
                    text["preview_url"] = json!(true);
                }
                ("text", text)
            }
            OutboundMessage::Template {
                name,
                language,
                components,
            } => {
                let mut t = json!({ "name": name, "language": { "code": language } });
                if !components.is_empty() {
                    let c: Vec<Value> = components.iter().map(|c| c.to_wire()).collect();
                    t["components"] = Value::Array(c);
                }
                ("template", t)
            }
            OutboundMessage::Buttons {
                body,
                header,
                footer,
                buttons,
            } => {
                let mut i = interactive_frame("button", body, header, footer);
                i.insert("action".into(), buttons_action(buttons));
                ("interactive", Value::Object(i))
            }
            OutboundMessage::List {
                body,
                header,
                footer,
                button,
                sections,
            } => {
                let mut i = interactive_frame("list", body, header, footer);
                i.insert("action".into(), list_action(button, sections));
                ("interactive", Value::Object(i))
            }
            OutboundMessage::Media {
                kind,
                id,
                link,
                caption,
                filename,
            } => {
                let mut m = media_source(id, link, filename);
                if let Some(c) = caption {
                    m["caption"] = json!(c);
                }
                (kind.as_str(), m)
            }
            OutboundMessage::Reaction { message_id, emoji } => (
                "reaction",
                json!({ "message_id": message_id, "emoji": emoji }),
            ),
        }
    }

    /// The Graph API request body for sending this message to `to` (a phone in `to`, a BSUID in
    /// `recipient`). `reply_to` quotes an inbound wamid (ignored for reactions, which cannot be
    /// contextual replies); `biz_opaque_callback_data` comes back in the status webhooks (the server
    /// puts its outbox id there).
    pub fn to_request_body(
        &self,
        to: &Recipient,
        reply_to: Option<&str>,
        biz_opaque_callback_data: Option<&str>,
    ) -> Value {
        let (kind, payload) = self.wire_payload();
        let mut body = Map::new();
        body.insert("messaging_product".into(), json!("whatsapp"));
        body.insert("recipient_type".into(), json!("individual"));
        body.insert(to.field().into(), json!(to.value()));
        body.insert("type".into(), json!(kind));
        body.insert(kind.into(), payload);
        if let Some(wamid) = reply_to.filter(|_| !matches!(self, OutboundMessage::Reaction { .. }))
        {
            body.insert("context".into(), json!({ "message_id": wamid }));
        }
        if let Some(data) = biz_opaque_callback_data {
            body.insert("biz_opaque_callback_data".into(), json!(data));
        }
        Value::Object(body)
    }
}
