//! Practices from NHS ODS: the commissioner-to-region mapping an admin sets once, the import that
//! creates, updates and closes practices from the GP practice file in one transaction, and the
//! practice search every practice chooser uses.

use std::collections::BTreeMap;

use super::Db;
use super::audit::{AuditRecord, insert_audit, like_pattern};
use crate::domain::ids::{PracticeId, RegionId};
use crate::domain::organisation::PracticeMatch;

/// The most practices one search returns: enough to choose from, small enough for any page.
pub const MAX_MATCHES: i64 = 20;

/// One practice from the file, placed in its region.
#[derive(Clone, Debug)]
pub struct PracticeRecord<'a> {
    pub ods_code: &'a str,
    pub name: &'a str,
    pub address: &'a str,
    pub postcode: &'a str,
    pub commissioner: &'a str,
    pub opened_on: Option<&'a str>,
    pub closed_on: Option<&'a str>,
    /// Closed in ODS: closed (retired) here too.
    pub closed: bool,
    pub region: RegionId,
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OdsImportCounts {
    pub created: usize,
    pub updated: usize,
    pub closed: usize,
    pub reopened: usize,
    /// Closed in the file and never in Casebook: not created.
    pub closed_unknown: usize,
}

#[derive(sqlx::FromRow)]
struct Existing {
    id: i64,
    ods_code: String,
    retired_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct MatchRow {
    id: i64,
    ods_code: String,
    name: String,
    postcode: Option<String>,
    region_id: i64,
    region: String,
}

impl From<MatchRow> for PracticeMatch {
    fn from(row: MatchRow) -> Self {
        PracticeMatch {
            id: PracticeId(row.id),
            ods_code: row.ods_code,
            name: row.name,
            postcode: row.postcode.unwrap_or_default(),
            region_id: RegionId(row.region_id),
            region: row.region,
        }
    }
}

const MATCH_COLUMNS: &str = "SELECT p.id, p.ods_code, p.name, p.postcode, p.region_id, r.name AS region \
     FROM practices p JOIN regions r ON r.id = p.region_id";

impl Db {
    /// Every commissioner's region, by commissioner code.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn commissioner_regions(&self) -> Result<BTreeMap<String, RegionId>, sqlx::Error> {
        let rows: Vec<(String, i64)> =
            sqlx::query_as("SELECT commissioner, region_id FROM commissioner_regions ORDER BY commissioner")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|(code, region)| (code, RegionId(region))).collect())
    }

    /// Places a commissioner's practices in `region` (for this and later imports).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn set_commissioner_region(
        &self,
        commissioner: &str,
        region: RegionId,
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO commissioner_regions (commissioner, region_id, set_at) VALUES ($1, $2, $3) \
             ON CONFLICT (commissioner) DO UPDATE SET region_id = excluded.region_id, set_at = excluded.set_at",
        )
        .bind(commissioner)
        .bind(region.0)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await
    }

    /// Creates, updates, closes and reopens practices from an ODS file, all or none.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn import_ods_practices(
        &self,
        records: &[PracticeRecord<'_>],
        audit: &AuditRecord<'_>,
        now_ms: i64,
    ) -> Result<OdsImportCounts, sqlx::Error> {
        let mut tx = self.begin().await?;
        let known: Vec<Existing> =
            sqlx::query_as("SELECT id, ods_code, retired_at FROM practices").fetch_all(&mut *tx).await?;
        let known: BTreeMap<&str, &Existing> = known.iter().map(|p| (p.ods_code.as_str(), p)).collect();
        let mut counts = OdsImportCounts::default();
        for record in records {
            let Some(existing) = known.get(record.ods_code) else {
                if record.closed {
                    counts.closed_unknown += 1;
                } else {
                    insert_practice(&mut tx, record, now_ms).await?;
                    counts.created += 1;
                }
                continue;
            };
            let retired_at = match (record.closed, existing.retired_at) {
                (true, None) => {
                    counts.closed += 1;
                    Some(now_ms)
                }
                (false, Some(_)) => {
                    counts.reopened += 1;
                    None
                }
                (_, kept) => {
                    counts.updated += 1;
                    kept
                }
            };
            update_practice(&mut tx, existing.id, record, retired_at).await?;
        }
        insert_audit(&mut tx, audit, now_ms).await?;
        tx.commit().await?;
        Ok(counts)
    }

    /// Open practices whose name contains `text`, or whose ODS code or postcode starts with it
    /// (spaces ignored), by name: at most `MAX_MATCHES`.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn find_practices(&self, text: &str) -> Result<Vec<PracticeMatch>, sqlx::Error> {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        let prefix = like_pattern(&squeezed).trim_start_matches('%').to_uppercase();
        let rows: Vec<MatchRow> = sqlx::query_as(&format!(
            "{MATCH_COLUMNS} WHERE p.retired_at IS NULL AND (LOWER(p.name) LIKE $1 ESCAPE '\\' \
             OR p.ods_code LIKE $2 ESCAPE '\\' OR REPLACE(p.postcode, ' ', '') LIKE $2 ESCAPE '\\') \
             ORDER BY p.name, p.ods_code LIMIT $3"
        ))
        .bind(like_pattern(text))
        .bind(prefix)
        .bind(MAX_MATCHES)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(PracticeMatch::from).collect())
    }

    /// One open practice as a chooser shows it once chosen.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn practice_match(&self, practice: PracticeId) -> Result<Option<PracticeMatch>, sqlx::Error> {
        let row: Option<MatchRow> =
            sqlx::query_as(&format!("{MATCH_COLUMNS} WHERE p.id = $1 AND p.retired_at IS NULL"))
                .bind(practice.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(PracticeMatch::from))
    }
}

async fn insert_practice(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    record: &PracticeRecord<'_>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO practices (region_id, ods_code, name, address, postcode, commissioner, opened_on, closed_on, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(record.region.0)
    .bind(record.ods_code)
    .bind(record.name)
    .bind(record.address)
    .bind(record.postcode)
    .bind(record.commissioner)
    .bind(record.opened_on)
    .bind(record.closed_on)
    .bind(now_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn update_practice(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    record: &PracticeRecord<'_>,
    retired_at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE practices SET region_id = $2, name = $3, address = $4, postcode = $5, commissioner = $6, \
         opened_on = $7, closed_on = $8, retired_at = $9 WHERE id = $1",
    )
    .bind(id)
    .bind(record.region.0)
    .bind(record.name)
    .bind(record.address)
    .bind(record.postcode)
    .bind(record.commissioner)
    .bind(record.opened_on)
    .bind(record.closed_on)
    .bind(retired_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
