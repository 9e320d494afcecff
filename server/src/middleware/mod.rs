//! The layers every request passes through, outermost first.

pub mod api_errors;
pub mod client_address;
pub mod form_errors;
pub mod limits;
pub mod nul_characters;
pub mod origin;
mod panic;
mod request_id;
pub mod security_headers;
pub mod server_timing;
pub mod session_failures;

use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use client_address::TrustForwardedFor;
pub use origin::AllowedOrigin;
pub use request_id::REQUEST_ID_HEADER;

/// Wraps the router in request ids, request tracing, panic recovery and the time limit on each
/// request. (The limits on what a request may carry sit inside the cross-site check, in
/// `startup::router`, so a forged request is refused as forged whatever its body.)
pub fn apply(router: Router) -> Router {
    let header = axum::http::HeaderName::from_static(REQUEST_ID_HEADER);
    router.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::map_request(request_id::drop_untrusted))
            .layer(SetRequestIdLayer::new(header.clone(), MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(request_id::span_for)
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(header))
            .layer(CatchPanicLayer::custom(panic::internal_error_page))
            .layer(axum::middleware::from_fn_with_state(limits::REQUEST_TIMEOUT, limits::time_limit)),
    )
}
