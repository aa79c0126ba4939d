//! Setting up two-step verification: a QR code and the secret to type, a code to confirm, then the
//! recovery codes, shown this once and kept only as fingerprints.

use askama::Template;
use axum::{extract::State, http::StatusCode, response::Response};
use serde::Deserialize;

use super::{
    auth, page, page_with, secrets,
    session::{CsrfForm, Enrolling},
    twostep, WebError,
};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "enrol.html")]
struct EnrolPage {
    csrf: String,
    email: String,
    /// Made to enrol before anything else (the desk requires it).
    required: bool,
    enrolled: bool,
    secret: String,
    qr_svg: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery.html")]
struct RecoveryPage {
    codes: Vec<String>,
}

/// The enrolment page (or, when already on, what to do if the phone is lost).
pub async fn page_of(
    app: &AppState,
    v: &super::session::Visitor,
    error: Option<String>,
) -> Result<Response, WebError> {
    let required = v.row.stage == "enrol";
    if v.account.totp_secret.is_some() {
        return page(EnrolPage {
            csrf: v.row.csrf.clone(),
            email: v.account.email.clone(),
            required,
            enrolled: true,
            secret: String::new(),
            qr_svg: String::new(),
            error: None,
        });
    }
    let secret = match &v.account.totp_pending {
        Some(s) => s.clone(),
        None => {
            let s = twostep::new_secret();
            app.store.set_pending_totp(v.account.id, &s).await?;
            s
        }
    };
    let qr_svg = twostep::qr_svg(&twostep::otpauth_url(&secret, &v.account.email))?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    page_with(
        status,
        EnrolPage {
            csrf: v.row.csrf.clone(),
            email: v.account.email.clone(),
            required,
            enrolled: false,
            secret,
            qr_svg,
            error,
        },
    )
}

/// `GET /account/two-step`.
pub async fn page_handler(
    State(app): State<AppState>,
    Enrolling(v): Enrolling,
) -> Result<Response, WebError> {
    page_of(&app, &v, None).await
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    code: String,
}

/// Confirms the secret with a code from the app; shows the recovery codes once.
pub async fn confirm(
    State(app): State<AppState>,
    Enrolling(v): Enrolling,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> Result<Response, WebError> {
    let Some(secret) = v
        .account
        .totp_pending
        .clone()
        .filter(|_| v.account.totp_secret.is_none())
    else {
        return Err(WebError::BadRequest(
            "Two-step verification is already on, or no set-up was started.".into(),
        ));
    };
    let Some(step) = twostep::matching_step(&secret, &f.code, twostep::unix_now()) else {
        let error = Some(
            "That code did not match. Check the time on your phone and type the current code."
                .into(),
        );
        return page_of(&app, &v, error).await;
    };
    let codes = secrets::recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| secrets::fingerprint(c)).collect();
    app.store
        .confirm_totp(v.account.id, &secret, step, &hashes)
        .await?;
    tracing::info!(account = v.account.id, "two-step verification turned on");
    let mut r = page(RecoveryPage { codes })?;
    if v.row.stage == "enrol" {
        // Enrolment was the last step of signing in: open the real session now.
        app.store.end_session(&v.id_hash).await?;
        let started = auth::start_session(&app, v.account.id, "full", "/inbox").await?;
        for c in started.headers().get_all(axum::http::header::SET_COOKIE) {
            r.headers_mut()
                .append(axum::http::header::SET_COOKIE, c.clone());
        }
    }
    Ok(r)
}
