//! The player's page: the step the attempt is on (so leaving and coming back resumes exactly there)
//! in a plain form that the browser posts. The server records the answer and sends the browser to
//! the next step, or back to this one with the error. `player.js`, beside this file, makes the same
//! post without reloading the page; it is all the JavaScript a learner downloads.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::steps::{StepBody, page_title};
use crate::api::account::take_page_messages::take_page_messages;
use crate::api::learning::answer_step::AnswerStep;
use crate::api::learning::view_step::view_step;
use crate::components::client_assets::{Enhancement, EnhancementScript};
use crate::components::forms::ErrorSummary;
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;
use crate::wire::step_view::StepView;

/// The id of the step's heading, which takes focus when the script shows a new step.
const HEADING_ID: &str = "step-heading";

#[component]
pub fn PlayerPage() -> impl IntoView {
    let params = use_params_map();
    let attempt = move || params.with(|p| p.get("id").unwrap_or_default());
    let step = Resource::new(attempt, view_step);
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                let error = messages.error_for::<AnswerStep>();
                page_or_problem(
                    step.await,
                    move |mut view| {
                        view.notice = view.notice.or(messages.notice);
                        let title = page_title(&view, error.is_some());
                        view! {
                            <Title text=title />
                            <Step view error />
                            <EnhancementScript which=Enhancement::Player />
                        }
                            .into_any()
                    },
                )
            })}
        </Suspense>
    }
}

/// One step: where it is in the module, its heading and notice, and its form.
#[component]
fn Step(view: StepView, error: Option<AppError>) -> impl IntoView {
    let (attempt, step, key) = (view.attempt.clone(), view.step.clone(), view.submission.clone());
    view! {
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <ErrorSummary error=error.clone() />
                <span class="nhsuk-caption-l">{view.section.clone()}</span>
                <h1 id=HEADING_ID tabindex="-1">
                    {view.heading.clone()}
                </h1>
                {view
                    .notice
                    .clone()
                    .map(|notice| {
                        view! {
                            <div class="nhsuk-inset-text" role="status">
                                <p>{notice}</p>
                            </div>
                        }
                    })}
                <form method="post" action=AnswerStep::PATH data-casebook-player="" novalidate>
                    <input type="hidden" name="attempt" value=attempt />
                    <input type="hidden" name="step" value=step />
                    <input type="hidden" name="key" value=key />
                    <StepBody view error />
                </form>
                <p class="nhsuk-body-s">
                    "Every answer is saved as you go. You can leave and come back to this step at any time from "
                    <a href="/me">"My learning"</a> "."
                </p>
            </div>
        </div>
    }
}
