//! `/author/versions/<id>/items/<key>` (or `/items/new`): write a knowledge item of a draft: the
//! question, its themes and references, and four or five options with feedback on each.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::editor::{EditorFrame, VersionAndRevision, load_draft};
use super::markdown_preview::{MarkdownPreview, rendered};
use super::options::{ItemOptionRows, theme_codes_hint};
use crate::api::authoring::save_item::SaveItem;
use crate::api::authoring::view_version::VersionView;
use crate::components::client_assets::IslandScripts;
use crate::components::forms::{TextArea, TextField, message, value_or};
use crate::domain::authoring::edit_case::{OptionRow, option_rows};
use crate::error::AppError;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn ItemPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let version = load_draft(params);
    loaded_with_messages(version, move |v, messages| {
        let error = messages.error_for::<SaveItem>();
        let key = key();
        let exists = key == "new" || v.definition.items.iter().any(|i| i.key == key);
        if !exists {
            return crate::pages::outcome::problem(AppError::NotFound);
        }
        let heading = if key == "new" { "Add a question".to_owned() } else { format!("Question {key}") };
        let parts = v
            .definition
            .items
            .iter()
            .position(|i| i.key == key)
            .map(|i| format!("items[{i}]"))
            .into_iter()
            .collect();
        view! {
            <EditorFrame v=v.clone() heading error=error.clone() parts>
                <ItemForm v=v.clone() key=key.clone() error=error.clone() />
            </EditorFrame>
        }
        .into_any()
    })
}

#[component]
fn ItemForm(v: VersionView, key: String, error: Option<AppError>) -> impl IntoView {
    let item = v.definition.items.iter().find(|i| i.key == key).cloned();
    let is_new = item.is_none();
    let current = |f: &dyn Fn(&crate::domain::curriculum::item::KnowledgeItem) -> String| {
        item.as_ref().map(f).unwrap_or_default()
    };
    let stem = current(&|i| i.stem.clone());
    let themes = current(&|i| i.themes.join(", "));
    let references = current(&|i| i.references.join(", "));
    let correct = item
        .as_ref()
        .and_then(|i| i.options.iter().position(|o| o.correct))
        .map(|p| p.to_string())
        .unwrap_or_default();
    let wordings = item.as_ref().map(|i| i.variants.len()).filter(|n| *n > 0).map(|n| {
        let other = if n == 1 { "1 other wording".to_owned() } else { format!("{n} other wordings") };
        view! {
            <div class="nhsuk-inset-text">
                <p>
                    {format!(
                        "This question has {other}, asked in the booster questions weeks after the module. They \
                         keep their own stems and options when you save this form; change them in the module file \
                         (export it, edit, import it as a new version).",
                    )}
                </p>
            </div>
        }
    });
    let rows = option_rows(item.iter().flat_map(|i| i.options.iter()).map(|o| OptionRow {
        text: o.text.clone(),
        feedback: o.feedback.clone(),
        ..OptionRow::default()
    }));
    view! {
        {wordings}
        <form method="post" action=SaveItem::PATH novalidate>
            <VersionAndRevision version=v.id revision=v.revision />
            <input type="hidden" name="item" value=key.clone() />
            {is_new
                .then(|| {
                    view! {
                        <TextField
                            name="key"
                            label="Key"
                            width="nhsuk-input--width-10"
                            hint="A short name for this question, such as falls-risk. It cannot change later."
                            value=value_or(&error, "key", "")
                            error=message(&error, "key")
                        />
                    }
                })}
            <TextArea
                name="stem"
                label="Question"
                hint="Markdown."
                rows=4
                value=value_or(&error, "stem", &stem)
                error=message(&error, "stem")
            />
            <MarkdownPreview field="stem".to_owned() rendered=rendered(&value_or(&error, "stem", &stem)) />
            <IslandScripts />
            <TextField
                name="themes"
                label="Themes"
                hint=theme_codes_hint()
                value=value_or(&error, "themes", &themes)
                error=message(&error, "themes")
            />
            <TextField
                name="references"
                label="References"
                hint="Keys of the module's references, separated by commas, such as NICE1, BNF."
                value=value_or(&error, "references", &references)
                error=message(&error, "references")
            />
            <ItemOptionRows rows correct error=error.clone() />
            <div class="nhsuk-button-group">
                <button class="nhsuk-button" type="submit">
                    "Save question"
                </button>
                {(!is_new)
                    .then(|| {
                        view! {
                            <button
                                class="nhsuk-button nhsuk-button--warning"
                                type="submit"
                                name="remove"
                                value="yes"
                            >
                                "Remove this question"
                            </button>
                        }
                    })}
            </div>
        </form>
    }
}
