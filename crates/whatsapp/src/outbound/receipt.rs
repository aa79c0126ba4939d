//! The read receipt, with or without the typing indicator: posted to the same `/messages`
//! endpoint as a message, but addressed to the inbound message id rather than to a shopper.

use serde_json::{json, Value};

/// The body that marks inbound `wamid` (and every earlier message in the chat) as read; with
/// `typing`, it also shows "typing…" until the reply goes out or 25 seconds pass. Public so the
/// conformance tests check the bytes [`crate::CloudClient::mark_read`] posts.
pub fn read_receipt_body(wamid: &str, typing: bool) -> Value {
    let mut body =
        json!({ "messaging_product": "whatsapp", "status": "read", "message_id": wamid });
    if typing {
        body["typing_indicator"] = json!({ "type": "text" });
    }
    body
}
