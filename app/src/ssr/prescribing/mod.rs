//! Importing practices' prescribing of benzodiazepines and Z-drugs from a CSV file, for the
//! high-prescriber reports: deanery leads import for the practices of their regions, admins for
//! any practice. A file is read whole first; one with any problem changes nothing.

pub mod read;
pub mod substances;

use std::collections::{BTreeMap, BTreeSet};

use read::{Context, LineProblem, Shape, read_prescribing};

use crate::domain::audit::AuditAction;
use crate::domain::reports::prescribing::month_before;
use crate::domain::role::Principal;
use crate::domain::time::format_iso_date;
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::audit::AuditRecord;

/// What an import stored, and what it passed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub practice_months: usize,
    pub practices: usize,
    pub months: (String, String),
    /// Practices in an NHS extract that are not the importer's.
    pub other_practices: usize,
    /// Practice-months with neither a list size (given or known from an earlier import) nor a rate.
    pub without_rate: i64,
}

impl Imported {
    /// The confirmation shown after an import.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "Imported {} practice-months for {} practices, {} to {}.",
            self.practice_months, self.practices, self.months.0, self.months.1
        );
        if self.other_practices > 0 {
            text.push_str(&format!(" Rows for {} other practices were passed over.", self.other_practices));
        }
        if self.without_rate > 0 {
            text.push_str(&format!(
                " {} practice-months have no list size yet, so no rate: import a file with their list sizes.",
                self.without_rate
            ));
        }
        text
    }
}

#[derive(Debug)]
pub enum ImportError {
    File(Vec<LineProblem>),
    Failed(AppError),
}

impl From<sqlx::Error> for ImportError {
    fn from(error: sqlx::Error) -> Self {
        ImportError::Failed(error.into())
    }
}

/// Reads `text` and stores its figures for the practices `who` oversees, in one transaction.
pub async fn import_prescribing(
    db: &Db,
    who: &Principal,
    text: &str,
    client_address: Option<&str>,
    now_ms: i64,
) -> Result<Imported, ImportError> {
    let organisations = db.organisations().await?;
    let regions: Vec<&str> =
        organisations.regions.iter().filter(|r| who.oversees(r.id)).map(|r| r.name.as_str()).collect();
    let scope = match regions.as_slice() {
        [] => return Err(ImportError::Failed(AppError::Forbidden)),
        _ if who.is_admin() => "Casebook".to_owned(),
        [one] => (*one).to_owned(),
        _ => "your regions".to_owned(),
    };
    let practices: BTreeMap<String, i64> = organisations
        .practices
        .iter()
        .filter(|p| who.oversees(p.region_id))
        .map(|p| (p.ods_code.clone(), p.id.0))
        .collect();
    let latest_month = month_before(&format_iso_date(now_ms));
    let context = Context { practices: &practices, scope: &scope, latest_month: &latest_month };
    let file = read_prescribing(text, &context).map_err(ImportError::File)?;
    let practice_ids: BTreeSet<i64> = file.months.iter().map(|m| m.practice).collect();
    let first = file.months.iter().map(|m| m.month.clone()).min().unwrap_or_default();
    let last = file.months.iter().map(|m| m.month.clone()).max().unwrap_or_default();
    let shape = match file.shape {
        Shape::Casebook => "Casebook format",
        Shape::NhsExtract => "NHS extract",
    };
    let detail = format!(
        "{} practice-months for {} practices, {first} to {last} ({shape})",
        file.months.len(),
        practice_ids.len()
    );
    let audit = AuditRecord {
        action: AuditAction::PrescribingImported,
        actor: Some(who.person),
        subject: None,
        detail: &detail,
        client_address,
    };
    db.save_prescribing(&file.months, &audit, now_ms).await?;
    Ok(Imported {
        practice_months: file.months.len(),
        practices: practice_ids.len(),
        months: (first, last),
        other_practices: file.other_practices.len(),
        without_rate: db.months_without_rate(who.person, now_ms).await?,
    })
}
