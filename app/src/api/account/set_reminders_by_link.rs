use leptos::prelude::*;

use crate::error::AppError;

/// Turns follow-up emails off (or back on) for whoever holds the link an email carried, without
/// signing in: the page at the link posts here. Returns whether they are now on.
#[server(endpoint = "account/set_reminders_by_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_reminders_by_link", skip_all))]
pub async fn set_reminders_by_link(token: String, on: bool) -> Result<bool, AppError> {
    use crate::domain::learning::reminder_token::is_reminder_token;

    let request = crate::ssr::request::Request::current().await?;
    if !is_reminder_token(&token)
        || !request.state.db.set_reminders_by_token(&token, on, request.now_ms()).await?
    {
        return Err(AppError::NotFound);
    }
    request.redirect_form(&format!("/reminders/{token}"));
    Ok(on)
}
