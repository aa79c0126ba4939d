//! The agents' web app: server-rendered pages, a little hand-written JavaScript, live updates over SSE.
//!
//! Every page goes through an auto-escaping askama template; every form posts a CSRF token checked by
//! [`session::CsrfForm`]; every page behind the login takes a [`session::Agent`].

mod admin;
mod approvals;
mod assets;
mod auth;
mod board;
mod case_panel;
mod cases_view;
mod conversation;
mod dashboard;
mod demo;
mod enrol;
mod inbox;
mod live;
mod people;
pub mod secrets;
mod session;
mod templates;
mod thread;
mod tone;
pub mod twostep;
mod view;

pub use demo::{demo_login, DemoLogin};
pub use people::create_person;
pub use session::parse_role;

use askama::Template;
use axum::{
    http::{header, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};

use crate::state::AppState;

/// The web app's routes (pages, forms, static assets, the live event stream).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/inbox") }))
        .route("/login", get(auth::login_page).post(auth::login))
        .route(
            "/login/two-step",
            get(auth::two_step_page).post(auth::two_step),
        )
        .route("/login/demo", get(auth::demo_link))
        .route("/logout", post(auth::logout))
        .route(
            "/account/two-step",
            get(enrol::page_handler).post(enrol::confirm),
        )
        .route("/admin/people", get(people::page_handler).post(people::add))
        .route("/admin/people/{id}/role", post(people::change_role))
        .route(
            "/admin/people/{id}/reset-two-step",
            post(people::reset_two_step),
        )
        .route("/admin/settings", post(people::settings))
        .route("/dashboard", get(dashboard::page_handler))
        .route("/admin/numbers", get(admin::numbers_page))
        .route("/admin/templates", get(admin::templates_page))
        .route("/admin/templates/sync", post(admin::sync_templates))
        .route(
            "/admin/canned",
            get(admin::canned_page).post(admin::add_canned),
        )
        .route("/admin/canned/{id}/delete", post(admin::delete_canned))
        .route("/admin/policy", get(admin::policy_page))
        .route("/admin/stores", get(admin::stores_page))
        .route("/admin/stores/check", post(admin::check_store))
        .route("/inbox/queue", get(cases_view::rows))
        .route("/inbox/board", get(board::columns_handler))
        .route("/cases/{id}/resolve", post(cases_view::resolve))
        .route("/inbox", get(cases_view::inbox))
        .route("/approvals", get(approvals::page_handler))
        .route("/approvals/{id}/approve", post(approvals::approve))
        .route("/approvals/{id}/reject", post(approvals::reject))
        .route("/conversations/{id}/cases", get(case_panel::page_handler))
        .route("/cases/{id}/correct", post(case_panel::correct))
        .route("/cases/{id}/notes", post(case_panel::note))
        .route("/cases/{id}/order/verify", post(case_panel::verify_order))
        .route("/cases/{id}/reply", post(case_panel::reply))
        .route("/cases/{id}/remedy", post(case_panel::remedy))
        .route("/cases/{id}/canned/{shortcut}", get(case_panel::canned))
        .route("/cases/{id}/template", post(case_panel::template))
        .route(
            "/cases/{id}/attachment",
            post(case_panel::attach).layer(axum::extract::DefaultBodyLimit::max(
                case_panel::ATTACH_LIMIT,
            )),
        )
        .route("/sent-media/{message_id}", get(case_panel::sent_media))
        .route("/actions/{id}/retry", post(case_panel::retry_action))
        .route("/messages/{id}/retry", post(case_panel::retry_message))
        .route("/inbox/rows", get(inbox::rows))
        .route("/conversations/{id}", get(conversation::page_handler))
        .route("/conversations/{id}/thread", get(conversation::thread))
        .route("/conversations/{id}/reply", post(conversation::reply))
        .route(
            "/conversations/{id}/template",
            post(conversation::send_template),
        )
        .route("/media/{message_id}", get(assets::media))
        .route("/events", get(live::events))
        .route("/static/app.css", get(assets::css))
        .route("/static/app.js", get(assets::js))
        .route("/static/favicon.svg", get(assets::icon))
        .route("/favicon.ico", get(assets::icon))
        // Pages and assets go out gzipped when the browser asks (never the event stream or photos).
        .layer(tower_http::compression::CompressionLayer::new())
}

/// What can go wrong on a page, each shown to the person in plain words.
#[derive(Debug)]
pub enum WebError {
    /// Not signed in: off to the login page.
    SignIn,
    /// Not signed in: off to the login page, then back to this page.
    SignInThen(String),
    /// Signed in but somewhere else first (the code, the enrolment).
    Redirect(String),
    Forbidden,
    NotFound,
    /// The form's CSRF token is missing or wrong.
    Csrf,
    BadRequest(String),
    TooManyAttempts(String),
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for WebError {
    fn from(e: anyhow::Error) -> Self {
        WebError::Internal(e)
    }
}

/// Free text after the 24-hour window: the same words as the REST API and the case panel.
impl From<crate::outbox::WindowClosed> for WebError {
    fn from(e: crate::outbox::WindowClosed) -> Self {
        case_panel::web_error(e.into())
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::Internal(anyhow::anyhow!("rendering a page: {e}"))
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    detail: &'a str,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, title, detail) = match &self {
            WebError::SignIn => return Redirect::to("/login").into_response(),
            WebError::SignInThen(next) => {
                let to = format!("/login?next={}", twostep::percent_encode(next));
                return Redirect::to(&to).into_response();
            }
            WebError::Redirect(to) => return Redirect::to(to).into_response(),
            WebError::Forbidden => (
                StatusCode::FORBIDDEN,
                "Not for your role",
                "Ask an admin if you need this page.",
            ),
            WebError::NotFound => (
                StatusCode::NOT_FOUND,
                "Not found",
                "It may have been removed, or the link is wrong.",
            ),
            WebError::Csrf => (
                StatusCode::FORBIDDEN,
                "This form has expired",
                "Go back, reload the page and try again.",
            ),
            WebError::BadRequest(why) => {
                (StatusCode::BAD_REQUEST, "That did not work", why.as_str())
            }
            WebError::TooManyAttempts(why) => (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many attempts",
                why.as_str(),
            ),
            WebError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "web app error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong",
                    "It has been logged. Try again in a moment.",
                )
            }
        };
        let body = ErrorPage { title, detail }
            .render()
            .unwrap_or_else(|_| title.to_string());
        let mut r = (status, Html(body)).into_response();
        secure_headers(&mut r);
        r
    }
}

/// Headers every page carries: no caching of private pages, no framing, only our own scripts.
fn secure_headers(r: &mut Response) {
    let h = r.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("same-origin"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; \
             object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
    );
}

/// Renders a page with the headers every page carries.
pub(crate) fn page(t: impl Template) -> Result<Response, WebError> {
    let mut r = Html(t.render()?).into_response();
    secure_headers(&mut r);
    Ok(r)
}

/// Renders a page with a status other than 200.
pub(crate) fn page_with(status: StatusCode, t: impl Template) -> Result<Response, WebError> {
    let mut r = page(t)?;
    *r.status_mut() = status;
    Ok(r)
}

/// What the top bar of every signed-in page shows.
pub struct Nav {
    pub email: String,
    pub csrf: String,
    pub admin: bool,
    /// Supervisors and admins see the dashboard.
    pub supervisor: bool,
    /// Which tab is lit: `inbox`, `people`, `account`.
    pub here: &'static str,
}

impl Nav {
    pub fn of(agent: &session::Agent, here: &'static str) -> Nav {
        Nav {
            email: agent.account.email.clone(),
            csrf: agent.csrf.clone(),
            admin: agent.role >= lifeline_desk::Role::Admin,
            supervisor: agent.role >= lifeline_desk::Role::Supervisor,
            here,
        }
    }
}
