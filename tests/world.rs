//! The people and places most tests start from, created directly in the database.

use app::domain::audit::AuditAction;
use app::domain::career_stage::CareerStage;
use app::domain::email::EmailAddress;
use app::domain::ids::{PersonId, PracticeId, RegionId};
use app::domain::ods_code::OdsCode;
use app::domain::role::{Role, RoleGrant};
use app::ssr::db::NewPerson;
use app::ssr::db::audit::AuditRecord;

use crate::TestApp;

/// The audit record of something a test set up directly in the database.
fn fixture(action: AuditAction) -> AuditRecord<'static> {
    AuditRecord { action, actor: None, subject: None, detail: "test fixture", client_address: None }
}

/// The password of every account the tests create.
pub const PASSWORD: &str = "tidy lantern orbits quietly";

pub const LEARNER_A: &str = "learner.a@test.example";
pub const LEARNER_B: &str = "learner.b@test.example";
pub const TRAINER: &str = "trainer@test.example";
pub const LEAD_A: &str = "lead.a@test.example";
pub const LEAD_B: &str = "lead.b@test.example";
pub const ADMIN: &str = "admin@test.example";

/// Two regions, a practice in each, and one person of every kind: a learner in each region, a
/// trainer, a deanery lead for each region and an admin.
pub struct World {
    pub region_a: RegionId,
    pub region_b: RegionId,
    pub practice_a: PracticeId,
    pub practice_b: PracticeId,
    pub learner_a: PersonId,
    pub learner_b: PersonId,
    pub trainer: PersonId,
    pub lead_a: PersonId,
    pub lead_b: PersonId,
    pub admin: PersonId,
}

static PASSWORD_HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

impl TestApp {
    /// Creates the [`World`] directly in the database.
    pub async fn world(&self) -> anyhow::Result<World> {
        let db = &self.state.db;
        let now = self.state.clock.now_ms();
        let audit = fixture(AuditAction::OrganisationChanged);
        let region_a = db.create_region("Region A", &audit, now).await?;
        let region_b = db.create_region("Region B", &audit, now).await?;
        let practice_a = db
            .create_practice(
                region_a,
                &OdsCode::parse("A00001").map_err(anyhow::Error::msg)?,
                "Practice A",
                &audit,
                now,
            )
            .await?;
        let practice_b = db
            .create_practice(
                region_b,
                &OdsCode::parse("B00001").map_err(anyhow::Error::msg)?,
                "Practice B",
                &audit,
                now,
            )
            .await?;
        let learner =
            |email, practice| (email, vec![RoleGrant { role: Role::Learner, region: None }], Some(practice));
        let only = |role, region| vec![RoleGrant { role, region }];
        Ok(World {
            region_a,
            region_b,
            practice_a,
            practice_b,
            learner_a: self.person(learner(LEARNER_A, practice_a)).await?,
            learner_b: self.person(learner(LEARNER_B, practice_b)).await?,
            trainer: self.person((TRAINER, only(Role::Trainer, None), None)).await?,
            lead_a: self.person((LEAD_A, only(Role::DeaneryLead, Some(region_a)), None)).await?,
            lead_b: self.person((LEAD_B, only(Role::DeaneryLead, Some(region_b)), None)).await?,
            admin: self.person((ADMIN, only(Role::Admin, None), None)).await?,
        })
    }

    /// The test password's hash (made once per test binary: hashing is slow on purpose).
    pub async fn password_hash(&self) -> anyhow::Result<String> {
        let hasher = self.state.hasher.clone();
        let hash = PASSWORD_HASH
            .get_or_try_init(
                || async move { hasher.hash(secrecy::SecretString::from(PASSWORD.to_owned())).await },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        Ok(hash.clone())
    }

    /// Creates a person with the test password.
    pub async fn person(
        &self,
        (email, grants, practice): (&str, Vec<RoleGrant>, Option<PracticeId>),
    ) -> anyhow::Result<PersonId> {
        let hash = self.password_hash().await?;
        let email = EmailAddress::parse(email).map_err(anyhow::Error::msg)?;
        let learner = grants.iter().any(|g| g.role == Role::Learner);
        let person = NewPerson {
            email: &email,
            name: email.as_str().split('@').next().unwrap_or_default(),
            password_hash: &hash,
            session_key: "initial",
            gmc_number: None,
            practice,
            career_stage: learner.then_some(CareerStage::Gp),
            grants: &grants,
            granted_by: None,
            email_confirmed: true,
        };
        let audit = fixture(AuditAction::Registered);
        Ok(self.state.db.create_person(&person, &audit, self.state.clock.now_ms()).await?)
    }

    /// A further practice in `region`, created directly in the database.
    pub async fn practice(&self, region: RegionId, ods: &str, name: &str) -> anyhow::Result<PracticeId> {
        let audit = fixture(AuditAction::OrganisationChanged);
        let ods = OdsCode::parse(ods).map_err(anyhow::Error::msg)?;
        Ok(self.state.db.create_practice(region, &ods, name, &audit, 0).await?)
    }
}
