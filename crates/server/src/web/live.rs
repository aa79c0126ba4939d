//! Live updates: the desk's events as server-sent events. They say what changed (ids, statuses),
//! never message bodies; the page fetches what it shows through the same auth as any page.

use std::{convert::Infallible, time::Duration};

use axum::{
    extract::State,
    response::sse::{Event, KeepAlive, Sse},
};
use futures::{Stream, StreamExt};
use tokio_stream::wrappers::{errors::BroadcastStreamRecvError, BroadcastStream};

use super::{session::Agent, WebError};
use crate::state::AppState;

/// `GET /events`: one event per desk event; `resync` when this browser fell behind.
pub async fn events(
    State(app): State<AppState>,
    _agent: Agent,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, WebError> {
    let stream = BroadcastStream::new(app.events.subscribe()).map(|item| {
        let event = match item {
            Ok(e) => Event::default()
                .event("desk")
                .json_data(&e)
                .unwrap_or_else(|_| Event::default().event("resync").data("{}")),
            Err(BroadcastStreamRecvError::Lagged(_)) => Event::default().event("resync").data("{}"),
        };
        Ok(event)
    });
    let hello = futures::stream::once(async { Ok(Event::default().event("hello").data("{}")) });
    // Ends when the desk stops: the browser reconnects to whichever desk answers next.
    let stream = hello
        .chain(stream)
        .take_until(app.stopping.clone().cancelled_owned());
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
