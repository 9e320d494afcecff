use leptos::prelude::*;

use crate::error::AppError;

/// Turns the signed-in person's follow-up emails on or off; the account page shows the change.
#[server(endpoint = "account/set_reminders")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_reminders", skip_all))]
pub async fn set_reminders(on: bool) -> Result<(), AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let person = request.user()?.principal.person;
    let token = uuid::Uuid::new_v4().simple().to_string();
    request.state.db.set_reminders(person, &token, on, request.now_ms()).await?;
    let notice = if on { "Follow-up emails are on" } else { "Follow-up emails are off" };
    request.finish_form(notice, "/account#follow-up-emails").await;
    Ok(())
}
