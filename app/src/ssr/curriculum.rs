//! Bringing modules in and out as files: importing a module file stores it as the next version of
//! its module; exporting writes a stored version back as a file.

use crate::domain::audit::AuditAction;
use crate::domain::curriculum::item_writing::item_writing_warnings;
use crate::domain::curriculum::module::VersionStatus;
use crate::domain::curriculum::validate::Problem;
use crate::domain::ids::{PersonId, VersionId};
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::audit::AuditRecord;
use crate::ssr::module_file::{FileProblem, read_module, write_module};

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub slug: String,
    pub title: String,
    pub version: VersionId,
    pub number: i64,
    pub status: VersionStatus,
    /// The item-writing flaws in the file: it is imported all the same.
    pub warnings: Vec<Problem>,
}

/// Why an import did not happen.
#[derive(Debug)]
pub enum ImportError {
    /// The file has problems, each with its line.
    File(Vec<FileProblem>),
    Failed(AppError),
}

impl From<sqlx::Error> for ImportError {
    fn from(error: sqlx::Error) -> Self {
        ImportError::Failed(error.into())
    }
}

/// Reads, validates and stores a module file as a new version with the given status (a draft,
/// normally; published when loading an agreed curriculum).
pub async fn import_module_file(
    db: &Db,
    text: &str,
    status: VersionStatus,
    actor: Option<PersonId>,
    client_address: Option<&str>,
    now_ms: i64,
) -> Result<Imported, ImportError> {
    let definition = read_module(text).map_err(ImportError::File)?;
    let detail = format!("{} as a {} version", definition.slug, status.label().to_lowercase());
    let audit = AuditRecord {
        action: AuditAction::ModuleImported,
        actor,
        subject: None,
        detail: &detail,
        client_address,
    };
    let stored = db.store_module_version(&definition, status, actor, &audit, now_ms).await;
    let (version, number) = match stored {
        Err(error) if crate::ssr::db::is_unique_violation(&error) => {
            return Err(ImportError::File(vec![FileProblem {
                line: 0,
                path: "slug".into(),
                message: format!(
                    "The module '{}' already has a draft or a version in review: finish that one first",
                    definition.slug
                ),
            }]));
        }
        other => other?,
    };
    let warnings = item_writing_warnings(&definition);
    Ok(Imported { slug: definition.slug, title: definition.title, version, number, status, warnings })
}

/// A stored version (the latest, or the given number) as a module file.
pub async fn export_module_file(db: &Db, slug: &str, number: Option<i64>) -> Result<String, AppError> {
    let stored = db.module_version(slug, number).await?.ok_or(AppError::NotFound)?;
    write_module(&stored.definition).map_err(|error| {
        tracing::error!(%error, "could not write a module file");
        AppError::Internal
    })
}

/// The first curriculum, built into the binary, for the embedded default's first run.
pub const FIRST_CURRICULUM: [&str; 10] = [
    include_str!("../../../curriculum/benzodiazepines/margaret.toml"),
    include_str!("../../../curriculum/benzodiazepines/david.toml"),
    include_str!("../../../curriculum/benzodiazepines/priya.toml"),
    include_str!("../../../curriculum/benzodiazepines/jim.toml"),
    include_str!("../../../curriculum/benzodiazepines/aisha.toml"),
    include_str!("../../../curriculum/benzodiazepines/hughes.toml"),
    include_str!("../../../curriculum/benzodiazepines/northfield.toml"),
    include_str!("../../../curriculum/benzodiazepines/okoro.toml"),
    include_str!("../../../curriculum/benzodiazepines/pairs.toml"),
    include_str!("../../../curriculum/benzodiazepines/shaun.toml"),
];

/// Loads the first curriculum, published, if no module has been stored yet. Returns how many
/// modules it loaded.
pub async fn load_first_curriculum_if_empty(db: &Db, now_ms: i64) -> Result<usize, ImportError> {
    if db.has_modules().await? {
        return Ok(0);
    }
    for text in FIRST_CURRICULUM {
        import_module_file(db, text, VersionStatus::Published, None, None, now_ms).await?;
    }
    Ok(FIRST_CURRICULUM.len())
}
