use leptos::prelude::*;

use crate::error::AppError;

/// Sends a new confirmation link if the address belongs to an account waiting for one. The answer
/// is the same whether or not it does.
#[server(endpoint = "account/resend_confirmation")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "resend_confirmation", skip_all))]
pub async fn resend_confirmation(email: String) -> Result<(), AppError> {
    use crate::domain::email::EmailAddress;

    let request = crate::ssr::request::Request::current().await?;
    let parsed = EmailAddress::parse(&email)
        .map_err(|m| AppError::field("email", m).with_values(&[("email", &email)]))?;
    crate::ssr::account::register::resend_confirmation(&request, &parsed).await?;
    leptos_axum::redirect("/confirm-email?sent=1");
    Ok(())
}
