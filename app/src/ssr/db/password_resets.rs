//! Password resets: a single-use link, valid for an hour, that sets a new password.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use crate::domain::ids::PersonId;

impl Db {
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_password_reset(
        &self,
        person: PersonId,
        token_hash: &str,
        expires_ms: i64,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query("INSERT INTO password_resets (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(person.0)
            .bind(now_ms)
            .bind(expires_ms)
            .execute(&mut *tx)
            .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// The person an unused, unexpired reset token belongs to (for showing and checking the form).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open_password_reset(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<PersonId>, sqlx::Error> {
        let person: Option<i64> = sqlx::query_scalar(
            "SELECT r.person_id FROM password_resets r JOIN people p ON p.id = r.person_id \
             WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND p.deactivated_at IS NULL",
        )
        .bind(token_hash)
        .bind(now_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(person.map(PersonId))
    }

    /// Uses a reset token to set a new password (and session key), once: `None` if the token is
    /// unknown, used or expired. Every other reset link for the person stops working too.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn use_password_reset(
        &self,
        token_hash: &str,
        password_hash: &str,
        session_key: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<Option<PersonId>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let person: Option<i64> = sqlx::query_scalar(
            "UPDATE password_resets SET used_at = $2 \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING person_id",
        )
        .bind(token_hash)
        .bind(now_ms)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(person) = person else { return Ok(None) };
        let updated = sqlx::query(
            "UPDATE people SET password_hash = $2, session_key = $3 WHERE id = $1 AND deactivated_at IS NULL",
        )
        .bind(person)
        .bind(password_hash)
        .bind(session_key)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if updated == 0 {
            return Ok(None);
        }
        sqlx::query("UPDATE password_resets SET used_at = $2 WHERE person_id = $1 AND used_at IS NULL")
            .bind(person)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        let person = PersonId(person);
        insert_audit(
            &mut tx,
            &AuditRecord { actor: Some(person), subject: Some(person), ..audit.clone() },
            now_ms,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(person))
    }
}
