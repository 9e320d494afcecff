//! The last line of defence: a bug that panics while handling a request becomes a friendly 500 page.
//! The panic message goes to the log (with the request id, from the enclosing span), never to the
//! browser.

use std::any::Any;

use axum::body::Body;
use axum::http::{Response, StatusCode, header};

use app::pages::error_page::{self, Failure};

pub fn internal_error_page(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "request handler panicked");
    failure_page(StatusCode::INTERNAL_SERVER_ERROR, Failure::Internal)
}

/// The friendly page for a failure, answered with `status` and never stored by caches.
pub fn failure_page(status: StatusCode, failure: Failure) -> Response<Body> {
    let mut response = Response::new(Body::from(error_page::render(failure)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    // Its stylesheet must load; it has no scripts.
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(app::ssr::security::SCRIPTLESS_PAGE_POLICY),
    );
    response
}
