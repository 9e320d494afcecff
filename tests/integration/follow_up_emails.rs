//! The follow-up emails across app servers: two server processes on one PostgreSQL share the job
//! queue, each due email goes exactly once, a restart loses nothing (what fell due while no server
//! ran is sent when one starts), a learner who turned reminders off gets none, and a send that the
//! SMTP server refuses is retried until it goes.

use std::collections::BTreeMap;
use std::time::Duration;

use casebook_tests::emails_in;
use casebook_tests::server_process::Server;
use casebook_tests::smtp::SmtpServer;
use casebook_tests::{Engine, LEARNER_A, LEARNER_B, TestApp, on_both_engines};

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, publish, start};

const DAY_SECONDS: u64 = 86_400;

/// Finishes Margaret's module as `email`, through `app`.
async fn finish(app: &TestApp, email: &str) -> anyhow::Result<()> {
    let module = app::ssr::module_file::read_module(MARGARET).map_err(|p| anyhow::anyhow!("{p:?}"))?;
    let learner = app.signed_in(email).await?;
    let attempt = start(app, &learner, MARGARET_SLUG).await?;
    answer_steps(app, &learner, &module, &attempt, (Knowing::Right("2"), Knowing::Right("2")), 200).await?;
    Ok(())
}

/// Moves a server process's clock forward (its `TEST_CLOCK` route).
async fn advance(server: &Server, days: u64) -> anyhow::Result<()> {
    let url = format!("{}/test/clock?seconds={}", server.address, days * DAY_SECONDS);
    let response = reqwest::Client::new().post(url).send().await?;
    anyhow::ensure!(response.status().is_success(), "moving the clock: {}", response.status());
    Ok(())
}

/// Waits (up to ten seconds) until the outbox holds `n` emails, then a little longer, so that a
/// duplicate would have time to arrive; returns how many of each (recipient, subject) there are.
async fn settled_outbox(
    folder: &std::path::Path,
    n: usize,
) -> anyhow::Result<BTreeMap<(String, String), usize>> {
    for _ in 0..100 {
        if emails_in(folder)?.len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    let mut counts = BTreeMap::new();
    for email in emails_in(folder)? {
        *counts.entry((email.to, email.subject)).or_insert(0) += 1;
    }
    Ok(counts)
}

fn starts(counts: &BTreeMap<(String, String), usize>, to: &str, subject: &str) -> usize {
    counts.iter().filter(|((t, s), _)| t == to && s.starts_with(subject)).map(|(_, n)| *n).sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_send_each_due_email_once_across_a_restart() -> anyhow::Result<()> {
    let app = TestApp::spawn(Engine::Postgres).await?;
    app.world().await?;
    publish(&app, MARGARET).await?;
    finish(&app, LEARNER_A).await?;
    finish(&app, LEARNER_B).await?;
    let outbox = tempfile::tempdir()?;
    let folder = outbox.path().display().to_string();
    // The test clock is refused in production; on PostgreSQL development adds no demo data.
    let env = [
        ("OUTBOX_DIR", folder.as_str()),
        ("TEST_CLOCK", "true"),
        ("CASEBOOK_ENV", "development"),
        ("JOB_POLL_MS", "20"),
    ];
    let servers = [Server::start_with(app.database(), &env)?, Server::start_with(app.database(), &env)?];

    // Two weeks on, both servers race for the two due boosters: one email each.
    for server in &servers {
        advance(server, 14).await?;
    }
    let counts = settled_outbox(outbox.path(), 2).await?;
    assert_eq!(counts.values().sum::<usize>(), 2, "{counts:?}");
    assert_eq!(starts(&counts, LEARNER_A, "Your 2-week booster"), 1, "{counts:?}");
    assert_eq!(starts(&counts, LEARNER_B, "Your 2-week booster"), 1, "{counts:?}");

    // Learner B turns reminders off with their mail client's one-click button (RFC 8058).
    let to_b = emails_in(outbox.path())?
        .into_iter()
        .find(|e| e.to == LEARNER_B)
        .ok_or_else(|| anyhow::anyhow!("B's"))?;
    let off = reqwest::Client::new()
        .post(format!("{}{}/one-click", servers[0].address, to_b.link_path("/reminders/")?))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await?;
    assert!(off.status().is_success(), "{}", off.status());

    // Both servers stop. The reminders fall due while none runs; two new ones start three weeks on.
    drop(servers);
    let servers = [Server::start_with(app.database(), &env)?, Server::start_with(app.database(), &env)?];
    for server in &servers {
        advance(server, 21).await?;
    }
    let counts = settled_outbox(outbox.path(), 3).await?;
    assert_eq!(counts.values().sum::<usize>(), 3, "{counts:?}");
    assert_eq!(starts(&counts, LEARNER_A, "Reminder:"), 1, "{counts:?}");
    assert_eq!(starts(&counts, LEARNER_B, "Reminder:"), 0, "B turned reminders off: {counts:?}");

    // At eight weeks, A's second booster goes once; B's does not.
    for server in &servers {
        advance(server, 35).await?;
    }
    let counts = settled_outbox(outbox.path(), 4).await?;
    assert_eq!(counts.values().sum::<usize>(), 4, "{counts:?}");
    assert_eq!(starts(&counts, LEARNER_A, "Your 8-week booster"), 1, "{counts:?}");
    assert_eq!(starts(&counts, LEARNER_B, "Your 8-week booster"), 0, "{counts:?}");
    Ok(())
}

on_both_engines!(a_refused_send_is_retried_until_it_goes);

async fn a_refused_send_is_retried_until_it_goes(engine: Engine) -> anyhow::Result<()> {
    let smtp = SmtpServer::start(2).await?;
    let url = smtp.url.clone();
    let app = TestApp::spawn_with(engine, move |settings| {
        settings.smtp_url = Some(url);
        settings.job_retry = Duration::from_millis(100);
    })
    .await?;
    app.world().await?;
    publish(&app, MARGARET).await?;
    finish(&app, LEARNER_A).await?;
    app.state.clock.advance(Duration::from_secs(14 * DAY_SECONDS));
    for _ in 0..100 {
        if !smtp.accepted().await.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let accepted = smtp.accepted().await;
    assert_eq!(accepted.len(), 1, "refused twice, then sent once");
    assert_eq!(smtp.refusals_left(), 0);
    assert!(accepted[0].contains("2-week booster"));
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(&app.database_url()).await?;
    let (tries, error): (i64, Option<String>) = sqlx::query_as(
        "SELECT tries, last_error FROM jobs WHERE kind = 'follow_up_due' AND done_at IS NOT NULL",
    )
    .fetch_one(&mut connection)
    .await?;
    assert_eq!((tries, error.as_deref()), (3, Some("the email could not be sent")));
    Ok(())
}
