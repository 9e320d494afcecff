//! A person's own data, the session cookie over HTTPS, and demo accounts only where they belong.

use casebook_tests::{Engine, LEARNER_A, PASSWORD, TestApp, new_client, on_both_engines, session_cookie};
use reqwest::StatusCode;

on_both_engines!(
    a_person_downloads_everything_held_about_them,
    over_https_the_session_cookie_is_secure_and_host_prefixed,
    demo_accounts_appear_only_on_the_embedded_database_in_development,
);

async fn a_person_downloads_everything_held_about_them(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let response = learner.get(app.url("/account/my-data")).send().await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"casebook-my-data.json\"");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let data: serde_json::Value = response.json().await?;
    assert_eq!(data["account"]["email"], LEARNER_A);
    assert_eq!(data["account"]["id"], world.learner_a.0);
    let actions: Vec<&str> =
        data["audit_events"].as_array().into_iter().flatten().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"sign_in"), "{actions:?}");
    assert!(
        !data.to_string().contains("password_hash") && !data.to_string().contains("$argon2"),
        "no password hash"
    );
    assert!(!data.to_string().contains("learner.b"), "nobody else's data");
    // The export itself is audited; anonymous visitors are sent to sign in.
    let again: serde_json::Value = learner.get(app.url("/account/my-data")).send().await?.json().await?;
    assert!(again["audit_events"].as_array().into_iter().flatten().any(|e| e["action"] == "data_exported"));
    let anonymous = new_client()?.get(app.url("/account/my-data")).send().await?;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    Ok(())
}

async fn over_https_the_session_cookie_is_secure_and_host_prefixed(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn_with(engine, |settings| settings.secure_cookies = true).await?;
    app.world().await?;
    let response = app
        .post(&new_client()?, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)])
        .await?;
    let cookie = session_cookie(&response).ok_or_else(|| anyhow::anyhow!("cookie set"))?;
    assert!(cookie.starts_with("__Host-casebook="), "{cookie}");
    let attributes = cookie.to_lowercase();
    assert!(
        attributes.contains("; secure") && attributes.contains("httponly") && attributes.contains("path=/"),
        "{cookie}"
    );
    assert!(!attributes.contains("domain="), "__Host- cookies carry no Domain: {cookie}");
    Ok(())
}

async fn demo_accounts_appear_only_on_the_embedded_database_in_development(
    engine: Engine,
) -> anyhow::Result<()> {
    let app = TestApp::spawn_with(engine, |settings| {
        settings.environment = server::config::Environment::Development
    })
    .await?;
    let demo = app
        .post(
            &new_client()?,
            "/api/account/sign_in",
            &[("email", "admin@casebook.example"), ("password", app::ssr::demo::DEMO_PASSWORD)],
        )
        .await?;
    match engine {
        Engine::Sqlite => assert_eq!(demo.status(), StatusCode::OK, "demo admin on the embedded default"),
        Engine::Postgres => {
            assert_eq!(demo.status(), StatusCode::UNPROCESSABLE_ENTITY, "never on PostgreSQL")
        }
    }
    let production = TestApp::spawn(engine).await?;
    assert!(!production.state.db.has_people().await?, "never in production");
    Ok(())
}
