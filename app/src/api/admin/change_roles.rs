use leptos::prelude::*;

use crate::domain::ids::PersonId;
use crate::error::AppError;

/// Replaces a person's roles (admins only). The person's sessions end, so the change takes effect at
/// once; an admin cannot remove their own administrator role.
#[server(endpoint = "admin/change_roles")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "change_roles", skip_all))]
pub async fn change_roles(
    person: PersonId,
    learner: Option<String>,
    trainer: Option<String>,
    deanery_lead: Option<String>,
    admin: Option<String>,
    lead_region: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::ids::RegionId;
    use crate::domain::role::{Role, RoleGrant, ticked_roles};
    use crate::ssr::account::sign_in::start_session_for;
    use crate::ssr::auth::tokens::new_session_key;

    let mut request = crate::ssr::request::Request::current().await?;
    let actor = request.require_admin()?.person;
    let db = request.state.db.clone();
    db.profile(person).await?.ok_or(AppError::NotFound)?;
    let chosen = ticked_roles(learner, trainer, deanery_lead, admin);
    if chosen.is_empty() {
        return Err(AppError::field("learner", "Select at least one role"));
    }
    if person == actor && !chosen.contains(&Role::Admin) {
        return Err(AppError::field("admin", "You cannot remove your own administrator role"));
    }
    let region = match lead_region.as_deref().unwrap_or("") {
        "" => None,
        id => Some(RegionId(id.parse().map_err(|_| AppError::field("lead_region", "Select a region"))?)),
    };
    if chosen.contains(&Role::DeaneryLead) {
        match region {
            Some(region) if db.region_is_open(region).await? => {}
            _ => return Err(AppError::field("lead_region", "Select the region this deanery lead covers")),
        }
    }
    let grants: Vec<RoleGrant> = chosen
        .iter()
        .map(|&role| RoleGrant { role, region: (role == Role::DeaneryLead).then_some(region).flatten() })
        .collect();
    let labels: Vec<&str> = chosen.iter().map(|r| r.label()).collect();
    let detail = format!("now {}", labels.join(", "));
    let audit = request.audit(AuditAction::RolesChanged, Some(person), &detail);
    db.set_grants(person, &grants, actor, &new_session_key(), &audit, request.now_ms()).await?;
    if person == actor {
        // The admin's own key changed with their roles: continue on a new session id.
        start_session_for(&mut request, person).await?;
    }
    request.finish_form("Roles saved", &format!("/admin/people/{}", person.0)).await;
    Ok(())
}
