use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What a page shows once after a redirect: the error of a form that failed, and any confirmation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMessages {
    /// The failed form's server function path, and its error.
    pub failed: Option<(String, AppError)>,
    pub notice: Option<String>,
}

impl PageMessages {
    /// The error of the form posting to server function `F`, if that is the one that failed.
    pub fn error_for<F: ServerFn>(&self) -> Option<AppError> {
        self.failed.as_ref().filter(|(path, _)| path == F::PATH).map(|(_, error)| error.clone())
    }
}

/// Takes (and so clears) the messages kept in the session for this page view.
#[server(endpoint = "account/take_page_messages")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "take_page_messages", skip_all))]
pub async fn take_page_messages() -> Result<PageMessages, AppError> {
    use crate::ssr::flash;
    let request = crate::ssr::request::Request::current().await?;
    let session = &request.auth.session;
    Ok(PageMessages { failed: flash::take_error(session).await, notice: flash::take_notice(session).await })
}
