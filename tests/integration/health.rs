//! Liveness and readiness probes.

use casebook_tests::{Engine, TestApp, TestDatabase, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(
    alive_while_running,
    ready_when_migrated,
    not_ready_when_the_database_is_gone,
    not_ready_until_migrated
);

async fn alive_while_running(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let response = app.get("/healthz").await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert_eq!(response.text().await?, "ok");
    Ok(())
}

async fn ready_when_migrated(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let response = app.get("/readyz").await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await?, "ready");
    Ok(())
}

async fn not_ready_when_the_database_is_gone(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.state.db.close().await;
    let response = app.get("/readyz").await?;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.text().await?, "not ready: database unreachable");
    // Liveness does not depend on the database: the process is still alive.
    assert_eq!(app.get("/healthz").await?.status(), StatusCode::OK);
    Ok(())
}

async fn not_ready_until_migrated(engine: Engine) -> anyhow::Result<()> {
    let empty = TestDatabase::create(engine).await?;
    let app = TestApp::spawn_on(empty, |settings| settings.migrate_on_start = false).await?;
    let response = app.get("/readyz").await?;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.text().await?, "not ready: database migrations not applied");

    app.state.db.migrate().await?;
    assert_eq!(app.get("/readyz").await?.status(), StatusCode::OK);
    Ok(())
}
