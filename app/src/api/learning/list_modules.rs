use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::learning::attempt::AttemptStatus;
use crate::error::AppError;

/// A theme as a filter offers it: code and title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeTag {
    pub code: String,
    pub title: String,
}

/// A module as the catalogue lists it, with where the learner is in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    pub slug: String,
    pub title: String,
    pub minutes: i64,
    pub themes: Vec<ThemeTag>,
    /// The learner's latest attempt's status; `None` if not started (or not signed in).
    pub status: Option<AttemptStatus>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Every theme and recommendation, for the filter.
    pub themes: Vec<ThemeTag>,
    /// The theme filtered on, if any.
    pub selected: Option<String>,
    /// Whether anyone is signed in (a visitor has no progress to show).
    pub signed_in: bool,
    pub modules: Vec<CatalogueEntry>,
}

/// The published modules (optionally only those tagged with `theme`) and the learner's progress.
/// Open to everyone: what a module covers is public, so a GP can look before registering.
#[server(endpoint = "learning/list_modules")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_modules", skip_all))]
pub async fn list_modules(theme: Option<String>) -> Result<Catalogue, AppError> {
    use crate::domain::curriculum::theme::{THEMES, theme as find_theme};

    let request = crate::ssr::request::Request::current().await?;
    let person = request.user().ok().map(|user| user.principal.person);
    let selected = theme.filter(|code| !code.is_empty());
    if selected.as_deref().is_some_and(|code| find_theme(code).is_none()) {
        return Err(AppError::field("theme", "Select a theme from the list"));
    }
    let tag = |code: &str| find_theme(code).map(|t| ThemeTag { code: t.code.into(), title: t.title.into() });
    let db = &request.state.db;
    let statuses = match person {
        Some(person) => db.latest_attempt_statuses(person).await?,
        None => Vec::new(),
    };
    let modules = db
        .published_modules()
        .await?
        .into_iter()
        .filter(|m| selected.as_ref().is_none_or(|code| m.themes.contains(code)))
        .map(|m| CatalogueEntry {
            status: statuses.iter().find(|(module, _)| *module == m.module).map(|(_, s)| *s),
            themes: THEMES
                .iter()
                .filter(|t| m.themes.iter().any(|c| c == t.code))
                .filter_map(|t| tag(t.code))
                .collect(),
            slug: m.slug,
            title: m.title,
            minutes: m.estimated_minutes,
        })
        .collect();
    let themes = THEMES.iter().filter_map(|t| tag(t.code)).collect();
    Ok(Catalogue { themes, selected, modules, signed_in: person.is_some() })
}
