//! The form that uploads a module file as a new draft, on the studio's front page and the admins'
//! module list.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::admin::import_module::ImportModule;
use crate::components::forms::{SubmitButton, message};
use crate::error::AppError;

#[component]
pub fn ImportForm(error: Option<AppError>) -> impl IntoView {
    let problem = message(&error, "file");
    let group =
        if problem.is_some() { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" };
    view! {
        <h2>"Import a module file"</h2>
        <p>
            "A module file (.toml) becomes a new draft version of its module; the format is described in the \
             curriculum README. Every problem in the file is listed with its line."
        </p>
        <form method="post" action=ImportModule::PATH enctype="multipart/form-data">
            <div class=group>
                <label class="nhsuk-label" for="file">
                    "Module file"
                </label>
                {problem
                    .map(|m| {
                        view! {
                            <span class="nhsuk-error-message" id="file-error">
                                <span class="nhsuk-u-visually-hidden">"Error: "</span>
                                {m}
                            </span>
                        }
                    })}
                <input
                    class="nhsuk-file-upload"
                    id="file"
                    name="file"
                    type="file"
                    accept=".toml,text/plain"
                    aria-describedby=error.is_some().then_some("file-error")
                />
            </div>
            <SubmitButton text="Import" />
        </form>
    }
}
