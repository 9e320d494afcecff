//! Server-rendered pages: the shell every page shares, and the home page's content for each role.

use casebook_tests::{Engine, Page, TestApp, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(
    home_page_is_served_in_the_shell,
    accessibility_statement_is_linked_from_every_page,
    a_page_runs_only_the_scripts_it_names_and_is_never_framed,
);

async fn home_page_is_served_in_the_shell(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let response = app.get("/").await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str()?.starts_with("text/html"));
    let page = Page::parse(&response.text().await?);
    assert_eq!(page.attr("html", "lang")?.as_deref(), Some("en-GB"));
    assert_eq!(page.text("title")?, "Case-based learning for general practice – Casebook");
    assert_eq!(page.attr("a.nhsuk-skip-link", "href")?.as_deref(), Some("#maincontent"));
    assert_eq!(page.text("header .nhsuk-header__service-name")?, "Casebook");
    assert_eq!(page.count("main#maincontent")?, 1);
    assert_eq!(page.count(".nhsuk-header__logo")?, 0, "Casebook is not an NHS service: no NHS logo");
    assert_eq!(page.text("h1")?, "Casebook");
    assert_eq!(
        page.texts(".nhsuk-tabs__panel h3")?,
        ["For GPs and GP trainees", "For trainers", "For deanery leads", "For administrators"],
        "the home page explains what Casebook offers each role"
    );
    // The stylesheet and the tabs' script are referenced by their hashed names; no island, no
    // WebAssembly (delivery.rs has the rest).
    let stylesheet = page.attr("link[rel=stylesheet]", "href")?.unwrap_or_default();
    assert!(stylesheet.starts_with("/pkg/casebook-") && stylesheet.ends_with(".css"), "{stylesheet}");
    let script = page.attr("script[type=module]", "src")?.unwrap_or_default();
    assert!(script.starts_with("/pkg/tabs-") && script.ends_with(".js"), "{script}");
    assert_eq!(page.count("link[rel=modulepreload]")?, 0);
    Ok(())
}

async fn accessibility_statement_is_linked_from_every_page(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    for path in ["/", "/no-such-page"] {
        let page = Page::parse(&app.get(path).await?.text().await?);
        assert_eq!(page.attr("footer a", "href")?.as_deref(), Some("/accessibility"), "{path}");
    }
    let statement = app.get("/accessibility").await?;
    assert_eq!(statement.status(), StatusCode::OK);
    let page = Page::parse(&statement.text().await?);
    assert_eq!(page.text("h1")?, "Accessibility statement for Casebook");
    Ok(())
}

/// The policy a page was served with must name its scripts' nonce; returns the policy.
async fn assert_policy_names_the_scripts(response: reqwest::Response) -> anyhow::Result<String> {
    let policy = response.headers()["content-security-policy"].to_str()?.to_owned();
    let page = Page::parse(&response.text().await?);
    let nonces = page.attrs("script", "nonce")?;
    assert!(!nonces.is_empty(), "the hydration scripts are marked");
    for nonce in &nonces {
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{nonce} is not in {policy}");
    }
    assert!(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"), "{policy}");
    Ok(policy)
}

async fn a_page_runs_only_the_scripts_it_names_and_is_never_framed(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let policy = assert_policy_names_the_scripts(app.get("/").await?).await?;
    // Under concurrent load too, every page gets its own policy (Chromium once saw a page served
    // with the deny-all policy meant for data, which blocked its styles and scripts).
    let pages = ["/", "/modules", "/sign-in", "/register", "/accessibility", "/verify"];
    let loads = (0..60).map(|n| app.get(pages[n % pages.len()]));
    for response in futures::future::join_all(loads).await {
        assert_policy_names_the_scripts(response?).await?;
    }
    let second = app.get("/").await?.headers()["content-security-policy"].to_str()?.to_owned();
    assert_ne!(policy, second, "a fresh nonce for every response");

    // Static assets may be cached; nothing else may. HTTPS is insisted on only when served over it.
    let stylesheet = app.get("/pkg/casebook.css").await?;
    assert_eq!(stylesheet.headers()["x-content-type-options"], "nosniff");
    assert!(stylesheet.headers().get("cache-control").is_none_or(|v| v != "no-store"));
    assert!(stylesheet.headers().get("strict-transport-security").is_none());
    let https =
        TestApp::spawn_with(engine, |s| s.public_url = Some("https://casebook.example".into())).await?;
    let hsts = https.get("/healthz").await?;
    assert_eq!(hsts.headers()["strict-transport-security"], "max-age=31536000; includeSubDomains");
    Ok(())
}
