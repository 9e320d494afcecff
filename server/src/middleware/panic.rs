//! The last line of defence: a bug that panics while handling a request becomes a friendly 500 page.
//! The panic message goes to the log (with the request id, from the enclosing span), never to the
//! browser.

use std::any::Any;

use axum::body::Body;
use axum::http::{Response, StatusCode, header};

pub fn internal_error_page(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "request handler panicked");
    let html = app::pages::error_page::render(app::pages::error_page::Failure::Internal);
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    response
}
