//! Counters for `/metrics`, in Prometheus text format. A handful of atomics: no registry needed.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// What the desk counts. Everything is monotonic except the gauges named so.
#[derive(Default, Debug)]
pub struct Metrics {
    pub webhooks_ok: AtomicU64,
    pub webhooks_bad_signature: AtomicU64,
    pub webhooks_malformed: AtomicU64,
    pub webhooks_too_large: AtomicU64,
    pub webhooks_failed: AtomicU64,
    pub inbound_messages: AtomicU64,
    pub inbound_duplicates: AtomicU64,
    pub statuses: AtomicU64,
    pub inbound_processed: AtomicU64,
    pub acknowledgements: AtomicU64,
    pub sends_accepted: AtomicU64,
    pub sends_retried: AtomicU64,
    pub sends_failed: AtomicU64,
    pub sends_deferred: AtomicU64,
    pub media_stored: AtomicU64,
    pub media_failed_attempts: AtomicU64,
    pub clocks_breached: AtomicU64,
    /// Gauge: sends whose outcome is unknown, waiting for Meta's receipt (see `settle_window`).
    pub sends_awaiting_receipt: AtomicU64,
    /// Sum of webhook handling time in microseconds, with the count in `webhooks_ok`.
    pub webhook_micros: AtomicU64,
}

/// One `name{labels} value` line.
fn line(out: &mut String, name: &str, help: &str, kind: &str, value: u64) {
    let _ = writeln!(
        out,
        "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
    );
}

impl Metrics {
    /// Adds one to a counter.
    pub fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Relaxed);
    }

    /// Renders the counters, plus gauges computed by the caller (`extra`, already formatted).
    pub fn render(&self, extra: &str) -> String {
        let mut out = String::with_capacity(2048);
        let g = |c: &AtomicU64| c.load(Relaxed);
        let _ = writeln!(
            out,
            "# HELP lifeline_webhooks_total Webhook POSTs by outcome.\n# TYPE lifeline_webhooks_total counter"
        );
        for (outcome, c) in [
            ("ok", &self.webhooks_ok),
            ("bad_signature", &self.webhooks_bad_signature),
            ("malformed", &self.webhooks_malformed),
            ("too_large", &self.webhooks_too_large),
            ("error", &self.webhooks_failed),
        ] {
            let _ = writeln!(
                out,
                "lifeline_webhooks_total{{outcome=\"{outcome}\"}} {}",
                g(c)
            );
        }
        line(
            &mut out,
            "lifeline_inbound_messages_total",
            "Inbound messages stored.",
            "counter",
            g(&self.inbound_messages),
        );
        line(
            &mut out,
            "lifeline_inbound_duplicates_total",
            "Redelivered inbound messages ignored.",
            "counter",
            g(&self.inbound_duplicates),
        );
        line(
            &mut out,
            "lifeline_statuses_total",
            "New delivery receipts stored.",
            "counter",
            g(&self.statuses),
        );
        line(
            &mut out,
            "lifeline_inbound_processed_total",
            "Inbound messages handled by the workers.",
            "counter",
            g(&self.inbound_processed),
        );
        line(
            &mut out,
            "lifeline_acknowledgements_total",
            "Automatic acknowledgements queued.",
            "counter",
            g(&self.acknowledgements),
        );
        let _ = writeln!(out, "# HELP lifeline_sends_total Outbound sends by outcome.\n# TYPE lifeline_sends_total counter");
        for (outcome, c) in [
            ("accepted", &self.sends_accepted),
            ("retried", &self.sends_retried),
            ("failed", &self.sends_failed),
            ("deferred", &self.sends_deferred),
        ] {
            let _ = writeln!(
                out,
                "lifeline_sends_total{{outcome=\"{outcome}\"}} {}",
                g(c)
            );
        }
        line(
            &mut out,
            "lifeline_sends_awaiting_receipt",
            "Sends whose outcome is unknown (a crash, a lost answer), held for Meta's receipt before any resend.",
            "gauge",
            g(&self.sends_awaiting_receipt),
        );
        line(
            &mut out,
            "lifeline_media_stored_total",
            "Inbound media files stored.",
            "counter",
            g(&self.media_stored),
        );
        line(
            &mut out,
            "lifeline_media_failed_attempts_total",
            "Failed media download attempts.",
            "counter",
            g(&self.media_failed_attempts),
        );
        line(
            &mut out,
            "lifeline_clocks_breached_total",
            "Case clocks that ran out.",
            "counter",
            g(&self.clocks_breached),
        );
        line(
            &mut out,
            "lifeline_webhook_seconds_sum",
            "Time spent handling accepted webhooks.",
            "counter",
            0,
        );
        // Replace the placeholder above with a float, which `line` cannot print.
        out = out.replace(
            "lifeline_webhook_seconds_sum 0\n",
            &format!(
                "lifeline_webhook_seconds_sum {:.6}\n",
                g(&self.webhook_micros) as f64 / 1e6
            ),
        );
        out.push_str(extra);
        out
    }
}
