use leptos::prelude::*;

use crate::domain::learning::booster::BoosterDraft;
use crate::error::AppError;

/// Records the answers to a booster's questions, once, and marks them. Without JavaScript the
/// browser is sent back to the follow-up, which now shows the marks and feedback.
#[server(endpoint = "learning/answer_booster")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "answer_booster", skip_all))]
pub async fn answer_booster(
    follow_up: String,
    #[server(default)] answers: Vec<BoosterDraft>,
) -> Result<(), AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let found = crate::ssr::learning::follow_ups::answer_booster(&request, &follow_up, &answers).await?;
    request.redirect_form(&format!("/follow-ups/{}", found.public_id));
    Ok(())
}
