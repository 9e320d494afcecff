//! Sign-in sessions, shared by every app server through the database.

use super::Db;

/// A session's stored expiry is only moved forward once it is this far behind the new one, so a
/// signed-in person's page views do not each cost a database write. Sessions may therefore end up
/// to a minute before the idle timeout, never after.
const EXPIRY_SLACK_MS: i64 = 60_000;

/// A session as stored: its data as JSON, and when it expires (epoch milliseconds).
#[derive(sqlx::FromRow)]
pub struct StoredSession {
    pub data: String,
    pub expires_at: i64,
}

impl Db {
    /// A live session's data and expiry.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn load_session(&self, id: &str, now_ms: i64) -> Result<Option<StoredSession>, sqlx::Error> {
        sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
            .bind(id)
            .bind(now_ms)
            .fetch_optional(&self.pool)
            .await
    }

    /// Stores a new session; false if the id is already taken.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn insert_session(&self, id: &str, data: &str, expires_ms: i64) -> Result<bool, sqlx::Error> {
        let inserted = sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(id)
        .bind(data)
        .bind(expires_ms)
        .execute(&self.pool)
        .await?;
        Ok(inserted.rows_affected() == 1)
    }

    /// Stores a session's new data and expiry, skipping the write when nothing but a small move of
    /// the expiry would change.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn save_session(&self, id: &str, data: &str, expires_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO sessions (id, data, expires_at) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at \
             WHERE sessions.data <> excluded.data OR sessions.expires_at < excluded.expires_at - $4",
        )
        .bind(id)
        .bind(data)
        .bind(expires_ms)
        .bind(EXPIRY_SLACK_MS)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_session(&self, id: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE id = $1").bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Removes sessions that have expired; returns how many.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn delete_expired_sessions(&self, now_ms: i64) -> Result<u64, sqlx::Error> {
        let deleted = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(deleted.rows_affected())
    }
}
