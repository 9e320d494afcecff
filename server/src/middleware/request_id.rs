//! Request ids: every request gets one, every log line inside it carries it, and the response returns
//! it in `x-request-id` so a user's report can be matched to the logs. An id set by a trusted load
//! balancer is kept; anything that could forge or garble log lines is replaced.

use axum::extract::Request;
use axum::http::HeaderValue;
use tracing::Span;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Longest incoming id kept (a UUID is 36 characters; some balancers use longer ids).
const MAX_LENGTH: usize = 64;

/// Removes an incoming request id that is not plainly an identifier, so a fresh one is made.
pub async fn drop_untrusted(mut request: Request) -> Request {
    let keep = request.headers().get(REQUEST_ID_HEADER).is_some_and(is_plain_identifier);
    if !keep {
        request.headers_mut().remove(REQUEST_ID_HEADER);
    }
    request
}

fn is_plain_identifier(value: &HeaderValue) -> bool {
    let bytes = value.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_LENGTH
        && bytes.iter().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The tracing span for one request: method, path (never the query string, which may carry tokens)
/// and request id.
pub fn span_for<B>(request: &axum::http::Request<B>) -> Span {
    let id = request.headers().get(REQUEST_ID_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_identifiers_are_kept() {
        for ok in ["abc", "9f1c2b9e-3c1d-4e0a-9a57-6a1e2f0b1c2d", "lb.1_2-3"] {
            assert!(is_plain_identifier(&HeaderValue::from_static(ok)), "{ok}");
        }
    }

    #[test]
    fn anything_else_is_replaced() {
        let too_long = "a".repeat(MAX_LENGTH + 1);
        for bad in ["", "a b", "x\"}{", "id;rm -rf", too_long.as_str()] {
            let value = HeaderValue::from_str(bad).unwrap_or(HeaderValue::from_static(""));
            assert!(!is_plain_identifier(&value), "{bad}");
        }
    }
}
