//! Cases: statuses and their moves, board labels, the audit trail as JSON, and the inbox order.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lifeline_desk::case::{
    can_move, labels_for, move_to, queue_rank, route_message, same_order, when_shopper_writes,
    Actor, CaseFlags, CaseRef, CaseStatus, Label, Route, ShopperWrote, TimelineEntry,
    TimelineEvent,
};
use lifeline_desk::clocks::ClockKind;
use lifeline_desk::followup::FollowUpReason;
use lifeline_desk::{Remedy, Role};
use lifeline_triage::{ExceptionKind, Priority};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, h, m, 0).unwrap()
}

#[test]
fn every_status_round_trips_through_its_wire_spelling_and_serde() {
    for s in CaseStatus::ALL {
        assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, format!("\"{}\"", s.as_str()));
    }
    assert_eq!(
        CaseStatus::parse("waiting_customer"),
        Some(CaseStatus::WaitingCustomer)
    );
    assert_eq!(CaseStatus::parse("open"), None);
}

#[test]
fn a_case_walks_forward_and_a_resolved_case_reopens_but_a_closed_one_never_moves() {
    use CaseStatus::*;
    assert!(can_move(New, Acknowledged));
    assert!(can_move(Acknowledged, Investigating));
    assert!(can_move(Investigating, WaitingCustomer));
    assert!(can_move(WaitingCustomer, Investigating));
    assert!(can_move(Investigating, Resolved));
    assert!(
        can_move(Resolved, Investigating),
        "reopening when the shopper writes again"
    );
    assert!(can_move(Resolved, Closed));
    assert!(!can_move(Investigating, New));
    assert!(!can_move(Investigating, Acknowledged));
    for to in CaseStatus::ALL {
        assert!(!can_move(Closed, to), "closed → {to}");
        assert!(!can_move(to, to), "{to} → itself is not a move");
    }
}

#[test]
fn a_refused_move_says_why_in_plain_words() {
    let err = move_to(CaseStatus::Closed, CaseStatus::Investigating).unwrap_err();
    assert!(err.to_string().contains("new case"), "{err}");
    let err = move_to(CaseStatus::Investigating, CaseStatus::New).unwrap_err();
    assert_eq!(
        err.to_string(),
        "A case cannot go back from investigating to new."
    );
    let err = move_to(CaseStatus::WaitingCustomer, CaseStatus::WaitingCustomer).unwrap_err();
    assert_eq!(err.to_string(), "The case is already waiting customer.");
    assert_eq!(
        move_to(CaseStatus::New, CaseStatus::Acknowledged),
        Ok(CaseStatus::Acknowledged)
    );
}

#[test]
fn a_shopper_writing_again_reopens_a_resolved_case_and_opens_a_new_one_after_closing() {
    use CaseStatus::*;
    assert_eq!(
        when_shopper_writes(Resolved),
        ShopperWrote::MoveTo(Investigating)
    );
    assert_eq!(
        when_shopper_writes(WaitingCustomer),
        ShopperWrote::MoveTo(Investigating)
    );
    assert_eq!(when_shopper_writes(Closed), ShopperWrote::OpenNewCase);
    assert_eq!(when_shopper_writes(Investigating), ShopperWrote::Stay);
    assert_eq!(when_shopper_writes(New), ShopperWrote::Stay);
    for s in CaseStatus::ALL {
        if let ShopperWrote::MoveTo(to) = when_shopper_writes(s) {
            assert!(can_move(s, to), "{s} → {to} must be an allowed move");
        }
    }
}

#[test]
fn a_new_delay_sits_in_pending_and_logistics_plus_its_kind() {
    let labels = labels_for(
        ExceptionKind::Delayed,
        CaseStatus::New,
        CaseFlags::default(),
    );
    assert_eq!(labels, vec!["pending", "logistics", "delayed"]);
}

#[test]
fn a_damaged_case_waiting_on_a_photo_is_not_pending() {
    let labels = labels_for(
        ExceptionKind::Damaged,
        CaseStatus::WaitingCustomer,
        CaseFlags::default(),
    );
    assert_eq!(labels, vec!["damaged"]);
}

#[test]
fn a_resolved_case_with_a_refund_on_its_way_and_a_check_in_due_shows_all_three() {
    let flags = CaseFlags {
        refund_in_progress: true,
        follow_up_due: true,
        ..CaseFlags::default()
    };
    let labels = labels_for(ExceptionKind::Lost, CaseStatus::Resolved, flags);
    assert_eq!(
        labels,
        vec!["refund in progress", "needs follow-up", "resolved", "lost"]
    );
}

#[test]
fn a_breached_wrong_item_case_with_a_replacement_in_transit_needs_follow_up_and_logistics() {
    let flags = CaseFlags {
        breached: true,
        replacement_in_transit: true,
        ..CaseFlags::default()
    };
    let labels = labels_for(ExceptionKind::WrongItem, CaseStatus::Investigating, flags);
    assert_eq!(
        labels,
        vec!["pending", "logistics", "needs follow-up", "wrong_item"]
    );
}

#[test]
fn a_closed_case_leaves_the_working_columns() {
    let flags = CaseFlags {
        refund_in_progress: true,
        follow_up_due: true,
        ..CaseFlags::default()
    };
    let labels = labels_for(ExceptionKind::Payment, CaseStatus::Closed, flags);
    assert_eq!(labels, vec!["resolved", "payment"]);
}

#[test]
fn board_labels_serialize_as_agents_read_them() {
    let json = serde_json::to_string(&Label::ALL).unwrap();
    assert_eq!(
        json,
        r#"["pending","logistics","refund in progress","needs follow-up","resolved"]"#
    );
}

#[test]
fn the_audit_trail_serializes_to_tagged_json_and_back() {
    let trail = vec![
        TimelineEntry::new(
            at(9, 0),
            Actor::System,
            TimelineEvent::Created {
                kind: ExceptionKind::Delayed,
                priority: Priority::High,
                order_number: Some("#1042".into()),
            },
        ),
        TimelineEntry::new(
            at(9, 5),
            Actor::Agent("ana".into()),
            TimelineEvent::StatusChanged {
                from: CaseStatus::New,
                to: CaseStatus::Investigating,
            },
        ),
        TimelineEntry::new(
            at(9, 6),
            Actor::Agent("ana".into()),
            TimelineEvent::ApprovalRequested {
                remedy: Remedy::Coupon { basis_points: 3000 },
                by: Role::Supervisor,
                why: "above the agent's limit".into(),
            },
        ),
        TimelineEntry::new(
            at(9, 7),
            Actor::Shopper,
            TimelineEvent::ShopperChose {
                remedy: Remedy::Replacement,
            },
        ),
        TimelineEntry::new(
            at(10, 0),
            Actor::System,
            TimelineEvent::ClockBreached {
                clock: ClockKind::Promise {
                    text: "within 24 hours".into(),
                },
            },
        ),
        TimelineEntry::new(
            at(10, 1),
            Actor::System,
            TimelineEvent::FollowUpSent {
                reason: FollowUpReason::StalledChaseCarrier,
            },
        ),
    ];
    let json = serde_json::to_value(&trail).unwrap();
    assert_eq!(json[0]["what"]["event"], "created");
    assert_eq!(json[0]["what"]["kind"], "delayed");
    assert_eq!(json[0]["actor"], serde_json::json!({"type": "system"}));
    assert_eq!(
        json[1]["actor"],
        serde_json::json!({"type": "agent", "id": "ana"})
    );
    assert_eq!(json[1]["what"]["to"], "investigating");
    assert_eq!(json[2]["what"]["remedy"]["type"], "coupon");
    assert_eq!(json[2]["what"]["by"], "supervisor");
    assert_eq!(json[4]["what"]["clock"]["type"], "promise");
    assert_eq!(json[5]["what"]["reason"]["reason"], "stalled_chase_carrier");
    let back: Vec<TimelineEntry> = serde_json::from_value(json).unwrap();
    assert_eq!(back, trail);
}

#[test]
fn the_inbox_puts_escalated_then_breached_then_priority_then_the_nearest_deadline() {
    let now = at(12, 0);
    let soon = Some(now + Duration::minutes(5));
    let later = Some(now + Duration::hours(3));
    let mut cases = [
        (
            "normal later",
            queue_rank(Priority::Normal, false, false, later, now),
        ),
        (
            "urgent no clock",
            queue_rank(Priority::Urgent, false, false, None, now),
        ),
        (
            "urgent later",
            queue_rank(Priority::Urgent, false, false, later, now),
        ),
        (
            "urgent soon",
            queue_rank(Priority::Urgent, false, false, soon, now),
        ),
        (
            "breached normal",
            queue_rank(Priority::Normal, false, true, later, now),
        ),
        (
            "escalated low",
            queue_rank(Priority::Low, true, false, None, now),
        ),
        (
            "overdue high",
            queue_rank(
                Priority::High,
                false,
                false,
                Some(now - Duration::minutes(1)),
                now,
            ),
        ),
    ];
    cases.sort_by_key(|(_, rank)| *rank);
    let order: Vec<&str> = cases.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        order,
        vec![
            "escalated low",
            "overdue high",
            "breached normal",
            "urgent soon",
            "urgent later",
            "urgent no clock",
            "normal later",
        ]
    );
}

fn case_ref(id: u32, order: Option<&str>, status: CaseStatus, minutes_ago: i64) -> CaseRef<u32> {
    CaseRef {
        id,
        order_number: order.map(str::to_string),
        status,
        last_activity_at: at(12, 0) - Duration::minutes(minutes_ago),
        order_unknown: false,
    }
}

#[test]
fn a_number_after_one_no_shop_has_corrects_that_case() {
    let mut typo = case_ref(1, Some("99999"), CaseStatus::Acknowledged, 5);
    assert_eq!(
        route_message(std::slice::from_ref(&typo), Some("1017")),
        Route::NewCase,
        "a known order's case keeps its order"
    );
    typo.order_unknown = true;
    assert_eq!(route_message(&[typo], Some("1017")), Route::AttachOrder(1));
}

#[test]
fn order_numbers_match_however_the_shopper_writes_them() {
    assert!(same_order("#1042", "1042"));
    assert!(same_order(" #1042 ", "No. 1042"));
    assert!(same_order("BR-1042", "br1042"));
    assert!(!same_order("#1042", "#1043"));
    assert!(!same_order("#", ""));
}

#[test]
fn a_message_about_the_same_order_joins_its_case_and_another_order_opens_a_new_one() {
    let cases = [
        case_ref(1, Some("#1042"), CaseStatus::Investigating, 30),
        case_ref(2, Some("#0999"), CaseStatus::Closed, 5),
    ];
    assert_eq!(route_message(&cases, Some("1042")), Route::Existing(1));
    assert_eq!(route_message(&cases, Some("#2001")), Route::NewCase);
    assert_eq!(
        route_message(&cases, Some("#0999")),
        Route::NewCase,
        "closed cases are never reused"
    );
    assert_eq!(route_message(&cases, None), Route::Existing(1));
}

#[test]
fn the_order_number_the_desk_asked_for_is_attached_to_the_waiting_case() {
    let cases = [case_ref(7, None, CaseStatus::Acknowledged, 2)];
    assert_eq!(route_message(&cases, Some("#1042")), Route::AttachOrder(7));
}

#[test]
fn a_message_without_an_order_goes_to_the_latest_open_case_before_a_resolved_one() {
    let cases = [
        case_ref(1, Some("#1"), CaseStatus::Resolved, 1),
        case_ref(2, Some("#2"), CaseStatus::WaitingCustomer, 90),
        case_ref(3, Some("#3"), CaseStatus::Investigating, 10),
    ];
    assert_eq!(route_message(&cases, None), Route::Existing(3));
    let only_resolved = [case_ref(1, Some("#1"), CaseStatus::Resolved, 1)];
    assert_eq!(
        route_message(&only_resolved, None),
        Route::Existing(1),
        "it reopens"
    );
    assert_eq!(route_message::<u32>(&[], None), Route::NewCase);
}
