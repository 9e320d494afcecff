//! The one error type that crosses from the server to the browser.
//!
//! Policy: every variant is safe to show to the person who caused it. Faults inside Casebook become
//! `Internal` or `Unavailable`, whose messages say nothing about the cause; the cause is logged once,
//! on the server, under the request's id. Input problems carry a message per field, in the words of
//! the NHS.UK error message pattern, so a form can show them beside the fields they belong to.

use std::fmt;

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A problem with one field of a form, and the message to show beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's `name`, which is also the server function argument it fills.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.to_owned(), message: message.into() }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input was not acceptable; nothing was changed. Carries one message per bad field and,
    /// for forms submitted without JavaScript, the values (never secrets) to show again.
    #[error("{}", summary(.errors))]
    Invalid { errors: Vec<FieldError>, values: Vec<(String, String)> },
    /// The request could not be understood at all (a malformed or tampered submission).
    #[error("{0}")]
    BadRequest(String),
    #[error("Sign in to continue")]
    NotSignedIn,
    #[error("You do not have permission to do this")]
    Forbidden,
    #[error("Not found")]
    NotFound,
    /// The change clashes with another (for example, someone else saved first).
    #[error("{0}")]
    Conflict(String),
    #[error("Too many attempts. Try again in {}", wait_in_words(*.retry_after_seconds))]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error("Sorry, the service is unavailable. Try again later")]
    Unavailable,
    #[error("Sorry, there is a problem with the service. Try again later")]
    Internal,
}

impl AppError {
    /// An `Invalid` error for a single field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid { errors: vec![FieldError::new(field, message)], values: Vec::new() }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid { .. } => 422,
            AppError::BadRequest(_) => 400,
            AppError::NotSignedIn => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::TooManyAttempts { .. } => 429,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }

    /// The message for a field, if this error has one for it.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Invalid { errors, .. } => {
                errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
            }
            _ => None,
        }
    }

    /// The value submitted for a field, to show again after a round trip without JavaScript.
    pub fn value_for(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Invalid { values, .. } => {
                values.iter().find(|(f, _)| f == field).map(|(_, v)| v.as_str())
            }
            _ => None,
        }
    }

    /// Adds the submitted values to show again (only ever non-secret fields).
    pub fn with_values(self, submitted: &[(&str, &str)]) -> Self {
        match self {
            AppError::Invalid { errors, mut values } => {
                values.extend(submitted.iter().map(|(f, v)| ((*f).to_owned(), (*v).to_owned())));
                AppError::Invalid { errors, values }
            }
            other => other,
        }
    }
}

/// Collects the problems with a form's fields, so that all of them are reported at once.
#[derive(Debug, Default)]
pub struct FormCheck {
    errors: Vec<FieldError>,
}

impl FormCheck {
    /// Keeps a parsed field's value, or notes its problem.
    pub fn field<T>(&mut self, name: &str, parsed: Result<T, String>) -> Option<T> {
        parsed.map_err(|message| self.errors.push(FieldError::new(name, message))).ok()
    }

    /// Whether no problem has been noted so far.
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    /// Notes a problem found by a rule across fields.
    pub fn fail(&mut self, name: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(name, message));
    }

    /// `Ok` if every field was fine; otherwise every problem, with the (non-secret) values to
    /// show again.
    pub fn finish(self, values: &[(&str, &str)]) -> Result<(), AppError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid { errors: self.errors, values: Vec::new() }.with_values(values))
        }
    }
}

fn summary(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("; ")
}

/// "1 minute", "5 minutes", "30 seconds", "2 hours": how long to wait, rounded up.
pub fn wait_in_words(seconds: u64) -> String {
    let plural = |n: u64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    match seconds {
        0..60 => plural(seconds.max(1), "second"),
        60..3600 => plural(seconds.div_ceil(60), "minute"),
        _ => plural(seconds.div_ceil(3600), "hour"),
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Failures of the server-function machinery itself: undecodable input is the client's fault
    /// (400), an unknown function is a 404, anything else is ours.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::Deserialization(message) => {
                AppError::BadRequest(format!("The submission could not be read: {message}"))
            }
            ServerFnErrorErr::MissingArg(field) => {
                AppError::BadRequest(format!("The form is missing {field}"))
            }
            ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::BadRequest("Use a form to submit this".into())
            }
            ServerFnErrorErr::Registration(_) => AppError::NotFound,
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Unavailable,
            _ => AppError::Internal,
        }
    }
}

/// Shown in logs as the variant only: field values may be personal data.
pub struct Redacted<'a>(pub &'a AppError);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            AppError::Invalid { errors, .. } => {
                write!(
                    f,
                    "Invalid({})",
                    errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(",")
                )
            }
            other => write!(f, "{other}"),
        }
    }
}

/// Database failures become opaque errors, logged here once (inside the request's span, so with its
/// request id). A pool that cannot hand out a connection means the database is out of reach: 503.
#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::error!(%error, "database unavailable");
                AppError::Unavailable
            }
            _ => {
                tracing::error!(%error, "database query failed");
                AppError::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_rounded_up_into_words() {
        assert_eq!(wait_in_words(0), "1 second");
        assert_eq!(wait_in_words(45), "45 seconds");
        assert_eq!(wait_in_words(60), "1 minute");
        assert_eq!(wait_in_words(61), "2 minutes");
        assert_eq!(wait_in_words(3600), "1 hour");
        assert_eq!(wait_in_words(3601), "2 hours");
    }

    #[test]
    fn each_error_maps_to_its_status() {
        assert_eq!(AppError::field("email", "Enter an email address").status(), 422);
        assert_eq!(AppError::TooManyAttempts { retry_after_seconds: 5 }.status(), 429);
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into())).status(), 400);
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::Registration("x".into())).status(), 404);
        assert_eq!(
            AppError::from_server_fn_error(ServerFnErrorErr::ServerError("db".into())),
            AppError::Internal
        );
    }

    #[test]
    fn field_messages_and_values_are_found_by_name() {
        let error = AppError::field("email", "Enter an email address").with_values(&[("email", "gp@")]);
        assert_eq!(error.message_for("email"), Some("Enter an email address"));
        assert_eq!(error.message_for("password"), None);
        assert_eq!(error.value_for("email"), Some("gp@"));
    }

    #[test]
    fn a_form_check_reports_every_bad_field_at_once() {
        let mut check = FormCheck::default();
        let good: Option<u8> = check.field("age", Ok(7));
        let bad: Option<u8> = check.field("name", Err("Enter your full name".into()));
        check.fail("email", "Enter your email address");
        assert_eq!((good, bad), (Some(7), None));
        let error = check.finish(&[("name", "")]).err();
        assert_eq!(error.as_ref().and_then(|e| e.message_for("name")), Some("Enter your full name"));
        assert_eq!(error.as_ref().and_then(|e| e.message_for("email")), Some("Enter your email address"));
        assert_eq!(FormCheck::default().finish(&[]), Ok(()));
    }

    #[test]
    fn redacted_errors_name_fields_but_not_values() {
        let error = AppError::field("email", "x").with_values(&[("email", "dr.who@example.org")]);
        let shown = Redacted(&error).to_string();
        assert_eq!(shown, "Invalid(email)");
    }

    #[test]
    fn errors_survive_the_round_trip_through_the_browser() {
        let error = AppError::field("email", "Enter an email address").with_values(&[("email", "a")]);
        assert_eq!(AppError::de(error.ser()), error);
    }
}
