//! Prints how fast the webhook edge runs: signature checks, parsing, and outbound preparation.
//!
//! `cargo bench -p lifeline-whatsapp --bench webhook` for optimised figures;
//! `cargo test -p lifeline-whatsapp --bench webhook` runs it in the debug profile.

use std::hint::black_box;
use std::time::{Duration, Instant};

use lifeline_whatsapp::outbound::{OutboundMessage, ReplyButton};
use lifeline_whatsapp::{signature, webhook, Recipient};

const SECRET: &[u8] = b"bench-app-secret";

/// A POST with `n` text messages from different shoppers, ASCII-escaped as Meta sends it.
fn batch(n: usize) -> Vec<u8> {
    let messages: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"from":"55119{i:08}","id":"wamid.BENCH{i}","timestamp":"1760000000","type":"text","text":{{"body":"Ol\u00e1, o pedido #{i} n\u00e3o chegou \ud83d\udce6"}}}}"#
            )
        })
        .collect();
    let contacts: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"profile":{{"name":"Shopper {i}"}},"wa_id":"55119{i:08}"}}"#))
        .collect();
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550001111","phone_number_id":"2"}},"contacts":[{}],"messages":[{}]}}}}]}}]}}"#,
        contacts.join(","),
        messages.join(",")
    )
    .into_bytes()
}

/// Runs `f` repeatedly for about a second; returns (iterations, elapsed).
fn measure(mut f: impl FnMut()) -> (u64, Duration) {
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < Duration::from_secs(1) {
        f();
        n += 1;
    }
    (n, start.elapsed())
}

fn main() {
    // `cargo test --benches` passes harness flags; a plain run has none. Either way, run once.
    for (label, size) in [("1 message", 1), ("1000 messages", 1000)] {
        let body = batch(size);
        let header = signature::sign(SECRET, &body);
        let (n, t) = measure(|| {
            black_box(signature::verify(SECRET, black_box(&body), Some(&header)).is_ok());
        });
        let mb = (body.len() as f64 * n as f64) / t.as_secs_f64() / 1e6;
        println!(
            "verify  {label:>13}: {:>9.0} POSTs/s, {mb:>7.1} MB/s ({} bytes)",
            n as f64 / t.as_secs_f64(),
            body.len()
        );
        let (n, t) = measure(|| {
            let events = webhook::parse(black_box(&body))
                .map(|e| e.len())
                .unwrap_or(0);
            assert_eq!(events, size);
        });
        let per_sec = n as f64 * size as f64 / t.as_secs_f64();
        println!("parse   {label:>13}: {per_sec:>9.0} messages/s");
    }
    let reply = OutboundMessage::Buttons {
        body: "Sentimos muito! O que prefere?".into(),
        header: Some("Pedido #1042".into()),
        footer: None,
        buttons: vec![
            ReplyButton {
                id: "reship".into(),
                title: "Reenviar".into(),
            },
            ReplyButton {
                id: "refund".into(),
                title: "Reembolso".into(),
            },
        ],
    };
    let to = Recipient::Phone("+5511987654321".into());
    let (n, t) = measure(|| {
        black_box(reply.validate().is_ok());
        black_box(reply.to_request_body(&to, Some("wamid.IN"), Some("outbox-1")));
    });
    println!(
        "outbound validate + body:  {:>9.0} messages/s",
        n as f64 / t.as_secs_f64()
    );
}
