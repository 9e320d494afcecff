use leptos::prelude::*;

use crate::error::AppError;

/// Sets a new password with the token from a reset email, and signs the person in.
#[server(endpoint = "account/reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    let mut request = crate::ssr::request::Request::current().await?;
    if new_password.is_empty() {
        return Err(AppError::field("new_password", "Enter a new password"));
    }
    crate::ssr::accounts::passwords::reset(&mut request, &token, new_password).await?;
    crate::ssr::flash::keep_notice(&request.auth.session, "Your password has been reset").await;
    leptos_axum::redirect("/account");
    Ok(())
}
