//! Argon2id password hashing with the OWASP settings (19 MiB, two passes, one lane).
//!
//! Hashing is deliberately slow, so it runs on threads of its own, one per CPU core, at the lowest
//! CPU priority (nice 19): a flood of sign-in attempts queues here and uses the CPU that page
//! serving leaves idle, instead of taking it from pages.
//! Checking an unknown account verifies against a dummy hash, so it costs the same time as a known
//! one and timing does not reveal which email addresses have accounts.

use std::sync::{Arc, Mutex, mpsc};

use argon2::password_hash::{
    PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString, rand_core::OsRng,
};
use argon2::{Algorithm, Argon2, Params, Version};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::oneshot;

use crate::error::AppError;

/// A hash or check waiting for a hashing thread.
type Job = Box<dyn FnOnce() + Send>;

#[derive(Clone)]
pub struct PasswordHasher {
    /// The queue the hashing threads take jobs from; they end when the last hasher is dropped.
    jobs: mpsc::Sender<Job>,
    dummy_hash: Arc<str>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher").finish_non_exhaustive()
    }
}

/// Lowest CPU priority on Linux, where a nice value belongs to the calling thread alone.
const HASHING_NICE: i32 = 19;

/// Starts `count` hashing threads at the lowest priority, taking jobs from one queue.
fn start_threads(count: usize) -> Result<mpsc::Sender<Job>, AppError> {
    let (sender, receiver) = mpsc::channel::<Job>();
    let receiver = Arc::new(Mutex::new(receiver));
    for n in 0..count {
        let receiver = Arc::clone(&receiver);
        std::thread::Builder::new()
            .name(format!("password-hashing-{n}"))
            .spawn(move || {
                if let Err(error) = rustix::process::setpriority_process(None, HASHING_NICE) {
                    tracing::warn!(%error, "password hashing runs at normal priority");
                }
                // The lock is held only while waiting for the next job, never while hashing.
                while let Ok(job) = receiver.lock().map_err(drop).and_then(|r| r.recv().map_err(drop)) {
                    job();
                }
            })
            .map_err(|e| internal("thread", e))?;
    }
    Ok(sender)
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
    /// A hasher that runs at most `parallelism` hashes at once, on threads of its own.
    pub fn new(parallelism: usize) -> Result<Self, AppError> {
        let dummy_hash = hash_now("casebook dummy password, never any account's")?;
        Ok(PasswordHasher { jobs: start_threads(parallelism.max(1))?, dummy_hash: dummy_hash.into() })
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

    /// Queues the work for a hashing thread and waits for its answer. If the request is abandoned
    /// meanwhile, the work still runs but its answer is dropped.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move || drop(answer.send(work())));
        self.jobs.send(job).map_err(|e| internal("queue", e))?;
        answered.await.map_err(|e| internal("thread", e))
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
    async fn hashing_runs_at_the_lowest_cpu_priority_and_pages_keep_theirs() -> Result<(), AppError> {
        let before = rustix::process::getpriority_process(None).ok();
        let hasher = PasswordHasher::new(2)?;
        let on_hashing_thread = hasher.run(|| rustix::process::getpriority_process(None)).await?;
        assert_eq!(on_hashing_thread.ok(), Some(HASHING_NICE));
        assert_eq!(rustix::process::getpriority_process(None).ok(), before);
        Ok(())
    }

    #[tokio::test]
    async fn corrupt_stored_hashes_do_not_verify() -> Result<(), AppError> {
        let hasher = PasswordHasher::new(1)?;
        assert!(!hasher.verify(secret("anything at all"), Some("not a hash".into())).await?);
        Ok(())
    }
}
