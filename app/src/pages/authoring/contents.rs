//! The content of a version, part by part, as its page lists it, with a link to edit each part
//! while it is a draft.

use leptos::prelude::*;

use super::case_map::node_href;
use crate::api::authoring::view_version::VersionView;
use crate::components::summary_list::SummaryList;
use crate::domain::curriculum::module::VersionStatus;
use crate::domain::curriculum::theme::theme;

#[component]
pub fn Contents(v: VersionView) -> impl IntoView {
    let draft = v.status == VersionStatus::Draft;
    let base = format!("/author/versions/{}", v.id);
    let d = v.definition.clone();
    let themes: Vec<String> =
        d.themes.iter().map(|code| theme(code).map_or(code.clone(), |t| t.title.to_owned())).collect();
    let rows = vec![
        ("Title", d.title.clone()),
        ("Audience", d.audience.clone()),
        ("Estimated time", format!("{} minutes", d.estimated_minutes)),
        ("Themes", themes.join(", ")),
        ("Learning outcomes", d.outcomes.join("; ")),
    ];
    let items = d.items.iter().map(|i| (i.key.clone(), first_line(&i.stem))).collect::<Vec<_>>();
    let cases = d
        .cases
        .iter()
        .map(|c| {
            let start = node_href(v.id, &c.key, &c.start);
            (c.key.clone(), c.title.clone(), c.nodes.len(), start)
        })
        .collect::<Vec<_>>();
    view! {
        <h2>"Content"</h2>
        <h3>"Details"</h3>
        <SummaryList rows=rows.into_iter().collect() />
        {draft
            .then(|| {
                view! {
                    <p>
                        <a href=format!("{base}/details")>"Change the details"</a>
                    </p>
                }
            })}
        <h3>"Knowledge questions (before and after the cases)"</h3>
        <ul class="nhsuk-list nhsuk-list--bullet">
            {items
                .into_iter()
                .map(|(key, stem)| {
                    let href = format!("{base}/items/{key}");
                    view! {
                        <li>
                            {if draft {
                                view! { <a href=href>{format!("{key}: {stem}")}</a> }.into_any()
                            } else {
                                format!("{key}: {stem}").into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {draft
            .then(|| {
                view! {
                    <p>
                        <a href=format!("{base}/items/new")>"Add a question"</a>
                    </p>
                }
            })}
        <h3>"Attitude statements"</h3>
        <ul class="nhsuk-list nhsuk-list--bullet">
            {d.attitudes.iter().map(|a| view! { <li>{a.statement.clone()}</li> }).collect_view()}
        </ul>
        <h3>"Cases"</h3>
        <ul class="nhsuk-list nhsuk-list--bullet">
            {cases
                .into_iter()
                .map(|(key, title, nodes, start)| {
                    view! {
                        <li>
                            {if draft {
                                view! { <a href=start>{title.clone()}</a> }.into_any()
                            } else {
                                title.clone().into_any()
                            }} {format!(" ({key}, {nodes} nodes)")}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {draft
            .then(|| {
                view! {
                    <p>
                        <a href=format!("{base}/cases/new")>"Add a case"</a>
                    </p>
                }
            })}
        <h3>"Reflection prompts"</h3>
        <ul class="nhsuk-list nhsuk-list--bullet">
            {d.reflections.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
        </ul>
        <h3>"References"</h3>
        <ul class="nhsuk-list nhsuk-list--bullet">
            {d
                .references
                .iter()
                .map(|r| view! { <li>{format!("{}: {}", r.key, r.citation)}</li> })
                .collect_view()}
        </ul>
        {draft
            .then(|| {
                view! {
                    <p>
                        <a href=format!(
                            "{base}/lists",
                        )>"Change the references, attitude statements and reflection prompts"</a>
                    </p>
                }
            })}
    }
}

/// The first line of some Markdown, as plain words for a list.
fn first_line(markdown: &str) -> String {
    markdown.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim_start_matches(['#', ' ']).to_owned()
}
