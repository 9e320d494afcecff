//! Preview: a trainer plays any version exactly as a learner would see it, step by step, and
//! nothing is recorded. The step being previewed travels in the address; answers are posted (so
//! nothing typed appears in addresses or logs), checked as the player checks them, and lead on to
//! the next step.

use leptos::prelude::*;

use crate::domain::ids::VersionId;
use crate::error::AppError;
use crate::wire::step_view::StepView;

/// Where a preview of `version` shows `step`.
pub fn preview_path(version: VersionId, step: &str) -> String {
    format!("/author/versions/{version}/preview?step={}", crate::domain::navigation::encode_query_value(step))
}

/// The view of one step of a version, for preview (the first step when `step` is absent).
#[server(endpoint = "authoring/preview_step")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "preview_step", skip_all))]
pub async fn preview_step(version: VersionId, step: Option<String>) -> Result<StepView, AppError> {
    use crate::domain::learning::journey::{exists, first_step};
    use crate::domain::learning::step::Step;

    let request = crate::ssr::request::Request::current().await?;
    let stored = crate::ssr::authoring::readable(&request, version).await?;
    let step = match step.as_deref() {
        None | Some("") => first_step(),
        Some(id) => Step::parse(id)
            .filter(|s| *s == Step::Done || exists(&stored.definition, s))
            .ok_or(AppError::NotFound)?,
    };
    Ok(crate::ssr::learning::player::step_view("preview", &stored.definition, &step, None))
}

/// Checks an answer given in preview and goes on to the next step; records nothing.
#[server(endpoint = "authoring/preview_answer")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "preview_answer", skip_all))]
pub async fn preview_answer(
    version: VersionId,
    step: String,
    choice: Option<String>,
    certainty: Option<String>,
    agreement: Option<String>,
    reflection: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::learning::journey::advance;
    use crate::domain::learning::step::Step;
    use crate::ssr::learning::answers::{Submission, read};

    let request = crate::ssr::request::Request::current().await?;
    let stored = crate::ssr::authoring::readable(&request, version).await?;
    let here = Step::parse(&step)
        .ok_or_else(|| AppError::BadRequest("Unknown step: start the preview again".into()))?;
    let answer = read(&stored.definition, &here, &Submission { choice, certainty, agreement, reflection })?;
    let next = advance(&stored.definition, &here, &answer).unwrap_or(Step::Done);
    leptos_axum::redirect(&preview_path(version, &next.to_string()));
    Ok(())
}
