use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::list_modules::ThemeTag;
use crate::error::AppError;

/// A module's page: what it covers and what the learner can do next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleOverview {
    pub slug: String,
    pub title: String,
    pub summary_html: String,
    pub audience: String,
    pub minutes: i64,
    pub version_number: i64,
    pub outcomes: Vec<String>,
    pub themes: Vec<ThemeTag>,
    /// The attempt in progress, to resume.
    pub open_attempt: Option<String>,
    /// Finished attempts, newest first: public id and when.
    pub completed: Vec<(String, i64)>,
    /// Whether this person may start the module (learners may).
    pub can_start: bool,
    /// Whether anyone is signed in: a visitor is offered sign-in or registration instead.
    pub signed_in: bool,
}

/// A published module, by slug, and the learner's attempts at it. Open to everyone, like the
/// catalogue; only a signed-in learner sees attempts or can start it.
#[server(endpoint = "learning/view_module")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_module", skip_all))]
pub async fn view_module(slug: String) -> Result<ModuleOverview, AppError> {
    use crate::domain::curriculum::theme::THEMES;
    use crate::domain::learning::attempt::AttemptStatus;
    use crate::domain::role::Role;

    let request = crate::ssr::request::Request::current().await?;
    let principal = request.user().ok().map(|user| user.principal.clone());
    let db = &request.state.db;
    let version = db.published_version(&slug).await?.ok_or(AppError::NotFound)?;
    let attempts = match &principal {
        Some(principal) => db.attempts_by(principal.person).await?,
        None => Vec::new(),
    };
    let mine = attempts.iter().filter(|a| a.slug == slug);
    let definition = version.definition;
    Ok(ModuleOverview {
        open_attempt: mine
            .clone()
            .find(|a| a.status == AttemptStatus::InProgress)
            .map(|a| a.public_id.clone()),
        completed: mine.filter_map(|a| Some((a.public_id.clone(), a.completed_at?))).collect(),
        can_start: principal.as_ref().is_some_and(|p| p.has(Role::Learner) || p.is_admin()),
        signed_in: principal.is_some(),
        themes: THEMES
            .iter()
            .filter(|t| definition.themes.iter().any(|c| c == t.code))
            .map(|t| ThemeTag { code: t.code.into(), title: t.title.into() })
            .collect(),
        summary_html: crate::ssr::markdown::to_html(&definition.summary),
        slug: version.summary.slug,
        title: definition.title,
        audience: definition.audience,
        minutes: version.summary.estimated_minutes,
        version_number: version.summary.number,
        outcomes: definition.outcomes,
    })
}
