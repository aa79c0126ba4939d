//! Shoppers in tests: one writing to the desk's first number, and their tap on a button of an offer.

use lifeline_sandbox::{SentRecord, Shopper, ShopperMessage};

use super::app::TestApp;

/// A shopper writing to the desk's first number from `wa_id`.
pub fn shopper(app: &TestApp, wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

/// `who` taps the button of `remedy` (its id, e.g. `full_refund`) on `offer` as it reached their
/// phone; returns the button's title.
pub async fn tap_button(app: &TestApp, who: &Shopper, offer: &SentRecord, remedy: &str) -> String {
    let buttons = offer.body["interactive"]["action"]["buttons"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let button = buttons
        .iter()
        .find(|b| {
            b["reply"]["id"]
                .as_str()
                .is_some_and(|id| id.ends_with(&format!(":remedy:{remedy}")))
        })
        .unwrap_or_else(|| panic!("a {remedy} button in {buttons:?}"));
    let title = button["reply"]["title"].as_str().unwrap().to_string();
    let message = ShopperMessage::ButtonReply {
        id: button["reply"]["id"].as_str().unwrap().into(),
        title: title.clone(),
        context_wamid: offer.wamid.clone(),
    };
    app.sandbox.shopper_says(who, message).await;
    title
}
