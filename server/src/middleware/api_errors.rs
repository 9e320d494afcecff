//! Gives server-function errors their proper status. The server-function machinery answers every
//! error with 500; the body is the `AppError`, which knows its status (422 for bad input, 403, 429
//! with `Retry-After`, ...). A 5xx is thus reserved for Casebook's own faults.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::error::FromServerFnError;

use app::error::AppError;

/// An error repeats the values submitted (so a form can show them again), and JSON may spell a
/// character in up to six bytes: a refused form of the largest size allowed fits in this.
const MAX_ERROR_BODY: usize = 6 * super::limits::FORM_BODY_LIMIT + 64 * 1024;

pub async fn set_error_status(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let error = AppError::de(bytes.clone());
    parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let AppError::TooManyAttempts { retry_after_seconds } = error
        && let Ok(value) = HeaderValue::from_str(&retry_after_seconds.to_string())
    {
        parts.headers.insert(header::RETRY_AFTER, value);
    }
    Response::from_parts(parts, Body::from(bytes))
}
