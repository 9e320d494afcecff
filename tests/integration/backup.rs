//! Backups: `server backup` copies the database while people keep registering, `server restore` puts
//! the copy into a fresh database, and every record committed before the backup began is there;
//! a learner can sign in to the restored site and find their attempt.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use app::domain::role::{Role, RoleGrant};
use casebook_tests::server_process::{Server, run_command};
use casebook_tests::{Engine, LEARNER_A, TestApp, TestDatabase, on_both_engines};
use sqlx::{Connection, Row};
use tokio::sync::Mutex;

use crate::learning::{Knowing, MARGARET, MARGARET_SLUG, answer_steps, current, publish, start};

on_both_engines!(a_backup_taken_during_writes_restores_every_record);

async fn a_backup_taken_during_writes_restores_every_record(engine: Engine) -> anyhow::Result<()> {
    let app = Arc::new(TestApp::spawn(engine).await?);
    let world = app.world().await?;
    let margaret = publish(&app, MARGARET).await?;
    let learner = app.signed_in(LEARNER_A).await?;
    let attempt = start(&app, &learner, MARGARET_SLUG).await?;
    let answered = (Knowing::Right("2"), Knowing::Wrong("1"));
    let before = answer_steps(&app, &learner, &margaret, &attempt, answered, 6).await?;

    // Registrations keep committing while the backup runs.
    let registered = Arc::new(Mutex::new(Vec::<String>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer =
        tokio::spawn(register_until(app.clone(), world.practice_a, registered.clone(), stop.clone()));
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let committed_before_backup = registered.lock().await.clone();
    let folder = tempfile::tempdir()?;
    let file = folder.path().join("casebook.backup");
    let file_arg = file.display().to_string();
    let output = run_command(&app.database_url(), &["backup", &file_arg])?;
    stop.store(true, Ordering::SeqCst);
    writer.await??;
    assert!(output.status.success(), "backup: {}", String::from_utf8_lossy(&output.stderr));
    assert!(!committed_before_backup.is_empty(), "registrations were being written during the backup");

    let fresh = TestDatabase::create(engine).await?;
    let output = run_command(&fresh.url(), &["restore", &file_arg])?;
    assert!(output.status.success(), "restore: {}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8(output.stdout)?.starts_with("Restored"));

    let restored_emails = emails(&fresh.url()).await?;
    for email in &committed_before_backup {
        assert!(restored_emails.contains(email), "{email} was committed before the backup began");
    }
    let all = registered.lock().await.clone();
    let written = restored_emails.iter().filter(|e| e.starts_with("registering-")).count();
    assert!(written <= all.len(), "nothing appears that was never written");
    for table in ["attempts", "responses", "module_versions", "regions", "practices", "reflections", "themes"]
    {
        assert_eq!(count(&fresh.url(), table).await?, count(&app.database_url(), table).await?, "{table}");
    }

    // The restored site works: the learner signs in and is on the same step.
    let server = Server::start(&fresh)?;
    let restored_site = app.behind(server.address.clone());
    let learner_again = restored_site.signed_in(LEARNER_A).await?;
    let resumed = current(&restored_site, &learner_again, &attempt).await?;
    assert_eq!(resumed.step, before.step, "the attempt resumes where it was");

    let again = run_command(&fresh.url(), &["restore", &file_arg])?;
    assert!(!again.status.success(), "a restore never writes over a database in use");
    assert!(String::from_utf8(again.stderr)?.contains("restore only into an empty one"));
    let taken = run_command(&app.database_url(), &["backup", &file_arg])?;
    assert!(!taken.status.success(), "a backup never writes over an earlier one");

    let garbage = folder.path().join("not-a-backup");
    std::fs::write(&garbage, "SQLite format 3\0 but not really")?;
    let empty = TestDatabase::create(engine).await?;
    let refused = run_command(&empty.url(), &["restore", &garbage.display().to_string()])?;
    assert!(!refused.status.success(), "a file that is not a backup is refused");
    assert!(!String::from_utf8(refused.stderr)?.is_empty(), "with a message");
    assert_eq!(count_tables(&empty.url()).await?, 0, "and nothing is restored");
    Ok(())
}

/// How many tables the database holds, asked the way `server restore` asks it.
async fn count_tables(url: &str) -> anyhow::Result<i64> {
    let db = app::ssr::db::Db::connect(url, 1).await?;
    let tables = db.table_count().await;
    db.close().await;
    Ok(tables?)
}

/// Registers learners one after another until told to stop, noting each once it is committed.
async fn register_until(
    app: Arc<TestApp>,
    practice: app::domain::ids::PracticeId,
    registered: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        let email = format!("registering-{n}@example.org");
        let grants = vec![RoleGrant { role: Role::Learner, region: None }];
        app.person((&email, grants, Some(practice))).await?;
        registered.lock().await.push(email);
        n += 1;
    }
    Ok(())
}

async fn emails(url: &str) -> anyhow::Result<Vec<String>> {
    let mut connection = sqlx::AnyConnection::connect(url).await?;
    let rows = sqlx::query("SELECT email FROM people").fetch_all(&mut connection).await?;
    rows.iter().map(|row| Ok(row.try_get::<String, _>(0)?)).collect()
}

async fn count(url: &str, table: &str) -> anyhow::Result<i64> {
    let mut connection = sqlx::AnyConnection::connect(url).await?;
    Ok(sqlx::query(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut connection).await?.try_get(0)?)
}
