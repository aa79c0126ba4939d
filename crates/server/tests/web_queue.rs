//! The inbox's queue and board through a browser: the order cases should be handled in, each filter,
//! search by order number, phone and name, the board's columns, `e` resolving a case, and the stores
//! admin screen with a real lookup against a fake Shopify.

mod common;
mod web_common;

use common::app::{eventually, spawn_app_with, TestApp};
use lifeline_desk::Role;
use lifeline_sandbox::{Shopper, ShopperMessage};
use lifeline_server::config::{NumberConfig, Secret};
use serde_json::Value;
use web_common::{signed_in, Browser};

const ANA: &str = "5511987654321";
const RAFAEL: &str = "5531991234567";
const JULIANA: &str = "5581998765432";
/// A second business number, served by the "outlet" store only.
const OUTLET_NUMBER: &str = "106540352242999";

/// A desk with the demo shop on every number, and an "outlet" shop on a second number.
async fn desk_with_two_stores() -> TestApp {
    desk_with_two_stores_on(common::db::sqlite()).await
}

async fn desk_with_two_stores_on(db: common::db::TestDb) -> TestApp {
    spawn_app_with(db, |sim, desk| {
        lifeline_server::sandbox::add_demo_store(desk).unwrap();
        let mut n = sim.numbers[0].clone();
        n.phone_number_id = OUTLET_NUMBER.into();
        n.display_phone_number = "15550783999".into();
        let mut d: NumberConfig = desk.numbers[0].clone();
        d.phone_number_id = OUTLET_NUMBER.into();
        d.display_phone_number = "15550783999".into();
        d.access_token = Secret::new(n.access_token.clone());
        sim.numbers.push(n);
        desk.numbers.push(d);
        let path = desk.data_dir.join("outlet-orders.json");
        std::fs::write(&path, lifeline_commerce::DEMO_ORDERS).unwrap();
        let mut outlet = toml::Table::new();
        outlet.insert("name".into(), "outlet".into());
        outlet.insert("kind".into(), "file".into());
        outlet.insert("path".into(), path.display().to_string().into());
        outlet.insert("numbers".into(), vec![OUTLET_NUMBER.to_string()].into());
        desk.stores.push(outlet);
    })
    .await
}

/// A shopper writes on `number`; returns (case id, conversation id) once the case has its order.
async fn case_from(app: &TestApp, number: &str, wa_id: &str, name: &str, text: &str) -> (i64, i64) {
    let shopper = Shopper {
        wa_id: wa_id.into(),
        name: name.into(),
        user_id: None,
        phone_number_id: number.into(),
    };
    app.sandbox
        .shopper_says(&shopper, ShopperMessage::Text(text.into()))
        .await;
    eventually(10, "the case with its order", || async {
        let c = case_json(app, wa_id).await?;
        let id = c["id"].as_i64()?;
        let full = app.api(&format!("/cases/{id}")).await;
        full["order"]
            .is_object()
            .then(|| (id, full["conversation_id"].as_i64().unwrap()))
    })
    .await
}

async fn case_json(app: &TestApp, wa_id: &str) -> Option<Value> {
    let cases = app.api("/cases?all=true").await["cases"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    common::app::case_of_shopper(app, cases, wa_id).await
}

/// Ana asks where order 1001 is; Rafael threatens a chargeback over a broken TV (order 1003).
async fn two_cases(app: &TestApp) -> (i64, i64) {
    let number = app.number_id();
    let (ana, _) = case_from(app, &number, ANA, "Ana Souza", "Oi, cadê o pedido #1001?").await;
    let (rafael, _) = case_from(
        app,
        &number,
        RAFAEL,
        "Rafael Oliveira",
        "the tv screen is cracked, order #1003. if you dont replace it im doing a chargeback",
    )
    .await;
    (ana, rafael)
}

/// The case ids the queue at `path` lists, in its order.
async fn queue(b: &Browser, path: &str) -> Vec<i64> {
    let p = b.get(path).await;
    assert_eq!(p.status, 200, "{path}: {}", p.body);
    p.body
        .split("data-case=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

#[tokio::test]
async fn the_inbox_opens_on_the_queue_with_an_escalation_above_a_normal_case() {
    let app = desk_with_two_stores().await;
    let (ana, rafael) = two_cases(&app).await;
    let escalated = case_json(&app, RAFAEL).await.unwrap();
    assert_eq!(escalated["escalated"], true, "{escalated}");
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let inbox = b.get("/inbox").await;
    assert!(
        inbox.body.contains("data-live=\"/inbox/queue\""),
        "{}",
        inbox.body
    );
    assert!(inbox.body.contains("Rafael Oliveira") && inbox.body.contains("Ana Souza"));
    assert_eq!(queue(&b, "/inbox").await, vec![rafael, ana]);
    assert_eq!(
        queue(&b, "/inbox/queue").await,
        vec![rafael, ana],
        "the live refresh"
    );
    let convs = b.get("/inbox?view=conversations").await;
    assert!(convs.body.contains("data-live=\"/inbox/rows\""));
    assert!(
        convs.body.contains("class=\"line"),
        "the conversations are one click away"
    );
}

#[tokio::test]
async fn each_filter_narrows_the_queue_and_survives_the_live_refresh_on_every_database() {
    for db in common::db::all().await {
        let label = db.label;
        filters_narrow(&desk_with_two_stores_on(db).await).await;
        println!("filters checked on {label}");
    }
}

async fn filters_narrow(app: &TestApp) {
    let (ana, rafael) = two_cases(app).await;
    let (juliana, _) = case_from(
        app,
        OUTLET_NUMBER,
        JULIANA,
        "Juliana Pereira",
        "Olá, meu pedido #1004 ainda não chegou",
    )
    .await;
    let b = signed_in(app, "ana@shop.example", Role::Agent).await;
    let csrf = b.csrf().await;
    assert_eq!(queue(&b, "/inbox?kind=damaged").await, vec![rafael]);
    // The live refresh URL carries the filters.
    let page = b.get("/inbox?kind=damaged&q=rafael").await;
    assert!(
        page.body
            .contains("data-live=\"/inbox/queue?kind=damaged&#38;q=rafael\""),
        "{}",
        page.body
    );
    assert_eq!(
        queue(&b, "/inbox/queue?kind=damaged&q=rafael").await,
        vec![rafael]
    );

    for id in [ana, rafael, juliana] {
        let labels = app.api(&format!("/cases/{id}")).await["labels"].to_string();
        let listed = queue(&b, "/inbox?label=logistics").await.contains(&id);
        assert_eq!(
            listed,
            labels.contains("\"logistics\""),
            "case {id}: {labels}"
        );
    }

    let moved = b
        .post(
            &format!("/cases/{ana}/correct"),
            &[
                ("csrf", &csrf),
                ("status", "investigating"),
                ("assignee", "me"),
            ],
        )
        .await;
    assert_eq!(moved.status, 303, "{}", moved.body);
    assert_eq!(queue(&b, "/inbox?status=investigating").await, vec![ana]);
    assert_eq!(queue(&b, "/inbox?assignee=me").await, vec![ana]);
    assert_eq!(
        queue(&b, "/inbox?assignee=ana%40shop.example").await,
        vec![ana]
    );
    let nobody = queue(&b, "/inbox?assignee=unassigned").await;
    assert!(nobody.contains(&rafael) && nobody.contains(&juliana) && !nobody.contains(&ana));

    assert_eq!(queue(&b, "/inbox?store=outlet").await, vec![juliana]);
    assert_eq!(
        queue(&b, "/inbox?store=demo").await.len(),
        3,
        "every order was found in demo"
    );
    assert_eq!(
        queue(&b, &format!("/inbox?number={OUTLET_NUMBER}")).await,
        vec![juliana]
    );
    let first = queue(&b, &format!("/inbox?number={}", app.number_id())).await;
    assert!(!first.contains(&juliana) && first.len() == 2);

    assert_eq!(
        queue(&b, "/inbox?q=%231003").await,
        vec![rafael],
        "order number"
    );
    assert_eq!(
        queue(&b, "/inbox?q=1004").await,
        vec![juliana],
        "order number"
    );
    assert_eq!(
        queue(&b, "/inbox?q=%2B55%2011%209876").await,
        vec![ana],
        "phone"
    );
    assert_eq!(queue(&b, "/inbox?q=juliana").await, vec![juliana], "name");
    assert!(queue(&b, "/inbox?q=nobody%20at%20all").await.is_empty());
    assert_eq!(
        queue(&b, "/inbox?kind=%25").await.len(),
        3,
        "an unknown kind is ignored"
    );
}

/// The label of the board column that holds case `id`.
fn column_of(body: &str, id: i64) -> Option<String> {
    body.split("<section class=\"column\" data-label=\"")
        .skip(1)
        .find(|s| s.contains(&format!("data-case=\"{id}\"")))
        .and_then(|s| s.split('"').next().map(str::to_string))
}

#[tokio::test]
async fn the_board_has_a_column_per_label_and_e_resolves_a_case_with_its_token_only() {
    let app = desk_with_two_stores().await;
    let (ana, rafael) = two_cases(&app).await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let board = b.get("/inbox?view=board").await;
    assert_eq!(board.status, 200);
    let order: Vec<&str> = board
        .body
        .split("<section class=\"column\" data-label=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert_eq!(
        order,
        [
            "pending",
            "logistics",
            "refund in progress",
            "needs follow-up",
            "resolved"
        ]
    );
    let ana_labels = app.api(&format!("/cases/{ana}")).await["labels"].to_string();
    let col = column_of(&board.body, ana).expect("Ana's card is on the board");
    assert!(
        ana_labels.contains(&format!("\"{col}\"")),
        "{col} not in {ana_labels}"
    );
    assert!(board.body.contains("data-live=\"/inbox/board\""));
    let damaged = b.get("/inbox/board?kind=damaged").await.body;
    assert!(column_of(&damaged, rafael).is_some() && column_of(&damaged, ana).is_none());

    // Without the token nothing happens.
    let refused = b.post(&format!("/cases/{rafael}/resolve"), &[]).await;
    assert_eq!(refused.status, 403);
    assert_ne!(case_json(&app, RAFAEL).await.unwrap()["status"], "resolved");
    let csrf = b.csrf().await;
    let by_script = Browser::new(&app.desk).with_header("x-requested-with", "fetch");
    by_script
        .sign_in("ana@shop.example", "a long enough password")
        .await;
    let done = by_script
        .post(
            &format!("/cases/{rafael}/resolve"),
            &[("csrf", &by_script.csrf().await)],
        )
        .await;
    assert_eq!(done.status, 204, "{}", done.body);
    let c = case_json(&app, RAFAEL).await.unwrap();
    assert_eq!(c["status"], "resolved");
    assert!(
        !queue(&b, "/inbox").await.contains(&rafael),
        "gone from the queue"
    );
    let board = b.get("/inbox?view=board").await;
    assert_eq!(column_of(&board.body, rafael).as_deref(), Some("resolved"));
    // A plain form goes back to the queue.
    let plain = b
        .post(&format!("/cases/{ana}/resolve"), &[("csrf", &csrf)])
        .await;
    assert_eq!((plain.status, plain.location.as_str()), (303, "/inbox"));
}

const SHOPIFY_TOKEN: &str = "shpat_never_shown_4f2a9c";

#[tokio::test]
async fn the_stores_screen_is_for_admins_hides_keys_and_checks_a_real_lookup() {
    use lifeline_commerce::fakes::FakeShopify;
    let fake = FakeShopify::start(SHOPIFY_TOKEN, lifeline_commerce::demo_store().orders())
        .await
        .unwrap();
    fake.grant_scope("read_all_orders"); // so a missing order is surely missing, not merely old
    let base = fake.base_url();
    let app = spawn_app_with(common::db::sqlite(), |_, desk| {
        let mut shop = toml::Table::new();
        shop.insert("name".into(), "acme".into());
        shop.insert("kind".into(), "shopify".into());
        shop.insert("shop".into(), "acme".into());
        shop.insert("access_token".into(), SHOPIFY_TOKEN.into());
        shop.insert("api_base".into(), base.clone().into());
        desk.stores = vec![shop];
    })
    .await;
    let agent = signed_in(&app, "agent@shop.example", Role::Agent).await;
    assert_eq!(agent.get("/admin/stores").await.status, 403);
    let admin = signed_in(&app, "admin@shop.example", Role::Admin).await;
    let p = admin.get("/admin/stores").await;
    assert_eq!(p.status, 200);
    assert!(
        p.body.contains("<strong>acme</strong>") && p.body.contains("Shopify"),
        "{}",
        p.body
    );
    assert!(p.body.contains(base.trim_end_matches('/')), "its address");
    assert!(p.body.contains("every number") && p.body.contains("no lookup yet"));
    assert!(!p.body.contains(SHOPIFY_TOKEN), "never its token");
    let csrf = p.csrf();
    let found = admin
        .post(
            "/admin/stores/check",
            &[("csrf", &csrf), ("store", "acme"), ("order", "#1001")],
        )
        .await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert!(found.body.contains("Order 1001 found in"), "{}", found.body);
    assert!(found.body.contains("Ana Souza"), "{}", found.body);
    let missing = admin
        .post(
            "/admin/stores/check",
            &[("csrf", &csrf), ("store", "acme"), ("order", "999999")],
        )
        .await;
    assert!(
        missing.body.contains("there is no order 999999"),
        "{}",
        missing.body
    );
    let refused = agent
        .post(
            "/admin/stores/check",
            &[
                ("csrf", &agent.csrf().await),
                ("store", "acme"),
                ("order", "1001"),
            ],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(!found.body.contains(SHOPIFY_TOKEN) && !missing.body.contains(SHOPIFY_TOKEN));

    // A shopper names an order: the desk's own lookup shows as the store's last one.
    let number = app.number_id();
    case_from(&app, &number, ANA, "Ana Souza", "Oi, cadê o pedido #1001?").await;
    let seen = admin.get("/admin/stores").await.body;
    assert!(seen.contains("<td>1</td>"), "one order known: {seen}");
    assert!(
        seen.contains("order 1001, ") && seen.contains(": found"),
        "{seen}"
    );
    assert!(
        seen.contains("name=\"order\" value=\"1001\""),
        "offered for the next check"
    );
}
