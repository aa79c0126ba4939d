//! Promises read from an agent's reply in the eight languages, and the follow-up schedule.

use chrono::{DateTime, Duration, TimeZone, Utc};
use lifeline_desk::case::CaseStatus;
use lifeline_desk::clocks::{find_promise, promise_deadline, Clock, ClockKind};
use lifeline_desk::followup::{
    next_followups, next_followups_with, next_tracking_check, CaseFacts, FollowUpReason,
    FollowUpSettings,
};
use lifeline_triage::ExceptionKind;

/// A Wednesday afternoon.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 18, 15, 0, 0).unwrap()
}

fn promised(text: &str, lang: &str) -> Option<Duration> {
    promise_deadline(text, lang, now()).map(|d| d - now())
}

#[test]
fn concrete_promises_are_read_in_all_eight_languages() {
    let h = Duration::hours;
    let cases = [
        (
            "I'll get back to you within 24 hours with news.",
            "en",
            h(24),
        ),
        ("You'll hear from me in 2 hours.", "en", h(2)),
        ("Te escribo de nuevo dentro de 48 horas.", "es", h(48)),
        ("Te aviso en un plazo de 24 horas.", "es_MX", h(24)),
        ("Vou te dar um retorno em até 24 horas.", "pt", h(24)),
        ("Retorno nas próximas 12 horas, combinado?", "pt_BR", h(12)),
        ("Je reviens vers vous sous 24 heures.", "fr", h(24)),
        ("Vous aurez des nouvelles d'ici 48 heures.", "fr", h(48)),
        (
            "Wir melden uns innerhalb von 24 Stunden bei Ihnen.",
            "de",
            h(24),
        ),
        ("Ich melde mich in den nächsten 2 Stunden.", "de", h(2)),
        ("Ti aggiorno entro 24 ore.", "it", h(24)),
        ("Kami akan menghubungi Anda dalam 24 jam.", "id", h(24)),
        ("Kami kabari dalam waktu 1x24 jam ya.", "id", h(24)),
        ("We laten binnen 24 uur van ons horen.", "nl", h(24)),
        ("I'll update you within a day.", "en", h(24)),
        (
            "Il pacco arriverà entro una settimana.",
            "it",
            Duration::weeks(1),
        ),
        (
            "We'll have it sorted in 30 minutes.",
            "en",
            Duration::minutes(30),
        ),
        ("Reply within 48h guaranteed.", "en", h(48)),
    ];
    for (text, lang, expected) in cases {
        assert_eq!(promised(text, lang), Some(expected), "{lang}: {text}");
    }
}

#[test]
fn tomorrow_means_24_hours_and_the_day_after_48_in_every_language() {
    let day = Some(Duration::hours(24));
    let two = Some(Duration::hours(48));
    for (text, lang) in [
        ("I'll message you by tomorrow.", "en"),
        ("Te confirmo mañana sin falta.", "es"),
        ("Amanhã te mando o novo código de rastreio.", "pt"),
        ("Je vous confirme demain.", "fr"),
        ("Ich melde mich bis morgen.", "de"),
        ("Domani ti scrivo.", "it"),
        ("Besok kami kabari lagi.", "id"),
        ("Ik laat het u morgen weten.", "nl"),
    ] {
        assert_eq!(promised(text, lang), day, "{lang}: {text}");
    }
    for (text, lang) in [
        ("the day after tomorrow", "en"),
        ("pasado mañana", "es"),
        ("depois de amanhã", "pt"),
        ("après-demain", "fr"),
        ("übermorgen", "de"),
        ("dopodomani", "it"),
        ("lusa", "id"),
        ("overmorgen", "nl"),
    ] {
        assert_eq!(promised(text, lang), two, "{lang}: {text}");
    }
}

#[test]
fn greetings_and_mornings_are_not_promises() {
    assert_eq!(promised("Guten Morgen! Ich schaue mir das an.", "de"), None);
    assert_eq!(promised("Goede morgen, dank voor uw bericht.", "nl"), None);
    assert_eq!(promised("Lo enviamos esta mañana.", "es"), None);
    assert_eq!(promised("Llega por la mañana.", "es"), None);
}

#[test]
fn facts_about_the_past_and_vague_times_are_not_promises() {
    for (text, lang) in [
        ("Your parcel has been stuck for 9 days, I'm so sorry.", "en"),
        ("I'll get back to you soon.", "en"),
        ("Seu pedido está parado há 9 dias.", "pt"),
        ("El paquete está en tránsito desde hace 9 días.", "es"),
        ("Le colis ne bouge plus depuis 9 jours.", "fr"),
        ("Das Paket wurde vor 3 Tagen verschickt.", "de"),
        ("Il pacco è fermo da 9 giorni.", "it"),
        ("Paketnya sudah 9 hari tidak bergerak.", "id"),
        ("Het pakket staat al 9 dagen stil.", "nl"),
        ("Order 1042 is in transit, a delay of 9 days.", "en"),
        ("", "en"),
    ] {
        assert_eq!(promised(text, lang), None, "{lang}: {text}");
    }
}

#[test]
fn the_earliest_promise_wins_and_a_range_promises_its_upper_end() {
    let text = "I'll chase the carrier within 2 hours and the refund shows within 5 days.";
    assert_eq!(promised(text, "en"), Some(Duration::hours(2)));
    assert_eq!(
        promised("Delivery within 48-72 hours.", "en"),
        Some(Duration::hours(72))
    );
}

#[test]
fn business_days_skip_the_weekend() {
    // Wednesday + 3 business days = Monday.
    let d = promise_deadline("O reembolso aparece em até 3 dias úteis.", "pt", now()).unwrap();
    assert_eq!(d, Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
    let d = promise_deadline("within 3 business days", "en", now()).unwrap();
    assert_eq!(d, Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
    let d = promise_deadline("innerhalb von 3 Werktagen", "de", now()).unwrap();
    assert_eq!(d, Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
}

#[test]
fn an_agent_writing_english_to_a_portuguese_shopper_is_still_read() {
    assert_eq!(
        promised("I'll reply within 24 hours", "pt"),
        Some(Duration::hours(24))
    );
    assert_eq!(
        promised("te respondo em 24 horas", "xx"),
        Some(Duration::hours(24))
    );
}

#[test]
fn the_promise_keeps_the_agents_own_words_for_the_audit_trail() {
    let phrase = |text: &str, lang: &str| find_promise(text, lang, now()).map(|p| p.phrase);
    assert_eq!(
        phrase("Olá Ana! Vou te dar um retorno em até 24 horas.", "pt").as_deref(),
        Some("em até 24 horas")
    );
    assert_eq!(
        phrase("Delivery within 48-72 hours, promise.", "en").as_deref(),
        Some("within 48-72 hours")
    );
    assert_eq!(
        phrase("O reembolso cai em 3 dias úteis.", "pt").as_deref(),
        Some("em 3 dias úteis")
    );
    assert_eq!(
        phrase("Je vous réponds d'ici 48 heures.", "fr").as_deref(),
        Some("ici 48 heures")
    );
    assert_eq!(
        phrase("Te confirmo pasado mañana.", "es").as_deref(),
        Some("pasado mañana")
    );
    assert_eq!(
        phrase("Wir melden uns BIS MORGEN.", "de").as_deref(),
        Some("MORGEN")
    );
}

#[test]
fn a_reply_with_a_promise_starts_a_promise_clock_and_one_without_does_not() {
    let clock = Clock::from_reply("Ti aggiorno entro 24 ore, promesso.", "it", now()).unwrap();
    assert_eq!(
        clock.kind,
        ClockKind::Promise {
            text: "entro 24 ore".into()
        }
    );
    assert_eq!(clock.started_at, now());
    assert_eq!(clock.deadline, now() + Duration::hours(24));
    assert!(Clock::from_reply("Ti aggiorno presto.", "it", now()).is_none());
}

#[test]
fn odd_text_never_panics_the_promise_reader() {
    for text in [
        "within 99999999999999999999999 hours",
        "em 1x99999999999999 jam",
        "dalam 99999x99999 jam",
        "İİİ within 2 hours 🎉",
        "in",
        "within",
        "24h",
        "amanhã amanhã amanhã",
        "\u{0}\u{200b}",
    ] {
        let _ = find_promise(text, "id", now());
        let _ = find_promise(text, "zz", now());
    }
    assert_eq!(
        promised("İİİ within 2 hours 🎉", "en"),
        Some(Duration::hours(2))
    );
}

fn delayed(status: CaseStatus) -> CaseFacts {
    CaseFacts::new(ExceptionKind::Delayed, status)
}

#[test]
fn a_promise_is_due_at_its_deadline_until_kept() {
    let mut facts = delayed(CaseStatus::Investigating);
    let mut promise = Clock::promise("within 24 hours", now(), now() + Duration::hours(24));
    facts.promises.push(promise.clone());
    let due = next_followups(&facts, now());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due_at, now() + Duration::hours(24));
    assert_eq!(
        due[0].reason,
        FollowUpReason::PromiseDue {
            text: "within 24 hours".into()
        }
    );

    promise.meet(now() + Duration::hours(3));
    facts.promises = vec![promise];
    assert!(next_followups(&facts, now()).is_empty());
}

#[test]
fn a_parcel_without_movement_for_seven_days_is_chased_then_treated_as_lost_48_hours_later() {
    let moved = now() - Duration::days(9);
    let mut facts = delayed(CaseStatus::Investigating);
    facts.last_movement_at = Some(moved);
    let due = next_followups(&facts, now());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reason, FollowUpReason::StalledChaseCarrier);
    assert_eq!(due[0].due_at, moved + Duration::days(7));
    assert!(due[0].due_at <= now(), "already due");

    facts.chased_at = Some(now());
    let due = next_followups(&facts, now());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reason, FollowUpReason::TreatAsLost);
    assert_eq!(due[0].due_at, now() + Duration::hours(48));
}

#[test]
fn movement_after_chasing_restarts_the_stall_clock_instead_of_declaring_the_parcel_lost() {
    let mut facts = delayed(CaseStatus::WaitingCustomer);
    facts.chased_at = Some(now() - Duration::days(1));
    facts.last_movement_at = Some(now() - Duration::hours(2));
    let due = next_followups(&facts, now());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reason, FollowUpReason::StalledChaseCarrier);
    assert_eq!(
        due[0].due_at,
        now() - Duration::hours(2) + Duration::days(7)
    );
}

#[test]
fn a_real_tracking_change_is_passed_on_once() {
    let mut facts = delayed(CaseStatus::Investigating);
    facts.tracking_changed_at = Some(now() - Duration::minutes(5));
    let due = next_followups(&facts, now());
    assert!(due
        .iter()
        .any(|f| f.reason == FollowUpReason::TrackingChanged));
    facts.last_update_sent_at = Some(now());
    let due = next_followups(&facts, now());
    assert!(!due
        .iter()
        .any(|f| f.reason == FollowUpReason::TrackingChanged));
}

#[test]
fn after_the_fix_lands_one_last_check_in_is_due_a_day_later_then_nothing() {
    let mut facts = CaseFacts::new(ExceptionKind::Damaged, CaseStatus::Resolved);
    facts.resolved_at = Some(now() - Duration::days(4));
    facts.fix_landed_at = Some(now());
    let due = next_followups(&facts, now());
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].reason, FollowUpReason::LastCheckIn);
    assert_eq!(due[0].due_at, now() + Duration::hours(24));
    facts.check_in_sent_at = Some(now() + Duration::hours(24));
    assert!(next_followups(&facts, now()).is_empty());
}

#[test]
fn resolved_delivery_cases_stop_chasing_and_closed_cases_owe_nothing() {
    let mut facts = delayed(CaseStatus::Resolved);
    facts.last_movement_at = Some(now() - Duration::days(9));
    assert!(next_followups(&facts, now()).is_empty());
    facts.status = CaseStatus::Closed;
    facts.fix_landed_at = Some(now());
    facts.promises.push(Clock::promise(
        "in 2 days",
        now(),
        now() + Duration::days(2),
    ));
    assert!(next_followups(&facts, now()).is_empty());
}

#[test]
fn follow_ups_come_earliest_first_and_follow_the_store_rhythm() {
    let settings = FollowUpSettings {
        stalled_after: Duration::days(5),
        ..FollowUpSettings::default()
    };
    let mut facts = delayed(CaseStatus::Investigating);
    facts.last_movement_at = Some(now() - Duration::days(1));
    facts.promises.push(Clock::promise(
        "in 2 hours",
        now(),
        now() + Duration::hours(2),
    ));
    let due = next_followups_with(&settings, &facts, now());
    let reasons: Vec<&FollowUpReason> = due.iter().map(|f| &f.reason).collect();
    assert_eq!(
        reasons,
        vec![
            &FollowUpReason::PromiseDue {
                text: "in 2 hours".into()
            },
            &FollowUpReason::StalledChaseCarrier
        ]
    );
    assert_eq!(due[1].due_at, now() + Duration::days(4));
}

#[test]
fn tracking_is_rechecked_every_few_hours_only_while_a_delivery_problem_is_open() {
    let s = FollowUpSettings::default();
    let mut facts = delayed(CaseStatus::Investigating);
    assert_eq!(
        next_tracking_check(&s, &facts, now()),
        Some(now()),
        "never checked: check now"
    );
    facts.tracking_checked_at = Some(now());
    assert_eq!(
        next_tracking_check(&s, &facts, now()),
        Some(now() + Duration::hours(4))
    );
    facts.status = CaseStatus::Resolved;
    assert_eq!(next_tracking_check(&s, &facts, now()), None);
    let payment = CaseFacts::new(ExceptionKind::Payment, CaseStatus::Investigating);
    assert_eq!(next_tracking_check(&s, &payment, now()), None);
}

#[test]
fn follow_up_settings_read_humane_durations() {
    let s: FollowUpSettings =
        toml::from_str("stalled_after = \"5d\"\ntracking_recheck = \"3h\"").unwrap();
    assert_eq!(s.stalled_after, Duration::days(5));
    assert_eq!(s.tracking_recheck, Duration::hours(3));
    assert_eq!(s.lost_after_chase, Duration::hours(48));
}
