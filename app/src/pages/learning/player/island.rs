//! The player as an island. Without JavaScript its form posts to the server and the browser loads
//! the next step's page. With JavaScript the same form is sent by `ActionForm`, and the island shows
//! the step the server returns, without a page load: it updates the document title, moves focus to
//! the new heading (or to the error summary), and goes to the results page at the end.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::steps::{StepBody, page_title};
use crate::api::learning::answer_step::AnswerStep;
use crate::api::learning::step_view::{StepContent, StepView};
use crate::components::forms::ErrorSummary;
use crate::error::AppError;

/// The id of the step's heading, which takes focus when a new step is shown.
const HEADING_ID: &str = "step-heading";

#[island]
pub fn Player(initial: StepView, #[prop(optional_no_strip)] error: Option<AppError>) -> impl IntoView {
    let current = RwSignal::new(initial);
    let problem = RwSignal::new(error);
    let answer = ServerAction::<AnswerStep>::new();
    Effect::new(move |_| {
        let Some(outcome) = answer.value().get() else { return };
        match outcome {
            Ok(next) => show(next, current, problem),
            Err(error) => {
                set_document_title(&page_title(&current.get_untracked(), true));
                problem.set(Some(error));
                focus_after_render(".nhsuk-error-summary");
            }
        }
    });
    let pending = answer.pending();
    view! {
        {move || {
            let view = current.get();
            let error = problem.get();
            let (attempt, step, key) = (view.attempt.clone(), view.step.clone(), view.submission.clone());
            view! {
                <div class="nhsuk-grid-row">
                    <div class="nhsuk-grid-column-two-thirds">
                        <ErrorSummary error=error.clone() />
                        <span class="nhsuk-caption-l">{view.section.clone()}</span>
                        <h1 id=HEADING_ID tabindex="-1">{view.heading.clone()}</h1>
                        {view.notice.clone().map(|notice| view! {
                            <div class="nhsuk-inset-text" role="status"><p>{notice}</p></div>
                        })}
                        <ActionForm action=answer>
                            <input type="hidden" name="attempt" value=attempt />
                            <input type="hidden" name="step" value=step />
                            <input type="hidden" name="key" value=key />
                            <StepBody view=view.clone() error pending />
                        </ActionForm>
                        <p class="nhsuk-body-s">
                            "Every answer is saved as you go. You can leave and come back to this step at any time from "
                            <a href="/me">"My learning"</a> "."
                        </p>
                    </div>
                </div>
            }
        }}
    }
}

/// Shows the step after an answer, or goes to the results when there are no more.
fn show(next: StepView, current: RwSignal<StepView>, problem: RwSignal<Option<AppError>>) {
    if let StepContent::Finished { results_path } = &next.content {
        let _ = window().location().assign(results_path);
        return;
    }
    set_document_title(&page_title(&next, false));
    problem.set(None);
    current.set(next);
    window().scroll_to_with_x_and_y(0.0, 0.0);
    focus_after_render(&format!("#{HEADING_ID}"));
}

fn set_document_title(title: &str) {
    document().set_title(&format!("{title} – Casebook"));
}

/// Focuses the element matching `selector` once the new content is in the page.
fn focus_after_render(selector: &str) {
    use leptos::wasm_bindgen::JsCast;
    let selector = selector.to_owned();
    request_animation_frame(move || {
        if let Ok(Some(element)) = document().query_selector(&selector)
            && let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>()
        {
            let _ = element.focus();
        }
    });
}
