//! Statuses, system errors, batching, and bodies that are partly or wholly broken.

mod common;

use common::fixtures::{events, fixture};
use lifeline_whatsapp::webhook::{parse, DeliveryStatus, Event, MessageKind, ParseError};

fn statuses(name: &str) -> Vec<lifeline_whatsapp::webhook::StatusUpdate> {
    events(name)
        .into_iter()
        .filter_map(|e| match e {
            Event::Status(s) => Some(s),
            _ => None,
        })
        .collect()
}

#[test]
fn all_five_statuses_are_read_with_pricing_and_callback_data() {
    let all = statuses("statuses");
    let kinds: Vec<&str> = all.iter().map(|s| s.status.as_str()).collect();
    assert_eq!(
        kinds,
        ["sent", "delivered", "read", "played", "failed", "delivered"]
    );

    let sent = &all[0];
    assert_eq!(sent.wamid, "wamid.OUT1");
    assert_eq!(sent.status, DeliveryStatus::Sent);
    assert_eq!(sent.timestamp, 1_760_000_100);
    assert_eq!(sent.recipient_id.as_deref(), Some("5511987654321"));
    assert_eq!(sent.biz_opaque_callback_data.as_deref(), Some("outbox-77"));
    assert_eq!(
        sent.pricing.as_ref().expect("pricing")["type"],
        "free_customer_service"
    );
    assert_eq!(
        sent.conversation.as_ref().expect("conversation")["origin"]["type"],
        "service"
    );
    assert_eq!(sent.number.phone_number_id, "200000000000002");
    assert!(all[2].pricing.is_none());
}

#[test]
fn a_failed_status_carries_the_error_and_no_pricing() {
    let failed = statuses("statuses").remove(4);
    assert_eq!(failed.status, DeliveryStatus::Failed);
    assert_eq!(failed.wamid, "wamid.OUT2");
    assert!(failed.pricing.is_none());
    assert_eq!(failed.errors.len(), 1);
    let e = &failed.errors[0];
    assert_eq!(e.code, 131047);
    assert_eq!(e.title.as_deref(), Some("Re-engagement message"));
    assert_eq!(
        e.details.as_deref(),
        Some(
            "More than 24 hours have passed since the recipient last replied to the sender number."
        )
    );
}

#[test]
fn a_status_for_a_username_user_has_a_user_id_and_a_numeric_timestamp() {
    let last = statuses("statuses").remove(5);
    assert_eq!(last.recipient_id, None);
    assert_eq!(
        last.recipient_user_id.as_deref(),
        Some("US.13491208655302741918")
    );
    assert_eq!(last.timestamp, 1_760_000_105);
}

#[test]
fn status_ranks_never_let_a_message_move_backwards() {
    use DeliveryStatus::*;
    assert!(Sent.rank() < Delivered.rank());
    assert!(Delivered.rank() < Read.rank());
    assert!(Read.rank() < Played.rank());
    assert!(Played.rank() < Failed.rank(), "failed is terminal");
    assert_eq!(Other("deleted".into()).rank(), 0);
    for s in ["sent", "delivered", "read", "played", "failed", "warning"] {
        assert_eq!(DeliveryStatus::parse(s).as_str(), s);
    }
    assert_eq!(serde_json::to_string(&Read).expect("json"), "\"read\"");
    let back: DeliveryStatus = serde_json::from_str("\"warning\"").expect("json");
    assert_eq!(back, Other("warning".into()));
}

#[test]
fn system_errors_become_error_events() {
    let all = events("system_errors");
    assert_eq!(all.len(), 1);
    match &all[0] {
        Event::Error(e) => {
            assert_eq!(e.error.code, 130429);
            assert_eq!(
                e.error.details.as_deref(),
                Some("Cloud API message throughput has been reached.")
            );
            assert_eq!(e.number.phone_number_id, "200000000000002");
        }
        other => panic!("expected an error event, got {other:?}"),
    }
}

#[test]
fn batched_entries_and_changes_are_all_flattened_in_order() {
    let all = events("batched");
    assert_eq!(all.len(), 5);
    let summary: Vec<String> = all
        .iter()
        .map(|e| match e {
            Event::Message(m) => format!("message {} on {}", m.wamid, m.number.phone_number_id),
            Event::Status(s) => format!("status {} {}", s.wamid, s.status),
            Event::Error(e) => format!("error {}", e.error.code),
            Event::Unknown { field, .. } => format!("unknown {field}"),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "message wamid.B1 on 200000000000002",
            "message wamid.B2 on 200000000000002",
            "status wamid.OUT1 delivered",
            "message wamid.B3 on 200000000000003",
            "unknown account_update",
        ]
    );
    if let Event::Message(m) = &all[3] {
        assert_eq!(m.contact_name.as_deref(), Some("Lucía"));
        assert_eq!(m.text(), Some("¿Dónde está mi pedido?"));
    }
}

#[test]
fn malformed_elements_become_unknown_without_failing_the_batch() {
    let all = events("malformed_elements");
    let summary: Vec<String> = all
        .iter()
        .map(|e| match e {
            Event::Message(m) => format!("message {} {:?}", m.wamid, m.kind),
            Event::Status(s) => format!("status {} {}", s.wamid, s.status),
            Event::Error(e) => format!("error {}", e.error.code),
            Event::Unknown { field, .. } => format!("unknown {field}"),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "unknown entry",
            "unknown messages",
            "message wamid.GOOD Text { body: \"good\" }",
            "unknown messages",
            "message wamid.IMAGE_NO_ID Unknown { type_name: \"image\" }",
            "unknown messages",
            "unknown statuses",
            "status wamid.OUT1 read",
            "unknown errors",
            "unknown messages",
            "unknown messages",
        ]
    );
    match &all[1] {
        Event::Unknown { raw, .. } => assert_eq!(raw["text"]["body"], "no id"),
        other => panic!("expected the raw element, got {other:?}"),
    }
    assert!(matches!(&all[0], Event::Unknown { raw, .. } if raw == "not an entry"));
    if let Event::Message(m) = &all[4] {
        assert_eq!(
            m.kind,
            MessageKind::Unknown {
                type_name: "image".into()
            }
        );
        assert_eq!(m.media(), None);
    }
}

#[test]
fn a_body_that_is_not_a_webhook_is_a_parse_error() {
    for body in [
        &b""[..],
        b"not json",
        b"[1,2]",
        b"{\"object\":\"x\"}",
        b"{\"entry\":{}}",
        b"null",
        b"\xff\xfe",
    ] {
        let result = parse(body);
        assert!(
            matches!(
                result,
                Err(ParseError::NotJson(_)) | Err(ParseError::NoEntries)
            ),
            "{:?} gave {result:?}",
            String::from_utf8_lossy(body)
        );
    }
    assert_eq!(parse(b"{\"entry\":[]}"), Ok(vec![]));
    assert_eq!(parse(b"{}"), Err(ParseError::NoEntries));
}

#[test]
fn every_truncated_prefix_of_a_real_payload_is_an_error_or_events_never_a_panic() {
    for name in ["batched", "statuses", "malformed_elements", "text"] {
        let body = fixture(name);
        for cut in 0..body.len() {
            let prefix = &body[..cut];
            if let Ok(events) = parse(prefix) {
                // Only a complete document can parse; a cut body must fail as JSON.
                assert!(
                    prefix.trim_ascii_end().ends_with(b"}"),
                    "{name} cut at {cut}: {events:?}"
                );
            }
        }
        assert!(parse(&body).is_ok(), "{name} whole");
    }
}

#[test]
fn flipped_bytes_in_a_real_payload_never_panic() {
    let body = fixture("batched");
    let mut seed: u32 = 0x2545_f491;
    for _ in 0..2_000 {
        let mut copy = body.clone();
        for _ in 0..3 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let at = seed as usize % copy.len();
            copy[at] = (seed >> 8) as u8;
        }
        let _ = parse(&copy);
    }
}
