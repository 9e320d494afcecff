//! The body of each kind of step: what it shows and the fields it asks for, rendered on the server
//! for the player and for an author's preview.

use leptos::prelude::*;

use crate::components::forms::{ChoiceField, message};
use crate::components::rating_tag::RatingTag;
use crate::components::references::{InlineReferences, References};
use crate::domain::learning::ambivalence::EVALUATION_LABELS;
use crate::domain::learning::journey::Agreement;
use crate::domain::learning::marking::Certainty;
use crate::error::AppError;
use crate::pages::learning::commitments::CommitmentFields;
use crate::wire::step_view::{Choice, OtherChoice, StepContent, StepView};

/// The document title for a step: the heading, where it is, and the module.
pub fn page_title(view: &StepView, failed: bool) -> String {
    let title = format!("{} – {}", view.heading, view.module_title);
    if failed { format!("Error: {title}") } else { title }
}

#[component]
pub fn StepBody(view: StepView, error: Option<AppError>) -> impl IntoView {
    let chosen = |field: &str| error.as_ref().and_then(|e| e.value_for(field)).map(str::to_owned);
    let (body, button) = match view.content {
        StepContent::Intro { summary_html, notice_html, outcomes, minutes, items } => {
            (view! { <Intro summary_html notice_html outcomes minutes items /> }.into_any(), "Start")
        }
        StepContent::Item { stem_html, options, first_of_test, after_case } => {
            let body = view! {
                <ItemLead first_of_test after_case />
                <div class="nhsuk-body-l" id="stem" inner_html=stem_html></div>
                <ChoiceField
                    name="choice"
                    legend="Your answer"
                    choices=choices(options)
                    chosen=chosen("choice").into_iter().collect()
                    error=message(&error, "choice")
                />
                <ChoiceField
                    name="certainty"
                    legend="How sure are you?"
                    choices=certainty_choices()
                    chosen=chosen("certainty").into_iter().collect()
                    error=message(&error, "certainty")
                />
            };
            (body.into_any(), "Save and continue")
        }
        StepContent::Attitude { statement, first, after_case, evaluation } => {
            let lead = first.then(|| {
                let text = if after_case {
                    "The same statements as before the case. Say how much you agree with each now."
                } else {
                    "Say how much you agree with each statement. There are no right answers: at the end you \
                     will see whether your views changed."
                };
                view! { <p>{text}</p> }
            });
            let body = view! {
                {lead}
                <ChoiceField
                    name="agreement"
                    legend=statement
                    legend_size="m"
                    choices=scale_choices(if evaluation { &EVALUATION_LABELS } else { &Agreement::LABELS })
                    chosen=chosen("agreement").into_iter().collect()
                    error=message(&error, "agreement")
                />
            };
            (body.into_any(), "Save and continue")
        }
        StepContent::Narrative { body_html, references } => (
            view! {
                <div inner_html=body_html></div>
                <References references />
            }
            .into_any(),
            "Continue",
        ),
        StepContent::Decision { body_html, question, options } => {
            let body = view! {
                {body_html.map(|html| view! { <div inner_html=html></div> })}
                <ChoiceField
                    name="choice"
                    legend=question
                    legend_size="m"
                    choices=choices(options)
                    chosen=chosen("choice").into_iter().collect()
                    error=message(&error, "choice")
                />
            };
            (body.into_any(), "Make this choice")
        }
        StepContent::Feedback { question, chosen, rating, feedback_html, references, others } => {
            let body = view! {
                <Feedback question chosen rating feedback_html others />
                <References references />
            };
            (body.into_any(), "Continue")
        }
        StepContent::Ending { body_html, references } => (
            view! {
                <div inner_html=body_html></div>
                <References references />
            }
            .into_any(),
            "Continue",
        ),
        StepContent::Reflection { prompts, max_chars } => {
            let text = chosen("reflection").unwrap_or_default();
            let problem = message(&error, "reflection");
            (
                view! {
                    <Reflection prompts max_chars text problem />
                    <CommitmentFields error=error.clone() />
                }
                .into_any(),
                "Finish and see your results",
            )
        }
        StepContent::Finished { results_path } => {
            return view! {
                <p>"You have finished this module."</p>
                <p>
                    <a class="nhsuk-button" href=results_path>
                        "See your results"
                    </a>
                </p>
            }
            .into_any();
        }
    };
    view! {
        {body}
        <button class="nhsuk-button" type="submit">
            {button}
        </button>
    }
    .into_any()
}

fn choices(options: Vec<Choice>) -> Vec<(String, String)> {
    options.into_iter().map(|c| (c.key, c.text)).collect()
}

/// The three certainties, each with what it stakes, as a question's second set of choices.
pub fn certainty_choices() -> Vec<(String, String)> {
    Certainty::ALL
        .into_iter()
        .map(|c| (c.level().to_string(), format!("{} ({})", c.label(), c.stakes())))
        .collect()
}

/// The five answers of a scale, valued 1 to 5.
fn scale_choices(labels: &[&str; 5]) -> Vec<(String, String)> {
    labels.iter().enumerate().map(|(i, label)| ((i + 1).to_string(), (*label).to_owned())).collect()
}

#[component]
fn Intro(
    summary_html: String,
    notice_html: Option<String>,
    outcomes: Vec<String>,
    minutes: u32,
    items: usize,
) -> impl IntoView {
    let rows = Certainty::ALL.map(|c| {
        view! {
            <tr class="nhsuk-table__row">
                <td class="nhsuk-table__cell">{c.label()}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{c.level()}</td>
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {crate::domain::learning::marking::mark(false, c).to_string().replace('-', "−")}
                </td>
                <td class="nhsuk-table__cell">{c.best_when_right()}</td>
            </tr>
        }
    });
    view! {
        <div inner_html=summary_html></div>
        {notice_html.map(|html| view! { <div class="nhsuk-inset-text" inner_html=html></div> })}
        <h2>"What you will be able to do"</h2>
        <ul>{outcomes.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
        <h2>"How it works"</h2>
        <p>
            {format!(
                "It takes about {minutes} minutes. You answer {items} questions, say what you think of a few \
             statements, work through the case (with feedback on every decision), answer the same questions \
             again, and finish with a reflection for your appraisal.",
            )}
        </p>
        <h2>"How your answers are marked"</h2>
        <p>
            "For every question you also say how sure you are. The mark depends on both: being sure and right \
             scores most, being sure and wrong costs most. This is certainty-based marking."
        </p>
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Marks for each answer"</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header">
                        "How sure you are"
                    </th>
                    <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">
                        "If right"
                    </th>
                    <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">
                        "If wrong"
                    </th>
                    <th scope="col" class="nhsuk-table__header">
                        "Best when you are right"
                    </th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">{rows.into_iter().collect_view()}</tbody>
        </table>
        <p>
            "So it pays to be honest: choose 3 only when you are very unlikely to be wrong. Your results show \
             where you were sure but wrong, which is the most useful thing to know."
        </p>
    }
}

#[component]
fn ItemLead(first_of_test: bool, after_case: bool) -> impl IntoView {
    first_of_test.then(|| {
        let text = if after_case {
            "You have finished the case. Here are the same questions again, with the answers in a different order."
        } else {
            "Choose the best answer to each question, then say how sure you are. You will see how you did at the end."
        };
        view! { <p>{text}</p> }
    })
}

#[component]
fn Feedback(
    question: String,
    chosen: String,
    rating: crate::domain::curriculum::case::Rating,
    feedback_html: String,
    others: Vec<OtherChoice>,
) -> impl IntoView {
    let others = others
        .into_iter()
        .map(|o| {
            view! {
                <li>
                    <p class="nhsuk-u-margin-bottom-1">
                        <strong>{o.text}</strong>
                        " "
                        <RatingTag rating=o.rating />
                    </p>
                    <div inner_html=o.feedback_html></div>
                    <InlineReferences references=o.references />
                </li>
            }
        })
        .collect_view();
    view! {
        <p class="nhsuk-body-s">{question}</p>
        <div class="nhsuk-card">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m">"You chose: " {chosen}</h2>
                <p>
                    <RatingTag rating />
                </p>
                <div inner_html=feedback_html></div>
            </div>
        </div>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"What the other choices would have meant"</span>
            </summary>
            <div class="nhsuk-details__text">
                <ul class="nhsuk-list">{others}</ul>
            </div>
        </details>
    }
}

#[component]
fn Reflection(
    prompts: Vec<String>,
    max_chars: usize,
    text: String,
    problem: Option<String>,
) -> impl IntoView {
    let typed = RwSignal::new(text.chars().count());
    let group =
        if problem.is_some() { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" };
    let described = if problem.is_some() {
        "reflection-hint reflection-error reflection-count"
    } else {
        "reflection-hint reflection-count"
    };
    view! {
        {(!prompts.is_empty())
            .then(|| {
                view! {
                    <p>"Some questions to think about:"</p>
                    <ul>{prompts.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                }
            })}
        <div class=group>
            <label class="nhsuk-label nhsuk-label--s" for="reflection">
                "Your reflection"
            </label>
            <div class="nhsuk-hint" id="reflection-hint">
                "Only you can see this. It goes into your CPD record, which you can download for your appraisal."
            </div>
            {problem
                .map(|message| {
                    view! {
                        <span class="nhsuk-error-message" id="reflection-error">
                            <span class="nhsuk-u-visually-hidden">"Error:"</span>
                            " "
                            {message}
                        </span>
                    }
                })}
            <textarea
                class="nhsuk-textarea"
                id="reflection"
                name="reflection"
                rows="8"
                aria-describedby=described
                on:input=move |ev| typed.set(event_target_value(&ev).chars().count())
            >
                {text}
            </textarea>
            <div class="nhsuk-hint nhsuk-character-count__message" id="reflection-count" aria-live="polite">
                {move || remaining(max_chars, typed.get())}
            </div>
        </div>
    }
}

/// The character count message, as the design system words it.
fn remaining(max: usize, typed: usize) -> String {
    match max.checked_sub(typed) {
        Some(1) => "You have 1 character remaining".into(),
        Some(left) => format!("You have {left} characters remaining"),
        None if typed - max == 1 => "You have 1 character too many".into(),
        None => format!("You have {} characters too many", typed - max),
    }
}

#[cfg(test)]
mod tests {
    use super::remaining;

    #[test]
    fn the_character_count_speaks_plainly() {
        assert_eq!(remaining(5000, 0), "You have 5000 characters remaining");
        assert_eq!(remaining(5000, 4999), "You have 1 character remaining");
        assert_eq!(remaining(5000, 5001), "You have 1 character too many");
        assert_eq!(remaining(5000, 5010), "You have 10 characters too many");
    }
}
