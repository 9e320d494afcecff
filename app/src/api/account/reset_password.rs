use leptos::prelude::*;

use crate::error::AppError;

/// Sets a new password with the token from a reset email, and signs the person in.
#[server(endpoint = "account/reset_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reset_password", skip_all))]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    let mut request = crate::ssr::request::Request::current().await?;
    if new_password.is_empty() {
        return Err(AppError::field("new_password", "Enter a new password"));
    }
    crate::ssr::account::passwords::reset(&mut request, &token, new_password).await?;
    request.finish_form("Your password has been reset", "/account").await;
    Ok(())
}
