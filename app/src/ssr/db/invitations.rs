//! Invitations: an admin or deanery lead asks someone to join with given roles; the emailed link
//! works once, before it expires.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use super::people::{NewPerson, insert_person};
use crate::domain::email::EmailAddress;
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::role::{Role, RoleGrant};

/// An invitation to create.
#[derive(Clone, Debug)]
pub struct NewInvitation<'a> {
    pub email: &'a EmailAddress,
    pub roles: &'a [Role],
    pub region: Option<RegionId>,
    pub practice: Option<PracticeId>,
    pub token_hash: &'a str,
    pub invited_by: PersonId,
    pub expires_ms: i64,
}

/// An open invitation, as its acceptance page needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenInvitation {
    pub id: i64,
    pub email: String,
    pub roles: Vec<Role>,
    pub region: Option<RegionId>,
    pub practice: Option<PracticeId>,
    pub invited_by: PersonId,
}

impl OpenInvitation {
    /// The grants the invited person will hold (a deanery lead's tied to the invitation's region).
    pub fn grants(&self) -> Vec<RoleGrant> {
        self.roles
            .iter()
            .map(|&role| RoleGrant {
                role,
                region: (role == Role::DeaneryLead).then_some(self.region).flatten(),
            })
            .collect()
    }
}

impl Db {
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_invitation(
        &self,
        invitation: &NewInvitation<'_>,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let roles: Vec<&str> = invitation.roles.iter().map(|r| r.code()).collect();
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO invitations (email, roles, region_id, practice_id, token_hash, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(invitation.email.as_str())
        .bind(roles.join(","))
        .bind(invitation.region.map(|r| r.0))
        .bind(invitation.practice.map(|p| p.0))
        .bind(invitation.token_hash)
        .bind(invitation.invited_by.0)
        .bind(now_ms)
        .bind(invitation.expires_ms)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// The invitation a token opens, if it is unused and unexpired.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open_invitation(
        &self,
        token_hash: &str,
        now_ms: i64,
    ) -> Result<Option<OpenInvitation>, sqlx::Error> {
        let row: Option<InvitationRow> = sqlx::query_as(
            "SELECT id, email, roles, region_id, practice_id, invited_by FROM invitations \
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(now_ms)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| OpenInvitation {
            id: row.id,
            email: row.email,
            roles: row.roles.split(',').filter_map(|code| Role::parse(code).ok()).collect(),
            region: row.region_id.map(RegionId),
            practice: row.practice_id.map(PracticeId),
            invited_by: PersonId(row.invited_by),
        }))
    }

    /// Uses an invitation to create the person, once: false if it was used (or expired) meanwhile.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn accept_invitation(
        &self,
        invitation_id: i64,
        person: &NewPerson<'_>,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<Option<PersonId>, sqlx::Error> {
        let mut tx = self.begin().await?;
        let claimed = sqlx::query(
            "UPDATE invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL AND expires_at > $2",
        )
        .bind(invitation_id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !claimed {
            return Ok(None);
        }
        let id = insert_person(&mut tx, person, now_ms).await?;
        // Someone a campaign invited to register now counts in its funnel as registered.
        sqlx::query("UPDATE campaign_recipients SET person_id = $2, email = NULL WHERE invitation_id = $1")
            .bind(invitation_id)
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        insert_audit(&mut tx, &AuditRecord { actor: Some(id), subject: Some(id), ..audit.clone() }, now_ms)
            .await?;
        tx.commit().await?;
        Ok(Some(id))
    }
}

/// An open invitation as stored: `roles` is a comma-separated list of role codes.
#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    email: String,
    roles: String,
    region_id: Option<i64>,
    practice_id: Option<i64>,
    invited_by: i64,
}
