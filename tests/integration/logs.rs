//! Logs hold what an operator needs (request ids, paths, statuses) and nothing a person would not
//! want written down: a whole journey through the real binary, with a failed and a good sign-in, a
//! module answered to the end and a reflection, leaves no password, session cookie, email address
//! or reflection text in any log line.

use std::time::Duration;

use casebook_tests::server_process::Server;
use casebook_tests::{Engine, LEARNER_A, PASSWORD, TestApp, new_client, on_both_engines, session_cookie};

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};

on_both_engines!(a_whole_journey_logs_no_secrets_and_no_personal_text);

async fn a_whole_journey_logs_no_secrets_and_no_personal_text(engine: Engine) -> anyhow::Result<()> {
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    let mut server = Server::start(app.database())?;
    let through = app.behind(server.address.clone());

    let wrong = "not-the-password-7Qx";
    let refused = through
        .post(&new_client()?, "/api/account/sign_in", &[("email", LEARNER_A), ("password", wrong)])
        .await?;
    assert!(refused.status().is_client_error());
    let signed_in = through
        .post(&new_client()?, "/api/account/sign_in", &[("email", LEARNER_A), ("password", PASSWORD)])
        .await?;
    let cookie = session_cookie(&signed_in).ok_or_else(|| anyhow::anyhow!("no session cookie"))?;
    let session_value = cookie.split(';').next().and_then(|c| c.split_once('=')).map(|(_, v)| v.to_owned());
    let learner = through.signed_in(LEARNER_A).await?;
    let attempt = start(&through, &learner, MARGARET_SLUG).await?;
    answer_steps(&through, &learner, &margaret, &attempt, (Knowing::Right("2"), Knowing::Wrong("3")), 200)
        .await?;

    let logs: Vec<String> =
        server.all_logs(Duration::from_millis(500)).iter().map(ToString::to_string).collect();
    assert!(logs.iter().any(|l| l.contains("/api/learning/answer_step")), "the journey was logged");
    let secrets = [
        PASSWORD.to_owned(),
        wrong.to_owned(),
        LEARNER_A.to_owned(),
        session_value.unwrap_or_default(),
        "I will ask before I assume".to_owned(),
    ];
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        let found: Vec<&String> = logs.iter().filter(|l| l.contains(secret.as_str())).collect();
        assert!(found.is_empty(), "{secret:?} is in the logs: {found:?}");
    }
    Ok(())
}
