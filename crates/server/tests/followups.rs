//! Keeping promises after the fix: the replacement's tracking number once it ships, and one last
//! check-in after it arrives.

mod common;

use common::app::{eventually, spawn_app_with};
use lifeline_sandbox::{Shopper, ShopperMessage};
use serde_json::{json, Value};

/// A desk with the demo shop and tracker, awake at every minute of the day (equal ends; so a test does
/// not depend on the hour in São Paulo), checking follow-ups every 200 ms.
fn demo_desk_awake(desk: &mut lifeline_server::config::Config) {
    lifeline_server::sandbox::add_demo_store(desk).unwrap();
    desk.desk.insert("followup_every".into(), "200ms".into());
    desk.desk.insert(
        "quiet_hours".into(),
        toml::from_str::<toml::Value>("start = \"00:00\"\nend = \"00:00\"").unwrap(),
    );
}

/// The same desk, on which a parcel is chased only after a month without movement: the demo
/// parcel's 9 days are not yet chase-worthy, so no "we are chasing the carrier" can slip in
/// between Ana's first message and the supervisor's remedy, however the sweeps fall.
fn demo_desk_patient(desk: &mut lifeline_server::config::Config) {
    demo_desk_awake(desk);
    desk.desk.insert(
        "followup".into(),
        toml::from_str::<toml::Value>("stalled_after = \"30d\"").unwrap(),
    );
}

/// Ana Souza writes about her order; returns the case once the order is attached to it.
async fn ana_writes(app: &common::app::TestApp, text: &str) -> (Shopper, i64) {
    let ana = Shopper {
        wa_id: "5511987654321".into(),
        name: "Ana Souza".into(),
        user_id: None,
        phone_number_id: app.number_id(),
    };
    app.sandbox
        .shopper_says(&ana, ShopperMessage::Text(text.into()))
        .await;
    let id = eventually(10, "the case with its order", || async {
        let c = app.api("/cases").await["cases"]
            .as_array()?
            .first()?
            .clone();
        let full = app.api(&format!("/cases/{}", c["id"])).await;
        full["order"]
            .is_object()
            .then(|| c["id"].as_i64())
            .flatten()
    })
    .await;
    (ana, id)
}

/// Writes the demo orders file again with a new modification time, which is what makes the file store reload.
fn rewrite(path: &std::path::Path, file: &Value) {
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(path, serde_json::to_vec_pretty(file).unwrap()).unwrap();
}

/// The warehouse export gains the replacement order, shipped (as a shop's export would after fulfilment).
fn ship_replacement(path: &std::path::Path, status: &str) {
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let orders = file["orders"].as_array_mut().unwrap();
    orders.retain(|o| o["number"] != "1001-R1");
    let mut copy = orders
        .iter()
        .find(|o| o["number"] == "1001")
        .unwrap()
        .clone();
    copy["number"] = json!("1001-R1");
    copy["placed_at"] = json!("-1h");
    copy["shipments"] = json!([{
        "carrier": "Correios", "tracking_number": "LP99999999999BR",
        "tracking_url": "https://rastreamento.correios.com.br/?objetos=LP99999999999BR",
        "status": status, "checkpoints": [{"at": "-30m", "place": "Curitiba, BR", "message": "Posted", "status": status}]
    }]);
    orders.push(copy);
    rewrite(path, &file);
}

#[tokio::test]
async fn a_replacements_tracking_number_follows_when_it_ships_and_a_last_check_in_after_it_arrives()
{
    let app = spawn_app_with(common::db::sqlite(), |_, desk| demo_desk_patient(desk)).await;
    let orders_file = app.config.data_dir.join("demo-orders.json");
    let (_ana, id) = ana_writes(&app, "Oi, meu pedido #1001 sumiu, está parado há 9 dias").await;
    let (s, done) = app
        .api_post(
            &format!("/cases/{id}/actions"),
            json!({"remedy": {"type": "replacement"}, "actor": "sara", "role": "supervisor"}),
        )
        .await;
    assert_eq!((s, done["status"].as_str()), (200, Some("done")), "{done}");
    let texts = || async {
        app.sandbox
            .sent_to("5511987654321")
            .into_iter()
            .filter_map(|m| m.body["text"]["body"].as_str().map(String::from))
            .collect::<Vec<_>>()
    };
    eventually(5, "the replacement confirmation", || async {
        texts()
            .await
            .iter()
            .any(|t| t.contains("1001-R1"))
            .then_some(())
    })
    .await;
    assert!(
        !texts().await.iter().any(|t| t.contains("LP99999999999BR")),
        "no tracking before it ships"
    );

    ship_replacement(&orders_file, "in_transit");
    let tracking = eventually(10, "the new tracking number", || async {
        texts()
            .await
            .into_iter()
            .find(|t| t.contains("LP99999999999BR"))
    })
    .await;
    assert!(
        tracking.contains("rastreamento.correios.com.br"),
        "with its link: {tracking}"
    );

    let before = texts().await.len();
    ship_replacement(&orders_file, "delivered");
    eventually(10, "one last check-in", || async {
        (texts().await.len() > before).then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    assert_eq!(texts().await.len(), before + 1, "the check-in is sent once");
    let case = app.api(&format!("/cases/{id}")).await;
    let reasons: Vec<Value> = case["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["what"]["event"] == "follow_up_sent")
        .map(|e| e["what"]["reason"].clone())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
}

#[tokio::test]
async fn a_non_urgent_follow_up_in_the_shoppers_night_is_held_until_their_morning() {
    use chrono::Timelike;
    let hour = chrono::Utc::now()
        .with_timezone(&chrono_tz::America::Sao_Paulo)
        .hour();
    // Quiet hours that make "now" night in São Paulo: awake only from two to three hours from now.
    let (start, end) = ((hour + 2) % 24, (hour + 3) % 24);
    let app = spawn_app_with(common::db::sqlite(), move |_, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        desk.desk.insert("followup_every".into(), "200ms".into());
        let quiet = format!("start = \"{start:02}:00\"\nend = \"{end:02}:00\"");
        desk.desk.insert(
            "quiet_hours".into(),
            toml::from_str::<toml::Value>(&quiet).unwrap(),
        );
    })
    .await;
    let (_ana, id) = ana_writes(&app, "Oi, meu pedido #1001 sumiu, está parado há 9 dias").await;
    let (s, _) = app
        .api_post(
            &format!("/cases/{id}/actions"),
            json!({"remedy": {"type": "replacement"}, "actor": "sara", "role": "supervisor"}),
        )
        .await;
    assert_eq!(s, 200);
    ship_replacement(&app.config.data_dir.join("demo-orders.json"), "in_transit");
    let held = eventually(10, "the follow-up held for the morning", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        case["timeline"]
            .as_array()?
            .iter()
            .find(|e| e["what"]["event"] == "held_for_quiet_hours")
            .cloned()
    })
    .await;
    let until =
        chrono::DateTime::parse_from_rfc3339(held["what"]["until"].as_str().unwrap()).unwrap();
    let local = until.with_timezone(&chrono_tz::America::Sao_Paulo);
    assert_eq!(
        (local.hour(), local.minute()),
        (start, 0),
        "held until the shopper's morning: {local}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let at_phone = app.sandbox.sent_to("5511987654321").into_iter().any(|m| {
        m.body["text"]["body"]
            .as_str()
            .is_some_and(|t| t.contains("LP99999999999BR"))
    });
    assert!(!at_phone, "nothing reaches the shopper during their night");
}

/// Moves order 1001's parcel on in the demo orders file (what the file tracker reads).
fn move_parcel(path: &std::path::Path, status: &str, message: &str) {
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let order = file["orders"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|o| o["number"] == "1001")
        .unwrap();
    let parcel = &mut order["shipments"][0];
    parcel["status"] = json!(status);
    parcel["checkpoints"]
        .as_array_mut()
        .unwrap()
        .push(json!({"at": "-5m", "place": "São Paulo, BR", "message": message, "status": status}));
    rewrite(path, &file);
}

#[tokio::test]
async fn while_a_parcel_problem_is_open_a_stalled_parcel_is_chased_and_a_real_change_is_passed_on()
{
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        demo_desk_awake(desk);
        desk.desk.insert(
            "followup".into(),
            toml::from_str::<toml::Value>("tracking_recheck = \"1s\"").unwrap(),
        );
    })
    .await;
    let (ana, id) = ana_writes(&app, "Oi, cadê meu pedido #1001? Está atrasado").await;
    let reasons = |case: &Value| -> Vec<String> {
        case["timeline"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["what"]["event"] == "follow_up_sent")
            .filter_map(|e| e["what"]["reason"]["reason"].as_str().map(String::from))
            .collect()
    };
    // The demo parcel has not moved for 9 days: the shopper hears the team will ask the carrier.
    eventually(10, "we are chasing the carrier", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        reasons(&case)
            .contains(&"stalled_chase_carrier".to_string())
            .then_some(())
    })
    .await;
    // The parcel moves: the next look at tracking passes the change on, in Portuguese.
    move_parcel(
        &app.config.data_dir.join("demo-orders.json"),
        "out_for_delivery",
        "Objeto saiu para entrega ao destinatário",
    );
    let case = eventually(15, "the tracking change passed on", || async {
        let case = app.api(&format!("/cases/{id}")).await;
        reasons(&case)
            .contains(&"tracking_changed".to_string())
            .then_some(case)
    })
    .await;
    assert_eq!(
        reasons(&case),
        vec!["stalled_chase_carrier", "tracking_changed"],
        "each once: {case:#}"
    );
    // The follow-ups as they reached the phone (the acknowledgements before them are not counted).
    let texts = || {
        (app.sandbox.sent_to(&ana.wa_id).into_iter())
            .filter_map(|m| m.body["text"]["body"].as_str().map(String::from))
            .collect::<Vec<_>>()
    };
    let news = eventually(10, "the tracking change on the phone", || async {
        texts()
            .into_iter()
            .find(|t| t.contains("saiu para entrega"))
    })
    .await;
    assert!(news.contains("#1001"), "{news}");
    let chase = texts()
        .into_iter()
        .filter(|t| t.contains("Nossa equipe vai perguntar"))
        .count();
    assert_eq!(chase, 1, "the stalled parcel's news once: {:#?}", texts());
    assert!(
        !news.contains("Previsão"),
        "no delivery estimate that has passed: {news}"
    );
    // Nothing more while nothing changes.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    let case = app.api(&format!("/cases/{id}")).await;
    assert_eq!(reasons(&case).len(), 2, "{case:#}");
}
