//! Schema migrations, embedded in the binary: one numbered set per engine, kept in lockstep.

use sqlx::migrate::{Migrate, Migrator};

use super::{Db, Engine};

static SQLITE: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("../migrations/postgres");

/// Whether the database can serve requests.
#[derive(Debug, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    /// The database answered, but migrations embedded in this binary are not applied.
    NotMigrated,
    Unreachable,
}

impl Db {
    fn migrator(&self) -> &'static Migrator {
        match self.engine {
            Engine::Sqlite => &SQLITE,
            Engine::Postgres => &POSTGRES,
        }
    }

    /// Applies any migrations not yet applied. Safe to run from several servers at once: the
    /// migrator takes a database lock.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        self.migrator().run(&self.pool).await
    }

    /// Checks that the database answers and has every migration this binary knows of.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn readiness(&self) -> Readiness {
        let Ok(mut conn) = self.pool.acquire().await else {
            return Readiness::Unreachable;
        };
        let applied = match conn.list_applied_migrations().await {
            Ok(applied) => applied,
            // A database without the migrations table answers with an error here.
            Err(_) => {
                return match sqlx::query("SELECT 1").execute(&mut *conn).await {
                    Ok(_) => Readiness::NotMigrated,
                    Err(_) => Readiness::Unreachable,
                };
            }
        };
        let all_applied = self.migrator().iter().all(|m| applied.iter().any(|a| a.version == m.version));
        if all_applied { Readiness::Ready } else { Readiness::NotMigrated }
    }
}
