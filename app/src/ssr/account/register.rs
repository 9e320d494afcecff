//! Self-registration, open to learners only (other roles come by invitation or from an admin).

use secrecy::SecretString;

use crate::domain::audit::AuditAction;
use crate::domain::career_stage::CareerStage;
use crate::domain::email::EmailAddress;
use crate::domain::gmc_number::GmcNumber;
use crate::domain::ids::{PersonId, PracticeId};
use crate::domain::person_name::PersonName;
use crate::domain::role::{Role, RoleGrant};
use crate::error::AppError;
use crate::ssr::account::sign_in::start_session_for;
use crate::ssr::auth::tokens::new_session_key;
use crate::ssr::db::{NewPerson, is_unique_violation};
use crate::ssr::request::Request;

pub const EMAIL_TAKEN: &str =
    "An account already exists for this email address: sign in, or reset your password";

/// A learner's details, already parsed.
pub struct Registration {
    pub name: PersonName,
    pub email: EmailAddress,
    pub password: SecretString,
    pub gmc_number: Option<GmcNumber>,
    pub practice: PracticeId,
    pub career_stage: CareerStage,
}

/// Creates the learner's account and signs them in.
pub async fn register(request: &mut Request, registration: Registration) -> Result<PersonId, AppError> {
    let db = request.state.db.clone();
    if db.open_practice_region(registration.practice).await?.is_none() {
        return Err(AppError::field("practice", "Select your practice from the list"));
    }
    if db.email_taken(&registration.email).await? {
        return Err(AppError::field("email", EMAIL_TAKEN));
    }
    let password_hash = request.state.hasher.hash(registration.password).await?;
    let session_key = new_session_key();
    let grants = [RoleGrant { role: Role::Learner, region: None }];
    let person = NewPerson {
        email: &registration.email,
        name: registration.name.as_str(),
        password_hash: &password_hash,
        session_key: &session_key,
        gmc_number: registration.gmc_number.as_ref().map(GmcNumber::as_str),
        practice: Some(registration.practice),
        career_stage: Some(registration.career_stage),
        grants: &grants,
        granted_by: None,
    };
    let audit = request.audit(AuditAction::Registered, None, "learner");
    let id = match db.create_person(&person, &audit, request.now_ms()).await {
        Ok(id) => id,
        Err(error) if is_unique_violation(&error) => return Err(AppError::field("email", EMAIL_TAKEN)),
        Err(error) => return Err(error.into()),
    };
    start_session_for(request, id).await?;
    Ok(id)
}
