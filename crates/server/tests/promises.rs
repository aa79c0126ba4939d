//! The desk's first words tell the truth and its promises are kept, as the shopper reads them: the
//! acknowledgement says a number is being looked up and the lookup's result follows ("no order #99999",
//! "found #1012"); outside staffed hours it says when the team is back in the shopper's own time; and a
//! promise that lapses without a person's answer gets one honest update, however often the job looks.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::app::{eventually, spawn_app_with, TestApp};
use lifeline_commerce::{fakes::FakeShopify, Order};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::json;

const ANA: &str = "5511987654321";
const SARI: &str = "6281234567890";

/// Order #1012, placed from Ana's phone.
fn anas_order() -> Order {
    let mut o = lifeline_commerce::demo_store()
        .orders()
        .into_iter()
        .find(|o| !o.shipments.is_empty())
        .unwrap();
    o.number = "1012".into();
    o.id = "1012".into();
    o.customer.name = Some("Ana Souza".into());
    o.customer.first_name = Some("Ana".into());
    o.customer.phone = Some(format!("+{ANA}"));
    o.customer.email = Some("ana@example.com.br".into());
    o
}

/// A desk with one Shopify store holding only #1012; `staffed` is `[desk.staffed_hours]`, if any.
async fn desk(staffed: Option<&str>) -> (TestApp, FakeShopify) {
    desk_tuned(common::db::sqlite(), staffed, None).await
}

/// The same, with `[desk.quiet_hours]` too. The app may read all orders, so a number the shop lacks is
/// not found (not "perhaps too old").
async fn desk_tuned(
    db: common::db::TestDb,
    staffed: Option<&str>,
    quiet: Option<&str>,
) -> (TestApp, FakeShopify) {
    let fake = FakeShopify::start("shpat_truth", vec![anas_order()])
        .await
        .unwrap();
    fake.grant_scope("read_all_orders");
    let base = fake.base_url();
    let staffed = staffed.map(|s| toml::from_str::<toml::Value>(s).unwrap());
    let quiet = quiet.map(|s| toml::from_str::<toml::Value>(s).unwrap());
    let app = spawn_app_with(db, move |_, desk| {
        desk.stores = vec![toml::from_str(&format!(
            "name = \"acme\"\nkind = \"shopify\"\nshop = \"acme\"\naccess_token = \"shpat_truth\"\napi_base = \"{base}\"\n"
        ))
        .unwrap()];
        if let Some(s) = staffed {
            desk.desk.insert("staffed_hours".into(), s);
        }
        if let Some(q) = quiet {
            desk.desk.insert("quiet_hours".into(), q);
        }
    })
    .await;
    (app, fake)
}

fn shopper(app: &TestApp, wa_id: &str, name: &str) -> Shopper {
    Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: app.number_id(),
    }
}

async fn says(app: &TestApp, who: &Shopper, text: &str) {
    app.sandbox
        .shopper_says(who, ShopperMessage::Text(text.into()))
        .await;
}

/// Every text the shopper has received, in order.
fn texts(app: &TestApp, wa_id: &str) -> Vec<String> {
    app.sandbox
        .sent_to(wa_id)
        .into_iter()
        .filter_map(|m| m.body["text"]["body"].as_str().map(String::from))
        .collect()
}

/// Waits until the shopper has received `n` texts, and returns them.
async fn texts_n(app: &TestApp, wa_id: &str, n: usize, what: &str) -> Vec<String> {
    eventually(10, what, || async {
        let t = texts(app, wa_id);
        (t.len() >= n).then_some(t)
    })
    .await
}

fn state(app: &TestApp) -> &lifeline_server::state::AppState {
    &app.running.as_ref().unwrap().state
}

async fn case_of(app: &TestApp, wa_id: &str) -> i64 {
    eventually(10, "the shopper's case", || async {
        let cases = app.api("/cases").await["cases"].as_array().cloned()?;
        let c = common::app::case_of_shopper(app, cases, wa_id).await?;
        c["id"].as_i64()
    })
    .await
}

/// Ana writes about #1012 and gets the acknowledgement and the confirmation; returns her case, what she
/// has received and the moment a person was promised to answer by.
async fn ana_is_promised(app: &TestApp) -> (i64, Vec<String>, DateTime<Utc>) {
    let ana = shopper(app, ANA, "Ana Souza");
    says(app, &ana, "Oi, meu pedido #1012 está atrasado").await;
    let case = case_of(app, ANA).await;
    let before = texts_n(app, ANA, 2, "the acknowledgement and the confirmation").await;
    let (by, _) = eventually(10, "the promise kept with the case", || async {
        state(app).store.promised_answer(case).await.unwrap()
    })
    .await;
    (
        case,
        before,
        DateTime::<Utc>::from_timestamp_millis(by).unwrap(),
    )
}

/// How the case's promise was settled (`told`, `answered`…), if it was.
async fn outcome(app: &TestApp, case: i64) -> Option<String> {
    state(app).store.promised_answer(case).await.unwrap()?.1
}

#[tokio::test]
async fn an_order_number_the_shop_does_not_have_is_looked_up_then_asked_for_again() {
    let (app, _shop) = desk(None).await;
    let ana = shopper(&app, ANA, "Ana Souza");
    says(&app, &ana, "Hi, where is my order #99999? It's late").await;
    let t = texts_n(&app, ANA, 2, "the acknowledgement and the lookup's result").await;
    assert!(
        t[0].contains("looking up order number #99999") && !t[0].contains("your order #99999"),
        "the acknowledgement claims nothing about the order: {}",
        t[0]
    );
    assert!(
        t[1].contains("couldn't find an order with the number #99999") && t[1].contains("#1234"),
        "then says it was not found and asks again: {}",
        t[1]
    );
    assert!(!t.iter().any(|m| m.contains("Found it")), "{t:?}");
}

#[tokio::test]
async fn the_number_given_when_asked_is_confirmed_once_found_and_the_shoppers_own() {
    let (app, _shop) = desk(None).await;
    let ana = shopper(&app, ANA, "Ana Souza");
    says(&app, &ana, "Oi, meu pacote está atrasado").await;
    let asked = texts_n(&app, ANA, 1, "the acknowledgement").await;
    assert!(asked[0].contains("número do pedido"), "{}", asked[0]);
    says(&app, &ana, "#1012").await;
    let t = texts_n(&app, ANA, 2, "the confirmation").await;
    assert!(
        t.last()
            .unwrap()
            .contains("Achei: pedido #1012. Já estou olhando."),
        "{t:?}"
    );

    // Someone else naming the same order is asked to confirm it, never told it was found.
    let sari = shopper(&app, SARI, "Sari Dewi");
    says(&app, &sari, "Halo, pesanan #1012 belum sampai").await;
    eventually(10, "the ownership question", || async {
        (texts(&app, SARI).len() >= 2).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let told = texts(&app, SARI);
    assert!(!told.iter().any(|m| m.contains("Ketemu")), "{told:?}");
    assert!(!told.iter().any(|m| m.contains("Ana")), "{told:?}");
    assert_eq!(
        texts(&app, ANA)
            .iter()
            .filter(|m| m.contains("Achei"))
            .count(),
        1,
        "confirmed once"
    );
}

/// Amsterdam's team works weekdays 09:00–18:00 and Saturday mornings.
const AMSTERDAM: &str =
    "time_zone = \"Europe/Amsterdam\"\nhours = [\"mon-fri 09:00-18:00\", \"sat 10:00-14:00\"]";

#[tokio::test]
async fn outside_staffed_hours_the_ack_says_when_the_team_is_back_in_each_shoppers_time() {
    let (app, _shop) = desk(Some(AMSTERDAM)).await;
    // Saturday 20:25 in Amsterdam: Sunday 02:25 in Jakarta, Saturday 16:25 in São Paulo.
    let night: DateTime<Utc> = "2026-12-05T19:25:00Z".parse().unwrap();
    state(&app).desk.clock.set(Some(night));
    let sari = shopper(&app, SARI, "Sari Dewi");
    says(&app, &sari, "Halo, paket saya belum sampai, pesanan #1012").await;
    let ana = shopper(&app, ANA, "Ana Souza");
    says(&app, &ana, "Oi, meu pedido #1012 está atrasado").await;
    let to_sari = texts_n(&app, SARI, 1, "Sari's acknowledgement").await;
    let to_ana = texts_n(&app, ANA, 1, "Ana's acknowledgement").await;
    // Monday 09:00 in Amsterdam is 15:00 in Jakarta and 05:00 in São Paulo.
    assert!(
        to_sari[0].contains("kembali pukul 15:00 waktu Kakak (Senin)"),
        "{}",
        to_sari[0]
    );
    assert!(
        to_ana[0].contains("volta às 05:00 no seu horário (segunda-feira)"),
        "{}",
        to_ana[0]
    );
    assert!(!to_sari[0].contains("15 menit"), "{}", to_sari[0]);
    assert!(!to_ana[0].contains("15 minutos"), "{}", to_ana[0]);
    let case = case_of(&app, ANA).await;
    let promised = state(&app).store.promised_answer(case).await.unwrap();
    let by: DateTime<Utc> = "2026-12-07T08:15:00Z".parse().unwrap();
    assert_eq!(promised, Some((by.timestamp_millis(), None)));
}

#[tokio::test]
async fn inside_staffed_hours_the_promise_of_minutes_stands() {
    let (app, _shop) = desk(Some(AMSTERDAM)).await;
    // Wednesday 10:00 in Amsterdam.
    let day: DateTime<Utc> = "2026-12-02T09:00:00Z".parse().unwrap();
    state(&app).desk.clock.set(Some(day));
    let ana = shopper(&app, ANA, "Ana Souza");
    says(&app, &ana, "Oi, meu pedido #1012 está atrasado").await;
    let t = texts_n(&app, ANA, 1, "the acknowledgement").await;
    assert!(t[0].contains("em até 15 minutos"), "{}", t[0]);
}

#[tokio::test]
async fn a_promise_that_lapses_without_a_persons_answer_gets_one_honest_update() {
    // On PostgreSQL when the environment names one: the desks that share it look at once.
    let db = match common::db::postgres().await {
        Some(pg) => pg,
        None => common::db::sqlite(),
    };
    let (app, _shop) = desk_tuned(db, None, None).await;
    let (case, before, by) = ana_is_promised(&app).await;

    // Not yet: a minute before the promised time, nothing.
    let desk = state(&app);
    lifeline_server::cases::promised::sweep_at(desk, by - Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(app.outbound_of(ANA).await.len(), before.len());
    // The time passes; two desks look at once, then again.
    let late = by + Duration::minutes(1);
    let (a, b) = tokio::join!(
        lifeline_server::cases::promised::sweep_at(desk, late),
        lifeline_server::cases::promised::sweep_at(desk, late)
    );
    a.unwrap();
    b.unwrap();
    lifeline_server::cases::promised::sweep_at(desk, late + Duration::minutes(30))
        .await
        .unwrap();
    let t = texts_n(&app, ANA, before.len() + 1, "the honest update").await;
    let update = t.last().unwrap();
    // A colleague answers 15 minutes after the sweep, told in São Paulo's time.
    let answer_by = (late + Duration::minutes(15)).with_timezone(&chrono_tz::America::Sao_Paulo);
    assert!(
        update.contains("estamos demorando mais do que eu disse")
            && update.contains(&answer_by.format("%H:%M").to_string()),
        "{update}"
    );
    // Queued in the sweeps' own transactions: what the outbox holds now is all they will ever send.
    let queued: Vec<String> = app
        .outbound_of(ANA)
        .await
        .iter()
        .map(|m| m.to_string())
        .collect();
    let updates = queued
        .iter()
        .filter(|m| m.contains("demorando mais do que eu disse"))
        .count();
    assert_eq!(updates, 1, "one honest update: {queued:?}");
    assert_eq!(outcome(&app, case).await.as_deref(), Some("told"));
}

#[tokio::test]
async fn a_promise_a_person_kept_gets_no_update() {
    let (app, _shop) = desk(None).await;
    let (case, _, by) = ana_is_promised(&app).await;
    let (s, body) = app
        .api_post(
            &format!("/cases/{case}/reply"),
            json!({"text": "Oi Ana, já estou vendo com a transportadora.", "actor": "sara", "send_anyway": true}),
        )
        .await;
    assert_eq!(s, 202, "{body}");
    let replied = texts_n(&app, ANA, 3, "the agent's reply").await;
    let late = by + Duration::minutes(5);
    lifeline_server::cases::promised::sweep_at(state(&app), late)
        .await
        .unwrap();
    let queued = app.outbound_of(ANA).await;
    assert_eq!(
        queued.len(),
        replied.len(),
        "nothing more queued: {queued:?}"
    );
    assert_eq!(outcome(&app, case).await.as_deref(), Some("answered"));
}

#[tokio::test]
async fn a_late_update_waits_for_the_shoppers_morning_unless_they_are_waiting_on_us() {
    // Fifty-five minutes from now Ana will no longer be waiting on us (she wrote more than 30 minutes
    // before), and her writing hours start two hours after that hour begins, in São Paulo.
    let expected_late = Utc::now() + Duration::minutes(55);
    let local = expected_late.with_timezone(&chrono_tz::America::Sao_Paulo);
    let hour = chrono::Timelike::hour(&local);
    let quiet = format!(
        "start = \"{:02}:00\"\nend = \"{:02}:00\"",
        (hour + 2) % 24,
        (hour + 4) % 24
    );
    let (app, _shop) = desk_tuned(common::db::sqlite(), None, Some(&quiet)).await;
    let (_, before, by) = ana_is_promised(&app).await;
    let late = by + Duration::minutes(40);
    lifeline_server::cases::promised::sweep_at(state(&app), late)
        .await
        .unwrap();
    assert_eq!(
        app.outbound_of(ANA).await.len(),
        before.len(),
        "held in her quiet hours"
    );
    // Half an hour into her writing hours, she hears it.
    let start_of_hour = expected_late
        - Duration::minutes(i64::from(chrono::Timelike::minute(&local)))
        - Duration::seconds(i64::from(chrono::Timelike::second(&local)));
    let morning = start_of_hour + Duration::minutes(150);
    lifeline_server::cases::promised::sweep_at(state(&app), morning)
        .await
        .unwrap();
    let t = texts_n(&app, ANA, before.len() + 1, "the honest update").await;
    assert!(
        t.last().unwrap().contains("demorando mais do que eu disse"),
        "{t:?}"
    );
}
