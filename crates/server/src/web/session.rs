//! Who is asking: the session cookie (Secure when the desk is served over https, HttpOnly,
//! SameSite=Lax), the session row it points to (stored by the SHA-256 of its id), the extractors that
//! let a handler name the kind of visitor it serves, and the CSRF check every posted form goes through.

use std::collections::HashMap;

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    http::{header, request::Parts, HeaderMap, HeaderValue},
};
use lifeline_desk::Role;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::{secrets, WebError};
use crate::{
    state::AppState,
    store::{Account, SessionRow},
};

pub const SESSION_COOKIE: &str = "lifeline_session";
/// Before anyone is signed in, the login form's CSRF token lives in this cookie (double submit).
pub const LOGIN_COOKIE: &str = "lifeline_login";
/// A working day and a bit.
pub const SESSION_TTL_MS: i64 = 12 * 3600 * 1000;
/// Time to type the code or finish enrolment after the password.
pub const PENDING_TTL_MS: i64 = 10 * 60 * 1000;

/// The cookies of a request, by name.
pub fn cookies(headers: &HeaderMap) -> HashMap<String, String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A `Set-Cookie` value for this desk (Secure when its public URL is https).
pub fn set_cookie(app: &AppState, name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    let secure = app
        .config
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    let v = format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("invalid=1; Max-Age=0"))
}

/// A page to return to after signing in: only the desk's own conversation and admin pages, so a
/// crafted link can never send someone elsewhere.
pub fn safe_next(path: &str) -> Option<&str> {
    let allowed = path.starts_with("/conversations/") || path.starts_with("/admin/");
    let plain = path.len() < 200
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.?=&%".contains(&b))
        && !path.contains("//");
    (allowed && plain).then_some(path)
}

/// Parses a role as stored.
pub fn parse_role(s: &str) -> Option<Role> {
    match s {
        "agent" => Some(Role::Agent),
        "supervisor" => Some(Role::Supervisor),
        "admin" => Some(Role::Admin),
        _ => None,
    }
}

/// The session behind the request's cookie, at any stage.
#[derive(Clone)]
pub struct Visitor {
    pub id_hash: String,
    pub row: SessionRow,
    pub account: Account,
}

async fn visitor(parts: &Parts, app: &AppState) -> Result<Option<Visitor>, WebError> {
    let Some(id) = cookies(&parts.headers).remove(SESSION_COOKIE) else {
        return Ok(None);
    };
    let id_hash = secrets::fingerprint(&id);
    let Some(row) = app.store.session(&id_hash).await? else {
        return Ok(None);
    };
    let Some(account) = app.store.account(row.account_id).await? else {
        return Ok(None);
    };
    Ok(Some(Visitor {
        id_hash,
        row,
        account,
    }))
}

/// Whether the desk asks everyone for a second step.
pub async fn two_step_required(app: &AppState) -> Result<bool, WebError> {
    Ok(app.store.desk_setting("require_two_step").await?.as_deref() == Some("true"))
}

/// A fully signed-in person: the extractor of every page behind the login.
#[derive(Clone)]
pub struct Agent {
    pub account: Account,
    pub role: Role,
    pub csrf: String,
    pub session_hash: String,
}

impl Agent {
    /// Refuses people below `role`.
    pub fn require(&self, role: Role) -> Result<(), WebError> {
        if self.role >= role {
            Ok(())
        } else {
            Err(WebError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for Agent {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        let Some(v) = visitor(parts, app).await? else {
            let path = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            return Err(match safe_next(path) {
                Some(next) if parts.method == axum::http::Method::GET => {
                    WebError::SignInThen(next.to_string())
                }
                _ => WebError::SignIn,
            });
        };
        match v.row.stage.as_str() {
            "full" => {}
            "two_step" => return Err(WebError::Redirect("/login/two-step".into())),
            "enrol" => return Err(WebError::Redirect("/account/two-step".into())),
            _ => return Err(WebError::SignIn),
        }
        if v.account.totp_secret.is_none() && two_step_required(app).await? {
            return Err(WebError::Redirect("/account/two-step".into()));
        }
        let role = parse_role(&v.account.role).ok_or(WebError::Forbidden)?;
        Ok(Agent {
            account: v.account,
            role,
            csrf: v.row.csrf,
            session_hash: v.id_hash,
        })
    }
}

/// Someone between the password and the code (stage `two_step`).
pub struct PendingLogin(pub Visitor);

impl FromRequestParts<AppState> for PendingLogin {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        match visitor(parts, app).await? {
            Some(v) if v.row.stage == "two_step" => Ok(PendingLogin(v)),
            Some(v) if v.row.stage == "full" => Err(WebError::Redirect("/inbox".into())),
            _ => Err(WebError::SignIn),
        }
    }
}

/// Someone who may set up two-step verification: signed in, or made to enrol before anything else.
pub struct Enrolling(pub Visitor);

impl FromRequestParts<AppState> for Enrolling {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, WebError> {
        match visitor(parts, app).await? {
            Some(v) if v.row.stage == "full" || v.row.stage == "enrol" => Ok(Enrolling(v)),
            Some(_) => Err(WebError::Redirect("/login/two-step".into())),
            None => Err(WebError::SignIn),
        }
    }
}

#[derive(serde::Deserialize)]
struct CsrfField {
    csrf: Option<String>,
}

/// A posted form whose CSRF token was checked: against the session's token when there is a session,
/// against the login cookie otherwise. Every POST handler of the web app takes its form through this.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = WebError;

    async fn from_request(req: Request, app: &AppState) -> Result<Self, WebError> {
        let (mut parts, body) = req.into_parts();
        let expected = match visitor(&parts, app).await? {
            Some(v) => v.row.csrf,
            None => cookies(&parts.headers)
                .remove(LOGIN_COOKIE)
                .unwrap_or_default(),
        };
        let header_token = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = axum::body::to_bytes(body, 256 * 1024)
            .await
            .map_err(|_| WebError::BadRequest("the form is too large".into()))?;
        let field: CsrfField = serde_urlencoded_form(&mut parts, bytes.clone(), app).await?;
        let given = field.csrf.or(header_token).unwrap_or_default();
        if expected.is_empty() || !bool::from(expected.as_bytes().ct_eq(given.as_bytes())) {
            return Err(WebError::Csrf);
        }
        let form: T = serde_urlencoded_form(&mut parts, bytes, app).await?;
        Ok(CsrfForm(form))
    }
}

async fn serde_urlencoded_form<T: DeserializeOwned>(
    parts: &mut Parts,
    bytes: bytes::Bytes,
    app: &AppState,
) -> Result<T, WebError> {
    let mut p = Request::new(axum::body::Body::from(bytes));
    *p.headers_mut() = parts.headers.clone();
    *p.method_mut() = parts.method.clone();
    *p.uri_mut() = parts.uri.clone();
    let axum::Form(v) = axum::Form::<T>::from_request(p, app).await.map_err(|e| {
        WebError::BadRequest(format!("the form could not be read: {}", e.body_text()))
    })?;
    Ok(v)
}
