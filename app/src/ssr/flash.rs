//! One-time messages carried in the session across a redirect: the outcome of a form submitted
//! without JavaScript ("Your password has been changed"), and its errors.
//!
//! Leptos sends a failed form back to the page it came from with the error encoded in the URL. The
//! server's middleware moves that error into the session instead (see `server::middleware`), so
//! what a person typed never sits in an address bar, a history or a proxy log, and nobody can craft
//! a link that shows a message of their choosing on a Casebook page.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::AppError;

const ERROR_KEY: &str = "flash.error";
const NOTICE_KEY: &str = "flash.notice";

/// A form's error, and the server function path that produced it.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct FormError {
    path: String,
    error: AppError,
}

/// Keeps a form's error for the next page view.
pub async fn keep_error(session: &Session, path: &str, error: AppError) {
    let flash = FormError { path: path.to_owned(), error };
    if let Err(error) = session.insert(ERROR_KEY, flash).await {
        tracing::error!(%error, "could not keep a form error in the session");
    }
}

/// Keeps a confirmation for the next page view.
pub async fn keep_notice(session: &Session, notice: &str) {
    if let Err(error) = session.insert(NOTICE_KEY, notice).await {
        tracing::error!(%error, "could not keep a notice in the session");
    }
}

/// Takes the form error kept for this page view, with the path of the server function that failed.
pub async fn take_error(session: &Session) -> Option<(String, AppError)> {
    let kept: FormError = session.remove(ERROR_KEY).await.ok().flatten()?;
    Some((kept.path, kept.error))
}

/// Takes the notice kept for this page view, if any.
pub async fn take_notice(session: &Session) -> Option<String> {
    session.remove::<String>(NOTICE_KEY).await.ok().flatten()
}
