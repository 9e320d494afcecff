//! Importing practices' prescribing of benzodiazepines and Z-drugs, and their list sizes, from CSV
//! files, for the high-prescriber reports: deanery leads import for the practices of their regions,
//! admins for any practice. A file is read whole first; one with any problem changes nothing.

pub mod list_sizes;
pub mod read;
pub mod substances;

use std::collections::{BTreeMap, BTreeSet};

use list_sizes::{is_list_size_file, read_list_sizes};
use read::{Context, LineProblem, Shape, read_prescribing};

use crate::domain::audit::AuditAction;
use crate::domain::reports::prescribing::month_before;
use crate::domain::role::Principal;
use crate::domain::time::format_iso_date;
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::audit::AuditRecord;

/// What an import stored: prescribing, or list sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    Prescribing(PrescribingImported),
    ListSizes { practices: usize, months: (String, String), other_practices: usize },
}

impl Imported {
    /// The confirmation shown after an import.
    pub fn summary(&self) -> String {
        match self {
            Imported::Prescribing(imported) => imported.summary(),
            Imported::ListSizes { practices, months, other_practices } => {
                let when = if months.0 == months.1 {
                    format!("the extract of {}", months.0)
                } else {
                    format!("extracts from {} to {}", months.0, months.1)
                };
                let mut text = format!("Imported list sizes for {practices} practices from {when}.");
                if *other_practices > 0 {
                    text.push_str(&format!(" Rows for {other_practices} other practices were passed over."));
                }
                text
            }
        }
    }
}

/// What a prescribing import stored, and what it passed over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrescribingImported {
    pub practice_months: usize,
    pub practices: usize,
    pub months: (String, String),
    /// Practices in an NHS extract that are not the importer's.
    pub other_practices: usize,
    /// Practice-months with neither a list size (given or known from an earlier import) nor a rate.
    pub without_rate: i64,
}

impl PrescribingImported {
    fn summary(&self) -> String {
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

/// Reads `text` (a prescribing file or a list-size file, told apart by its columns) and stores
/// its figures for the practices `who` oversees, in one transaction.
pub async fn import_prescribing(
    db: &Db,
    who: &Principal,
    text: &str,
    client_address: Option<&str>,
    now_ms: i64,
) -> Result<Imported, ImportError> {
    let (practices, scope) = importers_practices(db, who).await?;
    if is_list_size_file(text) {
        let this_month = format_iso_date(now_ms)[..7].to_owned();
        let file = read_list_sizes(text, &practices, &this_month).map_err(ImportError::File)?;
        let first = file.sizes.iter().map(|s| s.month.clone()).min().unwrap_or_default();
        let last = file.sizes.iter().map(|s| s.month.clone()).max().unwrap_or_default();
        let counted: BTreeSet<i64> = file.sizes.iter().map(|s| s.practice).collect();
        let detail = format!("list sizes for {} practices, {first} to {last}", counted.len());
        let audit = AuditRecord {
            action: AuditAction::ListSizesImported,
            actor: Some(who.person),
            subject: None,
            detail: &detail,
            client_address,
        };
        db.save_list_sizes(&file.sizes, &audit, now_ms).await?;
        return Ok(Imported::ListSizes {
            practices: counted.len(),
            months: (first, last),
            other_practices: file.other_practices.len(),
        });
    }
    import_prescribing_file(db, who, text, (&practices, &scope), client_address, now_ms)
        .await
        .map(Imported::Prescribing)
}

/// The practices `who` may import for (ODS code → id), and the name of that scope for messages.
async fn importers_practices(
    db: &Db,
    who: &Principal,
) -> Result<(BTreeMap<String, i64>, String), ImportError> {
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
    Ok((practices, scope))
}

async fn import_prescribing_file(
    db: &Db,
    who: &Principal,
    text: &str,
    (practices, scope): (&BTreeMap<String, i64>, &str),
    client_address: Option<&str>,
    now_ms: i64,
) -> Result<PrescribingImported, ImportError> {
    let latest_month = month_before(&format_iso_date(now_ms));
    let context = Context { practices, scope, latest_month: &latest_month };
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
    Ok(PrescribingImported {
        practice_months: file.months.len(),
        practices: practice_ids.len(),
        months: (first, last),
        other_practices: file.other_practices.len(),
        without_rate: db.months_without_rate(who.person, now_ms).await?,
    })
}
