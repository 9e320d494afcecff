//! Practices' monthly prescribing of benzodiazepines and Z-drugs: stored by imports (a month
//! imported again replaces its figures) and read back for the reports.

use super::Db;
use super::audit::{AuditRecord, insert_audit};
use std::collections::BTreeMap;

use crate::domain::ids::{PersonId, PracticeId, RegionId};
use crate::domain::reports::prescribing::measures::PracticeMonthFigures;
use crate::ssr::prescribing::list_sizes::ListSize;
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

/// One practice-month's items and ADQs, with the list size and the rate the import gave, if any.
#[derive(sqlx::FromRow)]
struct FiguresRow {
    practice_id: PracticeId,
    month: String,
    items: i64,
    adq_usage: Option<f64>,
    list_size: Option<i64>,
    rate_per_1000: Option<f64>,
}

/// One practice's list size from one extract.
#[derive(sqlx::FromRow)]
struct ListSizeRow {
    practice_id: PracticeId,
    month: String,
    patients: i64,
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
                 rate_per_1000, imported_at, imported_by, adq_usage) \
                 VALUES ($1, $2, $3, $4, COALESCE($5, (SELECT p.list_size FROM practice_prescribing p \
                   WHERE p.practice_id = $1 AND p.list_size IS NOT NULL AND p.month <> $2 \
                   ORDER BY p.month DESC LIMIT 1)), $6, $7, $8, $9) \
                 ON CONFLICT (practice_id, month) DO UPDATE SET benzodiazepine_items = excluded.benzodiazepine_items, \
                 z_drug_items = excluded.z_drug_items, list_size = excluded.list_size, \
                 rate_per_1000 = excluded.rate_per_1000, imported_at = excluded.imported_at, \
                 imported_by = excluded.imported_by, adq_usage = excluded.adq_usage",
            )
            .bind(figures.practice)
            .bind(&figures.month)
            .bind(figures.benzodiazepine_items)
            .bind(figures.z_drug_items)
            .bind(figures.list_size)
            .bind(figures.rate_per_1000)
            .bind(now_ms)
            .bind(audit.actor.map(|p| p.0))
            .bind(figures.adq_usage)
            .execute(&mut *tx)
            .await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// Stores every list size of an import (an extract imported again replaces its figures), and
    /// its audit event, in one transaction.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn save_list_sizes(
        &self,
        sizes: &[ListSize],
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        for size in sizes {
            sqlx::query(
                "INSERT INTO practice_list_sizes (practice_id, month, patients, imported_at, imported_by) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (practice_id, month) DO UPDATE SET \
                 patients = excluded.patients, imported_at = excluded.imported_at, imported_by = excluded.imported_by",
            )
            .bind(size.practice)
            .bind(&size.month)
            .bind(size.patients)
            .bind(now_ms)
            .bind(audit.actor.map(|p| p.0))
            .execute(&mut *tx)
            .await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// Each practice's figures in each month from `from` to `to` (`YYYY-MM`, inclusive) in a
    /// region, or every region. A month without a list size of its own takes the latest list-size
    /// extract at or before it, or the first after it when none is earlier.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn prescribing_figures(
        &self,
        region: Option<RegionId>,
        from: &str,
        to: &str,
    ) -> Result<Vec<PracticeMonthFigures>, sqlx::Error> {
        let region_id = region.map_or(0, |r| r.0);
        let rows: Vec<FiguresRow> = sqlx::query_as(
            "SELECT p.practice_id, p.month, p.benzodiazepine_items + p.z_drug_items AS items, p.adq_usage, \
             p.list_size, p.rate_per_1000 \
             FROM practice_prescribing p JOIN practices pr ON pr.id = p.practice_id \
             WHERE ($1 = 0 OR pr.region_id = $1) AND p.month >= $2 AND p.month <= $3 \
             ORDER BY p.practice_id, p.month",
        )
        .bind(region_id)
        .bind(from)
        .bind(to)
        .fetch_all(&self.pool)
        .await?;
        let extracts: Vec<ListSizeRow> = sqlx::query_as(
            "SELECT l.practice_id, l.month, l.patients FROM practice_list_sizes l \
             JOIN practices pr ON pr.id = l.practice_id WHERE ($1 = 0 OR pr.region_id = $1) \
             ORDER BY l.practice_id, l.month",
        )
        .bind(region_id)
        .fetch_all(&self.pool)
        .await?;
        let mut by_practice: BTreeMap<PracticeId, Vec<(String, i64)>> = BTreeMap::new();
        for extract in extracts {
            by_practice.entry(extract.practice_id).or_default().push((extract.month, extract.patients));
        }
        Ok(rows
            .into_iter()
            .map(|row| {
                let extract = || nearest_extract(by_practice.get(&row.practice_id)?, &row.month);
                PracticeMonthFigures {
                    list_size: row.list_size.or_else(extract),
                    practice: row.practice_id,
                    month: row.month,
                    items: row.items,
                    adq_usage: row.adq_usage,
                    rate_given: row.rate_per_1000,
                }
            })
            .collect())
    }

    /// The practice-months `person` imported at `at_ms` that have no rate: neither a list size
    /// (given, known from an earlier month, or from a list-size extract) nor a rate given.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn months_without_rate(&self, person: PersonId, at_ms: i64) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM practice_prescribing WHERE imported_by = $1 AND imported_at = $2 \
             AND list_size IS NULL AND rate_per_1000 IS NULL AND NOT EXISTS \
             (SELECT 1 FROM practice_list_sizes l WHERE l.practice_id = practice_prescribing.practice_id)",
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
             COALESCE((SELECT e.patients FROM practice_list_sizes e WHERE e.practice_id = p.practice_id \
              ORDER BY e.month DESC LIMIT 1), (SELECT l.list_size FROM practice_prescribing l \
              WHERE l.practice_id = p.practice_id AND l.list_size IS NOT NULL ORDER BY l.month DESC LIMIT 1)) \
             AS list_size \
             FROM practice_prescribing p GROUP BY p.practice_id",
        )
        .fetch_all(&self.pool)
        .await
    }
}

/// The list size of the latest extract at or before `month`, or of the first extract when all are
/// later; `extracts` are in month order.
fn nearest_extract(extracts: &[(String, i64)], month: &str) -> Option<i64> {
    extracts
        .iter()
        .rev()
        .find(|(at, _)| at.as_str() <= month)
        .or(extracts.first())
        .map(|(_, patients)| *patients)
}

#[cfg(test)]
mod tests {
    use super::nearest_extract;

    #[test]
    fn a_month_takes_the_latest_extract_at_or_before_it() {
        let extracts = vec![("2026-01".to_owned(), 100), ("2026-04".to_owned(), 140)];
        assert_eq!(nearest_extract(&extracts, "2025-11"), Some(100), "before the first, the first");
        assert_eq!(nearest_extract(&extracts, "2026-01"), Some(100));
        assert_eq!(nearest_extract(&extracts, "2026-03"), Some(100));
        assert_eq!(nearest_extract(&extracts, "2026-09"), Some(140));
        assert_eq!(nearest_extract(&[], "2026-09"), None);
    }
}
