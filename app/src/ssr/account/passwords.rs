//! Changing a password, and resetting a forgotten one by an emailed link (single use, one hour).

use std::time::Duration;

use secrecy::SecretString;

use crate::domain::audit::AuditAction;
use crate::domain::email::EmailAddress;
use crate::error::AppError;
use crate::ssr::account::sign_in::start_session_for;
use crate::ssr::auth::password_policy::parse_new_password;
use crate::ssr::auth::throttle::Limits;
use crate::ssr::auth::tokens::{hash_token, new_session_key, new_token};
use crate::ssr::clock::millis;
use crate::ssr::request::Request;

pub const RESET_LINK_LIFETIME: Duration = Duration::from_secs(3600);

/// At most three reset emails an hour to one address, so the form cannot be used to flood an inbox.
const RESET_EMAILS: Limits = Limits {
    lock_after: None,
    first_lock: Duration::ZERO,
    longest_lock: Duration::ZERO,
    window: Duration::from_secs(3600),
    window_limit: 3,
};

/// Sets a new password for the signed-in person after checking their current one. Every other
/// session of theirs ends; this one continues with a new id.
pub async fn change_password(
    request: &mut Request,
    current: SecretString,
    new: String,
) -> Result<(), AppError> {
    let user = request.user()?.clone();
    let person = user.principal.person;
    let db = request.state.db.clone();
    let stored = db.password_hash_of(person).await?;
    if !request.state.hasher.verify(current, stored).await? {
        return Err(AppError::field("current_password", "Your current password is not right"));
    }
    let to = db.name_and_email(person).await?.ok_or(AppError::NotFound)?;
    let new = parse_new_password(new, &[&to.full_name, &to.email])
        .map_err(|m| AppError::field("new_password", m))?;
    let hash = request.state.hasher.hash(new).await?;
    let audit = request.audit(AuditAction::PasswordChanged, Some(person), "");
    db.set_password(person, &hash, &new_session_key(), &audit, request.now_ms()).await?;
    start_session_for(request, person).await
}

/// Emails a reset link if the address belongs to an active account. The answer (and the time it
/// takes) is the same either way: the email is sent in the background.
pub async fn request_reset(request: &Request, email: EmailAddress) -> Result<(), AppError> {
    let state = request.state.clone();
    let now = request.now_ms();
    let client_address = request.client_address.clone();
    tokio::spawn(async move {
        let db = &state.db;
        let Ok(Some(person)) = db.person_by_email(&email).await else { return };
        // Counted atomically before sending, so requests racing each other cannot exceed the limit.
        let key = format!("reset:{}", email.as_str());
        match db.record_sign_in_failure(&key, &RESET_EMAILS, now).await {
            Ok(count) if count.window_failures <= RESET_EMAILS.window_limit => {}
            _ => return,
        }
        let (token, token_hash) = new_token();
        let audit = crate::ssr::db::audit::AuditRecord {
            action: AuditAction::PasswordResetRequested,
            actor: None,
            subject: Some(person),
            detail: "",
            client_address: client_address.as_deref(),
        };
        let expires = now + millis(RESET_LINK_LIFETIME);
        if db.create_password_reset(person, &token_hash, expires, &audit, now).await.is_err() {
            return;
        }
        let link = state.site.link(&format!("/reset-password?token={token}"));
        let text = format!(
            "Someone (we hope you) asked to reset the password for your Casebook account.\n\n\
             To choose a new password, open this link within the next hour:\n\n{link}\n\n\
             The link works once. If you did not ask for this, ignore this email: your password \
             has not changed.\n"
        );
        let _ = state.mailer.send(email.as_str(), "Reset your Casebook password", text).await;
    });
    Ok(())
}

/// Whether a reset link can still be used, for showing its form.
pub async fn reset_link_is_open(request: &Request, token: &str) -> Result<bool, AppError> {
    Ok(request.state.db.open_password_reset(&hash_token(token), request.now_ms()).await?.is_some())
}

/// Uses a reset link to set a new password, and signs the person in.
pub async fn reset(request: &mut Request, token: &str, new: String) -> Result<(), AppError> {
    let expired =
        || AppError::field("new_password", "This reset link has expired or been used. Ask for a new one");
    let db = request.state.db.clone();
    let owner = db.open_password_reset(&hash_token(token), request.now_ms()).await?.ok_or_else(expired)?;
    let owner_is = db.name_and_email(owner).await?.ok_or_else(expired)?;
    let new = parse_new_password(new, &[&owner_is.full_name, &owner_is.email])
        .map_err(|m| AppError::field("new_password", m))?;
    let hash = request.state.hasher.hash(new).await?;
    let audit = request.audit(AuditAction::PasswordReset, None, "");
    let person = db
        .use_password_reset(&hash_token(token), &hash, &new_session_key(), &audit, request.now_ms())
        .await?
        .ok_or_else(expired)?;
    start_session_for(request, person).await
}
