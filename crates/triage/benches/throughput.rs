//! Messages triaged per second on one thread, over the development set repeated.
//! Run with `cargo bench -p lifeline-triage`. The floor from issue 3 is 50,000 messages/s.

use std::hint::black_box;
use std::time::{Duration, Instant};

use lifeline_triage::{OrderPattern, TrackingPattern, TriageConfig, Triager, DEV_SET};

fn messages() -> Vec<(String, Option<String>)> {
    DEV_SET
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let text = v.get("text")?.as_str()?.to_string();
            let from = v.get("from").and_then(|f| f.as_str()).map(str::to_string);
            Some((text, from))
        })
        .collect()
}

fn run(name: &str, triager: &Triager, msgs: &[(String, Option<String>)]) {
    for (text, from) in msgs.iter().take(200) {
        black_box(triager.triage(text, from.as_deref()));
    }
    let budget = Duration::from_secs(3);
    let start = Instant::now();
    let mut count = 0u64;
    let mut bytes = 0u64;
    while start.elapsed() < budget {
        for (text, from) in msgs {
            black_box(triager.triage(black_box(text), from.as_deref()));
            bytes += text.len() as u64;
        }
        count += msgs.len() as u64;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name:<28} {count:>9} messages in {secs:.2} s: {:>9.0} messages/s, {:.1} µs each, {:.1} MB/s",
        count as f64 / secs,
        secs * 1e6 / count as f64,
        bytes as f64 / secs / 1e6
    );
}

fn main() {
    let msgs = messages();
    println!(
        "triage throughput, one thread, {} distinct messages",
        msgs.len()
    );
    let plain = Triager::new(TriageConfig::default()).expect("default config builds");
    run("default config", &plain, &msgs);
    let store = Triager::new(TriageConfig {
        order_patterns: vec![OrderPattern {
            prefix: Some("LL-".into()),
            min_digits: 4,
            max_digits: 6,
        }],
        tracking_patterns: vec![TrackingPattern {
            carrier: "jt".into(),
            regex: r"^JT\d{13}$".into(),
        }],
    })
    .expect("store config builds");
    run("with store patterns", &store, &msgs);
    let start = Instant::now();
    let built = Triager::new(TriageConfig::default()).expect("default config builds");
    println!(
        "building a triager: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    black_box(built);
}
