//! File downloads served beside the pages (module files, personal data, certificates, CPD logs,
//! xAPI statements): the attachment headers they share, and the answer when one cannot be given.

use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::domain::navigation::sign_in_then;
use crate::error::AppError;

/// A file to save, never cached (it is one person's).
pub fn attachment(content_type: &'static str, filename: &str, body: impl Into<Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body.into(),
    )
        .into_response()
}

/// Why a download at `here` was refused: nobody signed in is sent to sign in and back; anything
/// else is answered with its status and message.
pub fn refusal(error: AppError, here: &str) -> Response {
    match error {
        AppError::NotSignedIn => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, sign_in_then(here))]).into_response()
        }
        error => {
            let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, error.to_string()).into_response()
        }
    }
}
