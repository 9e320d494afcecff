use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::learning::attempt::AttemptSummary;
use crate::domain::learning::profile::KnowledgeProfile;
use crate::error::AppError;

/// A module suggested to work on the learner's weakest theme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub slug: String,
    pub title: String,
    /// The weakest theme's title, when the suggestion targets it.
    pub theme: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyLearning {
    pub profile: KnowledgeProfile,
    pub history: Vec<AttemptSummary>,
    pub suggestion: Option<Suggestion>,
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
    Ok(MyLearning { profile, history, suggestion })
}
