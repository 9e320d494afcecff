use leptos::prelude::*;

use crate::error::AppError;

/// Whether the follow-up emails of whoever holds an email's link are on. Reading the link changes
/// nothing (a mail scanner that opens it must not turn anything off); the page's button does.
#[server(endpoint = "account/view_reminders_by_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_reminders_by_link", skip_all))]
pub async fn view_reminders_by_link(token: String) -> Result<bool, AppError> {
    use crate::domain::learning::reminder_token::is_reminder_token;

    let request = crate::ssr::request::Request::current().await?;
    if !is_reminder_token(&token) {
        return Err(AppError::NotFound);
    }
    request.state.db.reminders_on_by_token(&token).await?.ok_or(AppError::NotFound)
}
