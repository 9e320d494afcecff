//! Limits on one request: its body's size, the time to send its headers, and the time to answer it.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use casebook_tests::{ADMIN, Engine, Page, TestApp, on_both_engines};
use server::middleware::limits::{FORM_BODY_LIMIT, time_limit};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

on_both_engines!(
    a_body_over_the_limit_is_refused_before_it_is_read,
    a_body_that_grows_past_the_limit_is_cut_off,
    headers_sent_too_slowly_end_the_connection
);

async fn a_body_over_the_limit_is_refused_before_it_is_read(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let name = "n".repeat(FORM_BODY_LIMIT + 1);
    let response = app.post(&admin, "/api/admin/create_region", &[("name", &name)]).await?;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(response.text().await?, "The submission is too large: this address accepts up to 1 MB.");
    assert_eq!(app.state.db.organisations().await?.regions.len(), 2, "no region was created");
    Ok(())
}

/// A body sent in chunks, with no length declared, is read only up to the limit.
async fn a_body_that_grows_past_the_limit_is_cut_off(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let mut stream = tokio::net::TcpStream::connect(app.address.trim_start_matches("http://")).await?;
    let head = format!(
        "POST /api/account/request_password_reset HTTP/1.1\r\nHost: casebook\r\nOrigin: {}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
        app.address
    );
    stream.write_all(head.as_bytes()).await?;
    let chunk = format!("{:x}\r\n{}\r\n", 65_536, "e".repeat(65_536));
    // The server may answer, and stop reading, before the last chunk is sent.
    for _ in 0..=FORM_BODY_LIMIT / 65_536 {
        if stream.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0; 4096];
    let read = stream.read(&mut answer).await?;
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("The submission could not be read"), "{answer}");
    assert!(app.emails()?.is_empty(), "nothing was sent");
    Ok(())
}

/// A client that starts a request and never finishes its headers (slowloris) is cut off after
/// the header timeout, so it cannot hold a connection for ever.
async fn headers_sent_too_slowly_end_the_connection(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let mut stream = tokio::net::TcpStream::connect(app.address.trim_start_matches("http://")).await?;
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: casebook\r\nX-Slow: ").await?;
    let mut answer = Vec::new();
    let wait = server::serve::HEADER_READ_TIMEOUT + Duration::from_secs(5);
    let read = tokio::time::timeout(wait, stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server closed the connection within the header timeout");
    let answer = String::from_utf8_lossy(&answer);
    assert!(!answer.contains("200 OK"), "the unfinished request was not served: {answer}");
    Ok(())
}

/// A request that takes longer than the time limit gets the friendly 503 page.
#[tokio::test]
async fn a_request_past_the_time_limit_gets_the_unavailable_page() -> anyhow::Result<()> {
    async fn stuck() -> &'static str {
        tokio::time::sleep(Duration::from_secs(60)).await;
        "too late"
    }
    let router = axum::Router::new()
        .route("/stuck", axum::routing::get(stuck))
        .layer(axum::middleware::from_fn_with_state(Duration::from_millis(50), time_limit));
    let response = router.oneshot(Request::get("/stuck").body(Body::empty())?).await?;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    // The page's stylesheet may load, and no script may run.
    let policy = response.headers()["content-security-policy"].to_str()?.to_owned();
    assert!(policy.contains("style-src 'self'") && !policy.contains("script-src"), "{policy}");
    let body = axum::body::to_bytes(response.into_body(), 1 << 20).await?;
    let page = Page::parse(&String::from_utf8(body.to_vec())?);
    assert_eq!(page.text("h1")?, "Sorry, the service is unavailable");
    Ok(())
}
