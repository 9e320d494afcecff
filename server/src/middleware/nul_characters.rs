//! Refuses NUL characters in addresses (no page has one: 404) and form submissions (400). PostgreSQL cannot store them in text
//! (it fails the whole statement), SQLite would store them silently, and no person types one: so
//! they are refused at the door, the same on both engines, before any handler sees them.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use app::pages::error_page::Failure;

use super::limits::FORM_BODY_LIMIT;

const REFUSED: &str = "The submission contains a NUL character (%00), which Casebook does not accept.";

pub async fn refuse_nul_characters(request: Request, next: Next) -> Response {
    if has_encoded_nul(request.uri().path().as_bytes()) {
        super::limits::discard_body(request.into_body()).await;
        return super::panic::failure_page(StatusCode::NOT_FOUND, Failure::NotFound);
    }
    if request.uri().query().is_some_and(|q| has_encoded_nul(q.as_bytes())) {
        super::limits::discard_body(request.into_body()).await;
        return (StatusCode::BAD_REQUEST, REFUSED).into_response();
    }
    if matches!(*request.method(), Method::GET | Method::HEAD) || is_multipart(&request) {
        // File uploads are checked by their own readers, which refuse anything that is not text.
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, FORM_BODY_LIMIT).await else {
        let message = "The submission could not be read: it is too large or was cut off.";
        return (StatusCode::BAD_REQUEST, message).into_response();
    };
    if bytes.contains(&0) || has_encoded_nul(&bytes) {
        return (StatusCode::BAD_REQUEST, REFUSED).into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().to_ascii_lowercase().starts_with(b"multipart/form-data"))
}

/// Whether percent-encoded text holds `%00` (a literal "%00" arrives as `%2500`).
fn has_encoded_nul(text: &[u8]) -> bool {
    text.windows(3).any(|w| w == b"%00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_encoded_nul_counts() {
        assert!(has_encoded_nul(b"name=a%00b"));
        assert!(has_encoded_nul(b"%00"));
        assert!(!has_encoded_nul(b"name=100%25"));
        assert!(!has_encoded_nul(b"text=%2500"));
        assert!(!has_encoded_nul(b"a=%0A"));
    }
}
