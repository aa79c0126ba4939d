//! A span on every request: this desk's id, the request id (the caller's `x-request-id`, or a new one,
//! sent back on the response) and the route template. Never the URL itself: the webhook handshake's
//! query carries the verify token. One line per answered request at info level, with status and latency.

use axum::{extract::MatchedPath, http::Request, Router};
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    trace::{DefaultOnRequest, DefaultOnResponse, TraceLayer},
};
use tracing::Level;

/// The header that carries the request id, in and out.
pub const REQUEST_ID: &str = "x-request-id";

/// Wraps `router` so every request is traced and answered with its request id.
pub fn traced(router: Router) -> Router {
    let header = axum::http::HeaderName::from_static(REQUEST_ID);
    router
        .layer(PropagateRequestIdLayer::new(header.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(DefaultOnRequest::new().level(Level::DEBUG))
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(header, MakeRequestUuid))
}

fn request_span(request: &Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or_default();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(MatchedPath::as_str)
        .unwrap_or("unmatched");
    tracing::info_span!("request", desk = %crate::leases::this_desk(), request_id = %id,
        method = %request.method(), route = %route)
}
