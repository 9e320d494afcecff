//! `/author/versions/<id>/compare?with=<number>`: what changed between two versions of a module,
//! field by field.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::authoring::compare_versions::compare_versions;
use crate::components::table::Table;
use crate::domain::ids::VersionId;
use crate::error::AppError;
use crate::pages::loaded::loaded;

#[component]
pub fn ComparePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let which = move || {
        let id = params.with(|p| p.get("id").and_then(|id| id.parse::<VersionId>().ok()));
        let with = query.with(|q| q.get("with").and_then(|w| w.parse::<i64>().ok()));
        id.zip(with)
    };
    let comparison = Resource::new(which, |which| async move {
        match which {
            Some((id, with)) => compare_versions(id, with).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded(comparison, move |c| {
        let heading = format!("Version {} compared with version {}", c.new_number, c.old_number);
        let rows = c
            .changes
            .iter()
            .map(|change| {
                let before = change.before.clone().unwrap_or_else(|| "(not there)".into());
                let after = change.after.clone().unwrap_or_else(|| "(removed)".into());
                view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">
                            {change.field.clone()}
                        </th>
                        <td class="nhsuk-table__cell casebook-reflection">{before}</td>
                        <td class="nhsuk-table__cell casebook-reflection">{after}</td>
                    </tr>
                }
            })
            .collect_view();
        let caption = format!("{} changes", c.changes.len());
        view! {
            <Title text=heading.clone() />
            <span class="nhsuk-caption-l">{c.title.clone()}</span>
            <h1>{heading}</h1>
            {if c.changes.is_empty() {
                view! { <p>"The two versions are the same."</p> }.into_any()
            } else {
                view! {
                    <Table
                        caption
                        headers=vec![
                            ("Field", false),
                            (
                                if c.old_number < c.new_number { "Before" } else { "In the other version" },
                                false,
                            ),
                            ("In this version", false),
                        ]
                    >
                        {rows}
                    </Table>
                }
                    .into_any()
            }}
            <p>
                <a href=format!("/author/versions/{}", c.version)>"Back to the version"</a>
            </p>
        }
        .into_any()
    })
}
