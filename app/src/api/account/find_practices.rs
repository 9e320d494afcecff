use leptos::prelude::*;

use crate::domain::organisation::PracticeMatch;
use crate::error::AppError;

/// Open practices matching a search by name, ODS code or postcode, at most 20 (public: practice
/// names, codes and addresses are published by the NHS). Every practice chooser uses it.
#[server(endpoint = "account/find_practices")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "find_practices", skip_all))]
pub async fn find_practices(text: String) -> Result<Vec<PracticeMatch>, AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let text = crate::ssr::ods::search_text(&text)?;
    Ok(request.state.db.find_practices(&text).await?)
}
