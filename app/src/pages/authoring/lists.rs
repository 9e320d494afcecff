//! `/author/versions/<id>/lists`: a draft's references, attitude statements, reflection prompts
//! and matched pairs, each written one per line.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use super::editor::{EditorFrame, VersionAndRevision, load_draft};
use crate::api::authoring::save_lists::SaveLists;
use crate::components::forms::{TextArea, message, value_or};
use crate::domain::authoring::edit_lists::{attitudes_text, references_text};
use crate::domain::authoring::edit_pairs::pairs_text;
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn ListsPage() -> impl IntoView {
    let params = use_params_map();
    let version = load_draft(params);
    loaded_with_messages(version, move |v, messages| {
        let error = messages.error_for::<SaveLists>();
        let d = v.definition.clone();
        view! {
            <EditorFrame
                v=v.clone()
                heading="References, attitudes and reflection"
                error=error.clone()
                parts=vec!["references".into(), "attitudes".into(), "reflections".into(), "pairs".into()]
            >
                <form method="post" action=SaveLists::PATH novalidate>
                    <VersionAndRevision version=v.id revision=v.revision />
                    <TextArea
                        name="references"
                        label="References"
                        rows=8
                        hint="One per line: key | citation | https link (optional). Every clinical statement cites one of these keys."
                        value=value_or(&error, "references", &references_text(&d.references))
                        error=message(&error, "references")
                    />
                    <TextArea
                        name="attitudes"
                        label="Attitude statements"
                        rows=6
                        hint="One per line: key | statement | theme codes separated by commas. Learners rate each before and after the cases. To measure ambivalence, add two evaluation questions ending '| positive' and '| negative' (how favourable, then how unfavourable, each considered alone)."
                        value=value_or(&error, "attitudes", &attitudes_text(&d.attitudes))
                        error=message(&error, "attitudes")
                    />
                    <TextArea
                        name="reflections"
                        label="Reflection prompts"
                        rows=3
                        hint="One per line."
                        value=value_or(&error, "reflections", &d.reflections.join("\n"))
                        error=message(&error, "reflections")
                    />
                    <TextArea
                        name="pairs"
                        label="Matched pairs (optional)"
                        rows=3
                        hint="One per line: key | first case key, second case key | what differs between the two patients, told to the learner afterwards | theme codes separated by commas. The two cases must have the same decisions and option keys; results show where a learner chose differently."
                        value=value_or(&error, "pairs", &pairs_text(&d.pairs))
                        error=message(&error, "pairs")
                    />
                    <button class="nhsuk-button" type="submit">
                        "Save"
                    </button>
                </form>
            </EditorFrame>
        }
        .into_any()
    })
}
