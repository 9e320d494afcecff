//! Server-rendered pages: the shell every page shares, and the home page's content for each role.

use casebook_tests::{Engine, Page, TestApp, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(home_page_is_served_in_the_shell, accessibility_statement_is_linked_from_every_page);

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
    // The stylesheet and the hydration bundle are referenced for the browser to load.
    assert_eq!(page.attr("link[rel=stylesheet]", "href")?.as_deref(), Some("/pkg/casebook.css"));
    assert_eq!(page.attr("link[rel=modulepreload]", "href")?.as_deref(), Some("/pkg/casebook.js"));
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
