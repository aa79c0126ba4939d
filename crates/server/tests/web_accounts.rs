//! Accounts in the web app: signing in, wrong passwords, rate limits, CSRF, roles, people admin.

mod common;
mod web_common;

use common::app::spawn_app;
use lifeline_desk::Role;
use web_common::{person, signed_in, Browser};

#[tokio::test]
async fn pages_behind_the_login_send_strangers_to_the_login_page() {
    let app = spawn_app().await;
    let b = Browser::new(&app.desk);
    for path in ["/inbox", "/events", "/media/1", "/inbox/rows"] {
        let p = b.get(path).await;
        assert_eq!((p.status, p.location.as_str()), (303, "/login"), "{path}");
    }
    for (path, to) in [
        ("/conversations/1", "/login?next=%2Fconversations%2F1"),
        ("/admin/people", "/login?next=%2Fadmin%2Fpeople"),
    ] {
        let p = b.get(path).await;
        assert_eq!((p.status, p.location.as_str()), (303, to), "{path}");
    }
    assert_eq!(b.get("/login").await.status, 200);
}

#[tokio::test]
async fn signing_in_from_a_link_lands_on_that_page_and_never_elsewhere() {
    let app = spawn_app().await;
    person(
        &app,
        "hal@shop.example",
        Role::Admin,
        "correct horse battery",
    )
    .await;
    let b = Browser::new(&app.desk);
    let to = b.get("/admin/people").await.location;
    let form = b.get(&to).await;
    assert!(
        form.body.contains("name=\"next\" value=\"/admin/people\""),
        "{}",
        form.body
    );
    let r = b
        .post(
            "/login",
            &[
                ("csrf", &form.csrf()),
                ("email", "hal@shop.example"),
                ("password", "correct horse battery"),
                ("next", "/admin/people"),
            ],
        )
        .await;
    assert_eq!((r.status, r.location.as_str()), (303, "/admin/people"));

    for evil in [
        "https://evil.example/",
        "//evil.example/x",
        "/conversations/1\\@evil",
        "/logout",
    ] {
        let b = Browser::new(&app.desk);
        let form = b.get("/login").await;
        let r = b
            .post(
                "/login",
                &[
                    ("csrf", &form.csrf()),
                    ("email", "hal@shop.example"),
                    ("password", "correct horse battery"),
                    ("next", evil),
                ],
            )
            .await;
        assert_eq!((r.status, r.location.as_str()), (303, "/inbox"), "{evil}");
    }
}

#[tokio::test]
async fn the_right_password_signs_in_with_a_safe_cookie_and_a_wrong_one_is_refused() {
    let app = spawn_app().await;
    person(
        &app,
        "ana@shop.example",
        Role::Agent,
        "correct horse battery",
    )
    .await;
    let b = Browser::new(&app.desk);

    let wrong = b.sign_in("ana@shop.example", "correct horse batterY").await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("Wrong email or password."));
    let unknown = b
        .sign_in("nobody@shop.example", "correct horse battery")
        .await;
    assert_eq!(unknown.status, 401);
    assert!(
        unknown.body.contains("Wrong email or password."),
        "the same answer whether or not the email exists"
    );

    let ok = b
        .sign_in("  Ana@Shop.example ", "correct horse battery")
        .await;
    assert_eq!((ok.status, ok.location.as_str()), (303, "/inbox"));
    let cookie = ok
        .set_cookies
        .iter()
        .find(|c| c.starts_with("lifeline_session="))
        .expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "the test desk is served over http: {cookie}"
    );
    let inbox = b.get("/inbox").await;
    assert_eq!(inbox.status, 200);
    assert!(inbox.body.contains("ana@shop.example"));

    let out = b.post("/logout", &[("csrf", &inbox.csrf())]).await;
    assert_eq!((out.status, out.location.as_str()), (303, "/login"));
    assert_eq!(b.get("/inbox").await.status, 303, "the session ended");
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while_even_with_the_right_password() {
    let app = spawn_app().await;
    person(
        &app,
        "bo@shop.example",
        Role::Agent,
        "correct horse battery",
    )
    .await;
    let b = Browser::new(&app.desk);
    for _ in 0..5 {
        assert_eq!(
            b.sign_in("bo@shop.example", "guess guess guess")
                .await
                .status,
            401
        );
    }
    let locked = b.sign_in("bo@shop.example", "correct horse battery").await;
    assert_eq!(locked.status, 429);
    assert!(
        locked.body.contains("Too many failed sign-ins"),
        "{}",
        locked.body
    );
    // Another account is not locked by them.
    person(
        &app,
        "cy@shop.example",
        Role::Agent,
        "correct horse battery",
    )
    .await;
    assert_eq!(
        Browser::new(&app.desk)
            .sign_in("cy@shop.example", "correct horse battery")
            .await
            .status,
        303
    );
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused() {
    let app = spawn_app().await;
    person(
        &app,
        "di@shop.example",
        Role::Admin,
        "correct horse battery",
    )
    .await;
    let b = Browser::new(&app.desk);
    let _ = b.get("/login").await;
    let no_token = b
        .post(
            "/login",
            &[
                ("email", "di@shop.example"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(no_token.status, 403);
    let wrong = b
        .post(
            "/login",
            &[
                ("csrf", "forged"),
                ("email", "di@shop.example"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 403);

    let b = signed_in(&app, "ed@shop.example", Role::Admin).await;
    let csrf = b.csrf().await;
    let add = |token: &'static str| {
        let b = &b;
        async move {
            b.post(
                "/admin/people",
                &[
                    ("csrf", token),
                    ("email", "new@shop.example"),
                    ("role", "agent"),
                ],
            )
            .await
        }
    };
    assert_eq!(add("").await.status, 403);
    assert_eq!(add("not the token").await.status, 403);
    assert_eq!(b.post("/logout", &[]).await.status, 403);
    let ok = b
        .post(
            "/admin/people",
            &[
                ("csrf", &csrf),
                ("email", "new@shop.example"),
                ("role", "agent"),
            ],
        )
        .await;
    assert_eq!(ok.status, 200);
    assert!(
        ok.body
            .contains("new@shop.example can now sign in as agent."),
        "{}",
        ok.body
    );
}

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
async fn one_address_failing_on_many_accounts_is_limited_too() {
    let app = spawn_app().await;
    person(
        &app,
        "fay@shop.example",
        Role::Agent,
        "correct horse battery",
    )
    .await;
    let b = Browser::new(&app.desk);
    for i in 0..20 {
        let r = b
            .sign_in(&format!("guess{i}@shop.example"), "guess guess guess")
            .await;
        assert_eq!(r.status, 401);
    }
    let r = b.sign_in("fay@shop.example", "correct horse battery").await;
    assert_eq!(
        r.status, 429,
        "twenty failures from one address lock it for a while"
    );
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

#[tokio::test]
async fn behind_a_local_reverse_proxy_the_forwarded_address_is_the_one_limited() {
    let app = spawn_app().await;
    person(
        &app,
        "gus@shop.example",
        Role::Agent,
        "correct horse battery",
    )
    .await;
    let attacker =
        Browser::new(&app.desk).with_header("x-forwarded-for", "198.51.100.1, 203.0.113.7");
    for i in 0..20 {
        let r = attacker
            .sign_in(&format!("guess{i}@shop.example"), "guess guess guess")
            .await;
        assert_eq!(r.status, 401);
    }
    assert_eq!(
        attacker
            .sign_in("gus@shop.example", "correct horse battery")
            .await
            .status,
        429
    );
    let colleague = Browser::new(&app.desk).with_header("x-forwarded-for", "203.0.113.8");
    let r = colleague
        .sign_in("gus@shop.example", "correct horse battery")
        .await;
    assert_eq!(
        r.status, 303,
        "another address behind the same proxy is not locked out"
    );
}
