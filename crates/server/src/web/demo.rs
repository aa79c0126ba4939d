//! The demo's front door: an admin account and a one-time link that signs the browser straight in.

use lifeline_desk::Role;

use super::{people::create_person, secrets};
use crate::{
    state::AppState,
    store::{now_ms, Store},
};

/// What `lifeline demo` prints so a newcomer sees the inbox at once.
pub struct DemoLogin {
    pub email: String,
    pub password: String,
    /// `/login/demo?token=…`, to append to the desk's address; works once, for a day.
    pub path: String,
}

impl std::fmt::Debug for DemoLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoLogin")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Creates the demo admin (once) and a fresh one-time login link for it.
pub async fn demo_login(app: &AppState) -> anyhow::Result<DemoLogin> {
    let email = "demo@lifeline.local".to_string();
    let password = match app.store.account_by_email(&email).await? {
        Some(_) => String::from("(unchanged)"),
        None => create_person(&app.store, &email, Role::Admin, None).await?,
    };
    let path = login_link(&app.store, &email).await?;
    Ok(DemoLogin {
        email,
        password,
        path,
    })
}

/// A one-time link that signs `email` in, valid for a day.
pub async fn login_link(store: &Store, email: &str) -> anyhow::Result<String> {
    let account = store
        .account_by_email(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account for {email}"))?;
    let token = secrets::random_token();
    store
        .create_login_token(
            &secrets::fingerprint(&token),
            account.id,
            now_ms() + 24 * 3600 * 1000,
        )
        .await?;
    Ok(format!("/login/demo?token={token}"))
}
