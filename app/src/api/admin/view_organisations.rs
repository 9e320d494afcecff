use leptos::prelude::*;

use crate::domain::organisation::Organisations;
use crate::error::AppError;

/// Every region and practice, retired ones included (admins only).
#[server(endpoint = "admin/view_organisations")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_organisations", skip_all))]
pub async fn view_organisations() -> Result<Organisations, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    Ok(request.state.db.organisations().await?)
}
