//! When a message may go out (quiet hours across time zones and DST) and which template it goes out as.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use lifeline_desk::followup::FollowUpReason;
use lifeline_desk::quiet_hours::{send_at, shopper_is_waiting, QuietHours};
use lifeline_desk::templates::{
    choose_template, language_chain, needs_template, normalize_language, purpose, purpose_for,
    TemplateCategory, TemplateInfo, TemplateStatus,
};

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn local(tz: Tz, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    tz.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn inside_the_shoppers_day_a_message_goes_now() {
    let q = QuietHours::default();
    let now = local(chrono_tz::America::Sao_Paulo, 2026, 11, 20, 14, 30);
    assert_eq!(send_at(now, chrono_tz::America::Sao_Paulo, false, &q), now);
}

#[test]
fn a_night_message_to_sao_paulo_waits_for_9_local_even_when_it_is_daytime_in_the_shop() {
    let q = QuietHours::default();
    // 01:30 UTC is 22:30 in São Paulo the evening before (and 09:30 in Shenzhen).
    let now = utc(2026, 11, 21, 1, 30);
    let at = send_at(now, chrono_tz::America::Sao_Paulo, false, &q);
    assert_eq!(at, local(chrono_tz::America::Sao_Paulo, 2026, 11, 21, 9, 0));
    assert_eq!(at, utc(2026, 11, 21, 12, 0));
}

#[test]
fn early_morning_waits_for_the_same_days_opening_and_urgent_goes_now() {
    let q = QuietHours::default();
    let jakarta = chrono_tz::Asia::Jakarta;
    let now = local(jakarta, 2026, 11, 20, 6, 15);
    assert_eq!(
        send_at(now, jakarta, false, &q),
        local(jakarta, 2026, 11, 20, 9, 0)
    );
    assert_eq!(send_at(now, jakarta, true, &q), now);
}

#[test]
fn the_edges_of_the_day_are_exact() {
    let q = QuietHours::default();
    let madrid = chrono_tz::Europe::Madrid;
    let nine = local(madrid, 2026, 11, 20, 9, 0);
    assert_eq!(send_at(nine, madrid, false, &q), nine);
    let nine_pm = local(madrid, 2026, 11, 20, 21, 0);
    assert_eq!(
        send_at(nine_pm, madrid, false, &q),
        local(madrid, 2026, 11, 21, 9, 0)
    );
}

#[test]
fn the_morning_after_the_clocks_go_forward_is_still_9_local() {
    let q = QuietHours::default();
    let berlin = chrono_tz::Europe::Berlin;
    // Europe springs forward on Sunday 29 March 2026: 09:00 is 07:00 UTC that day, 08:00 UTC the day before.
    let now = local(berlin, 2026, 3, 28, 23, 0);
    let at = send_at(now, berlin, false, &q);
    assert_eq!(at, utc(2026, 3, 29, 7, 0));
    let before = send_at(local(berlin, 2026, 3, 27, 23, 0), berlin, false, &q);
    assert_eq!(before, utc(2026, 3, 28, 8, 0));
}

#[test]
fn the_morning_after_the_clocks_go_back_is_still_9_local() {
    let q = QuietHours::default();
    let ny = chrono_tz::America::New_York;
    // The US falls back on Sunday 1 November 2026.
    let now = local(ny, 2026, 10, 31, 22, 0);
    assert_eq!(send_at(now, ny, false, &q), utc(2026, 11, 1, 14, 0));
}

#[test]
fn an_opening_that_falls_in_the_dst_gap_moves_to_the_first_real_minute() {
    let q = QuietHours {
        start: NaiveTime::from_hms_opt(2, 30, 0).unwrap(),
        end: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
    };
    let ny = chrono_tz::America::New_York;
    // 8 March 2026: 02:00 → 03:00 in New York; 02:30 does not exist.
    let now = local(ny, 2026, 3, 8, 1, 0);
    assert_eq!(send_at(now, ny, false, &q), local(ny, 2026, 3, 8, 3, 0));
}

#[test]
fn a_window_that_wraps_midnight_and_one_that_never_closes() {
    let night_shift = QuietHours {
        start: NaiveTime::from_hms_opt(20, 0, 0).unwrap(),
        end: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
    };
    let lisbon = chrono_tz::Europe::Lisbon;
    let late = local(lisbon, 2026, 11, 20, 23, 0);
    assert_eq!(send_at(late, lisbon, false, &night_shift), late);
    let noon = local(lisbon, 2026, 11, 20, 12, 0);
    assert_eq!(
        send_at(noon, lisbon, false, &night_shift),
        local(lisbon, 2026, 11, 20, 20, 0)
    );
    let always = QuietHours {
        start: NaiveTime::MIN,
        end: NaiveTime::MIN,
    };
    let three_am = local(lisbon, 2026, 11, 20, 3, 0);
    assert_eq!(send_at(three_am, lisbon, false, &always), three_am);
}

#[test]
fn a_shopper_who_just_wrote_at_night_is_answered_at_once() {
    let q = QuietHours::default();
    let sp = chrono_tz::America::Sao_Paulo;
    let now = local(sp, 2026, 11, 20, 23, 10);
    let wrote = Some(now - chrono::Duration::minutes(2));
    assert!(shopper_is_waiting(wrote, now));
    assert_eq!(send_at(now, sp, shopper_is_waiting(wrote, now), &q), now);
    let long_ago = Some(now - chrono::Duration::hours(3));
    assert!(!shopper_is_waiting(long_ago, now));
    assert!(!shopper_is_waiting(None, now));
    assert_eq!(
        send_at(now, sp, shopper_is_waiting(long_ago, now), &q),
        local(sp, 2026, 11, 21, 9, 0)
    );
}

#[test]
fn quiet_hours_read_from_the_settings_file() {
    let q: QuietHours = toml::from_str("start = \"08:30\"\nend = \"20:00\"").unwrap();
    assert_eq!(q.start, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
    let d: QuietHours = toml::from_str("").unwrap();
    assert_eq!(d, QuietHours::default());
    let err = toml::from_str::<QuietHours>("start = \"9am\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"09:00\""), "{err}");
    assert_eq!(
        toml::to_string(&QuietHours::default()).unwrap(),
        "start = \"09:00\"\nend = \"21:00\"\n"
    );
}

fn template(
    name: &str,
    lang: &str,
    category: TemplateCategory,
    status: TemplateStatus,
) -> TemplateInfo {
    TemplateInfo {
        name: name.into(),
        language: lang.into(),
        category,
        status,
        purpose: Some("case_update".into()),
    }
}

fn utility(name: &str, lang: &str) -> TemplateInfo {
    template(
        name,
        lang,
        TemplateCategory::Utility,
        TemplateStatus::Approved,
    )
}

#[test]
fn language_codes_are_normalized_and_chained_to_english() {
    assert_eq!(normalize_language("pt-br"), "pt_BR");
    assert_eq!(normalize_language("EN"), "en");
    assert_eq!(language_chain("pt_BR"), vec!["pt_BR", "pt", "en"]);
    assert_eq!(language_chain("es-MX"), vec!["es_MX", "es", "en"]);
    assert_eq!(language_chain("en_GB"), vec!["en_GB", "en"]);
    assert_eq!(language_chain("en"), vec!["en"]);
}

#[test]
fn the_shoppers_exact_language_wins_then_the_bare_language_then_english() {
    let all = vec![
        utility("update_en", "en_US"),
        utility("update_pt", "pt"),
        utility("update_br", "pt_BR"),
    ];
    assert_eq!(
        choose_template(&all, "case_update", "pt_BR").unwrap().name,
        "update_br"
    );
    assert_eq!(
        choose_template(&all, "case_update", "pt_PT").unwrap().name,
        "update_pt"
    );
    assert_eq!(
        choose_template(&all, "case_update", "pt").unwrap().name,
        "update_pt"
    );
    assert_eq!(
        choose_template(&all, "case_update", "de").unwrap().name,
        "update_en",
        "en_US serves en"
    );
}

#[test]
fn a_bare_language_falls_to_a_regional_variant_before_english() {
    let all = vec![
        utility("update_en", "en"),
        utility("update_mx", "es_MX"),
        utility("update_ar", "es_AR"),
    ];
    assert_eq!(
        choose_template(&all, "case_update", "es").unwrap().name,
        "update_ar",
        "alphabetical, stable"
    );
    assert_eq!(
        choose_template(&all, "case_update", "es_MX").unwrap().name,
        "update_mx"
    );
}

#[test]
fn marketing_unapproved_and_authentication_templates_are_never_used_for_a_case() {
    let all = vec![
        template(
            "promo_pt",
            "pt_BR",
            TemplateCategory::Marketing,
            TemplateStatus::Approved,
        ),
        template(
            "otp_pt",
            "pt_BR",
            TemplateCategory::Authentication,
            TemplateStatus::Approved,
        ),
        template(
            "paused_pt",
            "pt_BR",
            TemplateCategory::Utility,
            TemplateStatus::Paused,
        ),
        template(
            "pending_pt",
            "pt_BR",
            TemplateCategory::Utility,
            TemplateStatus::Pending,
        ),
        utility("update_en", "en"),
    ];
    assert_eq!(
        choose_template(&all, "case_update", "pt_BR").unwrap().name,
        "update_en"
    );
    assert!(choose_template(&all[..4], "case_update", "pt_BR").is_none());
}

#[test]
fn templates_are_matched_by_purpose_or_by_name_when_synced_without_one() {
    let mut synced = utility("last_check_in", "it");
    synced.purpose = None;
    let all = vec![utility("update_it", "it"), synced];
    assert_eq!(
        choose_template(&all, "last_check_in", "it").unwrap().name,
        "last_check_in"
    );
    assert_eq!(
        choose_template(&all, "case_update", "it").unwrap().name,
        "update_it"
    );
    assert!(choose_template(&all, "promise_due", "it").is_none());
}

#[test]
fn templates_read_metas_spelling_and_the_config_spelling() {
    let meta: TemplateInfo = serde_json::from_value(serde_json::json!({
        "name": "order_update", "language": "es_MX", "category": "UTILITY", "status": "APPROVED"
    }))
    .unwrap();
    assert!(meta.usable_for_case());
    assert_eq!(meta.purpose, None);
    let config: TemplateInfo = toml::from_str(
        "name = \"x\"\nlanguage = \"nl\"\ncategory = \"marketing\"\nstatus = \"approved\"\npurpose = \"case_update\"",
    )
    .unwrap();
    assert_eq!(config.category, TemplateCategory::Marketing);
    let odd: TemplateInfo = serde_json::from_value(serde_json::json!({
        "name": "y", "language": "en", "category": "UTILITY", "status": "IN_APPEAL"
    }))
    .unwrap();
    assert_eq!(odd.status, TemplateStatus::Unknown);
    assert!(!odd.usable_for_case());
}

#[test]
fn a_template_is_needed_once_24_hours_pass_since_the_shopper_last_wrote() {
    let now = utc(2026, 11, 20, 12, 0);
    assert!(needs_template(None, now));
    assert!(!needs_template(
        Some(now - chrono::Duration::hours(23)),
        now
    ));
    assert!(needs_template(Some(now - chrono::Duration::hours(24)), now));
}

#[test]
fn each_follow_up_asks_for_a_fitting_utility_template() {
    let all = vec![
        TemplateInfo {
            purpose: Some(purpose::LAST_CHECK_IN.into()),
            ..utility("check_in_pt", "pt_BR")
        },
        TemplateInfo {
            purpose: Some(purpose::DELIVERY_UPDATE.into()),
            ..utility("delivery_pt", "pt_BR")
        },
    ];
    let pick = |r: FollowUpReason| {
        choose_template(&all, purpose_for(&r), "pt_BR").map(|t| t.name.as_str())
    };
    assert_eq!(pick(FollowUpReason::LastCheckIn), Some("check_in_pt"));
    assert_eq!(pick(FollowUpReason::TreatAsLost), Some("delivery_pt"));
    assert_eq!(
        pick(FollowUpReason::PromiseDue {
            text: "em 24 horas".into()
        }),
        None
    );
}
