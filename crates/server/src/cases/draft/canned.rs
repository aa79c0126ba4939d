//! A `/shortcut` on a case: the canned reply in the shopper's language, filled with the case's facts (a
//! 17TRACK page opening in the shopper's language too), and what the agent must know before sending it.
//! One path for the case composer and the REST API alike.

use chrono::{DateTime, Utc};
use lifeline_commerce::seventeen::page::in_language;
use lifeline_desk::canned::{base_language, choose, language_name};
use serde::Serialize;

use super::{context, facts};
use crate::{http::error::ApiResult, state::AppState};

/// A canned reply ready for the composer.
#[derive(Debug, Clone, Serialize)]
pub struct Expanded {
    pub shortcut: String,
    /// The language of the text given: the shopper's, or the one standing in for it.
    pub language: String,
    pub text: String,
    /// For the agent, when the shortcut has no text in the shopper's language:
    /// "No Italian text for /tracking: the English one is shown."
    pub warning: Option<String>,
}

/// What the composer says for a shortcut the desk does not have.
pub fn unknown(shortcut: &str) -> String {
    format!("No canned reply /{shortcut}.")
}

/// The agent's warning when the text shown is not in the shopper's language.
fn stand_in(shopper: &str, shown: &str, shortcut: &str) -> Option<String> {
    (base_language(shopper) != base_language(shown)).then(|| {
        format!(
            "No {} text for /{shortcut}: the {} one is shown.",
            language_name(shopper),
            language_name(shown)
        )
    })
}

/// The case's canned reply for `shortcut` (lower case, no slash), or `None` when the desk has none.
pub async fn expand(
    app: &AppState,
    case_id: i64,
    shortcut: &str,
    now: DateTime<Utc>,
) -> ApiResult<Option<Expanded>> {
    let ctx = context(app, case_id).await?;
    let shopper = ctx.language();
    let texts = app.store.canned_replies_of(shortcut).await?;
    let languages: Vec<&str> = texts.iter().map(|t| t.language.as_str()).collect();
    let Some(language) = choose(&languages, &shopper) else {
        return Ok(None);
    };
    let Some(chosen) = texts.iter().find(|t| t.language == language) else {
        return Ok(None);
    };
    let mut facts = facts(&ctx, now);
    // The parcel's page opens in the shopper's language, whatever language the text is in.
    facts.tracking_url = (facts.tracking_url.as_deref()).map(|u| in_language(u, &shopper));
    let text = app
        .desk
        .playbooks
        .fill_snippet(&chosen.language, &chosen.text, &facts);
    Ok(Some(Expanded {
        shortcut: shortcut.to_string(),
        language: chosen.language.clone(),
        text,
        warning: stand_in(&shopper, &chosen.language, shortcut),
    }))
}

#[cfg(test)]
mod tests {
    use super::stand_in;

    #[test]
    fn the_agent_is_told_which_language_stands_in() {
        assert_eq!(
            stand_in("it", "en", "tracking").as_deref(),
            Some("No Italian text for /tracking: the English one is shown.")
        );
        assert_eq!(stand_in("pt-BR", "pt", "tracking"), None);
        assert_eq!(stand_in("it", "it", "tracking"), None);
    }
}
