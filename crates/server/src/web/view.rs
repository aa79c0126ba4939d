//! Small pure helpers that turn stored values into what a screen shows: flags, times, the 24-hour
//! window, and the triage reading of a message.

use chrono::{TimeZone, Utc};
use serde_json::Value;

/// How a shopper is named on screen, and their phone: the profile name, else the WhatsApp username,
/// else the phone; the phone only when WhatsApp shared it. A business-scoped user id is an address,
/// never a phone number, so it is never shown as one.
pub fn shopper(
    name: Option<&str>,
    username: Option<&str>,
    wa_id: Option<&str>,
) -> (String, String) {
    let phone = wa_id
        .and_then(lifeline_whatsapp::recipient::phone_digits)
        .map(|d| format!("+{d}"))
        .unwrap_or_default();
    let known = |s: Option<&str>| s.map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    let name = known(name)
        .or_else(|| known(username))
        .or_else(|| (!phone.is_empty()).then(|| phone.clone()))
        .unwrap_or_else(|| "WhatsApp user".to_string());
    (name, phone)
}

/// The flag emoji of an ISO country code ("BR" → 🇧🇷); empty when the code is not two letters.
pub fn flag(country: &str) -> String {
    let c = country.trim().to_ascii_uppercase();
    if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
        return String::new();
    }
    c.chars()
        .filter_map(|ch| char::from_u32(0x1F1E6 + (ch as u32 - 'A' as u32)))
        .collect()
}

/// "21 Nov 2026".
pub fn date(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%-d %b %Y").to_string())
        .unwrap_or_default()
}

/// A message time as a list shows it: the hour today, the day otherwise (UTC).
pub fn short_time(ms: i64, now_ms: i64) -> String {
    let (Some(t), Some(now)) = (
        Utc.timestamp_millis_opt(ms).single(),
        Utc.timestamp_millis_opt(now_ms).single(),
    ) else {
        return String::new();
    };
    if t.date_naive() == now.date_naive() {
        t.format("%H:%M").to_string()
    } else {
        t.format("%-d %b").to_string()
    }
}

/// "14:02 UTC, 21 Nov": a message's full time, for its tooltip.
pub fn full_time(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.format("%H:%M:%S UTC, %-d %b %Y").to_string())
        .unwrap_or_default()
}

/// Where a conversation's 24-hour customer-service window stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    pub open: bool,
    /// When it closes (or closed), Unix ms; 0 when the shopper never wrote.
    pub until_ms: i64,
    /// "23 h 12 min left", "closed 3 h ago", "never opened".
    pub label: String,
}

fn span(ms: i64) -> String {
    let minutes = ms / 60_000;
    match minutes {
        m if m < 1 => "less than a minute".into(),
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h {} min", m / 60, m % 60),
        m => format!("{} days", m / (24 * 60)),
    }
}

/// The window of a conversation at `now_ms`.
pub fn window(expires_at: Option<i64>, now_ms: i64) -> Window {
    let open = crate::outbox::Window::of(expires_at).is_open(now_ms);
    match expires_at {
        None => Window {
            open: false,
            until_ms: 0,
            label: "never opened".into(),
        },
        Some(t) if open => Window {
            open: true,
            until_ms: t,
            label: format!("{} left", span(t - now_ms)),
        },
        Some(t) => Window {
            open: false,
            until_ms: t,
            label: format!("closed {} ago", span(now_ms - t)),
        },
    }
}

/// What triage read in a message, as the agent's screen shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// "where is my order", "damaged"…
    pub kind: String,
    /// `urgent`, `high`, `normal`, `low` (also the CSS class).
    pub priority: String,
    pub escalate: bool,
    pub language: String,
    pub orders: Vec<String>,
    pub tracking: Vec<String>,
    pub reasons: Vec<String>,
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a message's `triage_json`; None when absent or unreadable.
pub fn reading(triage_json: Option<&str>) -> Option<Reading> {
    let v: Value = serde_json::from_str(triage_json?).ok()?;
    let text = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    Some(Reading {
        kind: text("kind").replace('_', " "),
        priority: text("priority"),
        escalate: v.get("escalate").and_then(Value::as_bool).unwrap_or(false),
        language: text("language"),
        orders: strings(&v, "order_numbers"),
        tracking: strings(&v, "tracking_numbers"),
        reasons: strings(&v, "reasons"),
    })
}

/// A one-line preview of a message for the inbox.
pub fn preview(msg_type: &str, body: Option<&str>) -> String {
    let body = body.unwrap_or("").trim();
    let label = match msg_type {
        "text" | "interactive" | "button" | "template" | "buttons" | "list" => "",
        "image" => "📷 Photo",
        "audio" => "🎤 Voice note",
        "video" => "🎬 Video",
        "document" => "📄 Document",
        "sticker" => "Sticker",
        "location" => "📍 Location",
        "reaction" => "Reacted",
        "contacts" => "👤 Contact card",
        other => other,
    };
    let mut out = match (label.is_empty(), body.is_empty()) {
        (true, _) => body.to_string(),
        (false, true) => label.to_string(),
        (false, false) => format!("{label} · {body}"),
    };
    if out.chars().count() > 90 {
        out = out.chars().take(89).collect::<String>() + "…";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_come_from_two_letter_codes_only() {
        assert_eq!(flag("BR"), "🇧🇷");
        assert_eq!(flag("de"), "🇩🇪");
        assert_eq!(flag("BRA"), "");
        assert_eq!(flag("1x"), "");
    }

    #[test]
    fn the_window_says_how_long_is_left_or_since_when_it_is_closed() {
        let now = 1_800_000_000_000;
        assert_eq!(
            window(Some(now + (23 * 60 + 12) * 60_000), now).label,
            "23 h 12 min left"
        );
        let closed = window(Some(now - 3 * 3_600_000), now);
        assert!(!closed.open);
        assert_eq!(closed.label, "closed 3 h 0 min ago");
        assert_eq!(window(None, now).label, "never opened");
    }

    #[test]
    fn a_reading_is_taken_from_triage_json_and_bad_json_is_none() {
        let r = reading(Some(
            r#"{"language":"pt","kind":"where_is_my_order","priority":"high","order_numbers":["1234"],
               "tracking_numbers":[],"escalate":true,"confidence":0.9,"reasons":["kind: cadê"]}"#,
        ))
        .unwrap();
        assert_eq!(r.kind, "where is my order");
        assert_eq!(r.priority, "high");
        assert!(r.escalate);
        assert_eq!(r.orders, vec!["1234"]);
        assert_eq!(reading(Some("not json")), None);
        assert_eq!(reading(None), None);
    }

    #[test]
    fn previews_name_the_media_and_are_cut_short() {
        assert_eq!(preview("image", Some("the box")), "📷 Photo · the box");
        assert_eq!(preview("audio", None), "🎤 Voice note");
        assert_eq!(preview("text", Some(&"a".repeat(200))).chars().count(), 90);
    }
}
