//! Writing the demonstration organisations and accounts, all in one transaction.

use super::Db;
use super::people::{NewPerson, insert_person};
use crate::domain::email::EmailAddress;
use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::role::{Role, RoleGrant};
use crate::ssr::demo::{DemoPerson, DemoRegion};

impl Db {
    /// Whether anyone has an account yet (demo data is only ever added to an empty database).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn has_people(&self) -> Result<bool, sqlx::Error> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people").fetch_one(&self.pool).await?;
        Ok(count > 0)
    }

    /// Creates the demo regions, their practices and the demo people, or nothing if any step fails.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn seed_demo(
        &self,
        regions: &[DemoRegion],
        people: &[DemoPerson],
        password_hash: &str,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        let mut region_ids = Vec::new();
        let mut practice_ids = Vec::new();
        for region in regions {
            let id: i64 =
                sqlx::query_scalar("INSERT INTO regions (name, created_at) VALUES ($1, $2) RETURNING id")
                    .bind(region.name)
                    .bind(now_ms)
                    .fetch_one(&mut *tx)
                    .await?;
            region_ids.push(RegionId(id));
            for (ods_code, name) in region.practices {
                let practice: i64 = sqlx::query_scalar(
                    "INSERT INTO practices (region_id, ods_code, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(id)
                .bind(*ods_code)
                .bind(*name)
                .bind(now_ms)
                .fetch_one(&mut *tx)
                .await?;
                practice_ids.push((*ods_code, PracticeId(practice)));
            }
        }
        for person in people {
            let email = EmailAddress::from_trusted(person.email.to_owned());
            let region = person.leads_region.and_then(|index| region_ids.get(index).copied());
            let grants: Vec<RoleGrant> = person
                .roles
                .iter()
                .map(|&role| RoleGrant {
                    role,
                    region: (role == Role::DeaneryLead).then_some(region).flatten(),
                })
                .collect();
            let practice = person
                .practice
                .and_then(|code| practice_ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id));
            let session_key = crate::ssr::auth::tokens::new_session_key();
            let new = NewPerson {
                email: &email,
                name: person.name,
                password_hash,
                session_key: &session_key,
                gmc_number: person.gmc_number,
                practice,
                career_stage: person.career_stage,
                grants: &grants,
                granted_by: None,
                email_confirmed: true,
            };
            insert_person(&mut tx, &new, now_ms).await?;
        }
        tx.commit().await
    }
}
