use leptos::prelude::*;

use crate::error::AppError;

/// Creates a learner's account, waiting for its address to be confirmed by an emailed link (then
/// to `next`), and shows the same "check your email" page whether or not the address was new.
#[server(endpoint = "account/register")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "register", skip_all))]
pub async fn register(
    full_name: String,
    email: String,
    password: String,
    gmc_number: String,
    practice: String,
    career_stage: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::navigation::local_path_or;
    use crate::domain::{
        career_stage::CareerStage, email::EmailAddress, gmc_number::GmcNumber, ids::PracticeId,
        person_name::PersonName,
    };
    use crate::error::FormCheck;
    use crate::ssr::account::register::{Registration, register};
    use crate::ssr::auth::password_policy::parse_new_password;

    let request = crate::ssr::request::Request::current().await?;
    let keep = [
        ("full_name", full_name.as_str()),
        ("email", email.as_str()),
        ("gmc_number", gmc_number.as_str()),
        ("practice", practice.as_str()),
        ("career_stage", career_stage.as_str()),
        ("next", next.as_deref().unwrap_or_default()),
    ];
    let mut check = FormCheck::default();
    let name = check.field("full_name", PersonName::parse(&full_name));
    let parsed_email = check.field("email", EmailAddress::parse(&email));
    let password = check.field("password", parse_new_password(password, &[&full_name, &email]));
    let gmc_number = check.field("gmc_number", GmcNumber::parse_optional(&gmc_number));
    let practice =
        check.field("practice", practice.parse().map(PracticeId).map_err(|_| "Select your practice".into()));
    let career_stage = check.field("career_stage", CareerStage::parse(&career_stage));
    check.finish(&keep)?;
    let (Some(name), Some(email), Some(password), Some(gmc_number), Some(practice), Some(career_stage)) =
        (name, parsed_email, password, gmc_number, practice, career_stage)
    else {
        return Err(AppError::Internal);
    };
    let next = next.as_deref().map(|path| local_path_or(Some(path), "/modules"));
    let registration = Registration { name, email, password, gmc_number, practice, career_stage, next };
    register(&request, registration).await.map_err(|e| e.with_values(&keep))?;
    leptos_axum::redirect("/register?sent=1");
    Ok(())
}
