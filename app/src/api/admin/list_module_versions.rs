use leptos::prelude::*;

use crate::domain::curriculum::module::VersionSummary;
use crate::error::AppError;

/// Every version of every module (admins only).
#[server(endpoint = "admin/list_module_versions")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_module_versions", skip_all))]
pub async fn list_module_versions() -> Result<Vec<VersionSummary>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    Ok(request.state.db.module_versions().await?)
}
