//! WhatsApp's 24-hour customer service window, decided in one place: free-form messages only while it
//! is open; once it has closed, a template (or a free-form message carrying a template to send instead),
//! and anything else refused with the same words on every screen.

use lifeline_whatsapp::OutboundMessage;

/// What an agent reads when free text cannot go: the REST API, the conversation screen and the case
/// panel all show these words.
pub const CLOSED: &str =
    "window closed: the shopper has not written in 24 hours, so WhatsApp takes only an \
     approved template until they write again";

/// A conversation's window, as stored (`window_expires_at`, in ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    expires_at: Option<i64>,
}

/// Free text was refused because the window has closed (see [`CLOSED`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", CLOSED)]
pub struct WindowClosed;

impl Window {
    /// The window that ends at `expires_at` (None: the shopper never wrote).
    pub fn of(expires_at: Option<i64>) -> Window {
        Window { expires_at }
    }

    /// True while free-form messages may reach the shopper.
    pub fn is_open(self, now_ms: i64) -> bool {
        self.expires_at.is_some_and(|t| t > now_ms)
    }

    /// Free-form text may go now.
    pub fn free_form(self, now_ms: i64) -> Result<(), WindowClosed> {
        if self.is_open(now_ms) {
            Ok(())
        } else {
            Err(WindowClosed)
        }
    }

    /// May `msg` be queued now: a template or a reaction at any time; anything else while the window is
    /// open, or once it has closed when a template goes with it to be sent instead.
    pub fn admits(
        self,
        msg: &OutboundMessage,
        fallback: Option<&OutboundMessage>,
        now_ms: i64,
    ) -> Result<(), WindowClosed> {
        let any_time = msg.is_template()
            || matches!(msg, OutboundMessage::Reaction { .. })
            || fallback.is_some();
        if any_time {
            Ok(())
        } else {
            self.free_form(now_ms)
        }
    }
}

/// What the desk says on its own (a follow-up, a remedy's confirmation), given the window and the
/// number's approved template for the purpose: the text while the window is open, with the template to
/// go instead if it closes before the text is sent (held for quiet hours, say); the template once it has
/// closed; and [`WindowClosed`] when there is none, so the caller notes why nothing was sent.
pub fn spoken(
    window: Window,
    now_ms: i64,
    text: &str,
    template: Option<OutboundMessage>,
) -> Result<(OutboundMessage, Option<OutboundMessage>), WindowClosed> {
    let free = OutboundMessage::Text {
        body: text.to_string(),
        preview_url: true,
    };
    match (window.is_open(now_ms), template) {
        (true, fallback) => Ok((free, fallback)),
        (false, Some(t)) => Ok((t, None)),
        (false, None) => Err(WindowClosed),
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

    fn template() -> OutboundMessage {
        OutboundMessage::Template {
            name: "order_update".into(),
            language: "en".into(),
            components: Vec::new(),
        }
    }

    #[test]
    fn free_text_goes_only_while_the_window_is_open_unless_a_template_goes_with_it() {
        let now = 1_000_000;
        let open = Window::of(Some(now + 1));
        let closed = Window::of(Some(now));
        let never = Window::of(None);
        assert_eq!(open.admits(&text("hi"), None, now), Ok(()));
        assert_eq!(closed.admits(&text("hi"), None, now), Err(WindowClosed));
        assert_eq!(never.admits(&text("hi"), None, now), Err(WindowClosed));
        assert_eq!(closed.admits(&text("hi"), Some(&template()), now), Ok(()));
        assert_eq!(never.admits(&template(), None, now), Ok(()));
        assert!(WindowClosed.to_string().starts_with("window closed"));
    }

    #[test]
    fn the_desk_speaks_in_text_while_open_and_through_a_template_once_closed() {
        let now = 5_000;
        let open = Window::of(Some(now + 10));
        let closed = Window::of(Some(now - 10));
        let (msg, fallback) = spoken(open, now, "news", Some(template())).unwrap();
        assert!(!msg.is_template() && fallback.is_some_and(|f| f.is_template()));
        let (msg, fallback) = spoken(closed, now, "news", Some(template())).unwrap();
        assert!(msg.is_template() && fallback.is_none());
        assert!(spoken(closed, now, "news", None).is_err());
    }
}
