use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::learning::attempt::AttemptSummary;
use crate::domain::learning::profile::KnowledgeProfile;
use crate::domain::learning::retention::Retention;
use crate::error::AppError;
use crate::wire::follow_up_view::FollowUpSummary;

/// A module suggested to work on the learner's weakest theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub slug: String,
    pub title: String,
    /// The weakest theme's title, when the suggestion targets it.
    pub theme: Option<String>,
}

/// What a module's boosters show of what the learner kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleRetention {
    pub module_title: String,
    pub results_path: String,
    pub retention: Retention,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLearning {
    pub profile: KnowledgeProfile,
    pub history: Vec<AttemptSummary>,
    pub suggestion: Option<Suggestion>,
    /// Boosters and follow-ups: due first, then to come, then done.
    pub follow_ups: Vec<FollowUpSummary>,
    /// Retention in each attempt with a booster answered.
    pub retention: Vec<ModuleRetention>,
}

/// The signed-in learner's knowledge profile (from the latest finished attempt at each module),
/// their attempts, and the module to take next.
#[server(endpoint = "learning/view_my_learning")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_my_learning", skip_all))]
pub async fn view_my_learning() -> Result<MyLearning, AppError> {
    use crate::domain::curriculum::theme::theme;
    use crate::domain::learning::attempt::AttemptStatus;
    use crate::domain::learning::profile::{ModuleChoice, build, suggest};

    let request = crate::ssr::request::Request::current().await?;
    let person = request.user()?.principal.person;
    let db = &request.state.db;
    let history = db.attempts_by(person).await?;
    let profile = build(&crate::ssr::learning::attempts::profile_answers(&request).await?);
    let modules = db.published_modules().await?;
    let completed =
        |slug: &str| history.iter().any(|a| a.slug == slug && a.status == AttemptStatus::Completed);
    let choices: Vec<ModuleChoice> = modules
        .iter()
        .map(|m| ModuleChoice { slug: &m.slug, themes: &m.themes, completed: completed(&m.slug) })
        .collect();
    let suggestion =
        suggest(&profile, &choices).and_then(|slug| modules.iter().find(|m| m.slug == slug)).map(|m| {
            let weakest = profile.weakest.as_deref().filter(|w| m.themes.iter().any(|t| t == w));
            Suggestion {
                slug: m.slug.clone(),
                title: m.title.clone(),
                theme: weakest.and_then(theme).map(|t| t.title.to_owned()),
            }
        });
    let follow_ups = crate::ssr::learning::follow_ups::summaries(&request).await?;
    let retention = retention_by_attempt(&request).await?;
    Ok(MyLearning { profile, history, suggestion, follow_ups, retention })
}

/// Retention in each of the learner's attempts that has a booster answered.
#[cfg(feature = "ssr")]
async fn retention_by_attempt(
    request: &crate::ssr::request::Request,
) -> Result<Vec<ModuleRetention>, AppError> {
    use crate::domain::learning::follow_up::FollowUpKind;

    let db = &request.state.db;
    let person = request.user()?.principal.person;
    let attempts: Vec<_> = db
        .follow_ups_of(person)
        .await?
        .into_iter()
        .filter(|f| f.kind == FollowUpKind::Booster && f.completed_at.is_some())
        .collect();
    let mut shown = Vec::new();
    for follow_up in attempts {
        if shown.iter().any(|(attempt, _)| *attempt == follow_up.attempt_id) {
            continue;
        }
        let Some(version) = db.version_by_id(follow_up.version).await? else { continue };
        let retention =
            crate::ssr::learning::retention::retention_of(db, follow_up.attempt_id, &version.definition)
                .await?;
        let results_path = format!("/attempts/{}/results", follow_up.attempt_public_id);
        shown.push((
            follow_up.attempt_id,
            ModuleRetention { module_title: follow_up.module_title, results_path, retention },
        ));
    }
    Ok(shown.into_iter().map(|(_, r)| r).collect())
}
