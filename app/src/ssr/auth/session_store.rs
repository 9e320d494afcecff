//! tower-sessions' store for Casebook's database, so every app server behind a load balancer sees
//! the same sessions. Expiry is set and judged by the application clock (which tests can move
//! forward): a session lives for the idle timeout after the last request that saved it.

use std::collections::HashMap;

use async_trait::async_trait;
use time::OffsetDateTime;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};

use crate::ssr::clock::Clock;
use crate::ssr::db::Db;

#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
    clock: Clock,
    idle_ms: i64,
}

impl DbSessionStore {
    pub fn new(db: Db, clock: Clock, idle: std::time::Duration) -> Self {
        DbSessionStore { db, clock, idle_ms: crate::ssr::clock::millis(idle) }
    }

    /// When a session saved now expires.
    fn expiry_ms(&self) -> i64 {
        self.clock.now_ms().saturating_add(self.idle_ms)
    }
}

fn backend(error: impl std::fmt::Display) -> Error {
    Error::Backend(error.to_string())
}

fn encode(record: &Record) -> Result<String> {
    serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = encode(record)?;
        // A 128-bit random id colliding is all but impossible; if it happens, draw another.
        while !self
            .db
            .insert_session(&record.id.to_string(), &data, self.expiry_ms())
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.db
            .save_session(&record.id.to_string(), &encode(record)?, self.expiry_ms())
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(stored) =
            self.db.load_session(&id.to_string(), self.clock.now_ms()).await.map_err(backend)?
        else {
            return Ok(None);
        };
        let data: HashMap<String, serde_json::Value> =
            serde_json::from_str(&stored.data).map_err(|e| Error::Decode(e.to_string()))?;
        let expiry_date =
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(stored.expires_at) * 1_000_000)
                .map_err(|e| Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.db.delete_session(&id.to_string()).await.map_err(backend)
    }
}

impl DbSessionStore {
    /// Deletes expired sessions every `period`, for as long as the server runs. A failed sweep is
    /// logged and the next one tried: expired sessions are never served meanwhile, only kept.
    pub async fn sweep_expired_forever(self, period: std::time::Duration) {
        let mut interval = tokio::time::interval(period);
        loop {
            interval.tick().await;
            match self.db.delete_expired_sessions(self.clock.now_ms()).await {
                Ok(removed) => tracing::debug!(removed, "expired sessions deleted"),
                Err(error) => tracing::warn!(%error, "could not delete expired sessions"),
            }
        }
    }
}
