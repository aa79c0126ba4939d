//! The checks every message an agent writes passes before the outbox takes it, whichever way it came
//! in (the case panel, the conversation screen, the REST API's messages or case replies): WhatsApp's
//! limits, the 24-hour window, then the tone check. A client cannot skip them by choosing another route:
//! each of those routes calls [`checked`] before it queues anything.

use lifeline_desk::tone::{check_tone, PromiseLimits, ToneFinding};
use lifeline_whatsapp::OutboundMessage;

use super::{Window, WindowClosed};

/// Why an agent's message was not queued.
#[derive(Debug)]
pub enum Refusal {
    /// Beyond WhatsApp's limits (too long, too many buttons…), in words for the agent.
    Invalid(String),
    /// Free text after the 24-hour window.
    Window(WindowClosed),
    /// The tone check found something; the agent may fix the text or send it anyway.
    Tone(Vec<ToneFinding>),
}

impl From<WindowClosed> for Refusal {
    fn from(e: WindowClosed) -> Self {
        Refusal::Window(e)
    }
}

/// What an agent asks to send, with what the checks need to know about it.
pub struct AgentMessage<'a> {
    pub msg: &'a OutboundMessage,
    /// A template to go instead if the window has closed by the time it is sent.
    pub fallback: Option<&'a OutboundMessage>,
    /// The shopper's language, so the tone check reads the text in it (English is always read too).
    pub language: &'a str,
    /// What the policy lets the agent promise here, when the message is tied to a case.
    pub limits: Option<&'a PromiseLimits>,
    /// The agent saw the findings and sends anyway (the caller records the override).
    pub send_anyway: bool,
}

/// Checks an agent's message. `Ok` carries the tone findings the agent overrode (empty when none),
/// for the caller to record next to the message.
pub fn checked(
    m: &AgentMessage<'_>,
    window: Window,
    now_ms: i64,
) -> Result<Vec<ToneFinding>, Refusal> {
    m.msg
        .validate()
        .map_err(|e| Refusal::Invalid(e.to_string()))?;
    if let Some(f) = m.fallback {
        if !f.is_template() {
            return Err(Refusal::Invalid(
                "fallback_template must be a template message".into(),
            ));
        }
        f.validate()
            .map_err(|e| Refusal::Invalid(format!("fallback_template: {e}")))?;
    }
    window.admits(m.msg, m.fallback, now_ms)?;
    let findings = match written(m.msg) {
        Some(text) => check_tone(text, m.language, m.limits),
        None => Vec::new(),
    };
    if findings.is_empty() || m.send_anyway {
        Ok(findings)
    } else {
        Err(Refusal::Tone(findings))
    }
}

/// The words the shopper reads in a message the agent wrote; a template's text was approved by Meta
/// and a reaction has none.
fn written(msg: &OutboundMessage) -> Option<&str> {
    match msg {
        OutboundMessage::Text { body, .. }
        | OutboundMessage::Buttons { body, .. }
        | OutboundMessage::List { body, .. } => Some(body),
        OutboundMessage::Media { caption, .. } => caption.as_deref(),
        OutboundMessage::Template { .. } | OutboundMessage::Reaction { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> OutboundMessage {
        OutboundMessage::Text {
            body: body.into(),
            preview_url: false,
        }
    }

    fn ask<'a>(msg: &'a OutboundMessage, send_anyway: bool) -> AgentMessage<'a> {
        AgentMessage {
            msg,
            fallback: None,
            language: "en",
            limits: None,
            send_anyway,
        }
    }

    fn open() -> Window {
        Window::of(Some(i64::MAX))
    }

    #[test]
    fn blaming_the_carrier_is_stopped_unless_sent_anyway() {
        let m = text("It's the carrier's fault, nothing we can do.");
        assert!(
            matches!(checked(&ask(&m, false), open(), 0), Err(Refusal::Tone(f)) if !f.is_empty())
        );
        let overridden = checked(&ask(&m, true), open(), 0).expect("sent anyway");
        assert!(!overridden.is_empty(), "the override is there to record");
    }

    #[test]
    fn a_kind_reply_passes_and_a_closed_window_refuses_free_text() {
        let m = text("Thanks for writing, Ana. Your parcel left the depot this morning.");
        assert!(checked(&ask(&m, false), open(), 0).unwrap().is_empty());
        let closed = Window::of(Some(10));
        assert!(matches!(
            checked(&ask(&m, false), closed, 20),
            Err(Refusal::Window(_))
        ));
    }
}
