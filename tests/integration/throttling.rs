//! Failed sign-ins are throttled per account (whether or not it exists) and per client address, and
//! the person is told when to try again; unknown addresses cost as much time as known ones.

use std::time::{Duration, Instant};

use app::error::AppError;
use casebook_tests::{Engine, LEARNER_A, PASSWORD, TestApp, app_error, new_client, on_both_engines};
use reqwest::StatusCode;

on_both_engines!(
    five_failures_lock_an_account_for_a_minute_then_longer,
    unknown_accounts_are_throttled_the_same_way,
    one_address_trying_many_accounts_is_stopped,
    unknown_emails_take_as_long_as_known_ones,
);

async fn attempt(app: &TestApp, email: &str, password: &str) -> anyhow::Result<reqwest::Response> {
    app.post(&new_client()?, "/api/account/sign_in", &[("email", email), ("password", password)]).await
}

async fn five_failures_lock_an_account_for_a_minute_then_longer(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    for _ in 0..4 {
        assert_eq!(attempt(&app, LEARNER_A, "wrong guess").await?.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let fifth = attempt(&app, LEARNER_A, "wrong guess").await?;
    assert_eq!(fifth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(fifth.headers()["retry-after"], "60");
    let error = app_error(fifth).await?;
    assert_eq!(error, AppError::TooManyAttempts { retry_after_seconds: 60 });
    assert_eq!(error.to_string(), "Too many attempts. Try again in 1 minute");
    // Even the right password is refused while locked.
    assert_eq!(attempt(&app, LEARNER_A, PASSWORD).await?.status(), StatusCode::TOO_MANY_REQUESTS);
    // After the minute, one more failure locks for two minutes.
    app.state.clock.advance(Duration::from_secs(61));
    let sixth = attempt(&app, LEARNER_A, "wrong again").await?;
    assert_eq!(sixth.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sixth.headers()["retry-after"], "120");
    // And after that, the right password works and resets the run.
    app.state.clock.advance(Duration::from_secs(121));
    assert_eq!(attempt(&app, LEARNER_A, PASSWORD).await?.status(), StatusCode::OK);
    assert_eq!(attempt(&app, LEARNER_A, "wrong guess").await?.status(), StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

async fn unknown_accounts_are_throttled_the_same_way(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(attempt(&app, "nobody@test.example", "guess").await?.status());
    }
    assert_eq!(statuses[..4], [StatusCode::UNPROCESSABLE_ENTITY; 4]);
    assert_eq!(
        statuses[4],
        StatusCode::TOO_MANY_REQUESTS,
        "no difference that would reveal the account is missing"
    );
    Ok(())
}

async fn one_address_trying_many_accounts_is_stopped(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    // 300 failures an hour from one address, each against a different (unknown) account.
    for n in 0..299 {
        let status = attempt(&app, &format!("spray{n}@test.example"), "guess").await?.status();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {n}");
    }
    assert_eq!(
        attempt(&app, "spray299@test.example", "guess").await?.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt(&app, LEARNER_A, PASSWORD).await?.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the address is locked"
    );
    app.state.clock.advance(Duration::from_secs(3601));
    assert_eq!(attempt(&app, LEARNER_A, PASSWORD).await?.status(), StatusCode::OK);
    Ok(())
}

async fn unknown_emails_take_as_long_as_known_ones(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    // Interleaved, so a busy machine slows both alike; compared by median. Four wrong passwords
    // each, below the lock. Without the dummy hash an unknown email answers ten times faster or more.
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for n in 0..4 {
        for (email, times) in [(LEARNER_A, &mut known), ("nobody@test.example", &mut unknown)] {
            let start = Instant::now();
            attempt(&app, email, &format!("wrong {n}")).await?;
            times.push(start.elapsed());
        }
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        (times[1] + times[2]) / 2
    };
    let (known, unknown) = (median(&mut known), median(&mut unknown));
    let ratio = unknown.as_secs_f64() / known.as_secs_f64();
    assert!((0.33..3.0).contains(&ratio), "known {known:?}, unknown {unknown:?}");
    Ok(())
}
