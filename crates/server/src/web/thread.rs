//! A conversation's messages as WhatsApp shows them: text, photos, voice notes, videos, documents,
//! stickers, locations, contact cards, reactions, quoted replies, ticks and failure reasons.

use std::collections::HashMap;

use serde_json::Value;

use super::view;
use crate::store::{MediaRow, MessageView};

/// One message bubble.
pub struct Bubble {
    pub id: i64,
    pub outbound: bool,
    /// text, photo, voice, audio, video, document, sticker, location, contacts, reaction, unsupported.
    pub kind: &'static str,
    pub text: String,
    /// Where the stored file is served, once downloaded.
    pub media_url: Option<String>,
    /// "Downloading…" or why the file could not be fetched.
    pub media_note: String,
    pub filename: String,
    pub location: Option<Place>,
    /// The message a reaction or a quote points at, as a preview.
    pub refers_to: Option<String>,
    /// The wamid a reaction points at.
    reacts_to: Option<String>,
    pub forwarded: bool,
    /// ⏱, ✓, ✓✓ (CSS turns read ones blue), ! for failures.
    pub ticks: &'static str,
    pub status: String,
    pub failure: Option<String>,
    pub time: String,
    pub full_time: String,
    pub author: String,
    pub reading: Option<view::Reading>,
    /// The shopper's reaction to this message, shown on it as WhatsApp does.
    pub reaction: String,
    /// The wamid, to attach reactions.
    wamid: String,
    /// A failed outbound message the desk still has: it can be tried again.
    pub retry: bool,
    /// It was tried again already (the new attempt is further down the thread).
    pub retried: bool,
    /// The media id of a photo or document the desk sent, to show the copy it kept.
    pub sent_media: Option<String>,
}

/// A shared location.
pub struct Place {
    pub name: String,
    pub coords: String,
    pub map_url: String,
}

/// A stored JSON column, or null when absent or unreadable.
fn json_of(text: Option<&str>) -> Value {
    text.and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null)
}

fn raw(m: &MessageView) -> Value {
    m.raw_json
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null)
}

fn s(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string()
}

fn kind_of(m: &MessageView, raw: &Value, media: &Value) -> &'static str {
    match m.msg_type.as_str() {
        "text" | "interactive" | "button" | "template" | "buttons" | "list" | "order"
        | "system" => "text",
        "image" => "photo",
        "audio" if media.get("voice").and_then(Value::as_bool).unwrap_or(false) => "voice",
        "audio" => "audio",
        "video" => "video",
        "document" => "document",
        "sticker" => "sticker",
        "location" => "location",
        "contacts" => "contacts",
        "reaction" => "reaction",
        _ if raw.get("errors").is_some() => "unsupported",
        _ => "text",
    }
}

fn ticks(m: &MessageView) -> &'static str {
    match m.status.as_str() {
        "queued" | "sending" => "⏱",
        "accepted" | "sent" => "✓",
        "delivered" | "read" | "played" => "✓✓",
        "failed" => "!",
        _ => "",
    }
}

fn failure(m: &MessageView, raw: &Value) -> Option<String> {
    if let Some(reason) = m.error_reason.as_deref().filter(|r| !r.is_empty()) {
        let code = m
            .error_code
            .map(|c| format!(" (error {c})"))
            .unwrap_or_default();
        let prefix = if m.status == "queued" {
            "Retrying: "
        } else {
            ""
        };
        return Some(format!("{prefix}{reason}{code}"));
    }
    let e = raw.pointer("/errors/0")?;
    let details = s(e, "/error_data/details");
    let code = e.get("code").and_then(Value::as_i64);
    let base = code
        .map(lifeline_whatsapp::errors::describe)
        .unwrap_or("WhatsApp reported an error");
    Some(if details.is_empty() {
        base.to_string()
    } else {
        format!("{base} ({details})")
    })
}

fn place(raw: &Value) -> Option<Place> {
    let loc = raw.get("location")?;
    let lat = loc.get("latitude").and_then(Value::as_f64)?;
    let lon = loc.get("longitude").and_then(Value::as_f64)?;
    let name = [s(loc, "/name"), s(loc, "/address")]
        .into_iter()
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Some(Place {
        name,
        coords: format!("{lat:.5}, {lon:.5}"),
        map_url: format!(
            "https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=17/{lat:.6}/{lon:.6}"
        ),
    })
}

fn media_parts(m: &MessageView, stored: Option<&MediaRow>) -> (Option<String>, String) {
    match stored {
        Some(r) if r.status == "stored" => (Some(format!("/media/{}", m.id)), String::new()),
        Some(r) if r.status == "failed" => (
            None,
            format!(
                "The file could not be downloaded: {}",
                r.last_error.clone().unwrap_or_default()
            ),
        ),
        Some(_) => (None, "Downloading the file…".into()),
        None if m.direction == "in" && m.media_json.is_some() => {
            (None, "Downloading the file…".into())
        }
        None => (None, String::new()),
    }
}

/// Bubbles for a conversation's messages (oldest first), with the media rows of the conversation.
pub fn bubbles(messages: &[MessageView], media: &[MediaRow]) -> Vec<Bubble> {
    let by_wamid: HashMap<&str, &MessageView> = messages
        .iter()
        .filter_map(|m| m.wamid.as_deref().map(|w| (w, m)))
        .collect();
    let media: HashMap<i64, &MediaRow> = media.iter().map(|r| (r.message_id, r)).collect();
    let preview_of = |wamid: &str| {
        by_wamid
            .get(wamid)
            .map(|q| view::preview(&q.msg_type, q.body.as_deref()))
            .or_else(|| Some("an earlier message".to_string()))
    };
    let mut all: Vec<Bubble> = messages
        .iter()
        .map(|m| bubble(m, media.get(&m.id).copied(), &preview_of))
        .collect();
    attach_reactions(&mut all);
    all
}

/// A reaction sits on the message it reacts to (the latest one wins, an empty one removes it); it
/// stays a bubble of its own only when that message is not in the thread.
fn attach_reactions(all: &mut Vec<Bubble>) {
    let index: HashMap<String, usize> = all
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.wamid.is_empty())
        .map(|(i, b)| (b.wamid.clone(), i))
        .collect();
    let mut attached = std::collections::HashSet::new();
    for i in 0..all.len() {
        let target = all[i]
            .reacts_to
            .as_ref()
            .and_then(|w| index.get(w))
            .copied();
        if let Some(target) = target.filter(|_| all[i].kind == "reaction") {
            all[target].reaction = all[i].text.clone();
            attached.insert(all[i].id);
        }
    }
    all.retain(|b| !attached.contains(&b.id));
}

fn bubble(
    m: &MessageView,
    stored: Option<&MediaRow>,
    preview_of: &dyn Fn(&str) -> Option<String>,
) -> Bubble {
    let raw = raw(m);
    let media_json = json_of(m.media_json.as_deref());
    let context = json_of(m.context_json.as_deref());
    let kind = kind_of(m, &raw, &media_json);
    let (media_url, media_note) = media_parts(m, stored);
    let reacts_to =
        Some(s(&raw, "/reaction/message_id")).filter(|w| kind == "reaction" && !w.is_empty());
    let refers_to = match &reacts_to {
        Some(w) => preview_of(w),
        None => context
            .get("quoted_wamid")
            .and_then(Value::as_str)
            .and_then(preview_of),
    };
    let outbound = m.direction != "in";
    let payload = json_of(m.payload_json.as_deref());
    let sent_media = Some(s(&payload, "/id"))
        .filter(|id| outbound && payload["type"] == "media" && !id.is_empty());
    let text = match kind {
        "location" | "unsupported" => String::new(),
        "contacts" => contact_names(&raw),
        _ if sent_media.is_some() => s(&payload, "/caption"),
        _ => m.body.clone().unwrap_or_default(),
    };
    Bubble {
        id: m.id,
        outbound,
        kind,
        text,
        media_url,
        media_note,
        filename: media_json
            .get("filename")
            .or(payload.get("filename"))
            .and_then(Value::as_str)
            .unwrap_or("document")
            .to_string(),
        location: if kind == "location" {
            place(&raw)
        } else {
            None
        },
        refers_to,
        reacts_to,
        forwarded: ["forwarded", "frequently_forwarded"]
            .iter()
            .any(|k| context.get(*k).and_then(Value::as_bool).unwrap_or(false)),
        ticks: if outbound { ticks(m) } else { "" },
        status: m.status.clone(),
        failure: failure(m, &raw),
        time: view::short_time(m.sent_at, crate::store::now_ms()),
        full_time: view::full_time(m.sent_at),
        author: m.author.clone().unwrap_or_default(),
        reading: if outbound {
            None
        } else {
            view::reading(m.triage_json.as_deref())
        },
        reaction: String::new(),
        wamid: m.wamid.clone().unwrap_or_default(),
        retry: outbound && m.status == "failed" && m.payload_json.is_some(),
        retried: false,
        sent_media,
    }
}

fn contact_names(raw: &Value) -> String {
    raw.get("contacts")
        .and_then(Value::as_array)
        .map(|cards| {
            cards
                .iter()
                .map(|c| {
                    let name = s(c, "/name/formatted_name");
                    let phone = s(c, "/phones/0/phone");
                    format!("{name} {phone}").trim().to_string()
                })
                .collect::<Vec<_>>()
                .join("; ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(
        id: i64,
        direction: &str,
        msg_type: &str,
        body: &str,
        wamid: &str,
        raw: Value,
    ) -> MessageView {
        MessageView {
            id,
            conversation_id: Some(1),
            direction: direction.into(),
            wamid: Some(wamid.into()),
            msg_type: msg_type.into(),
            body: Some(body.into()).filter(|b: &String| !b.is_empty()),
            media_json: None,
            context_json: None,
            payload_json: None,
            status: if direction == "in" {
                "received".into()
            } else {
                "read".into()
            },
            status_at: None,
            error_code: None,
            error_reason: None,
            sent_at: 1_800_000_000_000 + id,
            created_at: 1_800_000_000_000 + id,
            triage_json: None,
            author: None,
            attempts: 0,
            next_attempt_at: None,
            raw_json: Some(raw.to_string()),
        }
    }

    #[test]
    fn a_reaction_sits_on_its_message_and_an_orphan_stays_a_bubble() {
        let thread = vec![
            message(
                1,
                "out",
                "text",
                "Your parcel is on its way",
                "wamid.A",
                Value::Null,
            ),
            message(
                2,
                "in",
                "reaction",
                "👍",
                "wamid.B",
                serde_json::json!({"reaction": {"message_id": "wamid.A", "emoji": "👍"}}),
            ),
            message(
                3,
                "in",
                "reaction",
                "❤️",
                "wamid.C",
                serde_json::json!({"reaction": {"message_id": "wamid.gone", "emoji": "❤️"}}),
            ),
        ];
        let b = bubbles(&thread, &[]);
        assert_eq!(b.len(), 2);
        assert_eq!((b[0].reaction.as_str(), b[0].ticks), ("👍", "✓✓"));
        assert_eq!(
            (b[1].kind, b[1].refers_to.as_deref()),
            ("reaction", Some("an earlier message"))
        );
    }

    #[test]
    fn a_location_links_to_a_map_and_a_failure_says_why() {
        let loc = serde_json::json!({"location": {"latitude": -23.5505, "longitude": -46.6333, "name": "Casa"}});
        let mut failed = message(2, "out", "text", "Olá", "wamid.F", Value::Null);
        failed.status = "failed".into();
        failed.error_code = Some(131047);
        failed.error_reason = Some("window closed".into());
        let b = bubbles(
            &[message(1, "in", "location", "Casa", "wamid.L", loc), failed],
            &[],
        );
        let place = b[0].location.as_ref().expect("a place");
        assert_eq!(
            (place.name.as_str(), place.coords.as_str()),
            ("Casa", "-23.55050, -46.63330")
        );
        assert!(place.map_url.contains("mlat=-23.550500"));
        assert_eq!(
            (b[1].ticks, b[1].failure.as_deref()),
            ("!", Some("window closed (error 131047)"))
        );
    }
}
