//! People in the web app: roles, the people admin page, the demo's one-time link, `lifeline user add`.

mod common;
mod web_common;

use common::app::spawn_app;
use lifeline_desk::Role;
use web_common::{signed_in, Browser};

#[tokio::test]
async fn an_agent_cannot_open_people_admin_and_an_admin_manages_people() {
    let app = spawn_app().await;
    let agent = signed_in(&app, "agent@shop.example", Role::Agent).await;
    assert_eq!(agent.get("/admin/people").await.status, 403);
    let csrf = agent.csrf().await;
    let tried = agent
        .post(
            "/admin/people",
            &[
                ("csrf", &csrf),
                ("email", "x@shop.example"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(tried.status, 403, "an agent cannot add an admin");
    assert!(
        !agent.get("/inbox").await.body.contains("/admin/people"),
        "no People tab for agents"
    );

    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    let page = admin.get("/admin/people").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("agent@shop.example"));
    let csrf = page.csrf();
    let added = admin
        .post(
            "/admin/people",
            &[
                ("csrf", &csrf),
                ("email", "Sup@Shop.example"),
                ("role", "supervisor"),
            ],
        )
        .await;
    let password = added
        .body
        .split("shown this once: <code class=\"secret\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap();
    assert!(
        password.len() >= 20,
        "a generated password is shown once: {password}"
    );
    let sup = Browser::new(&app.desk);
    assert_eq!(
        sup.sign_in("sup@shop.example", password).await.location,
        "/inbox"
    );

    // Promote the agent; their sessions end so the new role applies at once.
    let store = &app.running.as_ref().unwrap().state.store;
    let id = store
        .account_by_email("agent@shop.example")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = admin
        .post(
            &format!("/admin/people/{id}/role"),
            &[("csrf", &csrf), ("role", "supervisor")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(store.account(id).await.unwrap().unwrap().role, "supervisor");
    assert_eq!(
        agent.get("/inbox").await.status,
        303,
        "signed out by the change"
    );
    let me = store
        .account_by_email("boss@shop.example")
        .await
        .unwrap()
        .unwrap()
        .id;
    let own = admin
        .post(
            &format!("/admin/people/{me}/role"),
            &[("csrf", &csrf), ("role", "agent")],
        )
        .await;
    assert_eq!(own.status, 400, "nobody changes their own role");
}

#[tokio::test]
async fn the_demo_link_signs_in_once() {
    let app = spawn_app().await;
    let state = &app.running.as_ref().unwrap().state;
    let login = lifeline_server::web::demo_login(state).await.unwrap();
    assert!(login.path.starts_with("/login/demo?token="));
    let b = Browser::new(&app.desk);
    let r = b.get(&login.path).await;
    assert_eq!((r.status, r.location.as_str()), (303, "/inbox"));
    assert_eq!(b.get("/inbox").await.status, 200);
    assert_eq!(
        Browser::new(&app.desk).get(&login.path).await.status,
        400,
        "a used link does not work again"
    );
    let again = Browser::new(&app.desk)
        .sign_in(&login.email, &login.password)
        .await;
    assert_eq!(again.location, "/inbox", "the printed password works too");
}

#[tokio::test]
async fn lifeline_user_add_creates_the_first_admin() {
    let dir = common::db::tempdir::Dir::new();
    let config = lifeline_server::config::Config {
        database_url: format!("sqlite://{}", dir.0.join("desk.db").display()),
        data_dir: dir.0.clone(),
        ..Default::default()
    };
    let add = |email: &str, password: Option<&str>| lifeline_server::cli::UserCommand::Add {
        email: email.into(),
        role: "admin".into(),
        password: password.map(String::from),
    };
    lifeline_server::cli::user(config.clone(), add("Owner@Shop.example", None))
        .await
        .unwrap();
    lifeline_server::cli::user(
        config.clone(),
        add("two@shop.example", Some("long enough secret")),
    )
    .await
    .unwrap();
    let again = lifeline_server::cli::user(config.clone(), add("owner@shop.example", None)).await;
    assert!(again
        .unwrap_err()
        .to_string()
        .contains("already has an account"));
    let short =
        lifeline_server::cli::user(config.clone(), add("three@shop.example", Some("short"))).await;
    assert!(short
        .unwrap_err()
        .to_string()
        .contains("at least 10 characters"));

    let store = lifeline_server::store::Store::connect(&config.database_url)
        .await
        .unwrap();
    let owner = store
        .account_by_email("owner@shop.example")
        .await
        .unwrap()
        .expect("created");
    assert_eq!(owner.role, "admin");
    assert!(owner.password_hash.starts_with("$argon2id$"));
    let two = store
        .account_by_email("two@shop.example")
        .await
        .unwrap()
        .unwrap();
    assert!(lifeline_server::web::secrets::verify_password(
        "long enough secret",
        &two.password_hash
    ));
}
