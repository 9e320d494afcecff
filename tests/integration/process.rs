//! The real binary, as an operator runs it: configured by environment variables, logging JSON with
//! request ids, and stopping cleanly on SIGTERM or SIGINT.

use casebook_tests::server_process::Server;
use casebook_tests::{Engine, TestDatabase, on_both_engines};

on_both_engines!(stops_cleanly_on_sigterm_with_json_logs, stops_cleanly_on_sigint);

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

async fn stops_cleanly_on_sigint(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let mut server = Server::start(&database)?;
    server.signal("INT")?;
    server.wait_for(|log| log["message"].as_str().is_some_and(|m| m.starts_with("SIGINT received")))?;
    assert_eq!(server.exit_code().await?, Some(0), "a clean exit after SIGINT");
    Ok(())
}
