//! `Server-Timing` on the responses of pages, downloads and server functions (when `SERVER_TIMING`
//! is on): how long the server took, by its wall clock, to load the session and the signed-in
//! person, then to answer (queries, page rendering). An instruction profile cannot see time spent
//! waiting on the database; this can, request by request, in Chromium's developer tools or in
//! `make bench-phases`.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// When the session layers finished loading the session and the person (set once per request).
#[derive(Clone, Debug, Default)]
struct SessionLoaded(Arc<OnceLock<Instant>>);

/// The outer mark: wraps everything the page router does, and writes the header.
pub async fn time_response(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let loaded = SessionLoaded::default();
    request.extensions_mut().insert(loaded.clone());
    let mut response = next.run(request).await;
    let header = header_value(started, loaded.0.get().copied(), Instant::now());
    if let Ok(value) = HeaderValue::from_str(&header) {
        response.headers_mut().insert("server-timing", value);
    }
    response
}

/// The inner mark, just inside sign-in: the session and the person have been loaded.
pub async fn mark_session_loaded(request: Request, next: Next) -> Response {
    if let Some(loaded) = request.extensions().get::<SessionLoaded>() {
        let _ = loaded.0.set(Instant::now());
    }
    next.run(request).await
}

/// `session;dur=…, app;dur=…` in milliseconds; without the inner mark (a request refused before
/// sign-in ran), only `app`.
fn header_value(started: Instant, session_loaded: Option<Instant>, finished: Instant) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    match session_loaded {
        Some(loaded) => format!(
            "session;dur={:.3}, app;dur={:.3}",
            ms(loaded.saturating_duration_since(started)),
            ms(finished.saturating_duration_since(loaded))
        ),
        None => format!("app;dur={:.3}", ms(finished.saturating_duration_since(started))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_splits_the_time_at_the_session_mark() {
        let start = Instant::now();
        let loaded = start + Duration::from_micros(1_500);
        let done = loaded + Duration::from_millis(4);
        assert_eq!(header_value(start, Some(loaded), done), "session;dur=1.500, app;dur=4.000");
        assert_eq!(header_value(start, None, done), "app;dur=5.500");
    }
}
