use leptos::prelude::*;

use crate::error::AppError;

/// Changes the signed-in person's name, GMC number, practice and career stage.
#[server(endpoint = "account/update_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "update_profile", skip_all))]
pub async fn update_profile(
    full_name: String,
    gmc_number: String,
    practice: Option<String>,
    career_stage: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::audit::AuditAction;
    use crate::domain::role::Role;
    use crate::domain::{
        career_stage::CareerStage, gmc_number::GmcNumber, ids::PracticeId, person_name::PersonName,
    };
    use crate::error::FormCheck;

    let request = crate::ssr::request::Request::current().await?;
    let principal = request.user()?.principal.clone();
    let learner = principal.has(Role::Learner);
    let (practice, career_stage) = (practice.unwrap_or_default(), career_stage.unwrap_or_default());
    let keep = [
        ("full_name", full_name.as_str()),
        ("gmc_number", gmc_number.as_str()),
        ("practice", practice.as_str()),
        ("career_stage", career_stage.as_str()),
    ];
    let mut check = FormCheck::default();
    let name = check.field("full_name", PersonName::parse(&full_name));
    let gmc = check.field("gmc_number", GmcNumber::parse_optional(&gmc_number));
    let practice = match (learner, practice.as_str()) {
        (false, "") => None,
        (_, raw) => {
            check.field("practice", raw.parse().map(PracticeId).map_err(|_| "Select your practice".into()))
        }
    };
    let stage = match (learner, career_stage.as_str()) {
        (false, "") => None,
        (_, raw) => check.field("career_stage", CareerStage::parse(raw)),
    };
    check.finish(&keep)?;
    let (Some(name), Some(gmc)) = (name, gmc) else { return Err(AppError::Internal) };
    let db = &request.state.db;
    if let Some(practice) = practice
        && db.open_practice_region(practice).await?.is_none()
    {
        return Err(AppError::field("practice", "Select your practice").with_values(&keep));
    }
    let audit = request.audit(AuditAction::ProfileUpdated, Some(principal.person), "");
    let change = crate::ssr::db::ProfileChange {
        name: name.as_str(),
        gmc_number: gmc.as_ref().map(GmcNumber::as_str),
        practice,
        career_stage: stage,
    };
    db.update_profile(principal.person, &change, &audit, request.now_ms()).await?;
    request.finish_form("Your details have been saved", "/account").await;
    Ok(())
}
