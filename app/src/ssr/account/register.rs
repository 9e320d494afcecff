//! Self-registration, open to learners only (other roles come by invitation or from an admin).
//! A new account must confirm its address by an emailed link before it can start a module or count
//! in a report, and the form never reveals whether an address is registered: its owner is emailed
//! instead, and the person at the form sees the same page either way.

use std::time::Duration;

use secrecy::SecretString;

use crate::domain::audit::AuditAction;
use crate::domain::career_stage::CareerStage;
use crate::domain::email::EmailAddress;
use crate::domain::gmc_number::GmcNumber;
use crate::domain::ids::PracticeId;
use crate::domain::person_name::PersonName;
use crate::domain::role::{Role, RoleGrant};
use crate::error::AppError;
use crate::ssr::account::sign_in::start_session_for;
use crate::ssr::auth::throttle::Limits;
use crate::ssr::auth::tokens::{hash_token, new_session_key};
use crate::ssr::clock::millis;
use crate::ssr::db::account_emails::{AccountEmailPurpose, ConfirmationLink};
use crate::ssr::db::{NewPerson, is_unique_violation};
use crate::ssr::request::Request;

/// How long a confirmation link works.
pub const CONFIRM_LINK_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// At most three account emails an hour to one address, so neither the registration form nor
/// "send a new link" can be used to flood an inbox.
const ACCOUNT_EMAILS: Limits = Limits {
    lock_after: None,
    first_lock: Duration::ZERO,
    longest_lock: Duration::ZERO,
    window: Duration::from_secs(3600),
    window_limit: 3,
};

/// A learner's details, already parsed.
pub struct Registration {
    pub name: PersonName,
    pub email: EmailAddress,
    pub password: SecretString,
    pub gmc_number: Option<GmcNumber>,
    pub practice: PracticeId,
    pub career_stage: CareerStage,
    /// Where to go once the address is confirmed (a path on this site).
    pub next: Option<String>,
}

/// Creates an unconfirmed learner account and emails its confirmation link; if the address has an
/// account already, emails its owner instead. The answer is the same either way, and so is the
/// work: the password is hashed in both cases.
pub async fn register(request: &Request, registration: Registration) -> Result<(), AppError> {
    let db = request.state.db.clone();
    if db.open_practice_region(registration.practice).await?.is_none() {
        return Err(AppError::field("practice", "Select your practice from the list"));
    }
    let password_hash = request.state.hasher.hash(registration.password).await?;
    if db.email_taken(&registration.email).await? {
        return tell_owner(request, &registration.email).await;
    }
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
        email_confirmed: false,
    };
    let audit = request.audit(AuditAction::Registered, None, "learner");
    let now = request.now_ms();
    let expires = now + millis(CONFIRM_LINK_LIFETIME);
    match db.register_unconfirmed(&person, registration.next.as_deref(), expires, &audit, now).await {
        Ok(_) => Ok(()),
        // Registered a moment ago by another request: that address's owner is told, as above.
        Err(error) if is_unique_violation(&error) => tell_owner(request, &registration.email).await,
        Err(error) => Err(error.into()),
    }
}

/// Emails the owner of a registered address that someone tried to register with it (unless the
/// account is closed, or the address has had its hourly share of such emails).
async fn tell_owner(request: &Request, email: &EmailAddress) -> Result<(), AppError> {
    let db = &request.state.db;
    let Some(owner) = db.person_by_email(email).await? else { return Ok(()) };
    if within_email_limit(request, email).await? {
        let now = request.now_ms();
        let expires = now + millis(CONFIRM_LINK_LIFETIME);
        db.send_account_email(owner, AccountEmailPurpose::AlreadyRegistered, None, expires, now).await?;
    }
    Ok(())
}

/// Counts an account email to `email` against its hourly limit: whether it may be sent.
async fn within_email_limit(request: &Request, email: &EmailAddress) -> Result<bool, AppError> {
    let key = format!("account-email:{}", email.as_str());
    let count = request.state.db.record_sign_in_failure(&key, &ACCOUNT_EMAILS, request.now_ms()).await?;
    Ok(count.window_failures <= ACCOUNT_EMAILS.window_limit)
}

/// Sends a new confirmation link if `email` belongs to an account still waiting for one. The
/// answer is the same whether or not it does.
pub async fn resend_confirmation(request: &Request, email: &EmailAddress) -> Result<(), AppError> {
    let db = &request.state.db;
    let Some(person) = db.unconfirmed_person_by_email(email.as_str()).await? else { return Ok(()) };
    if within_email_limit(request, email).await? {
        let now = request.now_ms();
        let expires = now + millis(CONFIRM_LINK_LIFETIME);
        db.send_account_email(person, AccountEmailPurpose::Confirm, None, expires, now).await?;
    }
    Ok(())
}

/// What a confirmation link would do if used now.
pub async fn confirmation_link(request: &Request, token: &str) -> Result<ConfirmationLink, AppError> {
    Ok(request.state.db.confirmation_link(&hash_token(token), request.now_ms()).await?)
}

/// Uses a confirmation link: confirms the address, signs its owner in, and gives where to go next.
pub async fn confirm_email(request: &mut Request, token: &str) -> Result<Option<String>, AppError> {
    let refused = |link: ConfirmationLink| {
        let message = match link {
            ConfirmationLink::Used => "This link has been used already: your address is confirmed. Sign in",
            ConfirmationLink::Expired => "This link has expired. Ask for a new one below",
            _ => "This link is not one we sent. Ask for a new one below",
        };
        AppError::field("token", message)
    };
    let db = request.state.db.clone();
    let audit = request.audit(AuditAction::EmailConfirmed, None, "");
    let now = request.now_ms();
    match db.use_confirmation_link(&hash_token(token), &audit, now).await? {
        Some((person, next)) => {
            start_session_for(request, person).await?;
            Ok(next)
        }
        None => Err(refused(db.confirmation_link(&hash_token(token), now).await?)),
    }
}
