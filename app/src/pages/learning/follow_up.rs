//! `/follow-ups/<id>`: a booster's questions in one plain form, then their marks with feedback and
//! sources; or, at twelve weeks, each commitment to change with what became of it and what got in
//! the way. Works as a plain form; the email's link leads here (through sign-in if need be).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::player::certainty_choices;
use super::results::signed;
use crate::api::account::take_page_messages::take_page_messages;
use crate::api::learning::answer_booster::AnswerBooster;
use crate::api::learning::report_practice::ReportPractice;
use crate::api::learning::view_follow_up::view_follow_up;
use crate::components::form_page::FormPage;
use crate::components::forms::{ChoiceField, SubmitButton, TextArea, TextField, message, value_or};
use crate::components::references::References;
use crate::domain::learning::booster::field_name;
use crate::domain::learning::commitment::Commitment;
use crate::domain::learning::follow_up::{Barrier, Outcome};
use crate::domain::learning::practice_report::{self, CommitmentReport};
use crate::domain::learning::results::TestScore;
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;
use crate::wire::follow_up_view::{BoosterQuestion, FollowUpContent, FollowUpView, MarkedQuestion};

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let follow_up = Resource::new(id, view_follow_up);
    let messages = Resource::new(|| (), |_| take_page_messages());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let messages = messages.await.unwrap_or_default();
                let error = messages.error_for::<AnswerBooster>().or(messages.error_for::<ReportPractice>());
                page_or_problem(follow_up.await, move |view| view! { <FollowUp view error /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn FollowUp(view: FollowUpView, error: Option<AppError>) -> impl IntoView {
    let FollowUpView { public_id, module_title, title, results_path, content } = view;
    let body = match content {
        FollowUpContent::NotDue { due_date } => {
            view! { <p>{format!("This follow-up opens on {due_date}. We will email you then.")}</p> }
                .into_any()
        }
        FollowUpContent::Booster { questions } => {
            view! { <BoosterForm public_id questions error=error.clone() /> }.into_any()
        }
        FollowUpContent::BoosterMarked { questions, score } => {
            view! { <BoosterMarked questions score results_path=results_path.clone() /> }.into_any()
        }
        FollowUpContent::Practice { commitments } => {
            view! { <PracticeForm public_id commitments error=error.clone() /> }.into_any()
        }
        FollowUpContent::PracticeReported { commitments } => view! {
            <PracticeReported commitments />
            <p>
                "What became of each change is now in your " <a href="/me/cpd-log.pdf">"CPD log"</a>
                ", ready for your appraisal."
            </p>
        }
        .into_any(),
    };
    view! {
        <FormPage title=title.clone() error>
            <span class="nhsuk-caption-l">{module_title}</span>
            <h1>{title}</h1>
            {body}
            <p class="nhsuk-body-s">
                <a href="/me">"Back to My learning"</a>
            </p>
        </FormPage>
    }
}

#[component]
fn BoosterForm(public_id: String, questions: Vec<BoosterQuestion>, error: Option<AppError>) -> impl IntoView {
    let count = questions.len();
    let questions = questions
        .into_iter()
        .enumerate()
        .map(|(index, question)| {
            let (choice, certainty) = (field_name(index, "choice"), field_name(index, "certainty"));
            let chosen = |field: &str| error.as_ref().and_then(|e| e.value_for(field)).map(str::to_owned);
            let options = question.options.into_iter().map(|c| (c.key, c.text)).collect();
            view! {
                <h2 class="nhsuk-heading-m">{format!("Question {} of {count}", index + 1)}</h2>
                <div class="nhsuk-body-l" inner_html=question.stem_html></div>
                <ChoiceField
                    name=choice.clone()
                    legend="Your answer"
                    choices=options
                    chosen=chosen(&choice).into_iter().collect()
                    error=message(&error, &choice)
                />
                <ChoiceField
                    name=certainty.clone()
                    legend="How sure are you?"
                    choices=certainty_choices()
                    chosen=chosen(&certainty).into_iter().collect()
                    error=message(&error, &certainty)
                />
            }
        })
        .collect_view();
    view! {
        <p>
            "A few questions from the module, chosen from those you found hardest. Answer each, then say how \
             sure you are, as before: the marks reward honest certainty."
        </p>
        <form method="post" action=AnswerBooster::PATH novalidate>
            <input type="hidden" name="follow_up" value=public_id />
            {questions}
            <SubmitButton text="Mark my answers" />
        </form>
    }
}

#[component]
fn BoosterMarked(questions: Vec<MarkedQuestion>, score: TestScore, results_path: String) -> impl IntoView {
    let summary = format!(
        "You got {} of {} right, for {} of {} marks.",
        score.correct,
        score.items,
        signed(score.marks),
        score.maximum
    );
    let questions = questions
        .into_iter()
        .enumerate()
        .map(|(index, q)| {
            let verdict = if q.correct { "Right" } else { "Not right" };
            let tag = if q.correct { "nhsuk-tag nhsuk-tag--green" } else { "nhsuk-tag nhsuk-tag--red" };
            view! {
                <div class="nhsuk-card">
                    <div class="nhsuk-card__content">
                        <h2 class="nhsuk-card__heading nhsuk-heading-m">
                            {format!("Question {}", index + 1)}
                        </h2>
                        <div inner_html=q.stem_html></div>
                        <p>
                            <strong>"You answered: "</strong>
                            {q.chosen}
                            " "
                            <strong class=tag>{verdict}</strong>
                        </p>
                        <p class="nhsuk-body-s">
                            {format!("Certainty {}; mark {}", q.certainty, signed(q.mark))}
                        </p>
                        <div inner_html=q.chosen_feedback_html></div>
                        {q
                            .right
                            .map(|(text, why)| {
                                view! {
                                    <p>
                                        <strong>"The right answer: "</strong>
                                        {text}
                                    </p>
                                    <div inner_html=why></div>
                                }
                            })}
                        <References references=q.references />
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="nhsuk-inset-text">
            <p>{summary}</p>
        </div>
        {questions}
        <p>
            <a href=format!(
                "{results_path}#retention",
            )>"See how this compares with your results from the module"</a>
        </p>
    }
}

#[component]
fn PracticeForm(public_id: String, commitments: Vec<Commitment>, error: Option<AppError>) -> impl IntoView {
    let outcomes: Vec<(String, String)> =
        Outcome::ALL.into_iter().map(|o| (o.code().to_owned(), o.label().to_owned())).collect();
    let changes = commitments
        .into_iter()
        .enumerate()
        .map(|(index, commitment)| {
            let field = |part: &str| practice_report::field_name(index, part);
            let chosen = error.as_ref().and_then(|e| e.value_for(&field("outcome"))).map(str::to_owned);
            view! {
                <h2 class="nhsuk-heading-m">{format!("Change {}: {}", index + 1, commitment.what)}</h2>
                <p class="nhsuk-body-s">{format!("For {}; by {}", commitment.patients, commitment.by)}</p>
                <ChoiceField
                    name=field("outcome")
                    legend="Did you make this change?"
                    choices=outcomes.clone()
                    chosen=chosen.into_iter().collect()
                    error=message(&error, &field("outcome"))
                    inline=true
                />
                <TextArea
                    name=field("happened")
                    label="What happened? (optional)"
                    value=value_or(&error, &field("happened"), "")
                    error=message(&error, &field("happened"))
                    rows=3
                />
                <BarrierChoices index error=error.clone() />
                <TextField
                    name=field("other")
                    label="Anything else that got in the way? (optional)"
                    value=value_or(&error, &field("other"), "")
                    error=message(&error, &field("other"))
                />
            }
        })
        .collect_view();
    view! {
        <p>
            "Twelve weeks ago you wrote down changes you meant to make. Say what became of each: whatever the \
             answer, it is what your appraisal asks about, and what got in the way is as useful as what went well."
        </p>
        <form method="post" action=ReportPractice::PATH novalidate>
            <input type="hidden" name="follow_up" value=public_id />
            {changes}
            <SubmitButton text="Save what happened" />
        </form>
    }
}

/// The barriers, each its own checkbox (so the form can send any number without JavaScript).
#[component]
fn BarrierChoices(index: usize, error: Option<AppError>) -> impl IntoView {
    let group = practice_report::field_name(index, "barriers");
    let problem = message(&error, &group);
    let items = Barrier::ALL
        .into_iter()
        .map(|barrier| {
            let name = practice_report::barrier_field(index, barrier);
            let checked = error.as_ref().is_some_and(|e| e.value_for(&name).is_some());
            view! {
                <div class="nhsuk-checkboxes__item">
                    <input
                        class="nhsuk-checkboxes__input"
                        id=name.clone()
                        name=name.clone()
                        type="checkbox"
                        value=barrier.code()
                        checked=checked
                    />
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=name>
                        {barrier.label()}
                    </label>
                </div>
            }
        })
        .collect_view();
    let class =
        if problem.is_some() { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" };
    view! {
        <div class=class id=group>
            <fieldset class="nhsuk-fieldset">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                    "What got in the way? Tick any that apply"
                </legend>
                {problem.map(|p| view! { <span class="nhsuk-error-message">{p}</span> })}
                <div class="nhsuk-checkboxes">{items}</div>
            </fieldset>
        </div>
    }
}

/// Each commitment with what became of it.
#[component]
pub fn PracticeReported(commitments: Vec<(Commitment, Option<CommitmentReport>)>) -> impl IntoView {
    let rows = commitments
        .into_iter()
        .map(|(commitment, report)| {
            let outcome = report.as_ref().map_or("Not reported", |r| r.outcome.described());
            let barriers: Vec<&str> =
                report.as_ref().map(|r| r.barriers.iter().map(|b| b.label()).collect()).unwrap_or_default();
            let other = report.as_ref().map(|r| r.other_barrier.clone()).filter(|o| !o.is_empty());
            let happened = report.map(|r| r.what_happened).filter(|h| !h.is_empty());
            view! {
                <li>
                    <p class="nhsuk-u-margin-bottom-1">
                        <strong>{commitment.what}</strong>
                        {format!(" ({}): ", commitment.patients)}
                        {outcome}
                    </p>
                    {happened.map(|h| view! { <p class="nhsuk-u-margin-bottom-1">{h}</p> })}
                    {(!barriers.is_empty() || other.is_some())
                        .then(|| {
                            let all: Vec<String> = barriers
                                .iter()
                                .map(|b| (*b).to_owned())
                                .chain(other)
                                .collect();
                            view! {
                                <p class="nhsuk-body-s">
                                    {format!("What got in the way: {}", all.join("; "))}
                                </p>
                            }
                        })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="nhsuk-list nhsuk-list--bullet casebook-outcomes">{rows}</ul> }
}
