//! Error codes sorted into what the sender does next, the retry schedules, and agent-facing reasons.

use std::time::Duration;

use lifeline_whatsapp::errors::{classify, describe, retry_delay, ErrorClass};

#[test]
fn codes_fall_into_the_documented_classes() {
    use ErrorClass::*;
    let table: &[(i64, ErrorClass)] = &[
        (131000, Transient),
        (131016, Transient),
        (131057, Transient),
        (133004, Transient),
        (130429, Throughput),
        (4, Throughput),
        (80007, Throughput),
        (131056, PairRate),
        (131047, WindowClosed),
        (0, Credential),
        (190, Credential),
        (3, Credential),
        (10, Credential),
        (200, Credential),
        (250, Credential),
        (299, Credential),
        (131005, Credential),
        (131031, Credential),
        (133010, Credential),
        (368, Credential),
        (131048, Credential),
        (131026, Permanent),
        (131051, Permanent),
        (131053, Permanent),
        (132000, Permanent),
        (132001, Permanent),
        (132018, Permanent),
        (100, Permanent),
        (131008, Permanent),
        (131009, Permanent),
        (131021, Permanent),
        (131030, Permanent),
        (131049, Permanent),
        (300, Permanent),
        (999_999, Permanent),
        (-1, Permanent),
    ];
    for (code, class) in table {
        assert_eq!(classify(*code), *class, "code {code}");
    }
}

#[test]
fn only_waiting_classes_are_retryable() {
    use ErrorClass::*;
    for class in [Transient, Throughput, PairRate] {
        assert!(class.is_retryable());
        assert!(retry_delay(class, 0).is_some());
    }
    for class in [WindowClosed, Credential, Permanent] {
        assert!(!class.is_retryable());
        assert_eq!(retry_delay(class, 0), None, "{class:?}");
    }
}

#[test]
fn transient_errors_back_off_exponentially_up_to_a_cap_then_stop() {
    let secs: Vec<Option<u64>> = (0..10)
        .map(|a| retry_delay(ErrorClass::Transient, a).map(|d| d.as_secs()))
        .collect();
    assert_eq!(
        secs,
        [
            Some(2),
            Some(4),
            Some(8),
            Some(16),
            Some(32),
            Some(64),
            Some(128),
            Some(256),
            None,
            None
        ]
    );
    let throughput: Vec<u64> = (0..8)
        .filter_map(|a| retry_delay(ErrorClass::Throughput, a).map(|d| d.as_secs()))
        .collect();
    assert_eq!(throughput, [1, 2, 4, 8, 16, 32, 60, 60]);
    assert_eq!(retry_delay(ErrorClass::Throughput, 8), None);
}

#[test]
fn the_pair_rate_limit_follows_four_to_the_power_of_the_attempt() {
    let secs: Vec<Option<Duration>> = (0..7)
        .map(|a| retry_delay(ErrorClass::PairRate, a))
        .collect();
    let expected = [1, 4, 16, 64, 256, 300].map(|s| Some(Duration::from_secs(s)));
    assert_eq!(&secs[..6], &expected);
    assert_eq!(secs[6], None);
    assert_eq!(retry_delay(ErrorClass::PairRate, u32::MAX), None);
}

#[test]
fn agents_get_a_reason_they_can_act_on() {
    assert_eq!(
        describe(131047),
        "Outside the 24-hour window: send an approved template"
    );
    assert!(describe(131026)
        .starts_with("Not a WhatsApp number or the shopper has not accepted the terms"));
    assert!(describe(190).starts_with("Access token expired or revoked"));
    assert!(describe(131056).contains("this shopper"));
    assert_eq!(describe(132999), "The template was refused");
    assert_eq!(
        describe(42),
        "WhatsApp refused the message (see the error code)"
    );
    for code in [
        0, 4, 100, 130429, 131000, 131009, 131030, 131051, 131053, 132001, 133010, 368,
    ] {
        assert_ne!(
            describe(code),
            describe(42),
            "code {code} deserves its own reason"
        );
    }
    assert_eq!(ErrorClass::PairRate.as_str(), "pair_rate");
}
