//! Tone findings as an agent reads them, the same on the case panel and the conversation screen: the
//! rule in words, the excerpt, why it hurts and the better line in the shopper's language.

use lifeline_desk::tone::ToneFinding;

/// A tone finding as the agent reads it.
pub struct Finding {
    pub rule: String,
    pub excerpt: String,
    pub why: String,
    pub better: String,
}

impl From<&ToneFinding> for Finding {
    fn from(f: &ToneFinding) -> Self {
        let rule = serde_json::to_value(f.rule)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default();
        Finding {
            rule,
            excerpt: f.excerpt.clone(),
            why: f.why.clone(),
            better: f.better_local.clone().unwrap_or_else(|| f.better.clone()),
        }
    }
}

/// The findings in one paragraph, for a composer that shows a refusal as a line of text.
pub fn stopped(findings: &[ToneFinding]) -> String {
    let lines: Vec<String> = findings
        .iter()
        .map(Finding::from)
        .map(|f| {
            format!(
                "{}: “{}”. {} Better: {}",
                f.rule, f.excerpt, f.why, f.better
            )
        })
        .collect();
    format!(
        "The tone check stopped this reply. {} Fix it, or send it anyway (the override is recorded).",
        lines.join(" ")
    )
}
