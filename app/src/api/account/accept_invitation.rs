use leptos::prelude::*;

use crate::error::AppError;

/// Accepts an invitation: creates the account it describes and signs the person in.
#[server(endpoint = "account/accept_invitation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "accept_invitation", skip_all))]
pub async fn accept_invitation(
    token: String,
    full_name: String,
    password: String,
    gmc_number: Option<String>,
    practice: Option<String>,
    career_stage: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::{
        career_stage::CareerStage, gmc_number::GmcNumber, ids::PracticeId, person_name::PersonName,
    };
    use crate::error::FormCheck;
    use crate::ssr::account::invitations::{Acceptance, accept, open_invitation};
    use crate::ssr::auth::password_policy::parse_new_password;

    let mut request = crate::ssr::request::Request::current().await?;
    let invitation = open_invitation(&request, &token).await?.ok_or_else(|| {
        AppError::field("full_name", "This invitation has expired or been used. Ask for a new one")
    })?;
    let (gmc_raw, practice_raw, stage_raw) =
        (gmc_number.unwrap_or_default(), practice.unwrap_or_default(), career_stage.unwrap_or_default());
    let keep = [
        ("full_name", full_name.as_str()),
        ("gmc_number", gmc_raw.as_str()),
        ("practice", practice_raw.as_str()),
        ("career_stage", stage_raw.as_str()),
    ];
    let mut check = FormCheck::default();
    let name = check.field("full_name", PersonName::parse(&full_name));
    let password = check.field("password", parse_new_password(password, &[&full_name, &invitation.email]));
    let gmc_number = check.field("gmc_number", GmcNumber::parse_optional(&gmc_raw));
    let practice = (!practice_raw.is_empty())
        .then(|| {
            check.field(
                "practice",
                practice_raw.parse().map(PracticeId).map_err(|_| "Select your practice".into()),
            )
        })
        .flatten();
    let career_stage = (!stage_raw.is_empty())
        .then(|| check.field("career_stage", CareerStage::parse(&stage_raw)))
        .flatten();
    check.finish(&keep)?;
    let (Some(name), Some(password), Some(gmc_number)) = (name, password, gmc_number) else {
        return Err(AppError::Internal);
    };
    let acceptance = Acceptance { name, password, gmc_number, practice, career_stage };
    accept(&mut request, invitation, acceptance).await.map_err(|e| e.with_values(&keep))?;
    request.finish_form("Welcome to Casebook: your account is ready", "/account").await;
    Ok(())
}
