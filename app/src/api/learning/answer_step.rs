use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::step_view::StepView;

/// Records the answer to a step of the learner's attempt and returns the next step. `key` is the
/// submission key the step was shown with, so a repeated submission is recorded once. Without
/// JavaScript the browser is sent to the next step (or, at the end, to the results).
#[server(endpoint = "learning/answer_step")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "answer_step", skip_all))]
pub async fn answer_step(
    attempt: String,
    step: String,
    key: String,
    #[server(flatten)] fields: crate::wire::answer_fields::AnswerFields,
) -> Result<StepView, AppError> {
    use crate::ssr::learning::answers::Submission;
    use crate::ssr::learning::attempts::{Answering, answer, own_attempt};
    use crate::wire::step_view::StepContent;

    let request = crate::ssr::request::Request::current().await?;
    let (found, version) = own_attempt(&request, &attempt).await?;
    let answering =
        Answering { step: &step, key: &key, submission: Submission::of(fields, request.now_ms()) };
    let next = answer(&request, &found, &version, answering).await?;
    if request.is_plain_form() {
        if let Some(notice) = &next.notice {
            crate::ssr::flash::keep_notice(&request.auth.session, notice).await;
        }
        match &next.content {
            StepContent::Finished { results_path } => request.redirect_form(results_path),
            _ => request.redirect_form(&format!("/attempts/{}", next.attempt)),
        }
    }
    Ok(next)
}
