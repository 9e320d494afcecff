use leptos::prelude::*;

use crate::error::AppError;

/// Turns follow-up emails off (or back on) for whoever holds the link an email carried, without
/// signing in: the link's token names the person and does nothing else. Returns whether they are
/// now on.
#[server(endpoint = "account/set_reminders_by_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_reminders_by_link", skip_all))]
pub async fn set_reminders_by_link(token: String, on: bool) -> Result<bool, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let well_formed = token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed || !request.state.db.set_reminders_by_token(&token, on, request.now_ms()).await? {
        return Err(AppError::NotFound);
    }
    request.redirect_form(&format!("/reminders/{}/{token}", if on { "on" } else { "off" }));
    Ok(on)
}
