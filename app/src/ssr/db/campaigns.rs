//! Campaigns as stored: their settings, modules and target practices, the people they invite, and
//! the jobs that send the invitations and reminders. Every change is one transaction with its
//! audit event; a campaign's status moves by compare-and-set, so two leads pressing the same
//! button (or two app servers) change it once.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use super::jobs::queue_job;
use crate::domain::campaign::CampaignStatus;
use crate::domain::campaign::funnel::RecipientProgress;
use crate::domain::email::EmailAddress;
use crate::domain::ids::{ModuleId, PersonId, PracticeId, RegionId};

/// A campaign to create.
pub struct NewCampaign<'a> {
    pub public_id: &'a str,
    pub region: RegionId,
    pub name: &'a str,
    pub message: &'a str,
    pub closes_on: &'a str,
    pub reminder_days: i64,
    pub targeted_by: &'a str,
    pub modules: &'a [ModuleId],
    pub practices: &'a [PracticeId],
    pub created_by: PersonId,
}

/// A campaign as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct CampaignRecord {
    pub id: i64,
    pub public_id: String,
    pub region_id: RegionId,
    pub name: String,
    pub message: String,
    pub closes_on: String,
    pub reminder_days: i64,
    pub status: String,
    pub targeted_by: String,
    pub created_at: i64,
    pub started_at: Option<i64>,
}

impl CampaignRecord {
    pub fn status(&self) -> CampaignStatus {
        CampaignStatus::parse(&self.status).unwrap_or(CampaignStatus::Closed)
    }

    /// The instant its closing day ends (UK time).
    pub fn closes_at_ms(&self) -> i64 {
        crate::domain::time::parse_uk_date_end(&self.closes_on).unwrap_or(0)
    }

    /// Whether its closing day is over at `now_ms`: nothing more is sent or added.
    pub fn past_closing(&self, now_ms: i64) -> bool {
        now_ms >= self.closes_at_ms()
    }
}

/// Whom a job writes to, and about what.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RecipientRecord {
    pub id: i64,
    pub campaign_id: i64,
    pub practice_id: PracticeId,
    pub person_id: Option<PersonId>,
    /// The uploaded address, for someone not yet registered.
    pub email: Option<String>,
    pub invited_at: Option<i64>,
    pub reminded_at: Option<i64>,
}

/// One recipient's progress through the funnel, as the database counts it.
#[derive(sqlx::FromRow)]
struct ProgressRow {
    practice_id: PracticeId,
    invited: i64,
    registered: i64,
    started: i64,
    completed: i64,
    followed_up: i64,
}

const CAMPAIGN_COLUMNS: &str = "id, public_id, region_id, name, message, closes_on, reminder_days, status, \
     targeted_by, created_at, started_at FROM campaigns";

/// Attempts a recipient made at the campaign's modules since it started.
const CAMPAIGN_ATTEMPTS: &str = "FROM attempts a JOIN campaign_modules m ON m.module_id = a.module_id \
     AND m.campaign_id = r.campaign_id WHERE a.person_id = r.person_id AND a.started_at >= c.started_at";

impl Db {
    /// Creates a draft campaign with its modules and targets.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_campaign(
        &self,
        new: &NewCampaign<'_>,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO campaigns (public_id, region_id, name, message, closes_on, reminder_days, status, \
             targeted_by, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $9) RETURNING id",
        )
        .bind(new.public_id)
        .bind(new.region.0)
        .bind(new.name)
        .bind(new.message)
        .bind(new.closes_on)
        .bind(new.reminder_days)
        .bind(new.targeted_by)
        .bind(new.created_by.0)
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await?;
        for module in new.modules {
            sqlx::query("INSERT INTO campaign_modules (campaign_id, module_id) VALUES ($1, $2)")
                .bind(id)
                .bind(module.0)
                .execute(&mut *tx)
                .await?;
        }
        for practice in new.practices {
            sqlx::query("INSERT INTO campaign_practices (campaign_id, practice_id) VALUES ($1, $2)")
                .bind(id)
                .bind(practice.0)
                .execute(&mut *tx)
                .await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// The campaigns of `region`, or of every region, newest first.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaigns(&self, region: Option<RegionId>) -> Result<Vec<CampaignRecord>, sqlx::Error> {
        sqlx::query_as(&format!(
            "SELECT {CAMPAIGN_COLUMNS} WHERE ($1 = 0 OR region_id = $1) ORDER BY created_at DESC, id DESC"
        ))
        .bind(region.map_or(0, |r| r.0))
        .fetch_all(&self.pool)
        .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign(&self, public_id: &str) -> Result<Option<CampaignRecord>, sqlx::Error> {
        sqlx::query_as(&format!("SELECT {CAMPAIGN_COLUMNS} WHERE public_id = $1"))
            .bind(public_id)
            .fetch_optional(&self.pool)
            .await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_by_id(&self, id: i64) -> Result<Option<CampaignRecord>, sqlx::Error> {
        sqlx::query_as(&format!("SELECT {CAMPAIGN_COLUMNS} WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
    }

    /// A campaign's modules and target practices.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_targets(
        &self,
        campaign: i64,
    ) -> Result<(Vec<ModuleId>, Vec<PracticeId>), sqlx::Error> {
        let modules: Vec<ModuleId> = sqlx::query_scalar(
            "SELECT module_id FROM campaign_modules WHERE campaign_id = $1 ORDER BY module_id",
        )
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        let practices: Vec<PracticeId> = sqlx::query_scalar(
            "SELECT practice_id FROM campaign_practices WHERE campaign_id = $1 ORDER BY practice_id",
        )
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        Ok((modules, practices))
    }

    /// Adds or removes a target practice of a draft campaign: false when it is no longer a draft.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_campaign_practice(
        &self,
        campaign: i64,
        practice: PracticeId,
        target: bool,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let draft: Option<i64> =
            sqlx::query_scalar("SELECT id FROM campaigns WHERE id = $1 AND status = 'draft'")
                .bind(campaign)
                .fetch_optional(&mut *tx)
                .await?;
        if draft.is_none() {
            return Ok(false);
        }
        let sql = if target {
            "INSERT INTO campaign_practices (campaign_id, practice_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM campaign_practices WHERE campaign_id = $1 AND practice_id = $2"
        };
        sqlx::query(sql).bind(campaign).bind(practice.0).execute(&mut *tx).await?;
        if !target {
            sqlx::query("DELETE FROM campaign_recipients WHERE campaign_id = $1 AND practice_id = $2")
                .bind(campaign)
                .bind(practice.0)
                .execute(&mut *tx)
                .await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Adds uploaded addresses (each at a target practice) as recipients: an address with an
    /// account is that person. While the campaign runs, each new recipient's invitation is queued at
    /// once. Returns how many were new.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn add_campaign_addresses(
        &self,
        campaign: &CampaignRecord,
        addresses: &[(PracticeId, EmailAddress)],
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<usize, sqlx::Error> {
        let mut tx = self.begin().await?;
        let mut added = 0;
        for (practice, email) in addresses {
            let person: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
                .bind(email.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO campaign_recipients (campaign_id, practice_id, person_id, email, added_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(campaign.id)
            .bind(practice.0)
            .bind(person)
            .bind(person.is_none().then_some(email.as_str()))
            .bind(now_ms)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = id {
                added += 1;
                if campaign.status() != CampaignStatus::Draft {
                    queue_job(&mut tx, "campaign_invitation", id, now_ms).await?;
                }
            }
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Moves a campaign from `from` to `to`, once: false if it was not at `from`. Starting it adds
    /// every active learner registered at a target practice as a recipient and queues an
    /// invitation for each recipient. Resuming it runs at once the emails held while it was paused
    /// (jobs tried and put back), rather than when their back-off ends.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn move_campaign(
        &self,
        campaign: i64,
        from: CampaignStatus,
        to: CampaignStatus,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin().await?;
        let starting = from == CampaignStatus::Draft && to == CampaignStatus::Running;
        let moved = sqlx::query(
            "UPDATE campaigns SET status = $3, \
             started_at = CASE WHEN $4 = 1 THEN $5 ELSE started_at END, \
             closed_at = CASE WHEN $3 = 'closed' THEN $5 ELSE closed_at END \
             WHERE id = $1 AND status = $2",
        )
        .bind(campaign)
        .bind(from.code())
        .bind(to.code())
        .bind(i64::from(starting))
        .bind(now_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !moved {
            return Ok(false);
        }
        if starting {
            sqlx::query(
                "INSERT INTO campaign_recipients (campaign_id, practice_id, person_id, added_at) \
                 SELECT $1, p.practice_id, p.id, $2 FROM people p \
                 JOIN campaign_practices t ON t.practice_id = p.practice_id AND t.campaign_id = $1 \
                 WHERE p.deactivated_at IS NULL AND p.email_confirmed_at IS NOT NULL \
                 AND EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id AND g.role = 'learner') \
                 ON CONFLICT DO NOTHING",
            )
            .bind(campaign)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
            let recipients: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM campaign_recipients WHERE campaign_id = $1 ORDER BY id")
                    .bind(campaign)
                    .fetch_all(&mut *tx)
                    .await?;
            for recipient in recipients {
                queue_job(&mut tx, "campaign_invitation", recipient, now_ms).await?;
            }
        }
        if from == CampaignStatus::Paused && to == CampaignStatus::Running {
            sqlx::query(
                "UPDATE jobs SET run_at = $2 WHERE done_at IS NULL AND tries > 0 AND locked_until IS NULL \
                 AND kind IN ('campaign_invitation', 'campaign_reminder') \
                 AND subject_id IN (SELECT id FROM campaign_recipients WHERE campaign_id = $1)",
            )
            .bind(campaign)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(true)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_recipient(&self, id: i64) -> Result<Option<RecipientRecord>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, campaign_id, practice_id, person_id, email, invited_at, reminded_at \
             FROM campaign_recipients WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
    }

    /// Whether a recipient has started one of the campaign's modules since it began.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_recipient_started(&self, recipient: i64) -> Result<bool, sqlx::Error> {
        let started: Option<i64> = sqlx::query_scalar(&format!(
            "SELECT r.id FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id \
             WHERE r.id = $1 AND EXISTS (SELECT 1 {CAMPAIGN_ATTEMPTS})"
        ))
        .bind(recipient)
        .fetch_optional(&self.pool)
        .await?;
        Ok(started.is_some())
    }

    /// Records that a recipient's invitation went out, and queues their reminder.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_invited(
        &self,
        recipient: i64,
        remind_at: i64,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        let first = sqlx::query(
            "UPDATE campaign_recipients SET invited_at = $2 WHERE id = $1 AND invited_at IS NULL",
        )
        .bind(recipient)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if first {
            queue_job(&mut tx, "campaign_reminder", recipient, remind_at).await?;
        }
        tx.commit().await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_reminded(&self, recipient: i64, now_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE campaign_recipients SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
            .bind(recipient)
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The invitation to register that an uploaded address's email carries: created the first
    /// time, and given a new token (whose hash is `token_hash`) each time an email is sent, because
    /// a token is never stored and so cannot be sent twice.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_registration_invitation(
        &self,
        recipient: &RecipientRecord,
        invited_by: PersonId,
        token_hash: &str,
        expires_ms: i64,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        let existing: Option<Option<i64>> =
            sqlx::query_scalar("SELECT invitation_id FROM campaign_recipients WHERE id = $1")
                .bind(recipient.id)
                .fetch_optional(&mut *tx)
                .await?;
        match existing.flatten() {
            Some(invitation) => {
                sqlx::query("UPDATE invitations SET token_hash = $2, expires_at = $3 WHERE id = $1")
                    .bind(invitation)
                    .bind(token_hash)
                    .bind(expires_ms)
                    .execute(&mut *tx)
                    .await?;
            }
            None => {
                let invitation: i64 = sqlx::query_scalar(
                    "INSERT INTO invitations (email, roles, practice_id, token_hash, invited_by, created_at, expires_at) \
                     VALUES ($1, 'learner', $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(recipient.email.as_deref().unwrap_or_default())
                .bind(recipient.practice_id.0)
                .bind(token_hash)
                .bind(invited_by.0)
                .bind(now_ms)
                .bind(expires_ms)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query("UPDATE campaign_recipients SET invitation_id = $2 WHERE id = $1")
                    .bind(recipient.id)
                    .bind(invitation)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await
    }

    /// Who created a campaign: the invitations to register are theirs.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_creator(&self, campaign: i64) -> Result<PersonId, sqlx::Error> {
        sqlx::query_scalar("SELECT created_by FROM campaigns WHERE id = $1")
            .bind(campaign)
            .fetch_one(&self.pool)
            .await
    }

    /// Every recipient's progress through the funnel.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_progress(&self, campaign: i64) -> Result<Vec<RecipientProgress>, sqlx::Error> {
        let rows: Vec<ProgressRow> = sqlx::query_as(&format!(
            "SELECT r.practice_id, \
             CAST(CASE WHEN r.invited_at IS NULL THEN 0 ELSE 1 END AS BIGINT) AS invited, \
             CAST(CASE WHEN r.person_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS registered, \
             CAST(CASE WHEN EXISTS (SELECT 1 {CAMPAIGN_ATTEMPTS}) THEN 1 ELSE 0 END AS BIGINT) AS started, \
             CAST(CASE WHEN EXISTS (SELECT 1 {CAMPAIGN_ATTEMPTS} AND a.status = 'completed') THEN 1 ELSE 0 END \
               AS BIGINT) AS completed, \
             CAST(CASE WHEN EXISTS (SELECT 1 {CAMPAIGN_ATTEMPTS} AND EXISTS (SELECT 1 FROM follow_ups f \
               WHERE f.attempt_id = a.id AND f.completed_at IS NOT NULL)) THEN 1 ELSE 0 END AS BIGINT) AS followed_up \
             FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE r.campaign_id = $1"
        ))
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| RecipientProgress {
                practice: row.practice_id,
                invited: row.invited == 1,
                registered: row.registered == 1,
                started: row.started == 1,
                completed: row.completed == 1,
                followed_up: row.followed_up == 1,
            })
            .collect())
    }

    /// Each target practice's registered GPs and uploaded addresses not yet registered.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn campaign_practice_counts(
        &self,
        campaign: i64,
    ) -> Result<Vec<(PracticeId, i64, i64)>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            practice_id: PracticeId,
            gps: i64,
            addresses: i64,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT t.practice_id, \
             (SELECT COUNT(*) FROM people p WHERE p.practice_id = t.practice_id AND p.deactivated_at IS NULL \
              AND p.email_confirmed_at IS NOT NULL AND EXISTS (SELECT 1 FROM role_grants g WHERE g.person_id = p.id AND g.role = 'learner')) AS gps, \
             (SELECT COUNT(*) FROM campaign_recipients r WHERE r.campaign_id = t.campaign_id \
              AND r.practice_id = t.practice_id AND r.email IS NOT NULL AND r.person_id IS NULL) AS addresses \
             FROM campaign_practices t WHERE t.campaign_id = $1",
        )
        .bind(campaign)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.practice_id, r.gps, r.addresses)).collect())
    }
}

impl Db {
    /// Marks a generated campaign as one that started at `started_at` and is over, without
    /// recipients or jobs: the benchmark population's past campaigns send nothing.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn close_generated_campaign(
        &self,
        public_id: &str,
        started_at: i64,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE campaigns SET status = 'closed', started_at = $2, closed_at = $3 WHERE public_id = $1",
        )
        .bind(public_id)
        .bind(started_at)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

impl Db {
    /// The practices of `region` where a GP had completed a module before `before_ms`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn practices_with_completion_before(
        &self,
        region: RegionId,
        before_ms: i64,
    ) -> Result<std::collections::BTreeSet<PracticeId>, sqlx::Error> {
        let practices: Vec<PracticeId> = sqlx::query_scalar(
            "SELECT DISTINCT practice_id FROM attempts WHERE region_id = $1 AND practice_id IS NOT NULL \
             AND status = 'completed' AND completed_at < $2",
        )
        .bind(region.0)
        .bind(before_ms)
        .fetch_all(&self.pool)
        .await?;
        Ok(practices.into_iter().collect())
    }
}
