use leptos::prelude::*;

use crate::domain::authoring::studio::StudioView;
use crate::error::AppError;

/// The studio's front page: every module and version, reviews waiting, reviews overdue.
#[server(endpoint = "authoring/view_studio")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_studio", skip_all))]
pub async fn view_studio() -> Result<StudioView, AppError> {
    use crate::domain::authoring::studio::arrange;
    use crate::domain::role::Role;

    let request = crate::ssr::request::Request::current().await?;
    let who = crate::ssr::authoring::require_author(&request)?;
    let versions = request.state.db.studio_versions().await?;
    Ok(arrange(versions, who.person, who.has(Role::Trainer), request.now_ms()))
}
