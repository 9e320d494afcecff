use leptos::prelude::*;

use crate::domain::person::CurrentUser;
use crate::error::AppError;

/// The signed-in person, if any: for the header and for pages that adapt to roles.
#[server(endpoint = "account/get_current_user")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_current_user", skip_all))]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    Ok(request.auth.user.map(|user| user.current))
}
