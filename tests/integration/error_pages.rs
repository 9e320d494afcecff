//! Friendly error pages that never reveal what went wrong inside.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use casebook_tests::{Engine, Page, TestApp, on_both_engines};
use tower::ServiceExt;

on_both_engines!(unknown_addresses_get_the_not_found_page);

async fn unknown_addresses_get_the_not_found_page(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    // (A missing built file under /pkg/ is a plain 404: see delivery.rs.)
    for path in ["/no-such-page", "/modules/../../etc/passwd", "/%00"] {
        let response = app.get(path).await?;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let page = Page::parse(&response.text().await?);
        assert_eq!(page.text("h1")?, "Page not found", "{path}");
        assert_eq!(page.text("title")?, "Page not found – Casebook", "{path}");
    }
    Ok(())
}

/// A handler that panics stands in for any bug: the production middleware must turn it into the
/// friendly 500 page, with a request id and without the panic's message.
#[tokio::test]
async fn a_panic_becomes_a_friendly_500_page_without_internals() -> anyhow::Result<()> {
    let router = axum::Router::new().route("/boom", axum::routing::get(failing_handler));
    let response =
        server::middleware::apply(router).oneshot(Request::get("/boom").body(Body::empty())?).await?;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.headers().contains_key("x-request-id"));
    assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
    let body = axum::body::to_bytes(response.into_body(), 1 << 20).await?;
    let html = String::from_utf8(body.to_vec())?;
    let page = Page::parse(&html);
    assert_eq!(page.text("h1")?, "Sorry, there is a problem with the service");
    assert_eq!(page.text("title")?, "Sorry, there is a problem with the service – Casebook");
    assert!(!html.contains("SELECT"), "no SQL or panic text reaches the browser");
    assert!(!html.contains("query failed"));
    Ok(())
}

async fn failing_handler() -> &'static str {
    let row: Option<&'static str> = std::hint::black_box(None);
    row.expect("query failed: SELECT password_hash FROM people")
}
