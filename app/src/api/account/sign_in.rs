use leptos::prelude::*;

use crate::error::AppError;

/// Signs in with an email address and password, then goes to `next` (a path on this site) or home.
#[server(endpoint = "account/sign_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "sign_in", skip_all))]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::domain::email::EmailAddress;
    use crate::domain::navigation::local_path_or;
    use crate::error::FormCheck;
    use crate::ssr::account::sign_in::{WRONG_CREDENTIALS, sign_in};

    let mut request = crate::ssr::request::Request::current().await?;
    let keep = [("email", email.as_str())];
    let mut check = FormCheck::default();
    if email.trim().is_empty() {
        check.fail("email", "Enter your email address");
    }
    if password.is_empty() {
        check.fail("password", "Enter your password");
    }
    check.finish(&keep)?;
    // No account can have a malformed address: say only that the details are not right.
    let email = EmailAddress::parse(&email)
        .map_err(|_| AppError::field("email", WRONG_CREDENTIALS).with_values(&keep))?;
    sign_in(&mut request, email, secrecy::SecretString::from(password))
        .await
        .map_err(|e| e.with_values(&keep))?;
    leptos_axum::redirect(&local_path_or(next.as_deref(), "/"));
    Ok(())
}
