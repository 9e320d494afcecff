use leptos::prelude::*;

use crate::error::AppError;

/// Invites someone by email. Admins may give any roles; a deanery lead may invite learners to the
/// practices of their own region only.
#[server(endpoint = "admin/invite_person")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "invite_person", skip_all))]
pub async fn invite_person(
    email: String,
    learner: Option<String>,
    trainer: Option<String>,
    deanery_lead: Option<String>,
    admin: Option<String>,
    region: Option<String>,
    practice: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{
        email::EmailAddress,
        ids::{PracticeId, RegionId},
        role::{Role, ticked_roles},
    };
    use crate::error::FormCheck;
    use crate::ssr::account::invitations::{Invitation, invite};

    let request = crate::ssr::request::Request::current().await?;
    let principal = request.user()?.principal.clone();
    if !principal.is_admin() && principal.led_regions().next().is_none() {
        return Err(AppError::Forbidden);
    }
    let (region, practice) = (region.unwrap_or_default(), practice.unwrap_or_default());
    let keep = [("email", email.as_str()), ("region", region.as_str()), ("practice", practice.as_str())];
    let roles = ticked_roles(learner, trainer, deanery_lead, admin);
    let mut check = FormCheck::default();
    let email = check.field("email", EmailAddress::parse(&email));
    if roles.is_empty() {
        check.fail("learner", "Select at least one role");
    }
    let region = (!region.is_empty())
        .then(|| check.field("region", region.parse().map(RegionId).map_err(|_| "Select a region".into())))
        .flatten();
    let practice = (!practice.is_empty())
        .then(|| {
            check.field("practice", practice.parse().map(PracticeId).map_err(|_| "Select a practice".into()))
        })
        .flatten();
    if roles.contains(&Role::Learner) && practice.is_none() {
        check.fail("practice", "Select the learner's practice");
    }
    check.finish(&keep)?;
    let Some(email) = email else { return Err(AppError::Internal) };
    invite(&request, Invitation { email, roles, region, practice })
        .await
        .map_err(|e| e.with_values(&keep))?;
    request.finish_form("Invitation sent", "/admin/people/invite").await;
    Ok(())
}
