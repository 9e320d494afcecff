//! Counters of failed sign-ins, kept in the database so every app server applies the same limits.

use super::Db;
use crate::ssr::auth::throttle::{Limits, ThrottleState};

impl Db {
    /// The latest moment any of these throttles is locked until (0 if none is).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn throttle_locked_until(&self, keys: &[&str]) -> Result<i64, sqlx::Error> {
        let mut latest = 0;
        for key in keys {
            let locked: Option<i64> =
                sqlx::query_scalar("SELECT locked_until FROM sign_in_throttles WHERE throttle_key = $1")
                    .bind(*key)
                    .fetch_optional(&self.pool)
                    .await?;
            latest = latest.max(locked.unwrap_or(0));
        }
        Ok(latest)
    }

    /// Counts a failed attempt against a throttle, atomically, and returns its new state.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_sign_in_failure(
        &self,
        key: &str,
        limits: &Limits,
        now_ms: i64,
    ) -> Result<ThrottleState, sqlx::Error> {
        let mut tx = self.begin().await?;
        let select = format!(
            "SELECT consecutive_failures, window_started_at, window_failures, locked_until \
             FROM sign_in_throttles WHERE throttle_key = $1{}",
            self.for_update()
        );
        let previous: Option<ThrottleState> =
            sqlx::query_as(&select).bind(key).fetch_optional(&mut *tx).await?;
        let next = limits.after_failure(previous, now_ms);
        sqlx::query(
            "INSERT INTO sign_in_throttles \
             (throttle_key, consecutive_failures, window_started_at, window_failures, locked_until) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (throttle_key) DO UPDATE SET consecutive_failures = excluded.consecutive_failures, \
             window_started_at = excluded.window_started_at, window_failures = excluded.window_failures, \
             locked_until = excluded.locked_until",
        )
        .bind(key)
        .bind(next.consecutive_failures)
        .bind(next.window_started_at)
        .bind(next.window_failures)
        .bind(next.locked_until)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(next)
    }

    /// A successful sign-in ends a run of failures (the hourly count stays).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn record_sign_in_success(&self, key: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE sign_in_throttles SET consecutive_failures = 0 WHERE throttle_key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
