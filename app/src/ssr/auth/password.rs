//! Argon2id password hashing with the OWASP settings (19 MiB, two passes, one lane).
//!
//! Hashing is deliberately slow, so it runs on the blocking thread pool and at most one hash per CPU
//! core runs at a time: a flood of sign-in attempts queues here instead of starving page serving.
//! Checking an unknown account verifies against a dummy hash, so it costs the same time as a known
//! one and timing does not reveal which email addresses have accounts.

use std::sync::Arc;

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::Semaphore;

use crate::error::AppError;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    dummy_hash: Arc<str>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher").field("permits", &self.permits.available_permits()).finish()
    }
}

fn argon2() -> Result<Argon2<'static>, argon2::Error> {
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(19 * 1024, 2, 1, None)?))
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    let argon2 = argon2().map_err(|e| internal("argon2 parameters", e))?;
    argon2
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| internal("hashing", e))
}

fn verify_now(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    argon2().is_ok_and(|argon2| argon2.verify_password(password.as_bytes(), &parsed).is_ok())
}

fn internal(what: &str, error: impl std::fmt::Display) -> AppError {
    tracing::error!(%error, "password {what} failed");
    AppError::Internal
}

impl PasswordHasher {
    /// A hasher that runs at most `parallelism` hashes at once.
    pub fn new(parallelism: usize) -> Result<Self, AppError> {
        let dummy_hash = hash_now("casebook dummy password, never any account's")?;
        Ok(PasswordHasher {
            permits: Arc::new(Semaphore::new(parallelism.max(1))),
            dummy_hash: dummy_hash.into(),
        })
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: SecretString) -> Result<String, AppError> {
        self.run(move || hash_now(password.expose_secret())).await?
    }

    /// Checks a password against a stored hash, or (for an unknown account) against the dummy hash,
    /// taking the same time either way.
    pub async fn verify(&self, password: SecretString, stored: Option<String>) -> Result<bool, AppError> {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| self.dummy_hash.to_string());
        let matches = self.run(move || verify_now(password.expose_secret(), &stored)).await?;
        Ok(known && matches)
    }

    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let _permit = self.permits.acquire().await.map_err(|e| internal("queue", e))?;
        tokio::task::spawn_blocking(work).await.map_err(|e| internal("task", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[tokio::test]
    async fn a_hash_verifies_its_own_password_only() -> Result<(), AppError> {
        let hasher = PasswordHasher::new(2)?;
        let hash = hasher.hash(secret("correct horse battery staple")).await?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher.verify(secret("correct horse battery staple"), Some(hash.clone())).await?);
        assert!(!hasher.verify(secret("Correct horse battery staple"), Some(hash)).await?);
        Ok(())
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify_even_with_the_dummy_password() -> Result<(), AppError> {
        let hasher = PasswordHasher::new(1)?;
        assert!(!hasher.verify(secret("casebook dummy password, never any account's"), None).await?);
        Ok(())
    }

    #[tokio::test]
    async fn corrupt_stored_hashes_do_not_verify() -> Result<(), AppError> {
        let hasher = PasswordHasher::new(1)?;
        assert!(!hasher.verify(secret("anything at all"), Some("not a hash".into())).await?);
        Ok(())
    }
}
