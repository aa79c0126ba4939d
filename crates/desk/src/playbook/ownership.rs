//! The question to a shopper whose order is not yet shown to be theirs.

use super::{render, vars_for_ack, Playbooks};
use crate::address::Register;

impl Playbooks {
    /// Asks the shopper to confirm the email or postcode the order was placed with, in their language and
    /// register (a shopper who writes "Sehr geehrte…" is asked with "Sie"). It names the order they gave
    /// and greets them by their own name (`shopper_name`, as WhatsApp shows it), never by the name on the
    /// order: whose order it is stays unsaid. The formal texts use no first name at all.
    pub fn ask_owner(
        &self,
        lang: &str,
        register: Register,
        order_number: Option<&str>,
        shopper_name: Option<&str>,
    ) -> String {
        let (_, book) = self.book_in(lang, register);
        render::fill(
            book.get("ownership.ask").unwrap_or(""),
            &vars_for_ack(shopper_name, order_number),
        )
    }
}
