//! The data layer: the one place that holds SQL.
//!
//! Casebook runs on SQLite (embedded default) or PostgreSQL (production, several app servers), chosen
//! at run time by the database URL, through sqlx's `any` driver. Queries are written once in SQL
//! that both engines accept; times are stored as UTC epoch milliseconds and ids as 64-bit integers
//! because those are the types the `any` driver carries on both.

mod connect;
mod migrate;

pub use connect::{ConnectError, Engine};
pub use migrate::Readiness;

use sqlx::AnyPool;

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

    /// Closes every connection; later queries fail (used at shutdown, and by tests of outages).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}
