use leptos::prelude::*;

use crate::error::AppError;

/// Renames a region or a practice (`kind` is `region` or `practice`), admins only.
#[server(endpoint = "admin/rename_organisation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "rename_organisation", skip_all))]
pub async fn rename_organisation(kind: String, id: i64, name: String) -> Result<(), AppError> {
    use crate::domain::{audit::AuditAction, organisation::MAX_NAME_CHARS, text::short_text};
    use crate::ssr::db::is_unique_violation;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let kind = parse_kind(&kind)?;
    let keep = [("name", name.as_str())];
    let name = short_text(&name, "the name", MAX_NAME_CHARS)
        .map_err(|m| AppError::field("name", m).with_values(&keep))?;
    let detail = format!("renamed {} {id} to {name}", kind.noun());
    let audit = request.audit(AuditAction::OrganisationChanged, None, &detail);
    match request.state.db.rename_organisation(kind, id, &name, &audit, request.now_ms()).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::field("name", "A region with this name already exists").with_values(&keep));
        }
        Err(e) => return Err(e.into()),
    }
    request.finish_form("Name saved", &format!("/admin/organisations/{}s/{id}", kind.noun())).await;
    Ok(())
}

/// `region` or `practice`, as forms name the kind of organisation.
#[cfg(feature = "ssr")]
pub(crate) fn parse_kind(kind: &str) -> Result<crate::ssr::db::organisations::OrganisationKind, AppError> {
    use crate::ssr::db::organisations::OrganisationKind;
    match kind {
        "region" => Ok(OrganisationKind::Region),
        "practice" => Ok(OrganisationKind::Practice),
        _ => Err(AppError::BadRequest("Unknown kind of organisation".into())),
    }
}
