//! `/author/versions/<id>/analysis`: how each knowledge question and case decision of a version
//! performs with learners: facility, discrimination, how often each option was chosen, certainty
//! when right and wrong, and flags once there are enough answers to judge.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::authoring::view_analysis::{Analysis, view_analysis};
use crate::components::rating_tag::RatingTag;
use crate::components::table::Table;
use crate::domain::authoring::analysis::{ItemStats, MIN_ATTEMPTS_FOR_FLAGS, unchosen_distractors};
use crate::domain::curriculum::case::NodeKind;
use crate::domain::ids::VersionId;
use crate::domain::learning::journey::asked_at;
use crate::domain::learning::step::Step;
use crate::error::AppError;
use crate::pages::loaded::loaded;

#[component]
pub fn AnalysisPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<VersionId>().ok()));
    let analysis = Resource::new(id, |id| async move {
        match id {
            Some(id) => view_analysis(id).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(analysis, move |a| {
        let heading = format!("How version {} performs", a.number);
        view! {
            <Title text=format!("{heading}: {}", a.definition.title) />
            <span class="nhsuk-caption-l">{a.definition.title.clone()}</span>
            <h1>{heading}</h1>
            <p>
                {format!(
                    "From {} learners' answers. Facility is the share answering right; discrimination is the \
                correlation between getting the question right and the rest of the test (point-biserial). \
                Questions are flagged only once {MIN_ATTEMPTS_FOR_FLAGS} learners have answered them.",
                    a.attempts,
                )}
            </p>
            <ItemTable caption="Before the cases" a=a.clone() stats=a.before.clone() test=Step::Pre />
            <ItemTable caption="After the cases" a=a.clone() stats=a.after.clone() test=Step::Post />
            <Decisions a=a.clone() />
            <p>
                <a href=format!("/author/versions/{}", id().map_or(0, |id| id.0))>"Back to the version"</a>
            </p>
        }
        .into_any()
    })
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
}

#[component]
fn ItemTable(
    caption: &'static str,
    a: Analysis,
    stats: Vec<ItemStats>,
    /// The test the answers are from, so each item's options are those of the wording it asked.
    test: fn(String) -> Step,
) -> impl IntoView {
    let rows = stats
        .into_iter()
        .map(|s| {
            let asked = asked_at(&a.definition, &test(s.item.clone()));
            let item = asked.as_ref();
            let options = item
                .map(|i| {
                    i.options
                        .iter()
                        .map(|o| {
                            let mark = if o.correct { " (correct)" } else { "" };
                            format!("{}{mark}: {}", o.key, s.chosen.get(&o.key).copied().unwrap_or(0))
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let unchosen = item.map(|i| unchosen_distractors(i, &s)).unwrap_or_default();
            let flags = s
                .flags
                .iter()
                .map(|f| f.label().to_owned())
                .chain(
                    (!unchosen.is_empty())
                        .then(|| format!("No one chose {}: rewrite or replace", unchosen.join(", "))),
                )
                .collect::<Vec<_>>()
                .join("; ");
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">
                        {s.item.clone()}
                    </th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{s.answers}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{figure(s.facility)}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{figure(s.discrimination)}</td>
                    <td class="nhsuk-table__cell">{options}</td>
                    <td class="nhsuk-table__cell">
                        {format!("{} / {}", figure(s.certainty_when_right), figure(s.certainty_when_wrong))}
                    </td>
                    <td class="nhsuk-table__cell">{flags}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Table
            caption=format!("Knowledge questions: {caption}")
            headers=vec![
                ("Question", false),
                ("Answers", true),
                ("Facility", true),
                ("Discrimination", true),
                ("Times each option was chosen", false),
                ("Certainty right / wrong", false),
                ("Flags", false),
            ]
        >
            {rows}
        </Table>
    }
}

#[component]
fn Decisions(a: Analysis) -> impl IntoView {
    let rows = a
        .decisions
        .iter()
        .flat_map(|d| {
            let case = a.definition.cases.iter().find(|c| c.key == d.case);
            let options = case.and_then(|c| c.node(&d.node)).map(|n| match &n.kind {
                NodeKind::Decision { options, .. } => options.clone(),
                _ => Vec::new(),
            });
            options.unwrap_or_default().into_iter().map(move |o| {
                let share = match d.share(&o.key) {
                    _ if d.never_chosen(&o.key) => "0%: no one chose this".to_owned(),
                    Some(share) => format!("{:.0}%", share * 100.0),
                    None => "–".to_owned(),
                };
                let themes = o.themes.join(", ");
                view! {
                    <tr class="nhsuk-table__row">
                        <td class="nhsuk-table__cell">{format!("{} · {}", d.case, d.node)}</td>
                        <td class="nhsuk-table__cell">{o.text.clone()}</td>
                        <td class="nhsuk-table__cell">
                            <RatingTag rating=o.rating />
                        </td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{share}</td>
                        <td class="nhsuk-table__cell">{themes}</td>
                    </tr>
                }
            })
        })
        .collect_view();
    view! {
        <Table
            caption="Case decisions: the share of learners choosing each option"
            headers=vec![
                ("Decision", false),
                ("Option", false),
                ("Rating", false),
                ("Chosen by", true),
                ("Themes", false),
            ]
        >
            {rows}
        </Table>
    }
}
