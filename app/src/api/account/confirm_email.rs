use leptos::prelude::*;

use crate::error::AppError;

/// Uses a confirmation link: confirms the address, signs its owner in and goes where they were
/// going when they registered (the modules, if nowhere).
#[server(endpoint = "account/confirm_email")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "confirm_email", skip_all))]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let mut request = crate::ssr::request::Request::current().await?;
    if token.is_empty() || token.len() > 200 {
        return Err(AppError::field("token", "This link is not one we sent. Ask for a new one below"));
    }
    let next = crate::ssr::account::register::confirm_email(&mut request, &token).await?;
    leptos_axum::redirect(&next.unwrap_or_else(|| "/modules".to_owned()));
    Ok(())
}
