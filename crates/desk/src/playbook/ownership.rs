//! The question to a shopper whose order is not yet shown to be theirs.

use super::{render, vars_for_ack, Playbooks};

impl Playbooks {
    /// Asks the shopper to confirm the email or postcode the order was placed with, in their language.
    /// It names the order they gave and greets them by their own name (`shopper_name`, as WhatsApp
    /// shows it), never by the name on the order: whose order it is stays unsaid.
    pub fn ask_owner(
        &self,
        lang: &str,
        order_number: Option<&str>,
        shopper_name: Option<&str>,
    ) -> String {
        let (_, book) = self.book(lang);
        render::fill(
            book.get("ownership.ask").unwrap_or(""),
            &vars_for_ack(shopper_name, order_number),
        )
    }
}
