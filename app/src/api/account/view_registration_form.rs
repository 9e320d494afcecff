use leptos::prelude::*;

use crate::domain::organisation::PracticeChoice;
use crate::error::AppError;

/// The registration form's practice chooser: the matches for `practice_search` and the practice
/// chosen (public: practice names, codes and postcodes are published by the NHS). Only what the
/// person searched for is sent, never the whole list of practices.
#[server(endpoint = "account/view_registration_form")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_registration_form", skip_all))]
pub async fn view_registration_form(
    practice_search: Option<String>,
    practice: Option<String>,
) -> Result<PracticeChoice, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let db = &request.state.db;
    crate::ssr::ods::practice_choice(db, practice_search.as_deref(), practice.as_deref(), None, |_| true)
        .await
}
