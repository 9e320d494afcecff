//! Cross-site request forgery defence: a request that could change anything (every method but GET,
//! HEAD and OPTIONS) must come from a page of this site, as its `Origin` header (or, failing that,
//! its `Referer`) shows. Browsers set these headers themselves; a page on another site cannot forge
//! them. Session cookies are also `SameSite=Lax`, a second line.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origin forms must come from (`scheme://host[:port]`).
#[derive(Clone, Debug)]
pub struct AllowedOrigin(pub String);

pub async fn refuse_cross_site(
    State(allowed): State<AllowedOrigin>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || is_same_site(request.headers(), &allowed.0)
    {
        return next.run(request).await;
    }
    tracing::warn!("refused a state-changing request from another site");
    (StatusCode::FORBIDDEN, "This request did not come from a Casebook page, so it was refused.")
        .into_response()
}

/// Whether the request's Origin (or Referer) is this site: the configured public origin, or the
/// origin of the host the request was addressed to.
fn is_same_site(headers: &HeaderMap, allowed: &str) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(origin) =
        text(header::ORIGIN).filter(|o| *o != "null").or_else(|| text(header::REFERER).and_then(origin_of))
    else {
        return false;
    };
    let host = text(header::HOST);
    origin == allowed || host.is_some_and(|host| host_of(origin) == Some(host))
}

/// `https://host:port` of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let end = url[scheme_end..].find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    Some(&url[..end])
}

/// `host:port` of an origin.
fn host_of(origin: &str) -> Option<&str> {
    origin.split_once("://").map(|(_, host)| host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const SITE: &str = "https://casebook.example";

    #[test]
    fn requests_from_this_site_pass() {
        assert!(is_same_site(&headers(&[("origin", SITE)]), SITE));
        assert!(is_same_site(&headers(&[("referer", "https://casebook.example/sign-in?next=/")]), SITE));
        // Reached by another name (a load balancer's address): the Host the request was sent to.
        assert!(is_same_site(
            &headers(&[("origin", "http://10.0.0.5:3000"), ("host", "10.0.0.5:3000")]),
            SITE
        ));
    }

    #[test]
    fn requests_from_elsewhere_or_unmarked_are_refused() {
        assert!(!is_same_site(
            &headers(&[("origin", "https://evil.example"), ("host", "casebook.example")]),
            SITE
        ));
        assert!(!is_same_site(&headers(&[("origin", "https://casebook.example.evil.example")]), SITE));
        assert!(!is_same_site(&headers(&[("referer", "https://evil.example/casebook.example")]), SITE));
        assert!(!is_same_site(&headers(&[("origin", "null"), ("host", "casebook.example")]), SITE));
        assert!(!is_same_site(&headers(&[("host", "casebook.example")]), SITE));
    }

    #[test]
    fn origins_are_cut_from_urls() {
        assert_eq!(origin_of("https://a.example:8443/x?y#z"), Some("https://a.example:8443"));
        assert_eq!(origin_of("https://a.example"), Some("https://a.example"));
        assert_eq!(origin_of("not a url"), None);
    }
}
