//! SLA clocks with an injected `now`, humane durations in settings, and the store's settings file.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lifeline_desk::clocks::{
    breached, format_duration, next_deadline, parse_duration, start_clocks, tally, Clock,
    ClockKind, ClockState, DurationError, SlaSettings, Tally,
};

fn opened() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 14, 0, 0).unwrap()
}

#[test]
fn humane_durations_read_the_way_a_store_owner_writes_them() {
    assert_eq!(parse_duration("90s"), Ok(Duration::seconds(90)));
    assert_eq!(parse_duration("15m"), Ok(Duration::minutes(15)));
    assert_eq!(parse_duration("24h"), Ok(Duration::hours(24)));
    assert_eq!(parse_duration("2d"), Ok(Duration::days(2)));
    assert_eq!(parse_duration("1h30m"), Ok(Duration::minutes(90)));
    assert_eq!(parse_duration(" 1h 30m "), Ok(Duration::minutes(90)));
    assert_eq!(parse_duration("2 days"), Ok(Duration::days(2)));
    assert_eq!(parse_duration("1W"), Ok(Duration::weeks(1)));
}

#[test]
fn a_bad_duration_is_a_clear_error_not_a_panic() {
    assert_eq!(parse_duration(""), Err(DurationError::Empty));
    assert!(matches!(
        parse_duration("15"),
        Err(DurationError::MissingUnit(_))
    ));
    assert!(matches!(
        parse_duration("15x"),
        Err(DurationError::UnknownUnit { .. })
    ));
    assert!(matches!(
        parse_duration("h15"),
        Err(DurationError::Malformed(_))
    ));
    assert!(matches!(
        parse_duration("-5m"),
        Err(DurationError::Malformed(_))
    ));
    assert!(matches!(
        parse_duration("99999999999999999999h"),
        Err(DurationError::TooLong(_))
    ));
    assert!(matches!(
        parse_duration("100000w"),
        Err(DurationError::TooLong(_))
    ));
    let msg = parse_duration("15").unwrap_err().to_string();
    assert!(msg.contains("\"15m\""), "{msg}");
}

#[test]
fn durations_are_written_back_the_way_they_are_read() {
    for text in ["90s", "15m", "24h", "2d", "1h30m", "1d2h3m4s"] {
        let d = parse_duration(text).unwrap();
        assert_eq!(parse_duration(&format_duration(d)), Ok(d), "{text}");
    }
    assert_eq!(format_duration(Duration::seconds(90)), "1m30s");
    assert_eq!(format_duration(Duration::hours(48)), "2d");
    assert_eq!(format_duration(Duration::zero()), "0s");
}

#[test]
fn sla_settings_have_domain_defaults_and_read_overrides_from_toml() {
    let d = SlaSettings::default();
    assert_eq!(d.acknowledge, Duration::seconds(60));
    assert_eq!(d.cause_found, Duration::minutes(15));
    assert!(d.first_human_reply <= d.cause_found);
    assert_eq!(SlaSettings::from_toml("").unwrap(), d);

    let s = SlaSettings::from_toml("cause_found = \"30m\"\nresolution = \"3d\"\nacknowledge = 30")
        .unwrap();
    assert_eq!(s.cause_found, Duration::minutes(30));
    assert_eq!(s.resolution, Duration::days(3));
    assert_eq!(s.acknowledge, Duration::seconds(30));
    assert_eq!(s.first_human_reply, d.first_human_reply);
}

#[test]
fn sla_settings_errors_name_the_problem() {
    let err = SlaSettings::from_toml("cause_found = \"15\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("needs a unit"), "{err}");
    let err = SlaSettings::from_toml("cause_fund = \"15m\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("cause_fund"), "{err}");
}

#[test]
fn sla_settings_survive_a_round_trip_through_toml() {
    let s = SlaSettings::from_toml("resolution = \"1d12h\"").unwrap();
    let text = toml::to_string(&s).unwrap();
    assert!(text.contains("resolution = \"1d12h\""), "{text}");
    assert_eq!(SlaSettings::from_toml(&text).unwrap(), s);
}

#[test]
fn a_clock_runs_then_breaches_by_the_overrun() {
    let c = Clock::new(ClockKind::CauseFound, opened(), Duration::minutes(15));
    assert_eq!(
        c.status(opened() + Duration::minutes(10)),
        ClockState::Running {
            remaining: Duration::minutes(5)
        }
    );
    assert_eq!(
        c.status(opened() + Duration::minutes(15)),
        ClockState::Breached {
            by: Duration::zero()
        }
    );
    assert_eq!(
        c.status(opened() + Duration::minutes(22)),
        ClockState::Breached {
            by: Duration::minutes(7)
        }
    );
}

#[test]
fn a_clock_met_in_time_stays_met_and_one_met_late_stays_breached() {
    let mut on_time = Clock::new(ClockKind::FirstHumanReply, opened(), Duration::minutes(10));
    on_time.meet(opened() + Duration::minutes(4));
    on_time.meet(opened() + Duration::minutes(40));
    assert_eq!(
        on_time.met_at,
        Some(opened() + Duration::minutes(4)),
        "the first meeting counts"
    );
    assert_eq!(
        on_time.status(opened() + Duration::days(3)),
        ClockState::Met
    );

    let mut late = Clock::new(ClockKind::FirstHumanReply, opened(), Duration::minutes(10));
    late.meet(opened() + Duration::minutes(25));
    assert_eq!(
        late.status(opened() + Duration::days(3)),
        ClockState::Breached {
            by: Duration::minutes(15)
        }
    );
    assert!(
        !late.is_overdue(opened() + Duration::days(3)),
        "met late is no longer overdue"
    );
}

#[test]
fn a_new_case_starts_its_four_clocks_from_the_store_settings() {
    let s = SlaSettings::default();
    let clocks = start_clocks(&s, opened());
    let kinds: Vec<&str> = clocks.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "acknowledge",
            "first_human_reply",
            "cause_found",
            "resolution"
        ]
    );
    assert_eq!(clocks[0].deadline, opened() + Duration::seconds(60));
    assert_eq!(clocks[2].deadline, opened() + Duration::minutes(15));
    assert!(clocks
        .iter()
        .all(|c| c.started_at == opened() && c.met_at.is_none()));
}

#[test]
fn breached_lists_only_clocks_overdue_and_unmet_at_now() {
    let mut clocks = start_clocks(&SlaSettings::default(), opened());
    clocks[0].meet(opened() + Duration::seconds(1));
    let now = opened() + Duration::minutes(12);
    let late: Vec<&str> = breached(&clocks, now)
        .iter()
        .map(|c| c.kind.as_str())
        .collect();
    assert_eq!(late, vec!["first_human_reply"]);
    assert!(breached(&clocks, opened() + Duration::seconds(30)).is_empty());
    let later: Vec<&str> = breached(&clocks, opened() + Duration::hours(49))
        .iter()
        .map(|c| c.kind.as_str())
        .collect();
    assert_eq!(
        later,
        vec!["first_human_reply", "cause_found", "resolution"]
    );
}

#[test]
fn the_next_deadline_is_the_earliest_unmet_clock_including_overdue_ones() {
    let mut clocks = start_clocks(&SlaSettings::default(), opened());
    clocks[0].meet(opened());
    assert_eq!(
        next_deadline(&clocks),
        Some(opened() + Duration::minutes(10))
    );
    for c in clocks.iter_mut() {
        c.meet(opened());
    }
    assert_eq!(next_deadline(&clocks), None);
}

#[test]
fn a_clock_state_serializes_for_the_api_with_seconds() {
    let c = Clock::new(ClockKind::Acknowledge, opened(), Duration::seconds(60));
    let json = serde_json::to_value(c.status(opened() + Duration::seconds(20))).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"state": "running", "remaining": 40})
    );
    let json = serde_json::to_value(c.status(opened() + Duration::seconds(75))).unwrap();
    assert_eq!(json, serde_json::json!({"state": "breached", "by": 15}));
    let promise = Clock::promise("within 24 hours", opened(), opened() + Duration::hours(24));
    let json = serde_json::to_value(&promise).unwrap();
    assert_eq!(
        json["kind"],
        serde_json::json!({"type": "promise", "text": "within 24 hours"})
    );
    let back: Clock = serde_json::from_value(json).unwrap();
    assert_eq!(back, promise);
}

#[test]
fn the_metrics_tally_clocks_by_kind() {
    let mut clocks = start_clocks(&SlaSettings::default(), opened());
    clocks[0].meet(opened() + Duration::seconds(1));
    clocks[1].meet(opened() + Duration::minutes(20));
    clocks.push(Clock::promise(
        "in 2 hours",
        opened(),
        opened() + Duration::hours(2),
    ));
    let t = tally(&clocks, opened() + Duration::minutes(30));
    assert_eq!(
        t["acknowledge"],
        Tally {
            met: 1,
            breached: 0,
            running: 0
        }
    );
    assert_eq!(
        t["first_human_reply"],
        Tally {
            met: 0,
            breached: 1,
            running: 0
        }
    );
    assert_eq!(
        t["cause_found"],
        Tally {
            met: 0,
            breached: 1,
            running: 0
        }
    );
    assert_eq!(
        t["promise"],
        Tally {
            met: 0,
            breached: 0,
            running: 1
        }
    );
    assert_eq!(t["resolution"].running, 1);
}
