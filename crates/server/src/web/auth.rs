//! Signing in and out: email and password, then the authenticator code (or a recovery code) when the
//! person has two-step verification, with failed attempts limited per account and per address.

use std::net::SocketAddr;

use askama::Template;
use axum::{
    extract::{ConnectInfo, FromRequestParts, Query, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    page, page_with, secrets,
    session::{
        self, Agent, CsrfForm, PendingLogin, LOGIN_COOKIE, PENDING_TTL_MS, SESSION_COOKIE,
        SESSION_TTL_MS,
    },
    twostep, WebError,
};
use crate::{state::AppState, store::now_ms};

/// Failed attempts allowed per account, and per address, in [`WINDOW_MS`].
const ACCOUNT_LIMIT: i64 = 5;
const ADDRESS_LIMIT: i64 = 20;
const WINDOW_MS: i64 = 15 * 60 * 1000;

/// The caller's address: the connection's peer, or, when the peer is one of the configured
/// `[web] trusted_proxies`, the client that proxy reports in `X-Forwarded-For`.
pub struct ClientIp(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        app: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        let trusted = &app.config.web.trusted_proxies;
        Ok(ClientIp(peer.map(|p| trusted.client_address(p, forwarded))))
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    /// Where to go once signed in (a conversation link someone followed).
    next: String,
    email: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "two_step.html")]
struct TwoStepPage {
    csrf: String,
    next: String,
    email: String,
    error: Option<String>,
}

/// The login form, with a fresh CSRF token in a short-lived cookie.
pub async fn login_page(
    State(app): State<AppState>,
    Query(q): Query<NextQuery>,
) -> Result<Response, WebError> {
    login_form(&app, StatusCode::OK, String::new(), q.next, None)
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Where a complete sign-in lands: the page asked for, when it is one of ours, or the inbox.
fn landing(next: &str) -> String {
    session::safe_next(next).unwrap_or("/inbox").to_string()
}

fn login_form(
    app: &AppState,
    status: StatusCode,
    email: String,
    next: String,
    error: Option<String>,
) -> Result<Response, WebError> {
    let next = session::safe_next(&next).unwrap_or("").to_string();
    let csrf = secrets::random_token();
    let mut r = page_with(
        status,
        LoginPage {
            csrf: csrf.clone(),
            email,
            next,
            error,
        },
    )?;
    r.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(app, LOGIN_COOKIE, &csrf, 3600),
    );
    Ok(r)
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// Refuses when an account or an address has failed too often lately.
async fn check_limits(app: &AppState, keys: &[(String, i64)]) -> Result<(), WebError> {
    let since = now_ms() - WINDOW_MS;
    for (key, limit) in keys {
        let (n, oldest) = app.store.login_failures(key, since).await?;
        if n >= *limit {
            let minutes = oldest
                .map(|o| (o + WINDOW_MS - now_ms()) / 60_000 + 1)
                .unwrap_or(15);
            return Err(WebError::TooManyAttempts(format!(
                "Too many failed sign-ins. Try again in {minutes} minute{}, or ask an admin.",
                if minutes == 1 { "" } else { "s" }
            )));
        }
    }
    Ok(())
}

fn limit_keys(email: &str, ip: &ClientIp) -> Vec<(String, i64)> {
    let mut keys = vec![(format!("account:{email}"), ACCOUNT_LIMIT)];
    if let Some(ip) = ip.0 {
        keys.push((format!("ip:{ip}"), ADDRESS_LIMIT));
    }
    keys
}

/// Checks the password; goes on to the code, the enrolment, or the inbox.
pub async fn login(
    State(app): State<AppState>,
    ip: ClientIp,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> Result<Response, WebError> {
    let email = f.email.trim().to_lowercase();
    let keys = limit_keys(&email, &ip);
    check_limits(&app, &keys).await?;
    let account = app.store.account_by_email(&email).await?;
    let ok = match &account {
        Some(a) => secrets::verify_password(&f.password, &a.password_hash),
        None => {
            secrets::dummy_verify(&f.password);
            false
        }
    };
    let Some(account) = account.filter(|_| ok) else {
        let names: Vec<String> = keys.into_iter().map(|k| k.0).collect();
        app.store.record_login_failure(&names).await?;
        tracing::info!("a sign-in failed");
        return login_form(
            &app,
            StatusCode::UNAUTHORIZED,
            email,
            f.next,
            Some("Wrong email or password.".into()),
        );
    };
    let (stage, to) = if account.totp_secret.is_some() {
        let next = session::safe_next(&f.next).map(twostep::percent_encode);
        (
            "two_step",
            format!(
                "/login/two-step{}",
                next.map(|n| format!("?next={n}")).unwrap_or_default()
            ),
        )
    } else if session::two_step_required(&app).await? {
        ("enrol", "/account/two-step".to_string())
    } else {
        ("full", landing(&f.next))
    };
    if stage == "full" {
        app.store
            .clear_login_failures(&format!("account:{email}"))
            .await?;
    }
    let mut r = start_session(&app, account.id, stage, &to).await?;
    r.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(&app, LOGIN_COOKIE, "", 0),
    );
    Ok(r)
}

/// Opens a session with a new id (never reusing one from before the login) and goes to `to`.
pub(crate) async fn start_session(
    app: &AppState,
    account_id: i64,
    stage: &str,
    to: &str,
) -> Result<Response, WebError> {
    let id = secrets::random_token();
    let ttl = if stage == "full" {
        SESSION_TTL_MS
    } else {
        PENDING_TTL_MS
    };
    app.store
        .create_session(
            &secrets::fingerprint(&id),
            account_id,
            stage,
            &secrets::random_token(),
            ttl,
        )
        .await?;
    let mut r = Redirect::to(to).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(app, SESSION_COOKIE, &id, ttl / 1000),
    );
    Ok(r)
}

/// The code form, between the password and the inbox.
pub async fn two_step_page(
    PendingLogin(v): PendingLogin,
    Query(q): Query<NextQuery>,
) -> Result<Response, WebError> {
    page(TwoStepPage {
        csrf: v.row.csrf,
        next: session::safe_next(&q.next).unwrap_or("").to_string(),
        email: v.account.email,
        error: None,
    })
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
    #[serde(default)]
    next: String,
}

/// Accepts a current authenticator code (each once) or an unused recovery code.
pub async fn two_step(
    State(app): State<AppState>,
    ip: ClientIp,
    PendingLogin(v): PendingLogin,
    CsrfForm(f): CsrfForm<CodeForm>,
) -> Result<Response, WebError> {
    let keys = limit_keys(&v.account.email, &ip);
    check_limits(&app, &keys).await?;
    let secret = v.account.totp_secret.clone().unwrap_or_default();
    let accepted = match twostep::matching_step(&secret, &f.code, twostep::unix_now()) {
        Some(step) => app.store.use_totp_step(v.account.id, step).await?,
        None => match secrets::normalize_recovery_code(&f.code) {
            Some(code) => {
                app.store
                    .use_recovery_code(v.account.id, &secrets::fingerprint(&code))
                    .await?
            }
            None => false,
        },
    };
    if !accepted {
        let names: Vec<String> = keys.into_iter().map(|k| k.0).collect();
        app.store.record_login_failure(&names).await?;
        let error =
            Some("That code did not work. Codes change every 30 seconds and work once.".into());
        return page_with(
            StatusCode::UNAUTHORIZED,
            TwoStepPage {
                csrf: v.row.csrf,
                next: session::safe_next(&f.next).unwrap_or("").to_string(),
                email: v.account.email,
                error,
            },
        );
    }
    app.store
        .clear_login_failures(&format!("account:{}", v.account.email))
        .await?;
    app.store.end_session(&v.id_hash).await?;
    start_session(&app, v.account.id, "full", &landing(&f.next)).await
}

#[derive(Deserialize)]
pub struct NoFields {}

/// Ends this browser's session.
pub async fn logout(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    app.store.end_session(&agent.session_hash).await?;
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        session::set_cookie(&app, SESSION_COOKIE, "", 0),
    );
    Ok(r)
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: String,
}

/// A one-time login link (printed by `lifeline demo`): opens a full session once.
pub async fn demo_link(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, WebError> {
    match app
        .store
        .use_login_token(&secrets::fingerprint(&q.token))
        .await?
    {
        Some(account_id) => start_session(&app, account_id, "full", "/inbox").await,
        None => Err(WebError::BadRequest(
            "This sign-in link was already used or has expired.".into(),
        )),
    }
}
