//! What every editor page of a draft shares: loading the version from the address, and the frame
//! around the form (caption, heading, error summary, the way back).

use leptos::prelude::*;
use leptos_router::params::ParamsMap;

use crate::api::authoring::view_version::{VersionView, view_version};
use crate::components::form_page::FormPage;
use crate::domain::curriculum::validate::problems_under;
use crate::domain::ids::VersionId;
use crate::error::AppError;

/// The version named by the address's `id`.
pub fn load_draft(params: Memo<ParamsMap>) -> Resource<Result<VersionView, AppError>> {
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<VersionId>().ok()));
    Resource::new(id, |id| async move {
        match id {
            Some(id) => view_version(id).await,
            None => Err(AppError::NotFound),
        }
    })
}

/// The version a form changes and the revision of it the editor loaded, so that a save never
/// overwrites someone else's and nothing is moved on that the person has not seen.
#[component]
pub fn VersionAndRevision(version: VersionId, revision: i64) -> impl IntoView {
    view! {
        <input type="hidden" name="version" value=version.0 />
        <input type="hidden" name="revision" value=revision />
    }
}

#[component]
pub fn EditorFrame(
    v: VersionView,
    #[prop(into)] heading: String,
    error: Option<AppError>,
    /// The parts this editor writes (paths such as `items[2]`), whose problems it shows.
    #[prop(optional)]
    parts: Vec<String>,
    children: Children,
) -> impl IntoView {
    let editable = v.status == crate::domain::curriculum::module::VersionStatus::Draft;
    let here: Vec<String> =
        problems_under(&v.problems, &parts).into_iter().map(|p| p.message.clone()).collect();
    view! {
        <FormPage title=format!("{heading}: {}", v.definition.title) error>
            <span class="nhsuk-caption-l">{format!("{}, version {}", v.definition.title, v.number)}</span>
            <h1>{heading}</h1>
            {(editable && !here.is_empty())
                .then(|| {
                    view! {
                        <div class="nhsuk-warning-callout">
                            <h2 class="nhsuk-warning-callout__label">"To fix here"</h2>
                            <ul>{here.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        </div>
                    }
                })}
            {if editable {
                children().into_any()
            } else {
                view! {
                    <p>"Only a draft can be edited. Start a new draft from this version to change it."</p>
                }
                    .into_any()
            }}
            <p>
                <a href=format!("/author/versions/{}", v.id)>"Back to the version"</a>
            </p>
        </FormPage>
    }
}
