//! `server backup <file>` and `server restore <file>`: a copy of the whole database taken while it
//! serves, and that copy put back into an empty database.
//!
//! SQLite is copied with `VACUUM INTO` (a consistent snapshot through SQLite itself, never a copy of
//! a file mid-write); PostgreSQL with `pg_dump --format=custom`, restored by `pg_restore` in one
//! transaction. A restore refuses a database that already has tables, so it can never mix or
//! overwrite records, and it applies any migrations newer than the backup.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail, ensure};

use app::ssr::db::{Db, Engine, RecordCounts, sqlite_file};

use crate::config::Settings;

/// Writes a backup of the database named by `DATABASE_URL` to `file`, which must not exist.
pub async fn backup(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    ensure!(!file.exists(), "{} already exists: choose a new file for the backup", file.display());
    let url = &settings.database_url;
    // Written beside the target and renamed, so a backup that fails half-way leaves no file that
    // looks like a backup.
    let partial = partial_path(file);
    match Engine::from_url(url)? {
        Engine::Sqlite => {
            let db = Db::connect(url, 1).await.context("opening the database named by DATABASE_URL")?;
            let copied = db.copy_sqlite_into(&partial.display().to_string()).await;
            db.close().await;
            copied.context("copying the SQLite database")?;
        }
        Engine::Postgres => run(Command::new("pg_dump")
            .arg("--format=custom")
            .arg("--file")
            .arg(&partial)
            .arg("--dbname")
            .arg(url))?,
    }
    std::fs::rename(&partial, file).with_context(|| format!("moving the backup to {}", file.display()))?;
    println!("Backed up to {}.", file.display());
    Ok(())
}

/// Restores `file` (made by [`backup`]) into the empty database named by `DATABASE_URL`.
pub async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<()> {
    ensure!(file.is_file(), "{} is not a backup file", file.display());
    let url = &settings.database_url;
    let target = Db::connect(url, 1).await.context("opening the database named by DATABASE_URL")?;
    let tables = target.table_count().await?;
    target.close().await;
    ensure!(
        tables == 0,
        "DATABASE_URL names a database that already has {tables} tables: restore only into an empty one"
    );
    match Engine::from_url(url)? {
        Engine::Sqlite => restore_sqlite_file(file, url).await?,
        Engine::Postgres => run(Command::new("pg_restore")
            .args(["--exit-on-error", "--single-transaction", "--no-owner", "--dbname"])
            .arg(url)
            .arg(file))?,
    }
    let restored = Db::connect(url, 1).await?;
    restored.migrate().await.context("bringing the restored database up to this version")?;
    let RecordCounts { people, attempts, answers } = restored.record_counts().await?;
    restored.close().await;
    println!(
        "Restored {} into DATABASE_URL: {people} people, {attempts} attempts, {answers} answers.",
        file.display()
    );
    Ok(())
}

/// Copies the backup beside the database's file, checks the copy with SQLite's integrity check,
/// and puts it in place of the empty file.
async fn restore_sqlite_file(file: &Path, url: &str) -> anyhow::Result<()> {
    let target = sqlite_file(url).context("a sqlite: URL")?;
    let partial = partial_path(&target);
    std::fs::copy(file, &partial).with_context(|| format!("copying into {}", partial.display()))?;
    let integrity = sqlite_integrity(&partial).await;
    if !matches!(integrity.as_deref(), Ok("ok")) {
        let _ = std::fs::remove_file(&partial);
        let problem = integrity.unwrap_or_else(|e| format!("{e:#}"));
        bail!("{} is not a sound SQLite backup: {problem}", file.display());
    }
    for leftover in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{leftover}", target.display()));
    }
    std::fs::rename(&partial, &target).with_context(|| format!("moving into {}", target.display()))?;
    Ok(())
}

/// SQLite's verdict on a file: "ok", its problems, or why it could not be opened at all.
async fn sqlite_integrity(file: &Path) -> anyhow::Result<String> {
    let db = Db::connect(&format!("sqlite://{}", file.display()), 1).await?;
    let integrity = db.sqlite_integrity().await;
    db.close().await;
    Ok(integrity?)
}

fn partial_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// Runs a PostgreSQL client tool, failing with its message if it fails.
fn run(command: &mut Command) -> anyhow::Result<()> {
    let program = command.get_program().to_string_lossy().into_owned();
    let output = command.output().with_context(|| {
        format!("running {program} (install PostgreSQL's client tools: apt-get install postgresql-client)")
    })?;
    if !output.status.success() {
        bail!("{program} failed: {}", String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(())
}
