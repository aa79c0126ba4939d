//! Automatic messages follow the parcel's real state, as the carrier tracker (a fake AfterShip over real
//! HTTP, or the demo's file tracker) reports it, at a clock the test chooses: a parcel the carrier declared lost is told lost with a
//! solution to come, never "no movement, I've asked the carrier"; a stalled parcel is told what the team
//! will do, and that task is on the case's timeline.

mod common;
mod web_common;

use chrono::{DateTime, Duration, Utc};
use common::app::{case_with_order, eventually, spawn_app_with, TestApp};
use common::shoppers::shopper;
use lifeline_commerce::{fakes::FakeAfterShip, Shipment};
use lifeline_sandbox::ShopperMessage;
use lifeline_server::{app::build_state, cases::followup::sweep_at};
use serde_json::Value;
use web_common::signed_in;

/// The demo order's parcel, as the tracker knows it.
fn demo_parcel(number: &str) -> Shipment {
    let order = lifeline_commerce::demo_store()
        .orders()
        .into_iter()
        .find(|o| o.number == number)
        .unwrap();
    order.shipments[0].clone()
}

/// The demo shop with its parcels tracked by a fake AfterShip; awake at every hour (so no test depends on
/// the hour in the shopper's country); its own follow-up sweep only at start, so the sweeps that count
/// are the test's, at the test's clock; a chased parcel treated as lost one hour later.
async fn tracked_desk(parcels: Vec<Shipment>) -> (TestApp, FakeAfterShip) {
    tracked_desk_on(common::db::sqlite(), parcels).await
}

async fn tracked_desk_on(
    db: common::db::TestDb,
    parcels: Vec<Shipment>,
) -> (TestApp, FakeAfterShip) {
    let fake = FakeAfterShip::start("as-key", parcels).await.unwrap();
    let base = fake.base_url();
    let app = spawn_app_with(db, move |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        desk.tracking = Some(
            toml::from_str(&format!(
                "kind = \"aftership\"\napi_key = \"as-key\"\nwebhook_secret = \"s\"\napi_base = \"{base}\"\n"
            ))
            .unwrap(),
        );
        desk.desk.insert("followup_every".into(), "1h".into());
        let awake = "start = \"00:00\"\nend = \"00:00\"";
        desk.desk
            .insert("quiet_hours".into(), toml::from_str(awake).unwrap());
        desk.desk.insert(
            "followup".into(),
            toml::from_str::<toml::Value>("lost_after_chase = \"1h\"").unwrap(),
        );
    })
    .await;
    (app, fake)
}

/// The shopper writes; returns the case once its order (theirs: written from the order's phone) is on it.
async fn writes(app: &TestApp, wa_id: &str, name: &str, text: &str) -> i64 {
    let who = shopper(app, wa_id, name);
    app.sandbox
        .shopper_says(&who, ShopperMessage::Text(text.into()))
        .await;
    case_with_order(app, wa_id).await
}

/// One sweep of the follow-ups at `now`, as the desk's worker would run it.
async fn sweep(app: &TestApp, now: DateTime<Utc>) {
    sweep_at(&app.running.as_ref().unwrap().state, now)
        .await
        .unwrap();
}

fn texts_on_phone(app: &TestApp, wa_id: &str) -> Vec<String> {
    (app.sandbox.sent_to(wa_id).into_iter())
        .filter_map(|m| m.body["text"]["body"].as_str().map(String::from))
        .collect()
}

/// The message on the shopper's phone that holds `words`, once it arrived.
async fn on_phone(app: &TestApp, wa_id: &str, words: &str) -> String {
    eventually(10, words, || async {
        texts_on_phone(app, wa_id)
            .into_iter()
            .find(|t| t.contains(words))
    })
    .await
}

/// How many messages on the phone hold `words`.
fn count_on_phone(app: &TestApp, wa_id: &str, words: &str) -> usize {
    (texts_on_phone(app, wa_id).iter())
        .filter(|t| t.contains(words))
        .count()
}

/// No message on the phone holds any of `claims`.
fn never_said(app: &TestApp, wa_id: &str, claims: &[&str]) {
    for text in texts_on_phone(app, wa_id) {
        for claim in claims {
            assert!(!text.contains(claim), "'{claim}' was said: {text}");
        }
    }
}

/// The case's timeline entries of one event.
async fn events(app: &TestApp, case: i64, event: &str) -> Vec<Value> {
    let case = app.api(&format!("/cases/{case}")).await;
    (case["timeline"].as_array().into_iter().flatten())
        .filter(|e| e["what"]["event"] == event)
        .map(|e| e["what"].clone())
        .collect()
}

async fn follow_up_reasons(app: &TestApp, case: i64) -> Vec<String> {
    (events(app, case, "follow_up_sent").await.iter())
        .filter_map(|e| e["reason"]["reason"].as_str().map(String::from))
        .collect()
}

/// What a chase claimed done or promised would say in German.
const GERMAN_CHASE: [&str; 4] = ["nicht bewegt", "gebeten", "nachgehakt", "fragt bei"];
/// What a chase claimed done would say in Portuguese.
const PORTUGUESE_CLAIMS: [&str; 2] = ["já pedi", "Venho cobrando"];

#[tokio::test]
async fn a_parcel_the_carrier_declared_lost_is_told_lost_once_with_a_solution_to_come_never_chased()
{
    let lost = demo_parcel("1024");
    assert_eq!(lost.sub_status.as_deref(), Some("Exception_013"));
    let (app, _tracker) = tracked_desk(vec![lost]).await;
    let felix = "4916012345678";
    let case = writes(
        &app,
        felix,
        "Felix Müller",
        "Hallo, wo bleibt mein Paket? Bestellung #1024",
    )
    .await;
    let now = Utc::now();
    sweep(&app, now).await;
    let news = on_phone(&app, felix, "als verloren").await;
    assert!(
        news.contains("#1024") && news.contains("DHL") && news.contains("mit einer Lösung"),
        "the shopper hears, in German, that it is lost and a solution comes: {news}"
    );
    never_said(&app, felix, &GERMAN_CHASE);
    assert_eq!(follow_up_reasons(&app, case).await, vec!["declared_lost"]);
    let tasks = events(&app, case, "task_opened").await;
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(tasks[0]["task"]["kind"], "offer_lost_solution");

    // Hours and days later, still lost and still: nothing more, and never "we are chasing the carrier".
    for later in [Duration::hours(5), Duration::days(3)] {
        sweep(&app, now + later).await;
    }
    assert_eq!(follow_up_reasons(&app, case).await, vec!["declared_lost"]);
    let notes = events(&app, case, "note_added").await;
    assert!(
        notes.is_empty(),
        "nothing else was even attempted: {notes:?}"
    );
    assert_eq!(count_on_phone(&app, felix, "als verloren"), 1, "told once");
    never_said(&app, felix, &GERMAN_CHASE);
}

#[tokio::test]
async fn a_stalled_parcel_is_told_the_team_will_ask_the_carrier_and_the_task_is_on_the_case() {
    let still = demo_parcel("1001");
    let (app, _tracker) = tracked_desk(vec![still.clone()]).await;
    let ana = "5511987654321";
    let case = writes(
        &app,
        ana,
        "Ana Souza",
        "Oi, cadê meu pedido #1001? Está atrasado",
    )
    .await;
    let now = Utc::now();
    sweep(&app, now).await;
    let stalled = on_phone(&app, ana, "Nossa equipe vai perguntar").await;
    assert!(
        stalled.contains("à Cainiao → Correios") && stalled.contains("9 dias"),
        "what the team will do, in Portuguese: {stalled}"
    );
    never_said(&app, ana, &PORTUGUESE_CLAIMS);
    assert_eq!(
        follow_up_reasons(&app, case).await,
        vec!["stalled_chase_carrier"]
    );
    let tasks = events(&app, case, "task_opened").await;
    assert_eq!(
        tasks.len(),
        1,
        "the promised chase is the team's task: {tasks:?}"
    );
    assert_eq!(tasks[0]["task"]["kind"], "ask_carrier");
    assert_eq!(
        tasks[0]["task"]["tracking_number"],
        still.tracking_number.as_str()
    );
    // The agent reads it on the case panel as work for the team.
    let agent = signed_in(&app, "maria@shop.example", lifeline_desk::Role::Agent).await;
    let conversation = app.conversation_id(ana).await.unwrap();
    let panel = agent
        .get(&format!("/conversations/{conversation}/cases"))
        .await;
    assert!(
        panel.body.contains(
            "<strong>For the team</strong> · ask Cainiao → Correios about parcel LP00007926919BR"
        ),
        "{}",
        panel.body
    );

    // Looked at again before the chase's time is up: nothing new.
    sweep(&app, now + Duration::minutes(30)).await;
    assert_eq!(events(&app, case, "task_opened").await.len(), 1);
    // Still nothing an hour after: treated as lost, without claiming anyone chased it.
    sweep(&app, now + Duration::minutes(70)).await;
    let lost = on_phone(&app, ana, "considerar como extraviado").await;
    assert!(lost.contains("com uma solução"), "{lost}");
    never_said(&app, ana, &PORTUGUESE_CLAIMS);
    assert_eq!(
        follow_up_reasons(&app, case).await,
        vec!["stalled_chase_carrier", "treat_as_lost"]
    );
    let kinds: Vec<Value> = (events(&app, case, "task_opened").await.iter())
        .map(|t| t["task"]["kind"].clone())
        .collect();
    assert_eq!(kinds, vec!["ask_carrier", "offer_lost_solution"]);
    sweep(&app, now + Duration::minutes(90)).await;
    assert_eq!(follow_up_reasons(&app, case).await.len(), 2, "nothing more");
    for words in ["Nossa equipe vai perguntar", "considerar como extraviado"] {
        assert_eq!(count_on_phone(&app, ana, words), 1, "told once: {words}");
    }
}

#[tokio::test]
async fn an_order_not_shown_to_be_the_shoppers_gets_no_automatic_news_of_its_parcel() {
    let (app, _tracker) = tracked_desk(vec![demo_parcel("1024")]).await;
    let sari = "6281234567890";
    let who = shopper(&app, sari, "Sari Dewi");
    let text = "Halo kak, pesanan #1024 punya teman saya belum sampai";
    app.sandbox
        .shopper_says(&who, ShopperMessage::Text(text.into()))
        .await;
    let case = eventually(10, "the case, its order judged another's", || async {
        let c = app.api("/cases").await["cases"]
            .as_array()?
            .first()?
            .clone();
        let full = app.api(&format!("/cases/{}", c["id"])).await;
        (full["ownership"]["verified"] == false).then(|| c["id"].as_i64())?
    })
    .await;
    on_phone(&app, sari, "kode pos").await; // asked, in Indonesian, to confirm the order is hers
    let now = Utc::now();
    for later in [Duration::zero(), Duration::hours(5), Duration::days(3)] {
        sweep(&app, now + later).await;
    }
    assert_eq!(follow_up_reasons(&app, case).await, Vec::<String>::new());
    assert!(events(&app, case, "task_opened").await.is_empty());
    never_said(
        &app,
        sari,
        &["DHL", "LP00008109056DE", "Felix", "hilang", "Mini-Drohne"],
    );
}

#[tokio::test]
async fn two_desks_sweeping_a_lost_parcel_at_once_tell_it_once_and_open_its_task_once() {
    for db in common::db::all().await {
        let label = db.label;
        let (app, _tracker) = tracked_desk_on(db, vec![demo_parcel("1024")]).await;
        let felix = "4916012345678";
        let case = writes(&app, felix, "Felix Müller", "Wo bleibt mein Paket? #1024").await;
        let desk = &app.running.as_ref().unwrap().state;
        // On PostgreSQL a second desk with pools of its own; SQLite holds one desk, swept twice at once.
        let other = match label {
            "postgres" => Some(build_state(app.config.clone()).await.unwrap().0),
            _ => None,
        };
        let second = other.as_ref().unwrap_or(desk);
        let now = Utc::now();
        let (a, b) = tokio::join!(sweep_at(desk, now), sweep_at(second, now));
        a.unwrap();
        b.unwrap();
        assert_eq!(
            follow_up_reasons(&app, case).await,
            vec!["declared_lost"],
            "{label}"
        );
        assert_eq!(events(&app, case, "task_opened").await.len(), 1, "{label}");
        on_phone(&app, felix, "als verloren").await;
        assert_eq!(count_on_phone(&app, felix, "als verloren"), 1, "{label}");
    }
}

#[tokio::test]
async fn a_parcel_that_reaches_a_pickup_point_is_told_where_it_waits_and_no_deadline_the_data_never_gave(
) {
    // The demo shop and its file tracker (the warehouse export is what the tracker reads).
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        desk.desk.insert("followup_every".into(), "1h".into());
        let awake = "start = \"00:00\"\nend = \"00:00\"";
        desk.desk
            .insert("quiet_hours".into(), toml::from_str(awake).unwrap());
    })
    .await;
    let ana = "5511987654321";
    let case = writes(&app, ana, "Ana Souza", "Oi, cadê meu pedido #1001?").await;
    let now = Utc::now();
    sweep(&app, now).await;
    // The carrier leaves it at a post office; the data says where, not until when.
    let path = app.config.data_dir.join("demo-orders.json");
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let order = (file["orders"].as_array_mut().unwrap().iter_mut())
        .find(|o| o["number"] == "1001")
        .unwrap();
    let parcel = &mut order["shipments"][0];
    parcel["status"] = "available_for_pickup".into();
    parcel["sub_status"] = Value::Null;
    parcel["checkpoints"].as_array_mut().unwrap().push(serde_json::json!({
        "at": "-5m", "place": "Agência Correios Pinheiros, Rua dos Pinheiros 100, São Paulo",
        "message": "Objeto aguardando retirada no endereço indicado", "status": "available_for_pickup"
    }));
    // A new modification time is what makes the file store read it again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    sweep(&app, now + Duration::hours(5)).await;
    let news = on_phone(&app, ana, "Rua dos Pinheiros 100").await;
    assert!(
        news.contains("#1001")
            && news.contains("tempo limitado")
            && !news.contains("retirar lá até"),
        "where it waits, and no deadline the data does not give: {news}"
    );
    assert!(news.contains("LP00007926919BR"), "what to bring: {news}");
    assert_eq!(
        follow_up_reasons(&app, case).await,
        vec!["stalled_chase_carrier", "tracking_changed"]
    );
}
