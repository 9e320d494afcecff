use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a confirmation link would do, for its page (opening the page changes nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    Open,
    Used,
    Expired,
    Unknown,
}

/// The state of the confirmation link carrying `token`.
#[server(endpoint = "account/view_confirmation_link")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_confirmation_link", skip_all))]
pub async fn view_confirmation_link(token: String) -> Result<LinkState, AppError> {
    use crate::ssr::db::account_emails::ConfirmationLink;

    let request = crate::ssr::request::Request::current().await?;
    if token.is_empty() || token.len() > 200 {
        return Ok(LinkState::Unknown);
    }
    Ok(match crate::ssr::account::register::confirmation_link(&request, &token).await? {
        ConfirmationLink::Open { .. } => LinkState::Open,
        ConfirmationLink::Used => LinkState::Used,
        ConfirmationLink::Expired => LinkState::Expired,
        ConfirmationLink::Unknown => LinkState::Unknown,
    })
}
