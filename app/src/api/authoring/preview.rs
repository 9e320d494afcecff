//! Preview: a trainer plays any version exactly as a learner would see it, step by step, and
//! nothing is recorded. The step being previewed travels in the address; answers are posted (so
//! nothing typed appears in addresses or logs), checked as the player checks them, and lead on to
//! the next step.

use leptos::prelude::*;

use crate::domain::ids::VersionId;
use crate::error::AppError;
use crate::wire::step_view::StepView;

/// Where a preview of `version` shows `step`, after the choices `made` in its case (which decide
/// the passages shown, as an attempt's recorded choices do).
pub fn preview_path(version: VersionId, step: &str, made: &str) -> String {
    use crate::domain::navigation::encode_query_value;
    let mut path = format!("/author/versions/{version}/preview?step={}", encode_query_value(step));
    if !made.is_empty() {
        path.push_str(&format!("&made={}", encode_query_value(made)));
    }
    path
}

/// The view of one step of a version, for preview (the first step when `step` is absent).
#[server(endpoint = "authoring/preview_step")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "preview_step", skip_all))]
pub async fn preview_step(
    version: VersionId,
    step: Option<String>,
    made: Option<String>,
) -> Result<StepView, AppError> {
    use crate::domain::learning::journey::{exists, first_step};
    use crate::domain::learning::passages::parse_choices;
    use crate::domain::learning::step::Step;

    let request = crate::ssr::request::Request::current().await?;
    let stored = crate::ssr::authoring::readable(&request, version).await?;
    let step = match step.as_deref() {
        None | Some("") => first_step(),
        Some(id) => Step::parse(id)
            .filter(|s| *s == Step::Done || exists(&stored.definition, s))
            .ok_or(AppError::NotFound)?,
    };
    let made = parse_choices(made.as_deref().unwrap_or_default());
    Ok(crate::ssr::learning::player::step_view("preview", &stored.definition, &step, &made, None))
}

/// Checks an answer given in preview and goes on to the next step; records nothing.
#[server(endpoint = "authoring/preview_answer")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "preview_answer", skip_all))]
pub async fn preview_answer(
    version: VersionId,
    step: String,
    made: Option<String>,
    #[server(flatten)] fields: crate::wire::answer_fields::AnswerFields,
) -> Result<(), AppError> {
    use crate::domain::curriculum::case::ChoiceMade;
    use crate::domain::learning::journey::{Answer, advance};
    use crate::domain::learning::passages::{format_choices, parse_choices};
    use crate::domain::learning::step::Step;
    use crate::ssr::learning::answers::{Submission, read};

    let request = crate::ssr::request::Request::current().await?;
    let stored = crate::ssr::authoring::readable(&request, version).await?;
    let here = Step::parse(&step)
        .ok_or_else(|| AppError::BadRequest("Unknown step: start the preview again".into()))?;
    let answer = read(&stored.definition, &here, &Submission::of(fields, request.now_ms()))?;
    let next = advance(&stored.definition, &here, &answer).unwrap_or(Step::Done);
    let mut made = parse_choices(made.as_deref().unwrap_or_default());
    if let (Step::Case { node, .. }, Answer::Decision { option }) = (&here, &answer) {
        made.push(ChoiceMade { decision: node.clone(), option: option.clone() });
    }
    // The choices belong to a case: leaving it (for the next case or the post-test) forgets them.
    let case_of = |step: &Step| match step {
        Step::Case { case, .. } | Step::Feedback { case, .. } => Some(case.clone()),
        _ => None,
    };
    if case_of(&next).is_none() || case_of(&next) != case_of(&here) {
        made.clear();
    }
    leptos_axum::redirect(&preview_path(version, &next.to_string(), &format_choices(&made)));
    Ok(())
}
