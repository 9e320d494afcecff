//! axum-login's view of Casebook's accounts: who a session belongs to, checked on every request.
//!
//! A session stores the person's id and their `session_key`. Each request reloads the person; if they
//! were deactivated, or their key replaced (new password, changed roles), the session no longer
//! matches and is ended, on whichever app server the request reaches.

use axum_login::{AuthUser, AuthnBackend, UserId};
use secrecy::SecretString;

use crate::domain::email::EmailAddress;
use crate::domain::ids::PersonId;
use crate::domain::person::CurrentUser;
use crate::error::AppError;
use crate::ssr::auth::password::PasswordHasher;
use crate::ssr::db::Db;

/// The signed-in person, as sessions know them.
#[derive(Clone)]
pub struct SessionUser {
    pub current: CurrentUser,
    session_key: String,
}

impl std::fmt::Debug for SessionUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionUser").field("person", &self.current.principal.person).finish_non_exhaustive()
    }
}

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.current.principal.person.0
    }

    fn session_auth_hash(&self) -> &[u8] {
        self.session_key.as_bytes()
    }
}

/// An email address and password typed at sign-in.
pub struct Credentials {
    pub email: EmailAddress,
    pub password: SecretString,
}

#[derive(Clone, Debug)]
pub struct Backend {
    db: Db,
    hasher: PasswordHasher,
}

pub type AuthSession = axum_login::AuthSession<Backend>;

impl Backend {
    pub fn new(db: Db, hasher: PasswordHasher) -> Self {
        Backend { db, hasher }
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = Credentials;
    type Error = AppError;

    /// Checks the password (against a dummy hash for unknown emails, so the time taken does not say
    /// whether an account exists). Deactivated accounts never authenticate.
    async fn authenticate(&self, credentials: Credentials) -> Result<Option<SessionUser>, AppError> {
        let record = self.db.sign_in_record(&credentials.email).await?;
        let stored = record.as_ref().map(|r| r.password_hash.clone());
        let matches = self.hasher.verify(credentials.password, stored).await?;
        match record {
            Some(record) if matches && record.active => self.get_user(&record.id.0).await,
            _ => Ok(None),
        }
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, AppError> {
        Ok(self
            .db
            .session_user(PersonId(*id))
            .await?
            .map(|(current, session_key)| SessionUser { current, session_key }))
    }
}
