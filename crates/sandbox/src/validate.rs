//! The checks Meta applies to a send request body before accepting it.

use serde_json::Value;

use crate::address::{address, Addressed};
use crate::graph_error::GraphError;
use crate::templates::SimTemplate;

/// A send request that passed validation, reduced to what the simulator acts on.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ValidSend {
    pub to: Addressed,
    pub kind: String,
    /// Media id the message refers to, checked against the media store by the caller.
    pub media_id: Option<String>,
    /// The approved template used, if any.
    pub template: Option<SimTemplate>,
    /// The message a reaction points at.
    pub reaction_target: Option<String>,
}

type Check = Result<(), GraphError>;

fn str_field<'a>(v: &'a Value, path: &str) -> Option<&'a str> {
    path.split('.')
        .try_fold(v, |v, k| v.get(k))
        .and_then(Value::as_str)
}

fn required<'a>(v: &'a Value, path: &str, label: &str) -> Result<&'a str, GraphError> {
    match str_field(v, path) {
        Some(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(GraphError::invalid_parameter(format!(
            "The parameter {label} is required."
        ))),
    }
}

fn max_len(text: &str, max: usize, label: &str) -> Check {
    let n = text.chars().count();
    if n > max {
        return Err(GraphError::value_invalid(format!(
            "{label} is {n} characters long; at most {max} are allowed"
        )));
    }
    Ok(())
}

fn optional_max(v: &Value, path: &str, max: usize, label: &str) -> Check {
    str_field(v, path).map_or(Ok(()), |s| max_len(s, max, label))
}

/// Validates a message send body (not mark-read) against WhatsApp's rules.
pub(crate) fn send_body(body: &Value, templates: &[SimTemplate]) -> Result<ValidSend, GraphError> {
    if str_field(body, "messaging_product") != Some("whatsapp") {
        return Err(GraphError::invalid_parameter(
            "The parameter messaging_product is required and must be whatsapp.",
        ));
    }
    if let Some(rt) = str_field(body, "recipient_type") {
        if rt != "individual" {
            return Err(GraphError::invalid_parameter(
                "recipient_type must be individual",
            ));
        }
    }
    let to = address(body)?;
    let kind = str_field(body, "type").unwrap_or("text").to_string();
    if body.get("context").is_some() && str_field(body, "context.message_id").is_none() {
        return Err(GraphError::invalid_parameter(
            "context.message_id must be a message id",
        ));
    }
    let payload = body.get(&kind).filter(|p| p.is_object()).ok_or_else(|| {
        GraphError::invalid_parameter(format!("The parameter {kind} is required."))
    })?;
    let mut valid = ValidSend {
        to,
        kind: kind.clone(),
        media_id: None,
        template: None,
        reaction_target: None,
    };
    match kind.as_str() {
        "text" => text(payload)?,
        "image" | "video" | "audio" | "document" | "sticker" => valid.media_id = media(&kind, payload)?,
        "interactive" => interactive(payload)?,
        "template" => valid.template = Some(template(payload, templates)?),
        "reaction" => {
            if body.get("context").is_some() {
                return Err(GraphError::invalid_parameter("A reaction cannot be a contextual reply."));
            }
            valid.reaction_target = Some(required(payload, "message_id", "reaction['message_id']")?.to_string());
            if payload.get("emoji").is_some_and(|e| !e.is_string()) {
                return Err(GraphError::invalid_parameter("reaction['emoji'] must be a string"));
            }
        }
        "location" => location(payload)?,
        "contacts" => {}
        other => {
            return Err(GraphError::invalid_parameter(format!(
                "Param type must be one of {{text, image, video, audio, document, sticker, interactive, template, reaction, location, contacts}}, got {other}"
            )))
        }
    }
    Ok(valid)
}

fn text(payload: &Value) -> Check {
    let body = required(payload, "body", "text['body']")?;
    max_len(body, 4096, "text.body")
}

fn media(kind: &str, payload: &Value) -> Result<Option<String>, GraphError> {
    let id = str_field(payload, "id");
    let link = str_field(payload, "link");
    if id.is_some() == link.is_some() {
        return Err(GraphError::invalid_parameter(format!(
            "{kind} needs exactly one of id or link"
        )));
    }
    if let Some(link) = link {
        if !(link.starts_with("https://") || link.starts_with("http://")) {
            return Err(GraphError::value_invalid(format!(
                "{kind}.link must be an http(s) URL"
            )));
        }
    }
    if payload.get("caption").is_some() {
        if !matches!(kind, "image" | "video" | "document") {
            return Err(GraphError::value_invalid(format!(
                "{kind} messages cannot have a caption"
            )));
        }
        optional_max(payload, "caption", 1024, "caption")?;
    }
    if payload.get("filename").is_some() && kind != "document" {
        return Err(GraphError::value_invalid("only documents have a filename"));
    }
    Ok(id.map(str::to_string))
}

fn location(payload: &Value) -> Check {
    let ok = payload.get("latitude").is_some_and(Value::is_number)
        && payload.get("longitude").is_some_and(Value::is_number);
    if ok {
        Ok(())
    } else {
        Err(GraphError::invalid_parameter(
            "location needs numeric latitude and longitude",
        ))
    }
}

fn interactive(payload: &Value) -> Check {
    let itype = required(payload, "type", "interactive['type']")?;
    optional_max(payload, "footer.text", 60, "footer.text")?;
    match itype {
        "button" => {
            max_len(
                required(payload, "body.text", "interactive['body']['text']")?,
                1024,
                "body.text",
            )?;
            header(payload, true)?;
            buttons(payload)
        }
        "list" => {
            max_len(
                required(payload, "body.text", "interactive['body']['text']")?,
                4096,
                "body.text",
            )?;
            header(payload, false)?;
            list(payload)
        }
        "cta_url"
        | "flow"
        | "product"
        | "product_list"
        | "location_request_message"
        | "address_message" => Ok(()),
        other => Err(GraphError::invalid_parameter(format!(
            "unknown interactive type {other}"
        ))),
    }
}

fn header(payload: &Value, media_allowed: bool) -> Check {
    let Some(h) = payload.get("header") else {
        return Ok(());
    };
    match str_field(h, "type") {
        Some("text") => max_len(required(h, "text", "header['text']")?, 60, "header.text"),
        Some("image" | "video" | "document") if media_allowed => Ok(()),
        _ => Err(GraphError::value_invalid(
            "this header type is not allowed here",
        )),
    }
}

fn buttons(payload: &Value) -> Check {
    let list = payload.pointer("/action/buttons").and_then(Value::as_array);
    let list = list.ok_or_else(|| {
        GraphError::invalid_parameter("The parameter interactive['action']['buttons'] is required.")
    })?;
    if list.is_empty() || list.len() > 3 {
        return Err(GraphError::value_invalid(format!(
            "buttons: {} given; 1 to 3 are allowed",
            list.len()
        )));
    }
    let mut titles: Vec<&str> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for b in list {
        if str_field(b, "type") != Some("reply") {
            return Err(GraphError::invalid_parameter("button type must be reply"));
        }
        let id = required(b, "reply.id", "reply['id']")?;
        let title = required(b, "reply.title", "reply['title']")?;
        max_len(id, 256, "button id")?;
        max_len(title, 20, "Button title")?;
        if titles.contains(&title) || ids.contains(&id) {
            return Err(GraphError::value_invalid(format!(
                "Button titles and ids must be unique: {title}"
            )));
        }
        titles.push(title);
        ids.push(id);
    }
    Ok(())
}

fn list(payload: &Value) -> Check {
    max_len(
        required(payload, "action.button", "action['button']")?,
        20,
        "List button label",
    )?;
    let sections = payload
        .pointer("/action/sections")
        .and_then(Value::as_array);
    let sections = sections.ok_or_else(|| {
        GraphError::invalid_parameter("The parameter action['sections'] is required.")
    })?;
    if sections.is_empty() || sections.len() > 10 {
        return Err(GraphError::value_invalid(format!(
            "sections: {} given; 1 to 10 are allowed",
            sections.len()
        )));
    }
    let mut row_ids: Vec<&str> = Vec::new();
    for s in sections {
        if sections.len() > 1 {
            required(s, "title", "section['title']")?;
        }
        optional_max(s, "title", 24, "Section title")?;
        let rows = s
            .get("rows")
            .and_then(Value::as_array)
            .filter(|r| !r.is_empty());
        let rows = rows
            .ok_or_else(|| GraphError::invalid_parameter("Each section needs at least one row."))?;
        for r in rows {
            let id = required(r, "id", "row['id']")?;
            max_len(id, 200, "Row id")?;
            max_len(required(r, "title", "row['title']")?, 24, "Row title")?;
            optional_max(r, "description", 72, "Row description")?;
            if row_ids.contains(&id) {
                return Err(GraphError::value_invalid(format!(
                    "Row ids must be unique: {id}"
                )));
            }
            row_ids.push(id);
        }
    }
    if row_ids.len() > 10 {
        return Err(GraphError::value_invalid(format!(
            "rows: {} given in total; at most 10 are allowed",
            row_ids.len()
        )));
    }
    Ok(())
}

fn template(payload: &Value, templates: &[SimTemplate]) -> Result<SimTemplate, GraphError> {
    let name = required(payload, "name", "template['name']")?;
    let lang = required(payload, "language.code", "template['language']['code']")?;
    let found = templates
        .iter()
        .find(|t| t.name == name && t.language == lang && t.status == "APPROVED");
    let found = found.ok_or_else(|| GraphError::template_missing(name, lang))?;
    let components = payload
        .get("components")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let body_params = components
        .iter()
        .filter(|c| str_field(c, "type") == Some("body"))
        .filter_map(|c| c.get("parameters").and_then(Value::as_array))
        .map(Vec::len)
        .sum::<usize>();
    if body_params != found.placeholder_count() {
        return Err(GraphError::template_params(
            found.placeholder_count(),
            body_params,
        ));
    }
    for c in components
        .iter()
        .filter(|c| str_field(c, "type") == Some("button"))
    {
        let index = str_field(c, "index").and_then(|i| i.parse::<usize>().ok());
        if index.is_none_or(|i| i >= found.quick_replies.len()) {
            return Err(GraphError::value_invalid(
                "button component index does not match a template button",
            ));
        }
    }
    Ok(found.clone())
}

/// The text values of a template's body parameters, to render what the shopper reads.
pub(crate) fn template_params(body: &Value) -> Vec<String> {
    let components = body
        .pointer("/template/components")
        .and_then(Value::as_array);
    components
        .into_iter()
        .flatten()
        .filter(|c| str_field(c, "type") == Some("body"))
        .filter_map(|c| c.get("parameters").and_then(Value::as_array))
        .flatten()
        .map(|p| match str_field(p, "type") {
            Some("currency") => str_field(p, "currency.fallback_value")
                .unwrap_or("")
                .to_string(),
            Some("date_time") => str_field(p, "date_time.fallback_value")
                .unwrap_or("")
                .to_string(),
            _ => str_field(p, "text").unwrap_or("").to_string(),
        })
        .collect()
}
