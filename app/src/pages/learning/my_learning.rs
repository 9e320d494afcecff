//! `/me`: the learner's knowledge profile by theme (from the latest post-test of each module they
//! have finished), how well their certainty matched their accuracy, what to take next, and every
//! attempt with a way back into it.

use leptos::prelude::*;
use leptos_meta::Title;

use super::StatusTag;
use super::follow_up_list::FollowUpList;
use super::retention::RetentionShown;
use crate::api::learning::view_my_learning::{MyLearning, Suggestion, view_my_learning};
use crate::components::table::Table;
use crate::domain::learning::attempt::{AttemptStatus, AttemptSummary};
use crate::domain::learning::profile::{CalibrationRow, ThemeStanding};
use crate::domain::time::format_uk_date;
use crate::pages::loaded::loaded;

#[component]
pub fn MyLearningPage() -> impl IntoView {
    let learning = Resource::new(|| (), |_| view_my_learning());
    view! {
        <Title text="My learning" />
        <h1>"My learning"</h1>
        {loaded(learning, |learning| view! { <Overview learning /> }.into_any())}
    }
}

#[component]
fn Overview(learning: MyLearning) -> impl IntoView {
    let profile = learning.profile;
    let knowledge = if profile.themes.is_empty() {
        view! { <p>"Finish a module to see your knowledge by theme."</p> }.into_any()
    } else {
        view! {
            <Themes themes=profile.themes weakest=profile.weakest />
            <Calibration rows=profile.calibration />
        }
        .into_any()
    };
    let retention = learning
        .retention
        .into_iter()
        .map(|m| {
            view! {
                <RetentionShown retention=m.retention heading=format!("What you kept: {}", m.module_title) />
                <p>
                    <a href=m.results_path>"Your results for this module"</a>
                </p>
            }
        })
        .collect_view();
    view! {
        <FollowUpList follow_ups=learning.follow_ups />
        {learning.suggestion.map(|suggestion| view! { <Next suggestion /> })}
        <h2>"Your knowledge by theme"</h2>
        {knowledge}
        {retention}
        <History attempts=learning.history />
        <Records />
    }
}

/// The learner's records to take away: the CPD log for appraisal, and the raw learning records.
#[component]
fn Records() -> impl IntoView {
    view! {
        <h2>"Your CPD log"</h2>
        <p>
            "Every module you have finished, with the date, the time it took by your own records, its learning \
             outcomes and your reflection, ready to attach to your appraisal portfolio."
        </p>
        <ul>
            <li>
                <a href="/me/cpd-log.pdf" download="casebook-cpd-log.pdf">
                    "Download your CPD log (PDF)"
                </a>
            </li>
            <li>
                <a href="/me/cpd-log.csv" download="casebook-cpd-log.csv">
                    "Download your CPD log (CSV, for spreadsheets)"
                </a>
            </li>
            <li>
                <a href="/me/xapi-statements.json" download="casebook-xapi-statements.json">
                    "Download your learning records (xAPI)"
                </a>
                ", for a learning record store"
            </li>
        </ul>
    }
}

#[component]
fn Next(suggestion: Suggestion) -> impl IntoView {
    let why = match suggestion.theme {
        Some(theme) => format!("It covers {theme}, your weakest theme so far."),
        None => "You have not taken it yet.".to_owned(),
    };
    view! {
        <div class="nhsuk-card nhsuk-card--feature">
            <div class="nhsuk-card__content nhsuk-card__content--feature">
                <h2 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">
                    "Suggested next"
                </h2>
                <p>
                    <a href=format!("/modules/{}", suggestion.slug)>{suggestion.title}</a>
                </p>
                <p class="nhsuk-card__description">{why}</p>
            </div>
        </div>
    }
}

#[component]
fn Themes(themes: Vec<ThemeStanding>, weakest: Option<String>) -> impl IntoView {
    let rows = themes
        .into_iter()
        .map(|t| {
            let weakest = weakest.as_deref() == Some(t.code.as_str());
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {t.title.clone()}
                        {weakest
                            .then(|| {
                                view! {
                                    " "
                                    <strong class="nhsuk-tag nhsuk-tag--orange">"Weakest"</strong>
                                }
                            })}
                    </th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{t.answered}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {format!("{}%", t.percent_correct())}
                    </td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {format!("{} of {}", t.marks.to_string().replace('-', "−"), t.maximum)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p>"From the questions after the case, in the latest finished attempt at each module."</p>
        <Table
            caption="Knowledge by theme"
            hidden_caption=true
            headers=vec![("Theme", false), ("Questions", true), ("Right", true), ("Marks", true)]
        >
            {rows}
        </Table>
    }
}

#[component]
fn Calibration(rows: Vec<CalibrationRow>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|row| {
            let verdict = row.verdict().map_or("Not used", |v| v.label());
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {row.certainty.label()}
                    </th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{row.answered}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {if row.answered == 0 {
                            "–".to_owned()
                        } else {
                            format!("{}%", row.percent_correct())
                        }}
                    </td>
                    <td class="nhsuk-table__cell">{row.certainty.best_when_right()}</td>
                    <td class="nhsuk-table__cell">{verdict}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>"How well your certainty matched your answers"</h2>
        <p>
            "Certainty-based marking rewards knowing what you know. Each level of certainty scores best when you \
             are right about as often as the third column says."
        </p>
        <Table
            caption="Calibration"
            hidden_caption=true
            headers=vec![
                ("Certainty", false),
                ("Answers", true),
                ("Right", true),
                ("Best when right", false),
                ("Verdict", false),
            ]
        >
            {rows}
        </Table>
    }
}

#[component]
fn History(attempts: Vec<AttemptSummary>) -> impl IntoView {
    if attempts.is_empty() {
        return view! {
            <h2>"Your modules"</h2>
            <p>"You have not started a module yet. " <a href="/modules">"Choose a module"</a> "."</p>
        }
        .into_any();
    }
    let rows = attempts
        .into_iter()
        .map(|a| {
            let (link, text) = match a.status {
                AttemptStatus::InProgress => (format!("/attempts/{}", a.public_id), "Resume"),
                AttemptStatus::Completed => (format!("/attempts/{}/results", a.public_id), "Results"),
            };
            let marks = |m: i64| m.to_string().replace('-', "−");
            view! {
                <tr class="nhsuk-table__row">
                    <td class="nhsuk-table__cell">
                        {a.title.clone()}<br />
                        <span class="nhsuk-body-s">{format!("Version {}", a.version_number)}</span>
                    </td>
                    <td class="nhsuk-table__cell">
                        <StatusTag status=Some(a.status) />
                    </td>
                    <td class="nhsuk-table__cell">{format_uk_date(a.started_at)}</td>
                    <td class="nhsuk-table__cell">
                        {format!("{} → {} of {}", marks(a.pre_marks), marks(a.post_marks), a.maximum)}
                    </td>
                    <td class="nhsuk-table__cell">
                        <a href=link>
                            {text}<span class="nhsuk-u-visually-hidden">{format!(" {}", a.title)}</span>
                        </a>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>"Your modules"</h2>
        <Table
            caption="Your attempts, newest first"
            hidden_caption=true
            headers=vec![
                ("Module", false),
                ("Status", false),
                ("Started", false),
                ("Marks before → after", false),
                ("Next step", false),
            ]
        >
            {rows}
        </Table>
    }
    .into_any()
}
