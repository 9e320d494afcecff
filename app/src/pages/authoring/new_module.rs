//! `/author/new`: start a new module from its address and title; everything else is written in
//! the studio afterwards.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::authoring::create_module::CreateModule;
use crate::api::authoring::view_studio::view_studio;
use crate::components::form_page::FormPage;
use crate::components::forms::{SubmitButton, TextField, message, value_or};
use crate::pages::loaded::loaded_with_messages;

#[component]
pub fn NewModulePage() -> impl IntoView {
    // The studio's view checks the visitor may author, before the form is shown.
    let studio = Resource::new(|| (), |_| view_studio());
    loaded_with_messages(studio, |_, messages| {
        let error = messages.error_for::<CreateModule>();
        view! {
            <FormPage title="Start a new module".into() error=error.clone()>
                <span class="nhsuk-caption-l">"Authoring studio"</span>
                <h1>"Start a new module"</h1>
                <form method="post" action=CreateModule::PATH novalidate>
                    <TextField
                        name="title"
                        label="Title"
                        hint="What a GP sees in the catalogue, such as: Ruth: sleeping tablets after a bereavement"
                        value=value_or(&error, "title", "")
                        error=message(&error, "title")
                    />
                    <TextField
                        name="slug"
                        label="Address"
                        width="nhsuk-input--width-20"
                        hint="The end of the module's web address: lower-case letters, digits and hyphens. It cannot change later."
                        value=value_or(&error, "slug", "")
                        error=message(&error, "slug")
                    />
                    <SubmitButton text="Start the module" />
                </form>
                <p>
                    <a href="/author">"Back to the studio"</a>
                </p>
            </FormPage>
        }
        .into_any()
    })
}
