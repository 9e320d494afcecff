//! `/attempts/<id>/results`: the certainty-based score before and after the case, the change by
//! theme, the answers that were confidently wrong with their explanations, the path taken through
//! the case beside the best path, attitudes before and after, and the learner's reflection.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::ambivalence::Ambivalence;
use super::commitments::CommitmentsShown;
use super::matched_pairs::MatchedPairs;
use super::retention::RetentionShown;
use crate::api::learning::view_results::{ResultsView, view_results};
use crate::components::rating_tag::RatingTag;
use crate::components::references::References;
use crate::components::table::Table;
use crate::domain::evidence::time_spent::describe_minutes;
use crate::domain::learning::journey::Agreement;
use crate::domain::learning::results::{
    AttitudeChange, ConfidentlyWrong, PathChoice, TestScore, ThemeChange,
};
use crate::domain::time::format_uk_datetime;
use crate::error::AppError;
use crate::pages::outcome::page_or_problem;

#[component]
pub fn ResultsPage() -> impl IntoView {
    let params = use_params_map();
    let attempt = move || params.with(|p| p.get("id").unwrap_or_default());
    let results = Resource::new(attempt, view_results);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match results.await {
                    Err(AppError::Conflict(_)) => view! { <NotFinished attempt=attempt() /> }.into_any(),
                    other => page_or_problem(other, |view| view! { <Results view /> }.into_any()),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NotFinished(attempt: String) -> impl IntoView {
    view! {
        <Title text="You have not finished this module yet" />
        <h1>"You have not finished this module yet"</h1>
        <p>"Your results appear when you have answered every step."</p>
        <a class="nhsuk-button" href=format!("/attempts/{attempt}")>
            "Resume where you left off"
        </a>
    }
}

/// A signed mark with a true minus sign.
pub(super) fn signed(marks: i64) -> String {
    if marks < 0 { format!("−{}", -marks) } else { marks.to_string() }
}

fn score_text(score: &TestScore) -> String {
    format!("{} of {} (right: {} of {})", signed(score.marks), score.maximum, score.correct, score.items)
}

#[component]
fn Results(view: ResultsView) -> impl IntoView {
    let results = view.results;
    let change = results.post.marks - results.pre.marks;
    view! {
        <Title text=format!("Your results – {}", view.module_title) />
        <span class="nhsuk-caption-l">{view.module_title.clone()}</span>
        <h1>"Your results"</h1>
        <p>
            {format!("Version {}, finished {}.", view.version_number, format_uk_datetime(view.completed_at))}
        </p>
        {view
            .certificate
            .map(|(code, minutes)| view! { <CertificatePanel attempt=view.attempt.clone() code minutes /> })}
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half">
                <div class="nhsuk-card">
                    <div class="nhsuk-card__content">
                        <h2 class="nhsuk-card__heading nhsuk-heading-s">"Before the case"</h2>
                        <p class="nhsuk-card__description">{score_text(&results.pre)}</p>
                    </div>
                </div>
            </div>
            <div class="nhsuk-grid-column-one-half">
                <div class="nhsuk-card">
                    <div class="nhsuk-card__content">
                        <h2 class="nhsuk-card__heading nhsuk-heading-s">"After the case"</h2>
                        <p class="nhsuk-card__description">{score_text(&results.post)}</p>
                    </div>
                </div>
            </div>
        </div>
        <p>
            {format!(
                "Scores are certainty-based marks: up to 3 for each question. Your mark changed by {} after the case.",
                if change > 0 { format!("+{change}") } else { signed(change) },
            )}
        </p>
        <ThemeTable themes=results.themes />
        <Misconceptions items=results.confidently_wrong />
        <Paths taken=results.path best=results.best_path />
        <MatchedPairs pairs=results.pairs />
        <Attitudes changes=results.attitudes />
        <Ambivalence change=results.ambivalence />
        <h2>"Your reflection"</h2>
        <p class="nhsuk-body-s">"Only you can see this."</p>
        <div class="nhsuk-inset-text casebook-reflection">
            <p>{view.reflection.unwrap_or_default()}</p>
        </div>
        <CommitmentsShown commitments=view.commitments />
        <RetentionShown retention=view.retention heading="What you kept" />
        <p>
            <a href="/me">"See your knowledge across all modules"</a>
        </p>
        <p>
            <a href=format!("/modules/{}", view.slug)>"Back to the module"</a>
        </p>
    }
}

#[component]
fn CertificatePanel(attempt: String, code: String, minutes: i64) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text">
            <h2 class="nhsuk-heading-s">"Your certificate"</h2>
            <p>
                {format!(
                    "Time spent: {} by your records. Verification code: {code}.",
                    describe_minutes(minutes),
                )}
            </p>
            <p>
                <a href=format!("/attempts/{attempt}/certificate.pdf") download="casebook-certificate.pdf">
                    "Download your certificate (PDF)"
                </a>
            </p>
            <p class="nhsuk-body-s">
                "Anyone can confirm it at " <a href=format!("/verify/{code}")>{format!("/verify/{code}")}</a>
                "."
            </p>
        </div>
    }
}

#[component]
fn ThemeTable(themes: Vec<ThemeChange>) -> impl IntoView {
    let rows = themes
        .into_iter()
        .map(|t| {
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {t.title}
                    </th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{t.items}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {format!("{} of {}", signed(t.pre.marks), t.pre.maximum)}
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {format!("{} of {}", signed(t.post.marks), t.post.maximum)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>"By theme"</h2>
        <Table
            caption="Marks before and after the case, by theme"
            headers=vec![("Theme", false), ("Questions", true), ("Before", true), ("After", true)]
        >
            {rows}
        </Table>
    }
}

#[component]
fn Misconceptions(items: Vec<ConfidentlyWrong>) -> impl IntoView {
    let body = if items.is_empty() {
        view! { <p>"None: you were never very sure of a wrong answer."</p> }.into_any()
    } else {
        items
            .into_iter()
            .map(|item| {
                view! {
                    <div class="nhsuk-card">
                        <div class="nhsuk-card__content">
                            <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">{item.when}</p>
                            <div class="nhsuk-card__heading nhsuk-heading-s" inner_html=item.stem_html></div>
                            <p>
                                <strong>"You answered: "</strong>
                                {item.chosen}
                            </p>
                            <div inner_html=item.chosen_feedback_html></div>
                            <p>
                                <strong>"The answer: "</strong>
                                {item.correct}
                            </p>
                            <div inner_html=item.correct_feedback_html></div>
                            <References references=item.references />
                        </div>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h2>"Confidently wrong"</h2>
        <p>
            "Questions you were very sure of (certainty 3) but answered wrongly. These are the beliefs most worth checking."
        </p>
        {body}
    }
}

#[component]
fn Paths(taken: Vec<PathChoice>, best: Vec<PathChoice>) -> impl IntoView {
    let list = |choices: Vec<PathChoice>| {
        choices
            .into_iter()
            .map(|c| {
                view! {
                    <li>
                        <p class="nhsuk-body-s nhsuk-u-margin-bottom-1">{c.question}</p>
                        <p>{c.choice} " " <RatingTag rating=c.rating /></p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h2>"Your path through the case"</h2>
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-one-half">
                <h3>"Your decisions"</h3>
                <ol>{list(taken)}</ol>
            </div>
            <div class="nhsuk-grid-column-one-half">
                <h3>"The best path"</h3>
                <ol>{list(best)}</ol>
            </div>
        </div>
    }
}

#[component]
fn Attitudes(changes: Vec<AttitudeChange>) -> impl IntoView {
    (!changes.is_empty()).then(|| {
        let label = |value: Option<i64>| value.map_or("No answer", Agreement::label_of);
        let rows = changes
            .into_iter()
            .map(|c| {
                view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">
                            {c.statement}
                        </th>
                        <td class="nhsuk-table__cell">{label(c.before)}</td>
                        <td class="nhsuk-table__cell">{label(c.after)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h2>"What you thought"</h2>
            <Table
                caption="Your agreement with each statement, before and after the case"
                headers=vec![("Statement", false), ("Before", false), ("After", false)]
            >
                {rows}
            </Table>
        }
    })
}
