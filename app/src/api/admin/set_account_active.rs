use leptos::prelude::*;

use crate::domain::ids::PersonId;
use crate::error::AppError;

/// Deactivates an account, ending its sessions at once, or reactivates it (admins only; not their
/// own account).
#[server(endpoint = "admin/set_account_active")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_account_active", skip_all))]
pub async fn set_account_active(person: PersonId, active: bool) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::ssr::auth::tokens::new_session_key;

    let request = crate::ssr::request::Request::current().await?;
    let actor = request.require_admin()?.person;
    if person == actor {
        return Err(AppError::BadRequest("You cannot deactivate your own account".into()));
    }
    let db = &request.state.db;
    db.profile(person).await?.ok_or(AppError::NotFound)?;
    let action = if active { AuditAction::Reactivated } else { AuditAction::Deactivated };
    let audit = request.audit(action, Some(person), "");
    db.set_active(person, active, &new_session_key(), &audit, request.now_ms()).await?;
    let notice =
        if active { "Account reactivated" } else { "Account deactivated: the person has been signed out" };
    request.finish_form(notice, &format!("/admin/people/{}", person.0)).await;
    Ok(())
}
