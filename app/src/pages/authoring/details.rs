//! `/author/versions/<id>/details`: edit a draft's details (title, summary, audience, time, themes,
//! learning outcomes, notice). The summary and notice are Markdown, shown rendered beside the form.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::editor::{EditorFrame, VersionAndRevision, load_draft};
use super::markdown_preview::{MarkdownPreview, rendered};
use crate::api::authoring::save_details::SaveDetails;
use crate::api::authoring::view_version::VersionView;
use crate::components::client_assets::IslandScripts;
use crate::components::forms::{TextArea, TextField, message, value_or};
use crate::domain::curriculum::theme::THEMES;
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

/// The parts of a module this page writes.
const DETAILS: [&str; 7] =
    ["title", "summary", "audience", "estimated_minutes", "themes", "outcomes", "notice"];

#[component]
pub fn DetailsPage() -> impl IntoView {
    let params = use_params_map();
    let version = load_draft(params);
    loaded_with_messages(version, move |v, messages| {
        let error = messages.error_for::<SaveDetails>();
        view! {
            <EditorFrame
                v=v.clone()
                heading="Details"
                error=error.clone()
                parts=DETAILS.iter().map(|p| (*p).to_owned()).collect()
            >
                <DetailsForm v=v.clone() error=error.clone() />
            </EditorFrame>
        }
        .into_any()
    })
}

#[component]
fn DetailsForm(v: VersionView, error: Option<AppError>) -> impl IntoView {
    let d = v.definition.clone();
    let resubmitted = error.as_ref().and_then(|e| e.value_for("themes")).is_some();
    let submitted = error.clone();
    let ticked = move |code: &str| {
        if resubmitted {
            submitted.as_ref().and_then(|e| e.value_for(&format!("themes[{code}]"))).is_some()
        } else {
            d.themes.iter().any(|t| t == code)
        }
    };
    let boxes = THEMES
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let id = if i == 0 { "themes".to_owned() } else { format!("themes-{}", i + 1) };
            view! {
                <div class="nhsuk-checkboxes__item">
                    <input
                        class="nhsuk-checkboxes__input"
                        id=id.clone()
                        name=format!("themes[{}]", t.code)
                        type="checkbox"
                        value="on"
                        checked=ticked(t.code)
                    />
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=id>
                        {t.title}
                    </label>
                </div>
            }
        })
        .collect_view();
    let e = error.clone();
    let field = move |name: &str, current: &str| value_or(&e, name, current);
    let d = v.definition.clone();
    let themes_error = message(&error, "themes");
    let themes_group =
        if themes_error.is_some() { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" };
    view! {
        <form method="post" action=SaveDetails::PATH novalidate>
            <VersionAndRevision version=v.id revision=v.revision />
            <TextField
                name="title"
                label="Title"
                value=field("title", &d.title)
                error=message(&error, "title")
            />
            <TextArea
                name="summary"
                label="Summary"
                hint="Markdown. What the module covers, shown on its page."
                rows=6
                value=field("summary", &d.summary)
                error=message(&error, "summary")
            />
            <MarkdownPreview field="summary".to_owned() rendered=rendered(&field("summary", &d.summary)) />
            <IslandScripts />
            <TextField
                name="audience"
                label="Audience"
                value=field("audience", &d.audience)
                error=message(&error, "audience")
            />
            <TextField
                name="estimated_minutes"
                label="Estimated time in minutes"
                width="nhsuk-input--width-4"
                inputmode="numeric"
                value=field("estimated_minutes", &d.estimated_minutes.to_string())
                error=message(&error, "estimated_minutes")
            />
            <div class=themes_group>
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                        "Themes and recommendations of the review"
                    </legend>
                    {themes_error
                        .map(|m| {
                            view! {
                                <span class="nhsuk-error-message" id="themes-error">
                                    <span class="nhsuk-u-visually-hidden">"Error: "</span>
                                    {m}
                                </span>
                            }
                        })}
                    <div class="nhsuk-checkboxes">{boxes}</div>
                </fieldset>
            </div>
            <TextArea
                name="outcomes"
                label="Learning outcomes"
                hint="One per line."
                rows=5
                value=field("outcomes", &d.outcomes.join("\n"))
                error=message(&error, "outcomes")
            />
            <TextArea
                name="notice"
                label="Notice before the module starts (optional)"
                hint="Markdown, such as a note that doses are teaching figures."
                rows=3
                value=field("notice", d.notice.as_deref().unwrap_or(""))
                error=message(&error, "notice")
            />
            <MarkdownPreview
                field="notice".to_owned()
                rendered=rendered(&field("notice", d.notice.as_deref().unwrap_or("")))
            />
            <button class="nhsuk-button" type="submit">
                "Save details"
            </button>
        </form>
    }
}
