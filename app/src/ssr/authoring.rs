//! The authoring studio on the server: a version with the facts the workflow rules need, the check
//! that the person may act on it, and saving an edited draft.

pub mod workflow;

use crate::domain::authoring::review::{Review, signed_off};
use crate::domain::authoring::workflow::{Action, Refusal, VersionFacts, check};
use crate::domain::curriculum::module::ModuleDefinition;
use crate::domain::curriculum::validate::validate;
use crate::domain::ids::VersionId;
use crate::domain::role::{Principal, Role};
use crate::error::AppError;
use crate::ssr::db::Db;
use crate::ssr::db::authoring::VersionRecord;
use crate::ssr::db::curriculum::StoredVersion;
use crate::ssr::request::Request;

/// A version as the studio works on it.
pub struct Authoring {
    pub record: VersionRecord,
    pub reviews: Vec<Review>,
    pub facts: VersionFacts,
}

/// The signed-in trainer (or admin): nobody else sees the studio.
pub fn require_author(request: &Request) -> Result<&Principal, AppError> {
    request.require(Role::Trainer)
}

/// A version to read (preview, compare, analyse), for a trainer or admin; `NotFound` for an id
/// that is not one.
pub async fn readable(request: &Request, version: VersionId) -> Result<StoredVersion, AppError> {
    require_author(request)?;
    request.state.db.version_by_id(version).await?.ok_or(AppError::NotFound)
}

/// A version by id, for the studio; `NotFound` for an id that is not one.
pub async fn load(db: &Db, version: VersionId) -> Result<Authoring, AppError> {
    let record = db.version_record(version).await?.ok_or(AppError::NotFound)?;
    let reviews = db.reviews_of(version).await?;
    let facts = VersionFacts {
        status: record.stored.summary.status,
        created_by: record.created_by,
        submitted_by: record.submitted_by,
        signed_off: signed_off(&reviews, record.stored.revision),
        valid: validate(&record.stored.definition).is_empty(),
        module_has_open_version: db.module_has_open_version(record.stored.summary.module).await?,
    };
    Ok(Authoring { record, reviews, facts })
}

/// Loads a version and checks that `who` may take `action` on it.
pub async fn load_for(
    request: &Request,
    version: VersionId,
    action: Action,
) -> Result<(Authoring, Principal), AppError> {
    let who = require_author(request)?.clone();
    let authoring = load(&request.state.db, version).await?;
    check(action, &who, &authoring.facts).map_err(|Refusal(why)| AppError::Conflict(why.into()))?;
    Ok((authoring, who))
}

/// What an author is told when their save would overwrite someone else's.
pub const SAVED_MEANWHILE: &str = "Someone else saved this draft while you were editing it, so your changes were \
    not saved. They are still in the form below: copy what you need, then open the draft again to see the latest.";

/// Saves an edited draft, unless someone saved it since `revision` (the revision the editor
/// loaded): then nothing is overwritten and the error names the `revision` field, so the editor
/// shows the author's own values again with the explanation.
pub async fn save(
    request: &Request,
    authoring: &Authoring,
    revision: i64,
    who: &Principal,
    definition: &ModuleDefinition,
) -> Result<(), AppError> {
    let version = authoring.record.stored.summary.version;
    let saved =
        request.state.db.save_draft(version, revision, definition, who.person, request.now_ms()).await?;
    match saved {
        Some(_) => Ok(()),
        None => Err(AppError::field("revision", SAVED_MEANWHILE)),
    }
}
