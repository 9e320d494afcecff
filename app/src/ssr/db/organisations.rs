//! Regions and practices. Nothing is deleted: a retired region or practice keeps its rows because
//! learning records and reports point at them.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::ods_code::OdsCode;
use crate::domain::organisation::{Organisations, Practice, Region};

/// Which kind of organisation a change is to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrganisationKind {
    Region,
    Practice,
}

impl OrganisationKind {
    fn table(self) -> &'static str {
        match self {
            OrganisationKind::Region => "regions",
            OrganisationKind::Practice => "practices",
        }
    }

    /// The word for one, in messages and addresses.
    pub fn noun(self) -> &'static str {
        match self {
            OrganisationKind::Region => "region",
            OrganisationKind::Practice => "practice",
        }
    }
}

impl Db {
    /// Every region and practice, retired ones included, by name.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn organisations(&self) -> Result<Organisations, sqlx::Error> {
        let regions: Vec<RegionRow> =
            sqlx::query_as("SELECT id, name, retired_at FROM regions ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        let practices: Vec<PracticeRow> =
            sqlx::query_as("SELECT id, region_id, ods_code, name, retired_at FROM practices ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        Ok(Organisations {
            regions: regions
                .into_iter()
                .map(|row| Region { id: RegionId(row.id), name: row.name, retired: row.retired_at.is_some() })
                .collect(),
            practices: practices
                .into_iter()
                .map(|row| Practice {
                    id: PracticeId(row.id),
                    region_id: RegionId(row.region_id),
                    ods_code: row.ods_code,
                    name: row.name,
                    retired: row.retired_at.is_some(),
                })
                .collect(),
        })
    }

    /// The region a practice belongs to, if the practice exists and is not retired.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn open_practice_region(&self, practice: PracticeId) -> Result<Option<RegionId>, sqlx::Error> {
        let region: Option<i64> =
            sqlx::query_scalar("SELECT region_id FROM practices WHERE id = $1 AND retired_at IS NULL")
                .bind(practice.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(region.map(RegionId))
    }

    /// Whether a region exists and is not retired.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn region_is_open(&self, region: RegionId) -> Result<bool, sqlx::Error> {
        let count: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM regions WHERE id = $1 AND retired_at IS NULL")
                .bind(region.0)
                .fetch_one(&self.pool)
                .await?;
        Ok(count > 0)
    }

    /// Creates a region; fails with a unique violation if the name is taken.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_region(
        &self,
        name: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<RegionId, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id: i64 =
            sqlx::query_scalar("INSERT INTO regions (name, created_at) VALUES ($1, $2) RETURNING id")
                .bind(name)
                .bind(now_ms)
                .fetch_one(&mut *tx)
                .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(RegionId(id))
    }

    /// Creates a practice; fails with a unique violation if the ODS code is taken.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn create_practice(
        &self,
        region: RegionId,
        ods_code: &OdsCode,
        name: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<PracticeId, sqlx::Error> {
        let mut tx = self.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO practices (region_id, ods_code, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(region.0)
        .bind(ods_code.as_str())
        .bind(name)
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(PracticeId(id))
    }

    /// Renames a region or practice; false if there is none with that id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn rename_organisation(
        &self,
        kind: OrganisationKind,
        id: i64,
        name: &str,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let sql = format!("UPDATE {} SET name = $2 WHERE id = $1", kind.table());
        self.change_one(&sql, id, name.to_owned(), audit, now_ms).await
    }

    /// Retires (or reinstates) a region or practice; false if there is none with that id.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_organisation_retired(
        &self,
        kind: OrganisationKind,
        id: i64,
        retired: bool,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error> {
        let sql = format!("UPDATE {} SET retired_at = $2 WHERE id = $1", kind.table());
        self.change_one(&sql, id, retired.then_some(now_ms), audit, now_ms).await
    }

    /// Runs an update of one row by id (`$1`) with one value (`$2`), and its audit event, in one
    /// transaction; false (and no event) if there is no such row.
    async fn change_one<T>(
        &self,
        sql: &str,
        id: i64,
        value: T,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<bool, sqlx::Error>
    where
        T: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send,
    {
        let mut tx = self.begin().await?;
        let changed = sqlx::query(sql).bind(id).bind(value).execute(&mut *tx).await?.rows_affected() == 1;
        if changed {
            insert_audit(&mut tx, audit, now_ms).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }
}

#[derive(sqlx::FromRow)]
struct RegionRow {
    id: i64,
    name: String,
    retired_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct PracticeRow {
    id: i64,
    region_id: i64,
    ods_code: String,
    name: String,
    retired_at: Option<i64>,
}
