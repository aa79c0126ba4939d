//! Two-step verification: enrolment with a QR code, sign-in with a code, recovery codes that work
//! once, an admin's reset, and the desk-wide requirement.

mod common;
mod web_common;

use common::app::{spawn_app, TestApp};
use lifeline_desk::Role;
use web_common::{person, signed_in, totp_code, unix_now, Browser};

/// Enrols the signed-in browser; returns the secret and the recovery codes shown.
async fn enrol(b: &Browser) -> (String, Vec<String>) {
    let page = b.get("/account/two-step").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<svg"), "a QR code is drawn inline");
    let secret = page
        .body
        .split("<code class=\"secret\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    assert!(page.body.contains(&format!("secret={secret}")) || page.body.contains("<svg"));
    let wrong = b
        .post(
            "/account/two-step",
            &[("csrf", &page.csrf()), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, 422, "a wrong code does not turn it on");
    let done = b
        .post(
            "/account/two-step",
            &[
                ("csrf", &page.csrf()),
                ("code", &totp_code(&secret, unix_now())),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    let codes: Vec<String> = done
        .body
        .split("<li><code>")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .map(str::to_string)
        .collect();
    assert_eq!(codes.len(), 10, "{}", done.body);
    (secret, codes)
}

async fn account_id(app: &TestApp, email: &str) -> i64 {
    app.running
        .as_ref()
        .unwrap()
        .state
        .store
        .account_by_email(email)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn after_enrolment_signing_in_takes_the_password_and_then_a_current_code() {
    let app = spawn_app().await;
    let b = signed_in(&app, "ana@shop.example", Role::Agent).await;
    let (secret, _) = enrol(&b).await;
    assert!(b
        .get("/account/two-step")
        .await
        .body
        .contains("Two-step verification is on"));

    let fresh = Browser::new(&app.desk);
    let step1 = fresh
        .sign_in("ana@shop.example", "a long enough password")
        .await;
    assert_eq!(
        (step1.status, step1.location.as_str()),
        (303, "/login/two-step")
    );
    let inbox = fresh.get("/inbox").await;
    assert_eq!(
        inbox.location, "/login/two-step",
        "the password alone opens nothing"
    );
    let form = fresh.get("/login/two-step").await;
    let bad = fresh
        .post(
            "/login/two-step",
            &[("csrf", &form.csrf()), ("code", "123456")],
        )
        .await;
    assert_eq!(bad.status, 401);
    // The code of two minutes ago is too old.
    let old = totp_code(&secret, unix_now() - 120);
    assert_eq!(
        fresh
            .post("/login/two-step", &[("csrf", &form.csrf()), ("code", &old)])
            .await
            .status,
        401
    );
    // The enrolment used the current step's code; the next step's code (one step of drift is allowed) is new.
    let code = totp_code(&secret, unix_now() + 30);
    let ok = fresh
        .post(
            "/login/two-step",
            &[("csrf", &form.csrf()), ("code", &code)],
        )
        .await;
    assert_eq!(
        (ok.status, ok.location.as_str()),
        (303, "/inbox"),
        "{}",
        ok.body
    );
    assert_eq!(fresh.get("/inbox").await.status, 200);

    let again = Browser::new(&app.desk);
    again
        .sign_in("ana@shop.example", "a long enough password")
        .await;
    let form = again.get("/login/two-step").await;
    let replay = again
        .post(
            "/login/two-step",
            &[("csrf", &form.csrf()), ("code", &code)],
        )
        .await;
    assert_eq!(replay.status, 401, "the same code is never accepted twice");
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let app = spawn_app().await;
    let b = signed_in(&app, "bo@shop.example", Role::Agent).await;
    let (_, codes) = enrol(&b).await;

    let first = Browser::new(&app.desk);
    first
        .sign_in("bo@shop.example", "a long enough password")
        .await;
    let form = first.get("/login/two-step").await;
    let typed = codes[0].to_uppercase().replace('-', " ");
    let ok = first
        .post(
            "/login/two-step",
            &[("csrf", &form.csrf()), ("code", &typed)],
        )
        .await;
    assert_eq!((ok.status, ok.location.as_str()), (303, "/inbox"));

    let second = Browser::new(&app.desk);
    second
        .sign_in("bo@shop.example", "a long enough password")
        .await;
    let form = second.get("/login/two-step").await;
    let reused = second
        .post(
            "/login/two-step",
            &[("csrf", &form.csrf()), ("code", &codes[0])],
        )
        .await;
    assert_eq!(reused.status, 401, "a recovery code works once");
    let other = second
        .post(
            "/login/two-step",
            &[("csrf", &form.csrf()), ("code", &codes[1])],
        )
        .await;
    assert_eq!(other.status, 303);
}

#[tokio::test]
async fn an_admin_can_require_two_step_for_everyone_and_reset_a_lost_phone() {
    let app = spawn_app().await;
    let admin = signed_in(&app, "boss@shop.example", Role::Admin).await;
    person(
        &app,
        "cy@shop.example",
        Role::Agent,
        "a long enough password",
    )
    .await;
    let csrf = admin.csrf().await;
    let r = admin
        .post(
            "/admin/settings",
            &[("csrf", &csrf), ("require_two_step", "on")],
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(
        admin.get("/inbox").await.location,
        "/account/two-step",
        "the admin too must enrol now"
    );

    let cy = Browser::new(&app.desk);
    let step1 = cy
        .sign_in("cy@shop.example", "a long enough password")
        .await;
    assert_eq!(step1.location, "/account/two-step");
    assert_eq!(cy.get("/inbox").await.location, "/account/two-step");
    enrol(&cy).await;
    assert_eq!(
        cy.get("/inbox").await.status,
        200,
        "enrolment finished the sign-in"
    );

    enrol(&admin).await;
    let id = account_id(&app, "cy@shop.example").await;
    let csrf = admin.csrf().await;
    let reset = admin
        .post(
            &format!("/admin/people/{id}/reset-two-step"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reset.status, 303);
    assert_eq!(
        cy.get("/inbox").await.location,
        "/login",
        "a reset signs the person out"
    );
    let again = Browser::new(&app.desk);
    assert_eq!(
        again
            .sign_in("cy@shop.example", "a long enough password")
            .await
            .location,
        "/account/two-step"
    );
}

#[tokio::test]
async fn a_link_followed_before_signing_in_is_opened_after_the_code() {
    let app = spawn_app().await;
    let b = signed_in(&app, "ida@shop.example", Role::Agent).await;
    let (secret, _) = enrol(&b).await;
    let fresh = Browser::new(&app.desk);
    let to = fresh.get("/conversations/7").await.location;
    let form = fresh.get(&to).await;
    let step1 = fresh
        .post(
            "/login",
            &[
                ("csrf", &form.csrf()),
                ("email", "ida@shop.example"),
                ("password", "a long enough password"),
                ("next", "/conversations/7"),
            ],
        )
        .await;
    assert_eq!(step1.location, "/login/two-step?next=%2Fconversations%2F7");
    let code_form = fresh.get(&step1.location).await;
    let code = totp_code(&secret, unix_now() + 30);
    let done = fresh
        .post(
            "/login/two-step",
            &[
                ("csrf", &code_form.csrf()),
                ("code", &code),
                ("next", "/conversations/7"),
            ],
        )
        .await;
    assert_eq!(
        (done.status, done.location.as_str()),
        (303, "/conversations/7")
    );
}
