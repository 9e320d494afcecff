//! Cross-site request forgery: every state-changing endpoint refuses a POST from another site, and
//! nothing changes state on a GET.

use casebook_tests::{ADMIN, Engine, LEARNER_A, TestApp, new_client, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(cross_site_posts_are_refused_everywhere, a_get_never_changes_anything);

/// Every server function and POST route, as the router knows them.
fn state_changing_paths() -> Vec<String> {
    let mut paths: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    paths.sort();
    paths
}

async fn cross_site_posts_are_refused_everywhere(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let admin = app.signed_in(ADMIN).await?;
    let paths = state_changing_paths();
    assert!(paths.len() >= 25, "every server function is listed: {paths:?}");
    for path in &paths {
        for origin in [Some("https://evil.example"), None] {
            let mut request = admin.post(app.url(path)).form(&[("email", "x@test.example")]);
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            let response = request.send().await?;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path} from {origin:?}");
        }
        // A Referer from another site is refused too.
        let response =
            admin.post(app.url(path)).header("referer", "https://evil.example/page").send().await?;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path} with a foreign referer");
    }
    Ok(())
}

async fn a_get_never_changes_anything(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let learner = app.signed_in(LEARNER_A).await?;
    for path in state_changing_paths() {
        let response =
            learner.get(app.url(&format!("{path}?email=x@test.example&password=x"))).send().await?;
        assert!(
            !response.status().is_success()
                || path.ends_with("take_page_messages")
                || path.ends_with("get_current_user"),
            "GET {path} answered {}",
            response.status()
        );
    }
    // Signing out is a POST: a GET of /sign-out (say, a link or an image on another site) does nothing.
    learner.get(app.url("/sign-out")).send().await?;
    assert_eq!(learner.get(app.url("/account")).send().await?.status(), StatusCode::OK);
    let _ = new_client()?;
    Ok(())
}
