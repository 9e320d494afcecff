//! Whether a learner gets follow-up emails, and the token of the link in each email that turns
//! them off without signing in. A learner with no row has never been sent one: reminders are on.

use super::Db;
use crate::domain::ids::PersonId;

impl Db {
    /// Whether the learner's follow-up emails are on.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reminders_on(&self, person: PersonId) -> Result<bool, sqlx::Error> {
        let off_at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT off_at FROM reminder_settings WHERE person_id = $1")
                .bind(person.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(off_at.flatten().is_none())
    }

    /// The learner's reminder token, made the first time it is asked for, and whether reminders
    /// are on.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reminder_setting(
        &self,
        person: PersonId,
        new_token: &str,
    ) -> Result<(String, bool), sqlx::Error> {
        sqlx::query(
            "INSERT INTO reminder_settings (person_id, token) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING",
        )
        .bind(person.0)
        .bind(new_token)
        .execute(&self.pool)
        .await?;
        let (token, off_at): (String, Option<i64>) =
            sqlx::query_as("SELECT token, off_at FROM reminder_settings WHERE person_id = $1")
                .bind(person.0)
                .fetch_one(&self.pool)
                .await?;
        Ok((token, off_at.is_none()))
    }

    /// Turns a learner's reminders on or off.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_reminders(
        &self,
        person: PersonId,
        new_token: &str,
        on: bool,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        self.reminder_setting(person, new_token).await?;
        sqlx::query("UPDATE reminder_settings SET off_at = $1 WHERE person_id = $2")
            .bind((!on).then_some(now_ms))
            .bind(person.0)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Whether the follow-up emails of whoever holds `token` are on; `None` for a token no one holds.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn reminders_on_by_token(&self, token: &str) -> Result<Option<bool>, sqlx::Error> {
        let off_at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT off_at FROM reminder_settings WHERE token = $1")
                .bind(token)
                .fetch_optional(&self.pool)
                .await?;
        Ok(off_at.map(|off| off.is_none()))
    }

    /// Turns reminders off or on by the token of an email's link; `false` if no one has that token.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_reminders_by_token(
        &self,
        token: &str,
        on: bool,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let changed = sqlx::query("UPDATE reminder_settings SET off_at = $1 WHERE token = $2")
            .bind((!on).then_some(now_ms))
            .bind(token)
            .execute(&self.pool)
            .await?;
        Ok(changed.rows_affected() == 1)
    }
}
