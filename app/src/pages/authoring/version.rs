//! `/author/versions/<id>`: one version in the studio. What is wrong with it (the curriculum rules,
//! checked on every view), its content part by part with links to edit each, the case maps, its
//! reviews, and the workflow actions open to the viewer.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::case_map::CaseMapView;
use super::contents::Contents;
use super::workflow::WorkflowPanel;
use crate::api::authoring::move_version::MoveVersion;
use crate::api::authoring::view_version::{VersionView, view_version};
use crate::components::form_page::FormPage;
use crate::components::status_tag::StatusTag;
use crate::domain::curriculum::module::VersionStatus;
use crate::domain::curriculum::validate::Problem;
use crate::domain::ids::VersionId;
use crate::domain::time::format_uk_date;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn VersionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<VersionId>().ok()));
    let version = Resource::new(id, |id| async move {
        match id {
            Some(id) => view_version(id).await,
            None => Err(AppError::NotFound),
        }
    });
    loaded_with_messages(version, move |v, messages| {
        let error = messages.error_for::<MoveVersion>();
        let title = format!("{}, version {}", v.definition.title, v.number);
        view! {
            <FormPage title error=error.clone() notice=messages.notice.clone()>
                <Overview v=v.clone() />
                <Problems problems=v.problems.clone() editable=v.status == VersionStatus::Draft />
                <ItemWritingWarnings warnings=v.warnings.clone() />
                <WorkflowPanel v=v.clone() error />
                <Contents v=v.clone() />
                {v
                    .maps
                    .iter()
                    .zip(&v.definition.cases)
                    .map(|(map, case)| {
                        view! { <CaseMapView map=map.clone() title=case.title.clone() version=v.id /> }
                    })
                    .collect_view()}
            </FormPage>
        }
        .into_any()
    })
}

#[component]
fn Overview(v: VersionView) -> impl IntoView {
    let slug = v.definition.slug.clone();
    let review_by = v.review_by.map(format_uk_date);
    view! {
        <span class="nhsuk-caption-l">{format!("Authoring studio · {slug}")}</span>
        <h1>{v.definition.title.clone()}</h1>
        <p>{format!("Version {} ", v.number)}<StatusTag status=v.status /></p>
        {v
            .overdue
            .then(|| {
                view! {
                    <div class="nhsuk-warning-callout">
                        <h2 class="nhsuk-warning-callout__label">"Due for review"</h2>
                        <p>
                            {format!(
                                "This version was due for review on {}. Check it against current guidance, then start a new draft or confirm it.",
                                review_by.clone().unwrap_or_default(),
                            )}
                        </p>
                    </div>
                }
            })}
        <ul class="nhsuk-list">
            {review_by.clone().map(|date| view! { <li>{format!("Review by {date}")}</li> })} <li>
                <a href=format!("/author/versions/{}/preview", v.id)>"Preview as a learner"</a>
            </li> <li>
                <a
                    href=format!("/author/modules/{slug}/export?version={}", v.number)
                    download=format!("{slug}.toml")
                >
                    "Download the module file"
                </a>
            </li>
            {(v.status != VersionStatus::Draft)
                .then(|| {
                    view! {
                        <li>
                            <a href=format!(
                                "/author/versions/{}/analysis",
                                v.id,
                            )>"How its questions and decisions perform"</a>
                        </li>
                    }
                })} <li>
                <a href="/author">"Back to the studio"</a>
            </li>
        </ul>
    }
}

/// The item-writing flaws in the content, which the author weighs (nothing is stopped by them).
#[component]
fn ItemWritingWarnings(warnings: Vec<Problem>) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        let count = if warnings.len() == 1 {
            "1 item-writing warning".to_owned()
        } else {
            format!("{} item-writing warnings", warnings.len())
        };
        let items = warnings.into_iter().map(|w| view! { <li>{w.message}</li> }).collect_view();
        view! {
            <details class="nhsuk-details" id="item-writing">
                <summary class="nhsuk-details__summary">
                    <span class="nhsuk-details__summary-text">{count}</span>
                </summary>
                <div class="nhsuk-details__text">
                    <p>
                        "Ways a question or decision may give its answer away. They do not stop the version:                          weigh each one."
                    </p>
                    <ul>{items}</ul>
                </div>
            </details>
        }
    })
}

/// Every rule the version breaks, or a confirmation that it passes them all.
#[component]
fn Problems(problems: Vec<Problem>, editable: bool) -> impl IntoView {
    if problems.is_empty() {
        return view! {
            <div class="nhsuk-inset-text">
                <p>"This version passes every check of the curriculum model."</p>
            </div>
        }
        .into_any();
    }
    let count =
        if problems.len() == 1 { "1 problem".to_owned() } else { format!("{} problems", problems.len()) };
    let items = problems.into_iter().map(|p| view! { <li>{p.message}</li> }).collect_view();
    view! {
        <div class="nhsuk-warning-callout" id="problems">
            <h2 class="nhsuk-warning-callout__label">{format!("{count} to fix")}</h2>
            {editable
                .then(|| view! { <p>"A version is sent for review only when nothing is listed here."</p> })}
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}
