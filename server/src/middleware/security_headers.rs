//! Security headers on every response: no MIME sniffing, no referrer sent to other sites, never
//! framed, HTTPS remembered (when served over HTTPS), and a Content Security Policy (a page's
//! allows the scripts carrying its nonce, which the page leaves in the request's `PageNonce`; the
//! failure pages set their own, for styles only; anything else gets one that allows nothing).
//! Only the static assets may be cached: pages and data carry people's records, so the rest is
//! `no-store`.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use app::ssr::security::PageNonce;

/// Whether the site is served over HTTPS (its public address), so browsers should insist on it.
#[derive(Clone, Copy, Debug)]
pub struct ServedOverHttps(pub bool);

const DENY_ALL: &str = "default-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
/// Paths of the built assets (stylesheet, bundle, images, icons), which hold nobody's data.
const STATIC_PREFIXES: [&str; 3] = ["/pkg/", "/assets/", "/favicon"];

pub async fn add_security_headers(
    State(https): State<ServedOverHttps>,
    mut request: Request,
    next: Next,
) -> Response {
    let cacheable = STATIC_PREFIXES.iter().any(|p| request.uri().path().starts_with(p));
    let page_nonce = PageNonce::default();
    request.extensions_mut().insert(page_nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if let Some(policy) = page_nonce.policy().and_then(|p| HeaderValue::from_str(&p).ok()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    } else if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DENY_ALL));
    }
    if !cacheable {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https.0 {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
