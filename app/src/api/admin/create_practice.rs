use leptos::prelude::*;

use crate::error::AppError;

/// Adds a practice to a region (admins only).
#[server(endpoint = "admin/create_practice")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "create_practice", skip_all))]
pub async fn create_practice(
    region: String,
    ods_code: String,
    practice_name: String,
) -> Result<(), AppError> {
    use crate::domain::{
        audit::AuditAction, ids::RegionId, ods_code::OdsCode, organisation::MAX_NAME_CHARS, text::short_text,
    };
    use crate::error::FormCheck;
    use crate::ssr::db::is_unique_violation;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let keep = [
        ("region", region.as_str()),
        ("ods_code", ods_code.as_str()),
        ("practice_name", practice_name.as_str()),
    ];
    let mut check = FormCheck::default();
    let region = check
        .field("region", region.parse().map(RegionId).map_err(|_| "Select the practice's region".into()));
    let ods_code = check.field("ods_code", OdsCode::parse(&ods_code));
    let name =
        check.field("practice_name", short_text(&practice_name, "the practice's name", MAX_NAME_CHARS));
    check.finish(&keep)?;
    let (Some(region), Some(ods_code), Some(name)) = (region, ods_code, name) else {
        return Err(AppError::Internal);
    };
    let db = &request.state.db;
    if !db.region_is_open(region).await? {
        return Err(AppError::field("region", "Select the practice's region").with_values(&keep));
    }
    let detail = format!("created practice {ods_code} {name}");
    let audit = request.audit(AuditAction::OrganisationChanged, None, &detail);
    let practice = match db.create_practice(region, &ods_code, &name, &audit, request.now_ms()).await {
        Ok(practice) => practice,
        Err(e) if is_unique_violation(&e) => {
            return Err(AppError::field("ods_code", "A practice with this ODS code already exists")
                .with_values(&keep));
        }
        Err(e) => return Err(e.into()),
    };
    request.finish_form("Practice added", &format!("/admin/organisations/practices/{practice}")).await;
    Ok(())
}
