//! People, their roles and their passwords.

use sqlx::AnyConnection;

use super::Db;
use super::audit::{AuditRecord, insert_audit, like_pattern};
use crate::domain::career_stage::CareerStage;
use crate::domain::email::EmailAddress;
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::person::{CurrentUser, LeadContact, PeoplePage, PersonSummary, Profile};
use crate::domain::role::{Principal, Role, RoleGrant};

/// What sign-in needs to know about an account.
#[derive(Clone)]
pub struct SignInRecord {
    pub id: PersonId,
    pub password_hash: String,
    pub active: bool,
}

impl std::fmt::Debug for SignInRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInRecord")
            .field("id", &self.id)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

/// A person to create, with the roles they start with.
#[derive(Clone, Debug)]
pub struct NewPerson<'a> {
    pub email: &'a EmailAddress,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub session_key: &'a str,
    pub gmc_number: Option<&'a str>,
    pub practice: Option<PracticeId>,
    pub career_stage: Option<CareerStage>,
    pub grants: &'a [RoleGrant],
    pub granted_by: Option<PersonId>,
    /// Whether the address is known to be theirs: false only for a self-registration, until its
    /// owner opens the link emailed to it.
    pub email_confirmed: bool,
}

/// The details a person changes about themselves.
#[derive(Clone, Debug)]
pub struct ProfileChange<'a> {
    pub name: &'a str,
    pub gmc_number: Option<&'a str>,
    pub practice: Option<PracticeId>,
    pub career_stage: Option<CareerStage>,
}

/// Which people to list.
#[derive(Clone, Debug, Default)]
pub struct PeopleFilter {
    /// Part of a name or email address.
    pub text: Option<String>,
    pub role: Option<Role>,
    pub region: Option<RegionId>,
    pub status: Option<AccountStatus>,
}

/// An account's state, as the admins' list filters on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountStatus {
    /// Open, with a confirmed email address.
    Active,
    /// Open, registered but its address not yet confirmed.
    Unconfirmed,
    Deactivated,
}

/// Creates a person and their role grants (inside the caller's transaction).
pub(crate) async fn insert_person(
    conn: &mut AnyConnection,
    person: &NewPerson<'_>,
    now_ms: i64,
) -> Result<PersonId, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (email, full_name, password_hash, gmc_number, practice_id, career_stage, \
         session_key, created_at, email_confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(person.email.as_str())
    .bind(person.name)
    .bind(person.password_hash)
    .bind(person.gmc_number)
    .bind(person.practice.map(|p| p.0))
    .bind(person.career_stage.map(CareerStage::code))
    .bind(person.session_key)
    .bind(now_ms)
    .bind(person.email_confirmed.then_some(now_ms))
    .fetch_one(&mut *conn)
    .await?;
    insert_grants(conn, PersonId(id), person.grants, person.granted_by, now_ms).await?;
    Ok(PersonId(id))
}

async fn insert_grants(
    conn: &mut AnyConnection,
    person: PersonId,
    grants: &[RoleGrant],
    granted_by: Option<PersonId>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    for grant in grants {
        sqlx::query(
            "INSERT INTO role_grants (person_id, role, region_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(person.0)
        .bind(grant.role.code())
        .bind(grant.region.map(|r| r.0))
        .bind(now_ms)
        .bind(granted_by.map(|p| p.0))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn grants_of(conn: &mut AnyConnection, person: PersonId) -> Result<Vec<RoleGrant>, sqlx::Error> {
    let rows: Vec<GrantRow> =
        sqlx::query_as("SELECT role, region_id FROM role_grants WHERE person_id = $1 ORDER BY role")
            .bind(person.0)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().filter_map(grant_from_row).collect())
}

/// A role held, in one region or everywhere.
#[derive(sqlx::FromRow)]
struct GrantRow {
    role: String,
    region_id: Option<i64>,
}

fn grant_from_row(row: GrantRow) -> Option<RoleGrant> {
    match Role::parse(&row.role) {
        Ok(role) => Some(RoleGrant { role, region: row.region_id.map(RegionId) }),
        Err(_) => {
            tracing::error!(role = row.role, "unknown role in role_grants");
            None
        }
    }
}

/// Replaces a person's session key, ending every session bound to the old one.
async fn rotate_session_key(
    conn: &mut AnyConnection,
    person: PersonId,
    key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET session_key = $2 WHERE id = $1")
        .bind(person.0)
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

impl Db {
    /// The account behind an email address, for checking a password.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn sign_in_record(&self, email: &EmailAddress) -> Result<Option<SignInRecord>, sqlx::Error> {
        let row: Option<SignInRow> =
            sqlx::query_as("SELECT id, password_hash, deactivated_at FROM people WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|row| SignInRecord {
            id: PersonId(row.id),
            password_hash: row.password_hash,
            active: row.deactivated_at.is_none(),
        }))
    }

    /// An active person's identity, roles and current session key; `None` if deactivated or unknown.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn session_user(&self, person: PersonId) -> Result<Option<(CurrentUser, String)>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        #[derive(sqlx::FromRow)]
        struct Row {
            full_name: String,
            session_key: String,
        }
        let row: Option<Row> = sqlx::query_as(
            "SELECT full_name, session_key FROM people WHERE id = $1 AND deactivated_at IS NULL",
        )
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let grants = grants_of(&mut conn, person).await?;
        let user = CurrentUser { principal: Principal { person, grants }, name: row.full_name };
        Ok(Some((user, row.session_key)))
    }

    /// Whether an account already uses this address.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn email_taken(&self, email: &EmailAddress) -> Result<bool, sqlx::Error> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE email = $1")
            .bind(email.as_str())
            .fetch_one(&self.pool)
            .await?;
        Ok(count > 0)
    }

    /// Creates a person, with the audit event that explains it, in one transaction.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_person(
        &self,
        person: &NewPerson<'_>,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<PersonId, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id = insert_person(&mut tx, person, now_ms).await?;
        insert_audit(
            &mut tx,
            &AuditRecord { subject: Some(id), actor: audit.actor.or(Some(id)), ..audit.clone() },
            now_ms,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn profile(&self, person: PersonId) -> Result<Option<Profile>, sqlx::Error> {
        let mut conn = self.pool.acquire().await?;
        let row: Option<ProfileRow> = sqlx::query_as(
            "SELECT p.full_name, p.email, p.gmc_number, p.practice_id, p.career_stage, pr.region_id, p.deactivated_at, \
             p.email_confirmed_at FROM people p LEFT JOIN practices pr ON pr.id = p.practice_id WHERE p.id = $1",
        )
        .bind(person.0)
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let grants = grants_of(&mut conn, person).await?;
        Ok(Some(Profile {
            id: person,
            name: row.full_name,
            email: row.email,
            gmc_number: row.gmc_number,
            practice_id: row.practice_id.map(PracticeId),
            career_stage: row.career_stage.and_then(|s| CareerStage::parse(&s).ok()),
            grants,
            region_id: row.region_id.map(RegionId),
            active: row.deactivated_at.is_none(),
            email_confirmed: row.email_confirmed_at.is_some(),
        }))
    }

    /// Changes the details a person keeps about themselves.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn update_profile(
        &self,
        person: PersonId,
        change: &ProfileChange<'_>,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE people SET full_name = $2, gmc_number = $3, practice_id = $4, career_stage = $5 WHERE id = $1")
            .bind(person.0)
            .bind(change.name)
            .bind(change.gmc_number)
            .bind(change.practice.map(|p| p.0))
            .bind(change.career_stage.map(CareerStage::code))
            .execute(&mut *tx)
            .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn password_hash_of(&self, person: PersonId) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT password_hash FROM people WHERE id = $1 AND deactivated_at IS NULL")
            .bind(person.0)
            .fetch_optional(&self.pool)
            .await
    }

    /// Sets a new password and session key (ending every other session), with its audit event.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_password(
        &self,
        person: PersonId,
        password_hash: &str,
        session_key: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE people SET password_hash = $2 WHERE id = $1")
            .bind(person.0)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?;
        rotate_session_key(&mut tx, person, session_key).await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// Replaces a person's roles and session key, with the audit event.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_grants(
        &self,
        person: PersonId,
        grants: &[RoleGrant],
        granted_by: PersonId,
        session_key: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM role_grants WHERE person_id = $1").bind(person.0).execute(&mut *tx).await?;
        insert_grants(&mut tx, person, grants, Some(granted_by), now_ms).await?;
        rotate_session_key(&mut tx, person, session_key).await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// Deactivates (ending every session) or reactivates an account, with the audit event.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_active(
        &self,
        person: PersonId,
        active: bool,
        session_key: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query("UPDATE people SET deactivated_at = $2 WHERE id = $1")
            .bind(person.0)
            .bind((!active).then_some(now_ms))
            .execute(&mut *tx)
            .await?;
        rotate_session_key(&mut tx, person, session_key).await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// A page of people matching the filter, by name.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn list_people(
        &self,
        filter: &PeopleFilter,
        limit: i64,
        offset: i64,
    ) -> Result<PeoplePage, sqlx::Error> {
        let conditions = "($1 = '' OR LOWER(p.full_name) LIKE $1 ESCAPE '\\' OR p.email LIKE $1 ESCAPE '\\') \
             AND ($2 = '' OR EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id AND g.role = $2)) \
             AND ($3 = 0 OR pr.region_id = $3 OR EXISTS (SELECT 1 FROM role_grants g \
                  WHERE g.person_id = p.id AND g.region_id = $3)) \
             AND ($4 = 0 OR ($4 = 1 AND p.deactivated_at IS NULL AND p.email_confirmed_at IS NOT NULL) \
                  OR ($4 = 2 AND p.deactivated_at IS NOT NULL) \
                  OR ($4 = 3 AND p.deactivated_at IS NULL AND p.email_confirmed_at IS NULL))";
        let from = "FROM people p LEFT JOIN practices pr ON pr.id = p.practice_id \
             LEFT JOIN regions r ON r.id = pr.region_id";
        let text = filter.text.as_deref().map(like_pattern).unwrap_or_default();
        let role = filter.role.map(Role::code).unwrap_or_default();
        let region = filter.region.map(|r| r.0).unwrap_or(0);
        let active = match filter.status {
            None => 0_i64,
            Some(AccountStatus::Active) => 1,
            Some(AccountStatus::Deactivated) => 2,
            Some(AccountStatus::Unconfirmed) => 3,
        };
        let mut conn = self.pool.acquire().await?;
        let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {from} WHERE {conditions}"))
            .bind(&text)
            .bind(role)
            .bind(region)
            .bind(active)
            .fetch_one(&mut *conn)
            .await?;
        let rows: Vec<PersonListRow> = sqlx::query_as(&format!(
            "SELECT p.id, p.full_name, p.email, pr.name AS practice, r.name AS region, p.deactivated_at, \
             p.email_confirmed_at {from} WHERE {conditions} \
             ORDER BY LOWER(p.full_name), p.id LIMIT $5 OFFSET $6"
        ))
        .bind(&text)
        .bind(role)
        .bind(region)
        .bind(active)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
        let mut people = Vec::with_capacity(rows.len());
        for row in rows {
            let grants = grants_of(&mut conn, PersonId(row.id)).await?;
            people.push(PersonSummary {
                id: PersonId(row.id),
                name: row.full_name,
                email: row.email,
                grants,
                practice: row.practice,
                region: row.region,
                active: row.deactivated_at.is_none(),
                email_confirmed: row.email_confirmed_at.is_some(),
            });
        }
        Ok(PeoplePage { people, total })
    }

    /// The deanery leads of a region, as listed to its learners.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn leads_of_region(&self, region: RegionId) -> Result<Vec<LeadContact>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            full_name: String,
            region_name: String,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT p.full_name, r.name AS region_name FROM role_grants g JOIN people p ON p.id = g.person_id \
             JOIN regions r ON r.id = g.region_id \
             WHERE g.role = 'deanery_lead' AND g.region_id = $1 AND p.deactivated_at IS NULL ORDER BY p.full_name",
        )
        .bind(region.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| LeadContact { name: row.full_name, region: row.region_name }).collect())
    }

    /// The id of the account using an email address.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn person_by_email(&self, email: &EmailAddress) -> Result<Option<PersonId>, sqlx::Error> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT id FROM people WHERE email = $1 AND deactivated_at IS NULL")
                .bind(email.as_str())
                .fetch_optional(&self.pool)
                .await?;
        Ok(id.map(PersonId))
    }

    /// A person's name and email, for messages to them.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn name_and_email(&self, person: PersonId) -> Result<Option<NameAndEmail>, sqlx::Error> {
        sqlx::query_as("SELECT full_name, email FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(&self.pool)
            .await
    }
}

/// Whom a message to a person is addressed to.
#[derive(sqlx::FromRow)]
pub struct NameAndEmail {
    pub full_name: String,
    pub email: String,
}

/// A person's own details with their practice's region.
#[derive(sqlx::FromRow)]
struct ProfileRow {
    full_name: String,
    email: String,
    gmc_number: Option<String>,
    practice_id: Option<i64>,
    career_stage: Option<String>,
    region_id: Option<i64>,
    deactivated_at: Option<i64>,
    email_confirmed_at: Option<i64>,
}

/// A person as the admins' list shows them: their practice's and region's names.
#[derive(sqlx::FromRow)]
struct PersonListRow {
    id: i64,
    full_name: String,
    email: String,
    practice: Option<String>,
    region: Option<String>,
    deactivated_at: Option<i64>,
    email_confirmed_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct SignInRow {
    id: i64,
    password_hash: String,
    deactivated_at: Option<i64>,
}
