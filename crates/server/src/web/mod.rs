//! The agents' web app: server-rendered pages, a little hand-written JavaScript, live updates over SSE.

use axum::Router;

use crate::state::AppState;

/// The web app's routes (pages, forms, static assets, the live event stream).
pub fn router() -> Router<AppState> {
    Router::new()
}
