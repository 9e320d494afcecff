use leptos::prelude::*;

use crate::domain::learning::practice_report::ReportDraft;
use crate::error::AppError;

/// Records, once, what became of each of the learner's commitments to change at the twelve-week
/// follow-up. Without JavaScript the browser is sent back to the follow-up, which shows the report.
#[server(endpoint = "learning/report_practice")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "report_practice", skip_all))]
pub async fn report_practice(
    follow_up: String,
    #[server(default)] reports: Vec<ReportDraft>,
) -> Result<(), AppError> {
    let request = crate::ssr::request::Request::current().await?;
    let found = crate::ssr::learning::follow_ups::report_practice(&request, &follow_up, &reports).await?;
    request.redirect_form(&format!("/follow-ups/{}", found.public_id));
    Ok(())
}
