use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::authoring::case_map::CaseMap;
use crate::domain::authoring::review::Review;
use crate::domain::authoring::studio::StudioVersion;
use crate::domain::authoring::workflow::Action;
use crate::domain::curriculum::module::{ModuleDefinition, VersionStatus};
use crate::domain::curriculum::validate::Problem;
use crate::domain::ids::VersionId;
use crate::error::AppError;

/// One version in the studio: its content, what is wrong with it, its reviews, and what the viewer
/// may do with it now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub id: VersionId,
    pub number: i64,
    pub status: VersionStatus,
    pub revision: i64,
    pub definition: ModuleDefinition,
    pub problems: Vec<Problem>,
    /// Item-writing flaws: shown to the author, never a bar to review.
    pub warnings: Vec<Problem>,
    pub reviews: Vec<Review>,
    /// Every workflow action but editing, with `None` where the viewer may take it now and the
    /// reason where not.
    pub actions: Vec<(Action, Option<String>)>,
    pub review_by: Option<i64>,
    pub overdue: bool,
    /// The module's other versions, newest first, to compare with.
    pub siblings: Vec<StudioVersion>,
    pub maps: Vec<CaseMap>,
}

impl VersionView {
    /// Whether the viewer may take `action` now.
    pub fn may(&self, action: Action) -> bool {
        self.actions.iter().any(|(a, refused)| *a == action && refused.is_none())
    }
}

/// A version for the studio (trainers and admins).
#[server(endpoint = "authoring/view_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_version", skip_all))]
pub async fn view_version(version: VersionId) -> Result<VersionView, AppError> {
    use crate::domain::authoring::case_map::lay_out;
    use crate::domain::authoring::workflow::{Refusal, check};
    use crate::domain::curriculum::item_writing::item_writing_warnings;
    use crate::domain::curriculum::validate::validate;
    use crate::ssr::authoring::{load, require_author};

    let request = crate::ssr::request::Request::current().await?;
    let who = require_author(&request)?.clone();
    let authoring = load(&request.state.db, version).await?;
    let record = &authoring.record;
    let definition = record.stored.definition.clone();
    let actions = Action::ALL
        .into_iter()
        .map(|action| {
            (action, check(action, &who, &authoring.facts).err().map(|Refusal(why)| why.to_owned()))
        })
        .collect();
    let slug = &record.stored.summary.slug;
    let mut siblings: Vec<StudioVersion> = request
        .state
        .db
        .studio_versions()
        .await?
        .into_iter()
        .filter(|v| &v.slug == slug && v.id != version)
        .collect();
    siblings.reverse();
    let status = record.stored.summary.status;
    let now = request.now_ms();
    Ok(VersionView {
        id: version,
        number: record.stored.summary.number,
        status,
        revision: record.stored.revision,
        problems: validate(&definition),
        warnings: item_writing_warnings(&definition),
        reviews: authoring.reviews.clone(),
        actions,
        review_by: record.review_by,
        overdue: status == VersionStatus::Published && record.review_by.is_some_and(|by| by < now),
        siblings,
        maps: definition.cases.iter().map(lay_out).collect(),
        definition,
    })
}
