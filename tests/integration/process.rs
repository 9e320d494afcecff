//! The real binary, as an operator runs it: configured by environment variables, logging JSON with
//! request ids, and stopping cleanly on SIGTERM or SIGINT.

use casebook_tests::server_process::Server;
use casebook_tests::{Engine, LEARNER_A, PASSWORD, TestApp, TestDatabase, new_client, on_both_engines};

on_both_engines!(
    stops_cleanly_on_sigterm_with_json_logs,
    a_server_functions_log_lines_name_it_and_keep_the_request_id,
    stops_cleanly_on_sigint,
    sigterm_drains_requests_in_flight
);

async fn stops_cleanly_on_sigterm_with_json_logs(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let mut server = Server::start(&database)?;
    let response = reqwest::Client::new()
        .get(format!("{}/healthz", server.address))
        .header("x-request-id", "trace-me-42")
        .send()
        .await?;
    assert_eq!(response.headers()["x-request-id"], "trace-me-42");
    let traced = server.wait_for(|log| log["span"]["path"] == "/healthz")?;
    assert_eq!(traced["span"]["request_id"], "trace-me-42", "the request's log lines carry its id");
    server.signal("TERM")?;
    server.wait_for(|log| log["message"] == "stopped")?;
    assert_eq!(server.exit_code().await?, Some(0), "a clean exit after SIGTERM");
    assert!(
        server
            .seen
            .iter()
            .any(|log| log["message"].as_str().is_some_and(|m| m.starts_with("SIGTERM received")))
    );
    Ok(())
}

/// Every server function has a span of its own (without its arguments), so a line logged inside one
/// says which, and still carries the request's id. The queries' log lines stand in for any event.
async fn a_server_functions_log_lines_name_it_and_keep_the_request_id(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let mut server = Server::start_with(&database, &[("RUST_LOG", "info,sqlx::query=debug")])?;
    let response = reqwest::Client::new()
        .post(format!("{}/api/account/sign_in", server.address))
        .header("origin", &server.address)
        .header("x-request-id", "sign-in-77")
        .form(&[("email", "nobody@test.example"), ("password", "not-the-password")])
        .send()
        .await?;
    assert!(response.status().is_client_error(), "{}", response.status());
    let inside = server.wait_for(|log| log["span"]["name"] == "sign_in")?;
    let spans = inside["spans"].as_array().cloned().unwrap_or_default();
    assert!(spans.iter().any(|span| span["request_id"] == "sign-in-77"), "{inside}");
    let text = inside.to_string();
    assert!(!text.contains("not-the-password") && !text.contains("nobody@"), "{text}");
    server.signal("TERM")?;
    server.wait_for(|log| log["message"] == "stopped")?;
    Ok(())
}

async fn stops_cleanly_on_sigint(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let mut server = Server::start(&database)?;
    server.signal("INT")?;
    server.wait_for(|log| log["message"].as_str().is_some_and(|m| m.starts_with("SIGINT received")))?;
    assert_eq!(server.exit_code().await?, Some(0), "a clean exit after SIGINT");
    Ok(())
}

/// Sign-ins are slow on purpose (Argon2, a few at a time), so forty at once are still being worked
/// through when SIGTERM arrives: each must still get its answer, while new connections are refused.
/// The signal waits until the server has logged the start of all forty (its request tracing at
/// debug level): a request whose bytes had not yet arrived is not in flight, and on a busy machine
/// a fixed pause could send the signal before some had.
async fn sigterm_drains_requests_in_flight(engine: Engine) -> anyhow::Result<()> {
    const SIGN_INS: usize = 40;
    let app = TestApp::spawn(engine).await?;
    app.world().await?;
    let mut server = Server::start_with(app.database(), &[("RUST_LOG", "info,tower_http=debug")])?;
    let target = std::sync::Arc::new(app.behind(server.address.clone()));
    let sign_ins: Vec<_> = (0..SIGN_INS)
        .map(|_| {
            let target = target.clone();
            tokio::spawn(async move {
                let client = new_client()?;
                let form = [("email", LEARNER_A), ("password", PASSWORD)];
                anyhow::Ok(target.post(&client, "/api/account/sign_in", &form).await?.status())
            })
        })
        .collect();
    for _ in 0..SIGN_INS {
        server.wait_for(|log| {
            log["message"] == "started processing request" && log.to_string().contains("/api/account/sign_in")
        })?;
    }
    server.signal("TERM")?;
    server.wait_for(|log| log["message"].as_str().is_some_and(|m| m.starts_with("SIGTERM received")))?;
    let late = reqwest::Client::new().get(format!("{}/healthz", server.address)).send().await;
    assert!(late.is_err(), "no new connection is taken once shutting down");
    for sign_in in sign_ins {
        assert_eq!(sign_in.await??, reqwest::StatusCode::OK, "every request in flight is answered");
    }
    server.wait_for(|log| log["message"] == "stopped")?;
    assert_eq!(server.exit_code().await?, Some(0));
    Ok(())
}
