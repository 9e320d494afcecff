//! What backing up and restoring need from the database itself (the commands are in the server's
//! `backup` module).

use super::{Db, Engine};

impl Db {
    /// Writes a consistent copy of a SQLite database to `path` while it serves. `VACUUM INTO`
    /// reads inside one transaction, so the copy is the database as it stood at one moment (every
    /// commit before it, none after), compacted; writers carry on meanwhile under WAL.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn copy_sqlite_into(&self, path: &str) -> Result<(), sqlx::Error> {
        sqlx::query("VACUUM INTO $1").bind(path).execute(&self.pool).await?;
        Ok(())
    }

    /// SQLite's own check of the file's structure: "ok", or the problems it found.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sqlite_integrity(&self) -> Result<String, sqlx::Error> {
        sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&self.pool).await
    }

    /// How many tables the database holds, so that a restore never writes over records.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn table_count(&self) -> Result<i64, sqlx::Error> {
        let sql = match self.engine {
            Engine::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            Engine::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"
            }
        };
        sqlx::query_scalar(sql).fetch_one(&self.pool).await
    }

    /// The number of people, attempts and recorded answers: what a restore reports it brought back.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_counts(&self) -> Result<RecordCounts, sqlx::Error> {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM people) AS people, (SELECT COUNT(*) FROM attempts) AS attempts, \
             (SELECT COUNT(*) FROM responses) AS answers",
        )
        .fetch_one(&self.pool)
        .await
    }
}

/// How many people, attempts and recorded answers a database holds.
#[derive(sqlx::FromRow)]
pub struct RecordCounts {
    pub people: i64,
    pub attempts: i64,
    pub answers: i64,
}
