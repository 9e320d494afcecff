//! The data layer: the one place that holds SQL.
//!
//! Casebook runs on SQLite (embedded default) or PostgreSQL (production, several app servers), chosen
//! at run time by the database URL, through sqlx's `any` driver. Queries are written once in SQL
//! that both engines accept; times are stored as UTC epoch milliseconds and ids as 64-bit integers
//! because those are the types the `any` driver carries on both.

pub mod account_emails;
pub mod attempts;
pub mod audit;
pub mod authoring;
mod backup;
pub mod campaigns;
mod connect;
pub mod curriculum;
mod demo;
pub mod evidence;
pub mod follow_ups;
pub mod generate;
pub mod generate_after;
pub mod invitations;
pub mod jobs;
pub mod learning_record;
mod migrate;
pub mod month_totals;
pub mod ods;
pub mod organisations;
mod password_resets;
mod people;
pub mod prescribing;
mod region_totals;
mod reminders;
mod report_ambivalence;
pub mod report_follow_ups;
mod report_pairs;
pub mod reports;
mod sessions;
mod throttles;

pub use backup::RecordCounts;
pub use connect::{ConnectError, Engine, sqlite_file};
pub use migrate::Readiness;
pub use people::{AccountStatus, NameAndEmail, NewPerson, PeopleFilter, ProfileChange, SignInRecord};
pub use sessions::StoredSession;

use sqlx::{Any, AnyPool, Transaction};

/// A handle on the database: a connection pool and the engine behind it.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
}

impl Db {
    /// The engine this handle talks to.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Starts a transaction for a multi-step write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of one failing when it
    /// upgrades from reading to writing.
    pub(crate) async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.pool.begin().await,
        }
    }

    /// The clause that locks the rows a `SELECT` reads until the transaction ends. SQLite needs none:
    /// its write transactions already exclude each other.
    fn for_update(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR UPDATE",
        }
    }

    /// Closes every connection; later queries fail (used at shutdown, and by tests of outages).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Whether a failed write broke a unique constraint (a duplicate email, name or code).
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}
