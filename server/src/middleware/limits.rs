//! Limits on what one request may take: the size of its body and the time to answer it. Without
//! them a single client could hold memory or a worker indefinitely.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, Limited};

use app::pages::error_page::Failure;

use super::panic::failure_page;

/// Every form and server function call: far above the longest Markdown an author writes.
pub const FORM_BODY_LIMIT: usize = 1024 * 1024;

/// The file uploads (a module file, a prescribing extract, a campaign's addresses) check their own,
/// smaller limits with a message about the file; this bounds the whole multipart body around them.
pub const UPLOAD_BODY_LIMIT: usize = 21 * 1024 * 1024;
const UPLOADS: [&str; 4] = [
    "/api/admin/import_module",
    "/api/admin/import_ods_practices",
    "/api/reports/import_prescribing",
    "/api/campaigns/upload_campaign_addresses",
];

/// How much of a refused body is read before the connection is simply closed.
const DISCARD_LIMIT: usize = 64 * 1024 * 1024;

/// How long a request may take to be answered (the slowest, the all-regions dashboard over ten
/// million answers, takes about five seconds).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Refuses a body declared larger than the route's limit with 413, and cuts off one that grows
/// past it while being read (the reader then fails with a 400).
pub async fn limit_request_body(request: Request, next: Next) -> Response {
    let upload = UPLOADS.contains(&request.uri().path());
    if upload && !has_multipart_boundary(&request) {
        discard_body(request.into_body()).await;
        let message = "Upload the file with the page's form (multipart/form-data).";
        return (StatusCode::BAD_REQUEST, message).into_response();
    }
    let limit = if upload { UPLOAD_BODY_LIMIT } else { FORM_BODY_LIMIT };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        discard_body(request.into_body()).await;
        let message = format!("The submission is too large: this address accepts up to {} MB.", limit >> 20);
        return (StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
    }
    let (parts, body) = request.into_parts();
    next.run(Request::from_parts(parts, Body::new(Limited::new(body, limit)))).await
}

/// Whether an upload says how its parts are separated; without it the server-function machinery
/// would fail inside (server_fn panics on a missing boundary) instead of refusing the request.
fn has_multipart_boundary(request: &Request) -> bool {
    let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|t| t.to_str().ok());
    let parsed = content_type.and_then(|t| t.parse::<mime::Mime>().ok());
    parsed.is_some_and(|m| {
        m.type_() == mime::MULTIPART
            && m.subtype() == mime::FORM_DATA
            && m.get_param(mime::BOUNDARY).is_some()
    })
}

/// Reads and drops a refused body (up to [`DISCARD_LIMIT`]), so the client, still sending, sees
/// the refusal instead of a connection reset. Nothing of it is kept in memory.
pub(super) async fn discard_body(body: Body) {
    let mut body = Limited::new(body, DISCARD_LIMIT);
    while let Some(Ok(_)) = body.frame().await {}
}

/// Answers 503 with the friendly page when a request has not been answered within `limit`
/// ([`REQUEST_TIMEOUT`] in the application).
pub async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!(seconds = limit.as_secs_f64(), "request timed out");
            failure_page(StatusCode::SERVICE_UNAVAILABLE, Failure::Unavailable)
        }
    }
}
