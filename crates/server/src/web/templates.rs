//! The template picker: the number's approved utility templates (marketing ones are never offered for
//! an exception), the shopper's language first, with the body text and one field per `{{n}}`.

use std::{
    collections::HashMap,
    sync::{Mutex, OnceLock},
    time::{Duration, Instant},
};

use lifeline_whatsapp::TemplateInfo;
use serde_json::Value;

use crate::state::AppState;

/// How long a number's template list is reused before asking the Cloud API again.
const CACHE_FOR: Duration = Duration::from_secs(120);

/// One template an agent may pick.
pub struct TemplateChoice {
    /// Safe for HTML ids and field names: `order_update-pt_BR`.
    pub key: String,
    /// What the form posts: `name|language`.
    pub value: String,
    pub name: String,
    pub language: String,
    pub body: String,
    pub params: usize,
    /// One field per body value: (field name, label, prefilled value).
    pub inputs: Vec<(String, String, String)>,
    /// In the shopper's language.
    pub preferred: bool,
    /// Chosen when the picker opens (the first one in the shopper's language).
    pub checked: bool,
}

type Cache = Mutex<HashMap<String, (Instant, Vec<TemplateInfo>)>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

async fn listed(app: &AppState, phone_number_id: &str) -> Result<Vec<TemplateInfo>, String> {
    let number = app
        .numbers
        .get(phone_number_id)
        .ok_or("This number is no longer configured.")?;
    let key = format!("{}|{phone_number_id}", number.config.api_base);
    if let Ok(c) = cache().lock() {
        if let Some((_, list)) = c.get(&key).filter(|(at, _)| at.elapsed() < CACHE_FOR) {
            return Ok(list.clone());
        }
    }
    let waba = number
        .config
        .waba_id
        .clone()
        .ok_or("This number has no WhatsApp Business Account id (waba_id), so its templates cannot be listed.")?;
    let list = number
        .client
        .list_templates(&waba)
        .await
        .map_err(|e| format!("The templates could not be loaded: {e}"))?;
    if let Ok(mut c) = cache().lock() {
        c.insert(key, (Instant::now(), list.clone()));
    }
    Ok(list)
}

/// The body text of a template as Meta describes it.
fn body_text(components: &Value) -> String {
    components
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| {
            c.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("body"))
        })
        .and_then(|c| c.get("text").and_then(Value::as_str))
        .unwrap_or("")
        .to_string()
}

/// How many `{{n}}` values a body takes (the highest n).
pub fn placeholder_count(body: &str) -> usize {
    body.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}"))
        .filter_map(|(n, _)| n.trim().parse::<usize>().ok())
        .max()
        .unwrap_or(0)
}

/// Approved utility templates for the number; `language` and `shopper` order and prefill them.
pub async fn choices(
    app: &AppState,
    phone_number_id: &str,
    language: &str,
    shopper: &str,
) -> Result<Vec<TemplateChoice>, String> {
    let first_name = shopper.split_whitespace().next().unwrap_or("");
    let mut out: Vec<TemplateChoice> = listed(app, phone_number_id)
        .await?
        .into_iter()
        .filter(|t| {
            t.status.eq_ignore_ascii_case("APPROVED") && t.category.eq_ignore_ascii_case("UTILITY")
        })
        .map(|t| choice(t, language, first_name))
        .collect();
    out.sort_by(|a, b| {
        b.preferred
            .cmp(&a.preferred)
            .then(a.name.cmp(&b.name))
            .then(a.language.cmp(&b.language))
    });
    if let Some(first) = out.first_mut() {
        first.checked = true;
    }
    Ok(out)
}

/// One template as the picker shows it; `{{1}}` is prefilled with the shopper's first name.
fn choice(t: TemplateInfo, language: &str, first_name: &str) -> TemplateChoice {
    let body = body_text(&t.components);
    let params = placeholder_count(&body);
    let key: String = format!("{}-{}", t.name, t.language)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let inputs = (1..=params)
        .map(|i| {
            let prefill = if i == 1 {
                first_name.to_string()
            } else {
                String::new()
            };
            (format!("{key}-p{i}"), format!("{{{{{i}}}}}"), prefill)
        })
        .collect();
    let preferred = !language.is_empty() && t.language.split(['_', '-']).next() == Some(language);
    TemplateChoice {
        value: format!("{}|{}", t.name, t.language),
        key,
        name: t.name,
        language: t.language,
        body,
        params,
        inputs,
        preferred,
        checked: false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_counted_by_their_highest_number() {
        assert_eq!(
            super::placeholder_count("Hi {{1}}, order {{2}} is on its way, {{1}}"),
            2
        );
        assert_eq!(super::placeholder_count("No values"), 0);
        assert_eq!(super::placeholder_count("Broken {{x}} and {{3"), 0);
    }
}
