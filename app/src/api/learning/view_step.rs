use leptos::prelude::*;

use super::step_view::StepView;
use crate::error::AppError;

/// The step the learner's attempt is on: where they left off.
#[server(endpoint = "learning/view_step")]
pub async fn view_step(attempt: String) -> Result<StepView, AppError> {
    use crate::ssr::learning::{current_view, own_attempt};

    let request = crate::ssr::request::Request::current().await?;
    let (attempt, version) = own_attempt(&request, &attempt).await?;
    current_view(&attempt, &version, None)
}
