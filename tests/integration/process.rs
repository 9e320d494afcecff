//! The real binary, as an operator runs it: configured by environment variables, logging JSON with
//! request ids, and stopping cleanly on SIGTERM or SIGINT.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use casebook_tests::{Engine, TestDatabase, on_both_engines};

on_both_engines!(stops_cleanly_on_sigterm_with_json_logs, stops_cleanly_on_sigint);

/// The server binary `cargo build --workspace` (run by `make`) puts beside the test binaries.
fn server_binary() -> anyhow::Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let binary = exe.parent().and_then(|deps| deps.parent()).map(|dir| dir.join("server"));
    binary.filter(|b| b.exists()).context("build the server first: cargo build --workspace (make test does)")
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn start(database: &TestDatabase, port: u16, log_format: &str) -> anyhow::Result<Child> {
    Ok(Command::new(server_binary()?)
        .env("DATABASE_URL", database.url())
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LOG_FORMAT", log_format)
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?)
}

async fn wait_until_ready(port: u16) -> anyhow::Result<()> {
    for _ in 0..100 {
        if let Ok(response) = reqwest::get(format!("http://127.0.0.1:{port}/readyz")).await
            && response.status().is_success()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("the server did not become ready")
}

fn signal(child: &Child, name: &str) -> anyhow::Result<()> {
    let status = Command::new("kill").arg(format!("-{name}")).arg(child.id().to_string()).status()?;
    anyhow::ensure!(status.success(), "kill -{name} failed");
    Ok(())
}

/// Waits for the process to exit (within ten seconds) and returns its exit code and output lines.
async fn finish(mut child: Child) -> anyhow::Result<(Option<i32>, Vec<String>)> {
    let stdout = child.stdout.take().context("stdout")?;
    for _ in 0..100 {
        if let Some(status) = child.try_wait()? {
            let lines = BufReader::new(stdout).lines().collect::<Result<Vec<_>, _>>()?;
            return Ok((status.code(), lines));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    child.kill()?;
    bail!("the server did not stop within ten seconds")
}

async fn stops_cleanly_on_sigterm_with_json_logs(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let port = free_port()?;
    let child = start(&database, port, "json")?;
    wait_until_ready(port).await?;
    let response = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/healthz"))
        .header("x-request-id", "trace-me-42")
        .send()
        .await?;
    assert_eq!(response.headers()["x-request-id"], "trace-me-42");

    signal(&child, "TERM")?;
    let (code, lines) = finish(child).await?;
    assert_eq!(code, Some(0), "a clean exit after SIGTERM");
    let logs: Vec<serde_json::Value> =
        lines.iter().map(|line| serde_json::from_str(line)).collect::<Result<_, _>>().context("JSON logs")?;
    let traced = logs
        .iter()
        .find(|log| log["span"]["request_id"] == "trace-me-42" && log["span"]["path"] == "/healthz");
    assert!(traced.is_some(), "the request's log lines carry its id: {lines:#?}");
    assert!(logs.iter().any(|log| log["message"] == "stopped"), "{lines:#?}");
    Ok(())
}

async fn stops_cleanly_on_sigint(engine: Engine) -> anyhow::Result<()> {
    let database = TestDatabase::create(engine).await?;
    let port = free_port()?;
    let child = start(&database, port, "text")?;
    wait_until_ready(port).await?;
    signal(&child, "INT")?;
    let (code, lines) = finish(child).await?;
    assert_eq!(code, Some(0), "a clean exit after SIGINT");
    assert!(lines.iter().any(|line| line.contains("SIGINT received")), "{lines:#?}");
    Ok(())
}
