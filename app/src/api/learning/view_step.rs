use leptos::prelude::*;

use crate::error::AppError;
use crate::wire::step_view::StepView;

/// The step the learner's attempt is on: where they left off.
#[server(endpoint = "learning/view_step")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "view_step", skip_all))]
pub async fn view_step(attempt: String) -> Result<StepView, AppError> {
    use crate::ssr::learning::attempts::{current_view, own_attempt};

    let request = crate::ssr::request::Request::current().await?;
    let (attempt, version) = own_attempt(&request, &attempt).await?;
    current_view(&request, &attempt, &version, None).await
}
