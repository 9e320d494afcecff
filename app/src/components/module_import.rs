//! The form that uploads a module file as a new draft, on the studio's front page and the admins'
//! module list.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::admin::import_module::ImportModule;
use crate::components::forms::{FileField, SubmitButton, message};
use crate::error::AppError;

#[component]
pub fn ImportForm(error: Option<AppError>) -> impl IntoView {
    view! {
        <h2>"Import a module file"</h2>
        <p>
            "A module file (.toml) becomes a new draft version of its module; the format is described in the \
             curriculum README. Every problem in the file is listed with its line."
        </p>
        <form method="post" action=ImportModule::PATH enctype="multipart/form-data">
            <FileField label="Module file" accept=".toml,text/plain" error=message(&error, "file") />
            <SubmitButton text="Import" />
        </form>
    }
}
