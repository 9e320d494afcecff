//! Sessions: kept in the database, a new id at sign-in, ended on the server at sign-out, by the
//! idle and absolute timeouts, and at once when the person is deactivated or their roles or password
//! change.

use std::time::Duration;

use casebook_tests::{
    ADMIN, Engine, LEARNER_A, PASSWORD, TestApp, World, new_client, on_both_engines, session_cookie,
};
use reqwest::StatusCode;

on_both_engines!(
    sign_in_sets_a_new_session_id_in_a_safe_cookie,
    sign_out_ends_the_session_on_the_server,
    an_idle_session_ends_after_thirty_minutes,
    a_busy_session_ends_twelve_hours_after_sign_in,
    deactivation_ends_every_session_at_once,
    a_role_change_ends_the_persons_sessions,
    a_password_change_ends_other_sessions_but_not_this_one,
    sessions_are_shared_by_every_app_server,
);

/// Whether `client` is signed in: the account page answers instead of redirecting to sign in.
async fn signed_in(app: &TestApp, client: &reqwest::Client) -> anyhow::Result<bool> {
    let response = client.get(app.url("/account")).send().await?;
    Ok(response.status() == StatusCode::OK)
}

async fn sign_in_sets_a_new_session_id_in_a_safe_cookie(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let client = new_client()?;
    // A visitor who already has a session (here from a failed attempt's flash message) ...
    let failed = app
        .post_as_browser(
            &client,
            "/sign-in",
            "/api/account/sign_in",
            &[("email", LEARNER_A), ("password", "wrong")],
        )
        .await?;
    let before = session_cookie(&failed).ok_or_else(|| anyhow::anyhow!("a session for the error message"))?;
    // ... gets a new session id when they sign in (session fixation defence).
    let response =
        app.post(&client, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)]).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let after =
        session_cookie(&response).ok_or_else(|| anyhow::anyhow!("sign-in sets the session cookie"))?;
    let id = |cookie: &str| cookie.split(';').next().unwrap_or_default().to_owned();
    assert_ne!(id(&before), id(&after), "the session id changes at sign-in");
    let attributes = after.to_lowercase();
    assert!(attributes.contains("httponly"), "{after}");
    assert!(attributes.contains("samesite=lax"), "{after}");
    assert!(attributes.contains("path=/"), "{after}");
    assert!(!attributes.contains("secure"), "not Secure over plain HTTP: {after}");
    assert!(signed_in(&app, &client).await?);
    Ok(())
}

async fn sign_out_ends_the_session_on_the_server(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let client = new_client()?;
    let response =
        app.post(&client, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)]).await?;
    let cookie = cookie_pair(&response)?;
    let response = app.post(&client, "/sign-out", &[]).await?;
    assert!(response.status().is_success(), "{}", response.status());
    assert!(!signed_in(&app, &client).await?);
    // A copy of the old cookie kept elsewhere is refused too: the server forgot the session.
    let replayed = new_client()?.get(app.url("/account")).header("cookie", &cookie).send().await?;
    assert_eq!(replayed.status(), StatusCode::SEE_OTHER);
    Ok(())
}

/// `name=value` of the session cookie a response set.
fn cookie_pair(response: &reqwest::Response) -> anyhow::Result<String> {
    let cookie = session_cookie(response).ok_or_else(|| anyhow::anyhow!("no session cookie"))?;
    Ok(cookie.split(';').next().unwrap_or_default().to_owned())
}

async fn an_idle_session_ends_after_thirty_minutes(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let client = app.signed_in(LEARNER_A).await?;
    app.state.clock.advance(Duration::from_secs(20 * 60));
    assert!(signed_in(&app, &client).await?, "20 minutes idle is fine");
    app.state.clock.advance(Duration::from_secs(31 * 60));
    assert!(!signed_in(&app, &client).await?, "31 minutes idle ends the session");
    Ok(())
}

async fn a_busy_session_ends_twelve_hours_after_sign_in(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let client = app.signed_in(LEARNER_A).await?;
    // Active every 20 minutes for 11 hours 40 minutes: still signed in.
    for _ in 0..35 {
        app.state.clock.advance(Duration::from_secs(20 * 60));
        assert!(signed_in(&app, &client).await?);
    }
    app.state.clock.advance(Duration::from_secs(20 * 60));
    assert!(!signed_in(&app, &client).await?, "12 hours after sign-in the session ends, however active");
    Ok(())
}

async fn deactivation_ends_every_session_at_once(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world: World = app.world().await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let other_device = app.signed_in(LEARNER_A).await?;
    let admin = app.signed_in(ADMIN).await?;
    let id = world.learner_a.0.to_string();
    let response =
        app.post(&admin, "/api/admin/set_account_active", &[("person", &id), ("active", "false")]).await?;
    assert!(response.status().is_success(), "{}", response.status());
    assert!(!signed_in(&app, &learner).await?);
    assert!(!signed_in(&app, &other_device).await?);
    let again = app
        .post(&new_client()?, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)])
        .await?;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY, "a deactivated person cannot sign in");
    Ok(())
}

async fn a_role_change_ends_the_persons_sessions(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    let world = app.world().await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let admin = app.signed_in(ADMIN).await?;
    let id = world.learner_a.0.to_string();
    let response = app
        .post(&admin, "/api/admin/change_roles", &[("person", &id), ("learner", "on"), ("trainer", "on")])
        .await?;
    assert!(response.status().is_success(), "{}", response.status());
    assert!(!signed_in(&app, &learner).await?, "signed out, to sign in again with the new roles");
    assert!(signed_in(&app, &admin).await?, "the admin's own session is untouched");
    Ok(())
}

async fn a_password_change_ends_other_sessions_but_not_this_one(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let here = app.signed_in(LEARNER_A).await?;
    let elsewhere = app.signed_in(LEARNER_A).await?;
    let response = app
        .post(
            &here,
            "/api/account/change_password",
            &[("current_password", PASSWORD), ("new_password", "mossy violin harbour sunrise")],
        )
        .await?;
    assert!(response.status().is_success(), "{}", response.status());
    assert!(signed_in(&app, &here).await?);
    assert!(!signed_in(&app, &elsewhere).await?);
    Ok(())
}

/// Two app servers on one database: a session started on one is honoured by the other, and a
/// sign-out on one ends it on both.
async fn sessions_are_shared_by_every_app_server(engine: Engine) -> anyhow::Result<()> {
    let first = TestApp::spawn(engine).await?;
    let second = first.sibling().await?;
    first.world().await?;
    let client = new_client()?;
    let response =
        first.post(&client, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)]).await?;
    let cookie = cookie_pair(&response)?;
    let on_second = new_client()?.get(second.url("/account")).header("cookie", &cookie).send().await?;
    assert_eq!(on_second.status(), StatusCode::OK, "the second server knows the session");
    let signed_out = new_client()?
        .post(second.url("/sign-out"))
        .header("origin", &second.address)
        .header("cookie", &cookie)
        .send()
        .await?;
    assert!(signed_out.status().is_success());
    assert!(!signed_in(&first, &client).await?, "signed out on the first server too");
    Ok(())
}
