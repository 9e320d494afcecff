use leptos::prelude::*;

use crate::error::AppError;

/// Places a commissioner's practices in a region, for ODS imports (admins only).
#[server(endpoint = "admin/set_commissioner_region")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_commissioner_region", skip_all))]
pub async fn set_commissioner_region(commissioner: String, region: String) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::ids::RegionId;
    use crate::error::FormCheck;

    let request = crate::ssr::request::Request::current().await?;
    request.require_admin()?;
    let keep = [("commissioner", commissioner.as_str()), ("region", region.as_str())];
    let mut check = FormCheck::default();
    let code = commissioner.trim().to_uppercase();
    let code = check.field(
        "commissioner",
        if !code.is_empty() && code.len() <= 10 && code.chars().all(|c| c.is_ascii_alphanumeric()) {
            Ok(code)
        } else {
            Err("Enter the commissioner's ODS code, like 15N".to_owned())
        },
    );
    let region =
        check.field("region", region.parse().map(RegionId).map_err(|_| "Select a region".to_owned()));
    check.finish(&keep)?;
    let (Some(code), Some(region)) = (code, region) else { return Err(AppError::Internal) };
    let db = &request.state.db;
    if !db.region_is_open(region).await? {
        return Err(AppError::field("region", "Select an open region").with_values(&keep));
    }
    let detail = format!("commissioner {code} to region {region}");
    let audit = request.audit(AuditAction::OrganisationChanged, None, &detail);
    db.set_commissioner_region(&code, region, &audit, request.now_ms()).await?;
    request
        .finish_form(
            &format!("Practices of commissioner {code} now go to that region"),
            "/admin/organisations/ods",
        )
        .await;
    Ok(())
}
