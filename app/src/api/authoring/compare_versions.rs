use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::authoring::diff::Change;
use crate::domain::ids::VersionId;
use crate::error::AppError;

/// Two versions of one module and what changed between them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub version: VersionId,
    pub slug: String,
    pub title: String,
    pub old_number: i64,
    pub new_number: i64,
    pub changes: Vec<Change>,
}

/// What changed, field by field, from version number `with` of the same module to `version`.
#[server(endpoint = "authoring/compare_versions")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "compare_versions", skip_all))]
pub async fn compare_versions(version: VersionId, with: i64) -> Result<Comparison, AppError> {
    use crate::domain::authoring::diff::compare;

    let request = crate::ssr::request::Request::current().await?;
    let new = crate::ssr::authoring::readable(&request, version).await?;
    let db = &request.state.db;
    let old = db
        .module_version(&new.summary.slug, Some(with))
        .await?
        .filter(|o| o.summary.number == with)
        .ok_or(AppError::NotFound)?;
    Ok(Comparison {
        version,
        slug: new.summary.slug.clone(),
        title: new.summary.title.clone(),
        old_number: old.summary.number,
        new_number: new.summary.number,
        changes: compare(&old.definition, &new.definition),
    })
}
