//! Signing in to the web app: passwords, cookies, rate limits per account and address, CSRF, return links.

mod common;
mod web_common;

use common::app::{spawn_app, spawn_app_with, TestApp};
use lifeline_desk::Role;
use lifeline_server::config::TrustedProxies;
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

/// A desk behind a reverse proxy on this machine, named in `[web] trusted_proxies`.
async fn desk_behind_a_local_proxy() -> TestApp {
    spawn_app_with(common::db::sqlite(), |_, desk| {
        desk.web.trusted_proxies = TrustedProxies::parse(["127.0.0.1", "::1"]).unwrap();
    })
    .await
}

/// Thirty failed sign-ins, each on another account and claiming another address in `X-Forwarded-For`;
/// returns the status of each.
async fn guesses_from_rotating_addresses(app: &TestApp) -> Vec<u16> {
    let mut statuses = Vec::new();
    for i in 0..30 {
        let b = Browser::new(&app.desk).with_header("x-forwarded-for", &format!("198.51.100.{i}"));
        let r = b
            .sign_in(&format!("rotating{i}@shop.example"), "guess guess guess")
            .await;
        statuses.push(r.status);
    }
    statuses
}

#[tokio::test]
async fn a_forwarded_address_from_a_peer_nobody_trusts_does_not_dodge_the_limit() {
    let app = spawn_app().await;
    let statuses = guesses_from_rotating_addresses(&app).await;
    assert_eq!(
        statuses[..20],
        [401; 20],
        "the first twenty fail normally: {statuses:?}"
    );
    assert_eq!(
        statuses[20..],
        [429; 10],
        "the header is the caller's own word, so all thirty came from one address: {statuses:?}"
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit() {
    let app = desk_behind_a_local_proxy().await;
    let statuses = guesses_from_rotating_addresses(&app).await;
    assert_eq!(
        statuses,
        vec![401; 30],
        "thirty shoppers' addresses, none over its limit"
    );
}

#[tokio::test]
async fn behind_a_local_reverse_proxy_the_forwarded_address_is_the_one_limited() {
    let app = desk_behind_a_local_proxy().await;
    person(
        &app,
        "gus@shop.example",
        Role::Agent,
        "correct horse battery",
    )
    .await;
    // The client wrote 198.51.100.1 itself; the proxy appended the address it saw, 203.0.113.7.
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
    let disguised =
        Browser::new(&app.desk).with_header("x-forwarded-for", "192.0.2.50, 203.0.113.7");
    assert_eq!(
        disguised
            .sign_in("gus@shop.example", "correct horse battery")
            .await
            .status,
        429,
        "what the client writes left of the proxy's entry changes nothing"
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
