//! People admin (admins only): who works the desk, in which role, with or without two-step
//! verification; add a person, change a role, reset a lost authenticator, require two-step for all.

use askama::Template;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use lifeline_desk::Role;
use serde::Deserialize;

use super::{
    page, secrets,
    session::{parse_role, two_step_required, Agent, CsrfForm},
    view, Nav, WebError,
};
use crate::{
    state::AppState,
    store::{PersonRow, Store},
};

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage {
    nav: Nav,
    people: Vec<PersonLine>,
    require_two_step: bool,
    /// Shown once after adding someone without a chosen password.
    notice: Option<String>,
    new_password: Option<String>,
}

struct PersonLine {
    p: PersonRow,
    since: String,
    me: bool,
}

/// Creates an account (the people page and `lifeline user add`); returns the password, generated
/// when none is given so it can be shown once.
pub async fn create_person(
    store: &Store,
    email: &str,
    role: Role,
    password: Option<&str>,
) -> anyhow::Result<String> {
    let email = email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 || email.chars().any(char::is_whitespace) {
        anyhow::bail!("'{email}' is not an email address");
    }
    let password = match password {
        Some(p) if p.chars().count() < secrets::MIN_PASSWORD_LEN => {
            anyhow::bail!(
                "the password must have at least {} characters",
                secrets::MIN_PASSWORD_LEN
            )
        }
        Some(p) => p.to_string(),
        None => secrets::generate_password(),
    };
    if store.account_by_email(&email).await?.is_some() {
        anyhow::bail!("{email} already has an account");
    }
    store
        .create_account(&email, role.as_str(), &secrets::hash_password(&password)?)
        .await?;
    Ok(password)
}

async fn render(
    app: &AppState,
    agent: &Agent,
    notice: Option<String>,
    new_password: Option<String>,
) -> Result<Response, WebError> {
    let people = app
        .store
        .list_people()
        .await?
        .into_iter()
        .map(|p| PersonLine {
            since: view::date(p.created_at),
            me: p.id == agent.account.id,
            p,
        })
        .collect();
    page(PeoplePage {
        nav: Nav::of(agent, "people"),
        people,
        require_two_step: two_step_required(app).await?,
        notice,
        new_password,
    })
}

/// `GET /admin/people`.
pub async fn page_handler(State(app): State<AppState>, agent: Agent) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    render(&app, &agent, None, None).await
}

#[derive(Deserialize)]
pub struct AddForm {
    email: String,
    role: String,
    #[serde(default)]
    password: String,
}

/// Adds a person; a generated password is shown this once.
pub async fn add(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(f): CsrfForm<AddForm>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let role = parse_role(&f.role)
        .ok_or_else(|| WebError::BadRequest("Choose agent, supervisor or admin.".into()))?;
    let given = Some(f.password.as_str()).filter(|p| !p.is_empty());
    match create_person(&app.store, &f.email, role, given).await {
        Ok(password) => {
            let notice = format!(
                "{} can now sign in as {}.",
                f.email.trim().to_lowercase(),
                role.as_str()
            );
            render(
                &app,
                &agent,
                Some(notice),
                given.is_none().then_some(password),
            )
            .await
        }
        Err(e) => render(&app, &agent, Some(format!("Not added: {e}.")), None).await,
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

/// Changes a person's role (never one's own, so the desk always keeps an admin).
pub async fn change_role(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    CsrfForm(f): CsrfForm<RoleForm>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let role = parse_role(&f.role)
        .ok_or_else(|| WebError::BadRequest("Choose agent, supervisor or admin.".into()))?;
    if id == agent.account.id {
        return Err(WebError::BadRequest(
            "You cannot change your own role; ask another admin.".into(),
        ));
    }
    if !app.store.set_role(id, role.as_str()).await? {
        return Err(WebError::NotFound);
    }
    app.store.end_sessions_of(id).await?;
    Ok(Redirect::to("/admin/people").into_response())
}

#[derive(Deserialize)]
pub struct NoFields {}

/// Turns a person's two-step verification off (lost phone); they set it up again at next sign-in
/// when the desk requires it.
pub async fn reset_two_step(
    State(app): State<AppState>,
    agent: Agent,
    Path(id): Path<i64>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    app.store.account(id).await?.ok_or(WebError::NotFound)?;
    app.store.reset_totp(id).await?;
    tracing::info!(
        account = id,
        by = agent.account.id,
        "two-step verification reset"
    );
    if id == agent.account.id {
        return Ok(Redirect::to("/login").into_response());
    }
    Ok(Redirect::to("/admin/people").into_response())
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    require_two_step: Option<String>,
}

/// Desk-wide account rules: requiring two-step verification for everyone.
pub async fn settings(
    State(app): State<AppState>,
    agent: Agent,
    CsrfForm(f): CsrfForm<SettingsForm>,
) -> Result<Response, WebError> {
    agent.require(Role::Admin)?;
    let on = f.require_two_step.is_some();
    app.store
        .set_desk_setting("require_two_step", if on { "true" } else { "false" })
        .await?;
    Ok(Redirect::to("/admin/people").into_response())
}
