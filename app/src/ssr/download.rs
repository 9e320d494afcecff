//! File downloads served beside the pages (module files, personal data, certificates, CPD logs,
//! xAPI statements, report tables): the attachment headers they share, the answer when one cannot
//! be given, and cells made safe for spreadsheets.

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

/// A cell that a spreadsheet will show as text, never run as a formula (CSV injection): text that
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe.
pub fn spreadsheet_safe(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_neutralised_and_other_text_kept() {
        for formula in ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(formula), format!("'{formula}"));
        }
        assert_eq!(spreadsheet_safe("Riverside Surgery"), "Riverside Surgery");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
