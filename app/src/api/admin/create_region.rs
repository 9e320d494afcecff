use leptos::prelude::*;

use crate::error::AppError;

/// Adds a region (admins only).
#[server(endpoint = "admin/create_region")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "create_region", skip_all))]
pub async fn create_region(name: String) -> Result<(), AppError> {
    use crate::domain::{audit::AuditAction, organisation::MAX_NAME_CHARS, text::short_text};
    use crate::ssr::db::is_unique_violation;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let keep = [("name", name.as_str())];
    let name = short_text(&name, "the region's name", MAX_NAME_CHARS)
        .map_err(|m| AppError::field("name", m).with_values(&keep))?;
    let detail = format!("created region {name}");
    let audit = request.audit(AuditAction::OrganisationChanged, None, &detail);
    let region = match request.state.db.create_region(&name, &audit, request.now_ms()).await {
        Ok(region) => region,
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::field("name", "A region with this name already exists").with_values(&keep));
        }
        Err(e) => return Err(e.into()),
    };
    request.finish_form("Region added", &format!("/admin/organisations/regions/{region}")).await;
    Ok(())
}
