//! Practices' monthly prescribing of benzodiazepines and Z-drugs: stored by imports (a month
//! imported again replaces its figures) and read back for the reports.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::reports::prescribing::MonthRate;
use crate::ssr::prescribing::read::PracticeMonth;

/// What has been imported for one practice.
#[derive(sqlx::FromRow)]
pub struct ImportSummaryRow {
    pub practice_id: i64,
    pub months: i64,
    pub first_month: String,
    pub last_month: String,
    /// The list size of the latest month that has one.
    pub list_size: Option<i64>,
}

/// One practice-month's items, with the list size and the rate the import gave, if any.
#[derive(sqlx::FromRow)]
struct RateRow {
    practice_id: PracticeId,
    month: String,
    items: i64,
    list_size: Option<i64>,
    rate_per_1000: Option<f64>,
}

impl Db {
    /// Stores every practice-month of an import, and its audit event, in one transaction. A
    /// month without a list size takes the practice's latest known one, so NHS extracts (which
    /// carry no list sizes) have rates once a list size has been imported.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn save_prescribing(
        &self,
        months: &[PracticeMonth],
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        for figures in months {
            sqlx::query(
                "INSERT INTO practice_prescribing (practice_id, month, benzodiazepine_items, z_drug_items, list_size, \
                 rate_per_1000, imported_at, imported_by) \
                 VALUES ($1, $2, $3, $4, COALESCE($5, (SELECT p.list_size FROM practice_prescribing p \
                   WHERE p.practice_id = $1 AND p.list_size IS NOT NULL AND p.month <> $2 \
                   ORDER BY p.month DESC LIMIT 1)), $6, $7, $8) \
                 ON CONFLICT (practice_id, month) DO UPDATE SET benzodiazepine_items = excluded.benzodiazepine_items, \
                 z_drug_items = excluded.z_drug_items, list_size = excluded.list_size, \
                 rate_per_1000 = excluded.rate_per_1000, imported_at = excluded.imported_at, \
                 imported_by = excluded.imported_by",
            )
            .bind(figures.practice)
            .bind(&figures.month)
            .bind(figures.benzodiazepine_items)
            .bind(figures.z_drug_items)
            .bind(figures.list_size)
            .bind(figures.rate_per_1000)
            .bind(now_ms)
            .bind(audit.actor.map(|p| p.0))
            .execute(&mut *tx)
            .await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// Each practice's rate (items per 1,000 patients) in each month from `from` to `to`
    /// (`YYYY-MM`, inclusive) in a region, or every region; months without a rate are left out.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn prescribing_rates(
        &self,
        region: Option<RegionId>,
        from: &str,
        to: &str,
    ) -> Result<Vec<MonthRate>, sqlx::Error> {
        let rows: Vec<RateRow> = sqlx::query_as(
            "SELECT p.practice_id, p.month, p.benzodiazepine_items + p.z_drug_items AS items, p.list_size, p.rate_per_1000 \
             FROM practice_prescribing p JOIN practices pr ON pr.id = p.practice_id \
             WHERE ($1 = 0 OR pr.region_id = $1) AND p.month >= $2 AND p.month <= $3 \
             ORDER BY p.practice_id, p.month",
        )
        .bind(region.map_or(0, |r| r.0))
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let rate = row
                    .rate_per_1000
                    .or_else(|| row.list_size.map(|size| row.items as f64 * 1000.0 / size as f64))?;
                Some(MonthRate { practice: row.practice_id, month: row.month, rate })
            })
            .collect())
    }

    /// The practice-months `person` imported at `at_ms` that have no rate: neither a list size
    /// (given, or known from an earlier month) nor a rate given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn months_without_rate(&self, person: PersonId, at_ms: i64) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM practice_prescribing WHERE imported_by = $1 AND imported_at = $2 \
             AND list_size IS NULL AND rate_per_1000 IS NULL",
        )
        .bind(person.0)
        .bind(at_ms)
        .fetch_one(&self.pool)
        .await
    }

    /// What has been imported for each practice with figures.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn prescribing_imports(&self) -> Result<Vec<ImportSummaryRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT p.practice_id, COUNT(*) AS months, MIN(p.month) AS first_month, MAX(p.month) AS last_month, \
             (SELECT l.list_size FROM practice_prescribing l WHERE l.practice_id = p.practice_id \
              AND l.list_size IS NOT NULL ORDER BY l.month DESC LIMIT 1) AS list_size \
             FROM practice_prescribing p GROUP BY p.practice_id",
        )
        .fetch_all(&self.pool)
        .await
    }
}
