//! Reads the webhook bodies in tests/fixtures, written to the documented Cloud API shapes.

use lifeline_whatsapp::webhook::{self, Event, InboundMessage};

pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

pub fn events(name: &str) -> Vec<Event> {
    webhook::parse(&fixture(name)).unwrap_or_else(|e| panic!("fixture {name} should parse: {e}"))
}

pub fn messages(name: &str) -> Vec<InboundMessage> {
    events(name)
        .into_iter()
        .map(|e| match e {
            Event::Message(m) => m,
            other => panic!("expected only messages in {name}, got {other:?}"),
        })
        .collect()
}

pub fn only_message(name: &str) -> InboundMessage {
    let mut all = messages(name);
    assert_eq!(all.len(), 1, "fixture {name} should hold one message");
    all.remove(0)
}
