use leptos::prelude::*;

use crate::error::AppError;

/// Whether a reset link can still be used (for the reset page).
#[server(endpoint = "account/reset_link_is_open")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reset_link_is_open", skip_all))]
pub async fn reset_link_is_open(token: String) -> Result<bool, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    crate::ssr::account::passwords::reset_link_is_open(&request, &token).await
}
