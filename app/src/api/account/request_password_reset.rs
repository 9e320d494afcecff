use leptos::prelude::*;

use crate::error::AppError;

/// Emails a password reset link if the address has an account. The answer is the same whether or
/// not it does.
#[server(endpoint = "account/request_password_reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "request_password_reset", skip_all))]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::domain::email::EmailAddress;

    let request = crate::ssr::request::Request::current().await?;
    let email = EmailAddress::parse(&email)
        .map_err(|m| AppError::field("email", m).with_values(&[("email", &email)]))?;
    crate::ssr::account::passwords::request_reset(&request, email).await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}
