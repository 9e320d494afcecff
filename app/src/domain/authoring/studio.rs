//! What the studio's front page shows a trainer: every module with its versions, the versions
//! waiting for them to review, and published versions past their review-by date.

use serde::{Deserialize, Serialize};

use crate::domain::curriculum::module::VersionStatus;
use crate::domain::ids::{PersonId, VersionId};

/// One version, as the studio lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioVersion {
    pub id: VersionId,
    pub slug: String,
    pub title: String,
    pub number: i64,
    pub status: VersionStatus,
    pub created_by: Option<PersonId>,
    pub submitted_by: Option<PersonId>,
    pub review_by: Option<i64>,
}

impl StudioVersion {
    /// Published and past the date by which it had to be reviewed again.
    pub fn overdue(&self, now_ms: i64) -> bool {
        self.status == VersionStatus::Published && self.review_by.is_some_and(|by| by < now_ms)
    }
}

/// One module and its versions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioModule {
    pub slug: String,
    pub title: String,
    pub versions: Vec<StudioVersion>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudioView {
    pub modules: Vec<StudioModule>,
    /// In review, sent by someone else: this trainer could sign them off.
    pub awaiting_review: Vec<StudioVersion>,
    pub overdue: Vec<StudioVersion>,
    pub now_ms: i64,
}

/// Arranges every version (ordered by module, then number) for `me`.
pub fn arrange(versions: Vec<StudioVersion>, me: PersonId, me_reviews: bool, now_ms: i64) -> StudioView {
    let awaiting_review = versions
        .iter()
        .filter(|v| me_reviews && v.status == VersionStatus::InReview)
        .filter(|v| v.created_by != Some(me) && v.submitted_by != Some(me))
        .cloned()
        .collect();
    let overdue = versions.iter().filter(|v| v.overdue(now_ms)).cloned().collect();
    let mut modules: Vec<StudioModule> = Vec::new();
    for version in versions {
        match modules.last_mut() {
            Some(module) if module.slug == version.slug => module.versions.insert(0, version),
            _ => modules.push(StudioModule {
                slug: version.slug.clone(),
                title: String::new(),
                versions: vec![version],
            }),
        }
    }
    for module in &mut modules {
        module.title = module.versions.first().map(|v| v.title.clone()).unwrap_or_default();
    }
    modules.sort_by_key(|m| m.title.to_lowercase());
    StudioView { modules, awaiting_review, overdue, now_ms }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(slug: &str, number: i64, status: VersionStatus, by: i64) -> StudioVersion {
        StudioVersion {
            id: VersionId(number * 10),
            slug: slug.into(),
            title: format!("{slug} v{number}"),
            number,
            status,
            created_by: Some(PersonId(by)),
            submitted_by: (status == VersionStatus::InReview).then_some(PersonId(by)),
            review_by: (status == VersionStatus::Published).then_some(1_000),
        }
    }

    #[test]
    fn versions_group_by_module_newest_first_and_reviews_wait_for_others() {
        let view = arrange(
            vec![
                version("beta", 1, VersionStatus::Published, 1),
                version("beta", 2, VersionStatus::InReview, 1),
                version("alpha", 1, VersionStatus::InReview, 2),
            ],
            PersonId(2),
            true,
            500,
        );
        assert_eq!(view.modules.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>(), ["alpha", "beta"]);
        assert_eq!(view.modules[1].versions[0].number, 2);
        assert_eq!(view.modules[1].title, "beta v2");
        assert_eq!(view.awaiting_review.len(), 1, "not their own");
        assert_eq!(view.awaiting_review[0].slug, "beta");
        assert!(view.overdue.is_empty());
    }

    #[test]
    fn published_versions_past_their_review_date_are_overdue() {
        let view = arrange(vec![version("beta", 1, VersionStatus::Published, 1)], PersonId(2), false, 2_000);
        assert_eq!(view.overdue.len(), 1);
        assert!(view.awaiting_review.is_empty(), "admins who are not trainers review nothing");
    }
}
