//! Signing in: throttled, timing-safe, audited, and with a fresh session id.

use secrecy::SecretString;

use crate::domain::audit::AuditAction;
use crate::domain::email::EmailAddress;
use crate::domain::ids::PersonId;
use crate::error::AppError;
use crate::ssr::auth::backend::{Credentials, SessionUser};
use crate::ssr::auth::throttle::{self, ACCOUNT, ADDRESS, seconds_until};
use crate::ssr::request::Request;

/// The session key recording when its sign-in happened, for the absolute timeout.
pub const SIGNED_IN_AT: &str = "casebook.signed_in_at";

/// The one message for every wrong email or password, so it reveals nothing about which was wrong
/// or whether an account exists.
pub const WRONG_CREDENTIALS: &str = "Enter a correct email address and password";

/// Checks the credentials and starts a session for the person.
pub async fn sign_in(
    request: &mut Request,
    email: EmailAddress,
    password: SecretString,
) -> Result<PersonId, AppError> {
    let now = request.now_ms();
    let account_key = throttle::account_key(email.as_str());
    let address_key = request.client_address.as_deref().map(throttle::address_key);
    let keys: Vec<&str> = std::iter::once(account_key.as_str()).chain(address_key.as_deref()).collect();
    let db = request.state.db.clone();
    if let Some(retry_after_seconds) = seconds_until(db.throttle_locked_until(&keys).await?, now) {
        return Err(AppError::TooManyAttempts { retry_after_seconds });
    }

    let credentials = Credentials { email: email.clone(), password };
    let user = request.auth.authenticate(credentials).await.map_err(auth_error)?;
    let Some(user) = user else {
        let known = db.person_by_email(&email).await?;
        let mut locked_until = db.record_sign_in_failure(&account_key, &ACCOUNT, now).await?.locked_until;
        if let Some(address_key) = &address_key {
            locked_until =
                locked_until.max(db.record_sign_in_failure(address_key, &ADDRESS, now).await?.locked_until);
        }
        let detail = if known.is_some() { "wrong password" } else { "no such account" };
        db.audit(&request.audit(AuditAction::SignInFailed, known, detail), now).await?;
        return Err(match seconds_until(locked_until, now) {
            Some(retry_after_seconds) => AppError::TooManyAttempts { retry_after_seconds },
            None => AppError::field("email", WRONG_CREDENTIALS),
        });
    };
    db.record_sign_in_success(&account_key).await?;
    start_session(request, &user).await?;
    let person = user.current.principal.person;
    db.audit(&request.audit(AuditAction::SignIn, Some(person), ""), now).await?;
    Ok(person)
}

/// Signs a person in (after a password check, registration or accepting an invitation): a new
/// session id, bound to the person's session key, stamped with the time for the absolute timeout.
pub async fn start_session(request: &mut Request, user: &SessionUser) -> Result<(), AppError> {
    // axum-login renews the id only when no one was signed in; renew it whoever was.
    request.auth.session.cycle_id().await.map_err(session_error)?;
    request.auth.login(user).await.map_err(auth_error)?;
    request.auth.session.insert(SIGNED_IN_AT, request.now_ms()).await.map_err(session_error)
}

/// Signs in the person with this id, without a password check (they have just proved who they are).
pub async fn start_session_for(request: &mut Request, person: PersonId) -> Result<(), AppError> {
    use axum_login::AuthnBackend;
    let user = request.auth.backend.get_user(&person.0).await?.ok_or(AppError::Internal)?;
    start_session(request, &user).await
}

pub fn auth_error(error: axum_login::Error<crate::ssr::auth::backend::Backend>) -> AppError {
    match error {
        axum_login::Error::Backend(error) => error,
        axum_login::Error::Session(error) => session_error(error),
    }
}

pub fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::Unavailable
}
