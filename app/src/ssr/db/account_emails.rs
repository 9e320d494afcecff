//! Emails about an account that carry a link or a warning (`account_emails`): the link that
//! confirms a self-registered address, and the note to an address's owner that someone tried to
//! register with it. Each is queued as a job in the transaction that decides to send it, so it goes
//! once whichever app server runs it; the job makes the link's token and keeps only its hash.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use super::jobs::queue_job;
use super::people::{NewPerson, insert_person};
use crate::domain::ids::PersonId;

/// The job kind that sends an account email.
pub const ACCOUNT_EMAIL_JOB: &str = "account_email";

/// Why an account email is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountEmailPurpose {
    /// The link that confirms a new account's address.
    Confirm,
    /// Someone tried to register with an address that already has an account.
    AlreadyRegistered,
}

impl AccountEmailPurpose {
    fn code(self) -> &'static str {
        match self {
            AccountEmailPurpose::Confirm => "confirm",
            AccountEmailPurpose::AlreadyRegistered => "already_registered",
        }
    }
}

/// An account email to send: to whom, why, and whether its link is still wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountEmailToSend {
    pub person: PersonId,
    pub purpose: AccountEmailPurpose,
    pub expires_at: i64,
    /// The person's address, if their account is open.
    pub email: Option<String>,
    /// Their address is confirmed already (a confirmation link would be pointless).
    pub confirmed: bool,
}

/// What opening a confirmation link finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfirmationLink {
    /// Open: whose, and where to go afterwards.
    Open {
        person: PersonId,
        next: Option<String>,
    },
    Used,
    /// Expired before it was used; the account's address is still unconfirmed.
    Expired,
    Unknown,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    person_id: PersonId,
    next_path: Option<String>,
    expires_at: i64,
    used_at: Option<i64>,
    email_confirmed_at: Option<i64>,
}

impl Db {
    /// Creates a self-registered (unconfirmed) account and queues the email that confirms it,
    /// valid until `expires_ms` and leading to `next` once used.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn register_unconfirmed(
        &self,
        person: &NewPerson<'_>,
        next: Option<&str>,
        expires_ms: i64,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<PersonId, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id = insert_person(&mut tx, person, now_ms).await?;
        let audit = AuditRecord { subject: Some(id), actor: Some(id), ..audit.clone() };
        insert_audit(&mut tx, &audit, now_ms).await?;
        queue_account_email(&mut tx, id, AccountEmailPurpose::Confirm, next, expires_ms, now_ms).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Queues an account email to `person` (a new confirmation link, or the note that someone tried
    /// to register with their address).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn send_account_email(
        &self,
        person: PersonId,
        purpose: AccountEmailPurpose,
        next: Option<&str>,
        expires_ms: i64,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        queue_account_email(&mut tx, person, purpose, next, expires_ms, now_ms).await?;
        tx.commit().await
    }

    /// The account email a job is about, if it still exists.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn account_email_to_send(&self, id: i64) -> Result<Option<AccountEmailToSend>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            person_id: PersonId,
            purpose: String,
            expires_at: i64,
            email: String,
            deactivated_at: Option<i64>,
            email_confirmed_at: Option<i64>,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT e.person_id, e.purpose, e.expires_at, p.email, p.deactivated_at, p.email_confirmed_at \
             FROM account_emails e JOIN people p ON p.id = e.person_id WHERE e.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| AccountEmailToSend {
            person: row.person_id,
            purpose: if row.purpose == "confirm" {
                AccountEmailPurpose::Confirm
            } else {
                AccountEmailPurpose::AlreadyRegistered
            },
            expires_at: row.expires_at,
            email: row.deactivated_at.is_none().then_some(row.email),
            confirmed: row.email_confirmed_at.is_some(),
        }))
    }

    /// Keeps the hash of the token an account email is about to carry (replacing an earlier try's).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_account_email_token(&self, id: i64, token_hash: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE account_emails SET token_hash = $2 WHERE id = $1")
            .bind(id)
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// What a confirmation link (by its token's hash) finds, without using it.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn confirmation_link(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<ConfirmationLink, sqlx::Error> {
        let row: Option<LinkRow> = sqlx::query_as(
            "SELECT e.person_id, e.next_path, e.expires_at, e.used_at, p.email_confirmed_at \
             FROM account_emails e JOIN people p ON p.id = e.person_id \
             WHERE e.token_hash = $1 AND e.purpose = 'confirm' AND p.deactivated_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            None => ConfirmationLink::Unknown,
            Some(row) if row.used_at.is_some() || row.email_confirmed_at.is_some() => ConfirmationLink::Used,
            Some(row) if row.expires_at <= now_ms => ConfirmationLink::Expired,
            Some(row) => ConfirmationLink::Open { person: row.person_id, next: row.next_path },
        })
    }

    /// Uses a confirmation link, once: confirms the address and closes every other link to it.
    /// `None` if the link is not open (used, expired or unknown), and nothing changes.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn use_confirmation_link(
        &self,
        token_hash: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<Option<(PersonId, Option<String>)>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let used: Option<(i64, Option<String>)> = sqlx::query_as(
            "UPDATE account_emails SET used_at = $2 WHERE token_hash = $1 AND purpose = 'confirm' \
             AND used_at IS NULL AND expires_at > $2 RETURNING person_id, next_path",
        )
        .bind(token_hash)
        .bind(now_ms)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((person, next)) = used else { return Ok(None) };
        let confirmed = sqlx::query(
            "UPDATE people SET email_confirmed_at = $2 \
             WHERE id = $1 AND email_confirmed_at IS NULL AND deactivated_at IS NULL",
        )
        .bind(person)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if confirmed == 0 {
            return Ok(None);
        }
        sqlx::query("UPDATE account_emails SET used_at = $2 WHERE person_id = $1 AND used_at IS NULL")
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
        Ok(Some((person, next)))
    }

    /// Whether a person's email address is confirmed.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn email_confirmed(&self, person: PersonId) -> Result<bool, sqlx::Error> {
        let at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT email_confirmed_at FROM people WHERE id = $1")
                .bind(person)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.flatten().is_some())
    }

    /// The open, unconfirmed account with this address, if any (to send it a new link).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn unconfirmed_person_by_email(&self, email: &str) -> Result<Option<PersonId>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT id FROM people WHERE email = $1 AND email_confirmed_at IS NULL AND deactivated_at IS NULL",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await
    }
}

async fn queue_account_email(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    person: PersonId,
    purpose: AccountEmailPurpose,
    next: Option<&str>,
    expires_ms: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO account_emails (person_id, purpose, next_path, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(person)
    .bind(purpose.code())
    .bind(next)
    .bind(now_ms)
    .bind(expires_ms)
    .fetch_one(&mut **tx)
    .await?;
    queue_job(tx, ACCOUNT_EMAIL_JOB, id, now_ms).await
}
