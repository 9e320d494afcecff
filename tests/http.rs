//! The HTTP client the tests use, and reading what a response carries.

use anyhow::Context;

/// The error a server function answered with.
pub async fn app_error(response: reqwest::Response) -> anyhow::Result<app::error::AppError> {
    let body = response.text().await?;
    serde_json::from_str(&body).with_context(|| format!("not an AppError: {body}"))
}

/// The session cookie's value a response set, if it set one.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("casebook=") || c.starts_with("__Host-casebook="))
        .map(str::to_owned)
}

/// A client that keeps cookies, does not follow redirects, and gives up on an answer after 20
/// seconds (so a server that never answers fails the test instead of hanging it).
pub fn new_client() -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(
            std::env::var("TEST_HTTP_TIMEOUT_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20),
        ))
        .build()?)
}
