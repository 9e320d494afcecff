//! `/author/versions/<id>/cases/new`: add a case to a draft; it starts with one node, `start`.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::editor::{EditorFrame, VersionAndRevision, load_draft};
use crate::api::authoring::add_case::AddCase;
use crate::components::forms::{TextField, message, value_or};
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn NewCasePage() -> impl IntoView {
    let params = use_params_map();
    let version = load_draft(params);
    loaded_with_messages(version, move |v, messages| {
        let error = messages.error_for::<AddCase>();
        view! {
            <EditorFrame v=v.clone() heading="Add a case" error=error.clone()>
                <form method="post" action=AddCase::PATH novalidate>
                    <VersionAndRevision version=v.id revision=v.revision />
                    <TextField
                        name="title"
                        label="Title"
                        hint="Such as: Ruth asks for something to help her sleep"
                        value=value_or(&error, "title", "")
                        error=message(&error, "title")
                    />
                    <TextField
                        name="key"
                        label="Key"
                        width="nhsuk-input--width-10"
                        hint="A short name, such as ruth. It cannot change later."
                        value=value_or(&error, "key", "")
                        error=message(&error, "key")
                    />
                    <button class="nhsuk-button" type="submit">
                        "Add the case"
                    </button>
                </form>
            </EditorFrame>
        }
        .into_any()
    })
}
