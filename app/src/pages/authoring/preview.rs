//! `/author/versions/<id>/preview?step=<step>`: play a version as a learner would, with the
//! player's own step views, recording nothing. Each answer is checked as in the real player.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::account::take_page_messages::take_page_messages;
use crate::api::authoring::preview::{PreviewAnswer, preview_step};
use crate::components::forms::ErrorSummary;
use crate::domain::ids::VersionId;
use crate::error::AppError;
use crate::pages::learning::player::{StepBody, page_title};
use crate::pages::outcome::page_or_problem;
use crate::wire::step_view::{StepContent, StepView};

#[component]
pub fn PreviewPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let which = move || {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<VersionId>().ok()));
        (id, query.with(|q| (q.get("step"), q.get("made"))))
    };
    let step = Resource::new(which, |(id, (step, made))| async move {
        match id {
            Some(id) => preview_step(id, step, made.clone()).await.map(|view| (id, view, made)),
            None => Err(AppError::NotFound),
        }
    });
    let messages = Resource::new(which, |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let error = messages.await.unwrap_or_default().error_for::<PreviewAnswer>();
                page_or_problem(
                    step.await,
                    move |(id, view, made)| view! { <Previewed id view made error /> }.into_any(),
                )
            })}
        </Suspense>
    }
}

#[component]
fn Previewed(id: VersionId, view: StepView, made: Option<String>, error: Option<AppError>) -> impl IntoView {
    let back = format!("/author/versions/{id}");
    let banner = view! {
        <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">"Preview"</h2>
            <p>
                "You are seeing this module as a learner would. Nothing you answer is recorded. "
                <a href=back.clone()>"Back to the version"</a>
            </p>
        </div>
    };
    if let StepContent::Finished { .. } = view.content {
        return view! {
            <Title text="End of the preview" />
            {banner}
            <h1>"End of the preview"</h1>
            <p>"A learner would now see their results."</p>
            <p>
                <a href=format!("/author/versions/{id}/preview")>"Preview again from the start"</a>
            </p>
        }
        .into_any();
    }
    let title = format!("Preview: {}", page_title(&view, error.is_some()));
    let step = view.step.clone();
    view! {
        <Title text=title />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                {banner} <ErrorSummary error=error.clone() />
                <span class="nhsuk-caption-l">{view.section.clone()}</span>
                <h1 id="step-heading">{view.heading.clone()}</h1>
                <form method="post" action=PreviewAnswer::PATH novalidate>
                    <input type="hidden" name="version" value=id.0 />
                    <input type="hidden" name="step" value=step />
                    <input type="hidden" name="made" value=made.unwrap_or_default() />
                    <StepBody view error />
                </form>
            </div>
        </div>
    }
    .into_any()
}
