use leptos::prelude::*;

use crate::error::AppError;

/// Retires a region or practice, or brings it back (admins only). Nothing is deleted: learning
/// records keep pointing at it.
#[server(endpoint = "admin/set_organisation_retired")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_organisation_retired", skip_all))]
pub async fn set_organisation_retired(kind: String, id: i64, retired: bool) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let kind = super::rename_organisation::parse_kind(&kind)?;
    let detail = format!("{} {} {id}", if retired { "retired" } else { "reinstated" }, kind.noun());
    let audit = request.audit(AuditAction::OrganisationChanged, None, &detail);
    if !request.state.db.set_organisation_retired(kind, id, retired, &audit, request.now_ms()).await? {
        return Err(AppError::NotFound);
    }
    let notice = if retired { "Retired" } else { "Reinstated" };
    request.finish_form(notice, &format!("/admin/organisations/{}s/{id}", kind.noun())).await;
    Ok(())
}
